"""Find in the current source (Ctrl+F): every match shown, next and previous."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from briefing.gui.source_viewer import SourceViewer


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Code-point spans of every case-insensitive occurrence of ``needle``."""
    if not needle:
        return []
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, viewer: SourceViewer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in this source")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        self.count = QLabel()
        layout.addWidget(self.field)
        layout.addWidget(self.count)
        for text, tip, slot in (
            ("Previous", "Previous match (Shift+Enter)", self.previous),
            ("Next", "Next match (Enter)", self.next),
            ("✕", "Close (Esc)", self.close_bar),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.setStretch(0, 1)
        self.field.installEventFilter(self)

    def open(self) -> None:
        self.show()
        selected = self.viewer.selected_text()  # the stored text, not the display's
        if selected and "\n" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.viewer.set_find_matches([])
        self.hide()
        self.viewer.setFocus()
        self.closed.emit()

    def search(self) -> None:
        self.matches = find_all(self.viewer.source_text(), self.field.text())
        self.current = -1
        if self.matches:
            self.next()
        else:
            self.viewer.set_find_matches([])
            self.count.setText("No matches" if self.field.text() else "")

    def next(self) -> None:
        self._go(+1)

    def previous(self) -> None:
        self._go(-1)

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
