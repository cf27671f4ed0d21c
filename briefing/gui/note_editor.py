"""The note editor: the note's Markdown, written to the project without a Save.

The body is written at most a second after typing pauses, when the editor loses focus, on
Ctrl+S and when the window closes (DESIGN.md section 4).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from briefing.core.errors import BriefingError

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 800  # after the last keystroke; leaves margin under the one-second promise


class NoteEditor(QPlainTextEdit):
    saved = Signal()
    save_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self._writer: Callable[[str], None] | None = None
        self._dirty = False
        self.textChanged.connect(self._on_changed)

    def load(self, body: str, writer: Callable[[str], None] | None) -> None:
        """Show a note's body; ``writer`` stores it (None: the note is read-only)."""
        self.save()
        self._writer = None  # no write for the text we are about to set
        self.setPlainText(body)
        self.document().clearUndoRedoStacks()
        self._writer = writer
        self._dirty = False
        self.setReadOnly(writer is None)

    def is_dirty(self) -> bool:
        return self._dirty

    def save(self) -> bool:
        """Write the body now if it changed. False (and a signal) when the write failed."""
        self._timer.stop()
        if not self._dirty or self._writer is None:
            return True
        try:
            self._writer(self.toPlainText())
        except (BriefingError, OSError, sqlite3.Error) as exc:
            logger.warning("note not saved: %s", exc)
            self.save_failed.emit(str(exc))
            return False
        self._dirty = False
        self.saved.emit()
        return True

    def _on_changed(self) -> None:
        if self._writer is None:
            return
        self._dirty = True
        self._timer.start()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # Dropped files are sources to import (the window does it), not text for the note.
        if source.hasUrls() and all(url.isLocalFile() for url in source.urls()):
            return False
        return super().canInsertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.save()
        super().focusOutEvent(event)
