"""Spell check as you type: the dictionary of the project's language, loaded on a thread, the
wavy underline (drawn by the note's highlighter), and the right-click menu's suggestions and
"Add to Dictionary".

The project keeps its language and its own words in the file (``Project.info``), so a word
added on one machine is known wherever the project is opened. The checking itself is
``briefing.core.spelling``, the same the ``check`` verb uses.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import partial

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QActionGroup, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from briefing.core.errors import BriefingError
from briefing.core.offsets import OffsetMap
from briefing.core.spelling import (
    DEFAULT_LANGUAGE,
    LANGUAGE_KEY,
    LANGUAGES,
    WORDS_KEY,
    Dictionary,
    dictionary,
    words,
)
from briefing.gui.note_editor import NoteEditor
from briefing.gui.session import ProjectSession, StatusSink

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 5
LOAD_DELAY_MS = 300


class SpellingController(QObject):
    ready = Signal()  # the dictionary is loaded and the note underlined
    _loaded = Signal(object, str)  # from the loading thread: Dictionary | None, error

    def __init__(
        self, session: ProjectSession, editor: NoteEditor, status: StatusSink, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session, self.editor, self.status = session, editor, status
        self.checker: Dictionary | None = None
        self.extra: frozenset[str] = frozenset()
        self.enabled = True
        self._wanted = ""
        self._verdicts: dict[str, bool] = {}  # word -> spelt right, for this language and words
        self._loaded.connect(self._on_loaded)
        editor.menu_hook = self.fill_menu

    # ---- the project's language and words -------------------------------------------------

    @property
    def language(self) -> str:
        chosen = self.session.project.info(LANGUAGE_KEY, DEFAULT_LANGUAGE)
        return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE

    def load(self) -> None:
        """Another project: its words now, its language's dictionary when it has loaded."""
        stored = self.session.project.info(WORDS_KEY, "")
        self.extra = frozenset(w for w in stored.split("\n") if w)
        self._verdicts.clear()
        self._start(self.language)

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        try:
            self.session.project.set_info(LANGUAGE_KEY, language)
        except BriefingError as exc:
            self.status.showMessage(f"Spelling language not saved: {exc}", 8000)
        self._start(language)

    def add_word(self, word: str) -> None:
        """Add to Dictionary: the project knows the word from now on, on every machine."""
        self.extra = self.extra | {word}
        self._verdicts.clear()
        try:
            self.session.project.set_info(WORDS_KEY, "\n".join(sorted(self.extra)))
        except BriefingError as exc:
            self.status.showMessage(f"Known for this session only: {exc}", 8000)
        self.editor.highlighter.rehighlight()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self._apply()

    # ---- loading --------------------------------------------------------------------------

    def _start(self, language: str) -> None:
        self._wanted = language
        if self.checker is not None and self.checker.language == language:
            self._apply()
            return
        # Read once the window has painted: the thread shares the interpreter with it.
        QTimer.singleShot(LOAD_DELAY_MS, self, partial(self._read_in_thread, language))

    def _read_in_thread(self, language: str) -> None:
        if language == self._wanted:
            threading.Thread(target=self._read, args=(language,), daemon=True).start()

    def _read(self, language: str) -> None:
        checker: Dictionary | None = None
        error = ""
        try:
            checker = dictionary(language)
        except Exception as exc:  # a missing or broken word list: the note works without it
            logger.warning("no spelling dictionary for %s: %s", language, exc)
            error = str(exc)
        try:
            self._loaded.emit(checker, error)
        except RuntimeError:
            logger.debug("the window closed while its dictionary loaded")

    def _on_loaded(self, checker: Dictionary | None, error: str) -> None:
        if checker is None:
            self.status.showMessage(f"Spell check is off: {error}", 8000)
            return
        if checker.language != self._wanted:
            return  # another language was chosen meanwhile
        self.checker = checker
        self._apply()
        self.ready.emit()

    def wait_until_ready(self, timeout: float = 15.0) -> bool:
        """For pictures and benchmarks: process events until the dictionary is in use."""
        deadline = time.monotonic() + timeout
        while self.checker is None and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return self.checker is not None

    def _apply(self) -> None:
        self._verdicts.clear()
        on = self.enabled and self.checker is not None
        self.editor.highlighter.set_speller(self.misspelt if on else None)

    # ---- checking -------------------------------------------------------------------------

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """The misspelt words of a line's text: (start, end) code points."""
        checker = self.checker
        if checker is None:
            return []
        verdicts = self._verdicts  # a note repeats its words: each is looked up once
        found = []
        for start, end, word in words(text):
            right = verdicts.get(word)
            if right is None:
                right = verdicts[word] = checker.known(word, self.extra)
            if not right:
                found.append((start, end))
        return found

    def word_at(self, point: QPoint) -> tuple[QTextCursor, str] | None:
        """The misspelt word under a viewport position, selected in a cursor, if any."""
        if self.checker is None or not self.enabled:
            return None
        cursor = self.editor.cursorForPosition(point)
        block = cursor.block()
        text = block.text()
        offsets = OffsetMap(text)
        column = offsets.from_utf16(cursor.positionInBlock())
        for start, end in self.misspelt(text):
            if start <= column <= end:
                found = QTextCursor(block)
                found.setPosition(block.position() + offsets.to_utf16(start))
                found.setPosition(
                    block.position() + offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor
                )
                return found, text[start:end]
        return None

    # ---- the note's right-click menu ------------------------------------------------------

    def fill_menu(self, menu: QMenu, point: QPoint) -> None:
        """Suggestions and Add to Dictionary above the editor's own entries."""
        found = self.word_at(point)
        if found is None or self.editor.isReadOnly() or self.checker is None:
            return
        cursor, word = found
        first = menu.actions()[0] if menu.actions() else None
        entries = []
        for suggestion in self.checker.suggestions(word, MAX_SUGGESTIONS):
            action = menu.addAction(suggestion, partial(self._replace, cursor, suggestion))
            entries.append(action)
        if not entries:
            none = menu.addAction("(No suggestions)")
            none.setEnabled(False)
            entries.append(none)
        entries.append(menu.addAction("Add to Dictionary", partial(self.add_word, word)))
        entries.append(menu.addSeparator())
        if first is not None:
            for action in entries:  # move them to the top, as word processors show them
                menu.removeAction(action)
                menu.insertAction(first, action)

    def _replace(self, cursor: QTextCursor, word: str) -> None:
        cursor.beginEditBlock()
        cursor.insertText(word)
        cursor.endEditBlock()

    def language_menu(self, menu: QMenu) -> None:
        """Fill Note > Spelling Language: one choice per language, the project's checked."""
        menu.clear()
        group = QActionGroup(menu)
        for code, name in LANGUAGES.items():
            action = menu.addAction(name, partial(self.set_language, code))
            action.setCheckable(True)
            action.setChecked(code == self.language)
            group.addAction(action)
