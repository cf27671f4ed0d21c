"""Find in the current source (Ctrl+F): every match highlighted, next and previous.

Matches are found by ``core.matching.find_matches``, the rule Search All Sources uses too, with
the same options (whole words, match case), which ``MatchChoices`` keeps in step between the
two and remembers. Escape closes the bar and clears its matches.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from briefing.core.matching import MatchOptions, find_matches
from briefing.gui.settings import Settings
from briefing.gui.source_viewer import SourceViewer


class MatchChoices(QObject):
    """Whole words and match case, shared by the find bar and Search All Sources."""

    changed = Signal()

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        if settings is not None:
            self.options = MatchOptions(settings.find_whole_words, settings.find_match_case)
        else:
            self.options = MatchOptions()

    def set(self, options: MatchOptions) -> None:
        if options != self.options:
            self.options = options
            if self.settings is not None:
                self.settings.find_whole_words = options.whole_words
                self.settings.find_match_case = options.match_case
            self.changed.emit()


class OptionButtons:
    """The two options as checkable buttons that follow ``MatchChoices`` and change it."""

    def __init__(self, choices: MatchChoices, layout: QHBoxLayout, owner: str) -> None:
        self.choices = choices
        self.whole_words = _toggle("Whole words", f"{owner} whole words only, not parts of words")
        self.match_case = _toggle("Match case", f"{owner} only what has the case typed")
        for button in (self.whole_words, self.match_case):
            layout.addWidget(button)
            button.toggled.connect(self._toggled)
        choices.changed.connect(self.show_choices)
        self.show_choices()

    def show_choices(self) -> None:
        options = self.choices.options
        for button, on in (
            (self.whole_words, options.whole_words),
            (self.match_case, options.match_case),
        ):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def _toggled(self) -> None:
        self.choices.set(MatchOptions(self.whole_words.isChecked(), self.match_case.isChecked()))


def _toggle(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setToolTip(tip)
    button.setAccessibleName(text)
    button.setAccessibleDescription(tip)
    return button


class FindBar(QWidget):
    closed = Signal()

    def __init__(
        self,
        viewer: SourceViewer,
        choices: MatchChoices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.choices = choices or MatchChoices(parent=self)
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in this source")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(90)
        self.field.setAccessibleName("Find in this source")
        self.field.setAccessibleDescription(
            "Words to find in the source shown; Enter for the next match, Escape to close"
        )
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        self.count = QLabel()
        self.count.setAccessibleName("Matches")
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        self.options = OptionButtons(self.choices, layout, "Find")
        self.choices.changed.connect(self._options_changed)
        for arrow, name, tip, slot in (
            (Qt.ArrowType.UpArrow, "Previous match", "Previous match (Shift+Enter)", self.previous),
            (Qt.ArrowType.DownArrow, "Next match", "Next match (Enter)", self.next),
        ):
            button = QToolButton()
            button.setArrowType(arrow)
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            layout.addWidget(button)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close and clear (Esc)")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.field.installEventFilter(self)

    def open(self) -> None:
        self.show()
        selected = self.viewer.selected_text()  # the stored text, not the display's
        if selected and "\n" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def show_query(self, query: str, start: int) -> None:
        """Open on ``query`` with the match at ``start`` current (a search hit was opened)."""
        self.show()
        self.field.blockSignals(True)
        self.field.setText(query)
        self.field.blockSignals(False)
        self.matches = self._find()
        spans = [s for s, _e in self.matches]
        self.current = spans.index(start) - 1 if start in spans else -1
        if self.matches:
            self._go(+1)
        else:
            self._show_none()

    def close_bar(self) -> None:
        """Close, and clear the query and its highlights."""
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.matches, self.current = [], -1
        self.count.clear()
        self.viewer.set_find_matches([])
        self.hide()
        self.viewer.setFocus()
        self.closed.emit()

    def search(self) -> None:
        self.matches = self._find()
        self.current = -1
        if self.matches:
            self.next()
        else:
            self._show_none()

    def next(self) -> None:
        self._go(+1)

    def previous(self) -> None:
        self._go(-1)

    def _find(self) -> list[tuple[int, int]]:
        return find_matches(self.viewer.source_text(), self.field.text(), self.choices.options)

    def _options_changed(self) -> None:
        if self.isVisible() and self.field.text():
            self.search()

    def _show_none(self) -> None:
        self.viewer.set_find_matches([])
        self.count.setText("No matches" if self.field.text().strip() else "")

    def _go(self, step: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + step) % len(self.matches)
        self.viewer.set_find_matches(self.matches, self.current)
        self.viewer.select_range(*self.matches[self.current])
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")

    def eventFilter(self, watched: object, event: object) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift:
                self.previous()
                return True
        return False
