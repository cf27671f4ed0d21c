"""The note's outline: its headings (levels 1 to 3), nested, to jump to a section.

``headings`` is pure (tested without widgets); the panel only shows its result and emits the
offset of the heading the user picks.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from briefing.core.commonmark import block_map

MAX_LEVEL = 3
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1


def headings(body: str) -> list[tuple[int, str, int]]:
    """(level, text, code-point offset of the heading) for each heading of level 1-3 that opens
    a section (not inside a quote, a list or a footnote), as the checks and exports read them:
    CommonMark's ``#`` and underlined headings, never code."""
    return [
        (block.level, block.text, block.start)
        for block in block_map(body)
        if block.kind == "heading" and block.depth == 0 and block.level <= MAX_LEVEL
    ]


class ActivationGate:
    """Passes one activation per item within a double-click: a double-click is both a click
    and an activation in Qt, and the caller should move the cursor once."""

    def __init__(self) -> None:
        self._last: tuple[object, float] | None = None

    def allow(self, key: object) -> bool:
        now = time.monotonic()
        interval = QApplication.doubleClickInterval() / 1000
        if self._last is not None and self._last[0] == key and now - self._last[1] < interval:
            return False
        self._last = (key, now)
        return True


class OutlinePanel(QWidget):
    heading_activated = Signal(int)  # code-point offset of the heading line in the body

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headings: list[tuple[int, str, int]] = []
        self._gate = ActivationGate()
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)  # a double-click jumps; it should not fold
        self.tree.setIndentation(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(self._on_item)
        self.tree.itemActivated.connect(self._on_item)

    def set_body(self, body: str) -> None:
        self.set_headings(headings(body))

    def set_headings(self, found: list[tuple[int, str, int]]) -> None:
        """Show ``headings(body)`` (worked out off the GUI thread by the note's analysis)."""
        if found == self._headings:
            return  # typing in a paragraph: keep the tree, its selection and its scroll
        self._headings = found
        current = self.tree.currentItem()
        current_text = current.text(0) if current else None
        self.tree.clear()
        parents: list[tuple[int, QTreeWidgetItem]] = []  # the open headings, outermost first
        for level, text, offset in found:
            while parents and parents[-1][0] >= level:
                parents.pop()
            label = text or "(untitled heading)"
            if parents:
                item = QTreeWidgetItem(parents[-1][1], [label])
            else:
                item = QTreeWidgetItem(self.tree, [label])
            item.setData(0, OFFSET_ROLE, offset)
            item.setToolTip(0, text)
            if level == 1:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            parents.append((level, item))
            if label == current_text:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        offset = item.data(0, OFFSET_ROLE)
        if offset is not None and self._gate.allow(offset):
            self.heading_activated.emit(int(offset))
