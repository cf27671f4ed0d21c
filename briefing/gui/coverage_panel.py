"""Theme coverage of the note: for each theme, how many of its passages the note cites, and a
warning on themes with evidence but no citation. Each theme opens onto its passages.

The panel shows what it is given (``briefing.core.coverage.coverage``) and emits requests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.coverage import ThemeCoverage
from briefing.core.model import Passage
from briefing.gui.actions import actions_context_menu, make_action
from briefing.gui.appearance import scheme_of
from briefing.gui.swatches import swatch_icon

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PASSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 3
FLAGGED_TIP = "Tagged passages, none cited yet"
SNIPPET_CHARS = 200  # the view elides to its width; this only bounds the work


def warning_colour(palette: QPalette) -> QColor:
    """Amber dark enough on a light base, light enough on a dark one (core.colours)."""
    return QColor(scheme_of(palette).warning)


def one_line(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CoveragePanel(QWidget):
    passage_activated = Signal(int)  # passage id: show it in its source
    cite_requested = Signal(int)  # passage id: insert a citation of it in the note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Theme", "Cited"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.cite_action = make_action(
            self, "Cite Passage", self._cite, tip="Cite this passage in the note"
        )
        self.show_action = make_action(
            self, "Show Passage", self._show, tip="Show the passage in its source"
        )
        actions_context_menu(self.tree)
        self.tree.addActions([self.cite_action, self.show_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.currentItemChanged.connect(self._update_actions)
        self._update_actions()

    # ---- API ----------------------------------------------------------------------------

    def set_coverage(self, items: Sequence[ThemeCoverage], passages: Mapping[int, Passage]) -> None:
        """Rebuild the tree, keeping which themes are open and the selected row."""
        expanded = set()
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.isExpanded():
                expanded.add(item.data(0, THEME_ID_ROLE))
        current = self.tree.currentItem()
        keep = (
            (current.data(0, THEME_ID_ROLE), current.data(0, PASSAGE_ID_ROLE)) if current else None
        )
        scroll = self.tree.verticalScrollBar().value()
        self.tree.clear()
        for entry in items:
            top = self._theme_item(entry)
            cited = set(entry.cited_ids)
            for pid in entry.passage_ids:
                child = self._passage_item(top, pid, pid in cited, passages.get(pid))
                if keep == (entry.theme.id, pid):
                    self.tree.setCurrentItem(child)
            top.setExpanded(entry.theme.id in expanded)
            if keep == (entry.theme.id, None):
                self.tree.setCurrentItem(top)
        self.tree.verticalScrollBar().setValue(scroll)
        self._update_actions()

    def current_passage_id(self) -> int | None:
        item = self.tree.currentItem()
        pid = item.data(0, PASSAGE_ID_ROLE) if item else None
        return int(pid) if pid is not None else None

    def item_for_passage(self, theme_id: int, passage_id: int) -> QTreeWidgetItem | None:
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            if top is None or top.data(0, THEME_ID_ROLE) != theme_id:
                continue
            for i in range(top.childCount()):
                child = top.child(i)
                if child is not None and child.data(0, PASSAGE_ID_ROLE) == passage_id:
                    return child
        return None

    # ---- internals ----------------------------------------------------------------------

    def _theme_item(self, entry: ThemeCoverage) -> QTreeWidgetItem:
        total, cited = len(entry.passage_ids), len(entry.cited_ids)
        counts = f"{cited} of {total} cited" if total else "no passages"
        item = QTreeWidgetItem(self.tree, [entry.theme.name, counts])
        item.setIcon(0, swatch_icon([entry.theme.colour]))
        item.setData(0, THEME_ID_ROLE, entry.theme.id)
        item.setData(0, FLAGGED_ROLE, entry.flagged)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tip = entry.theme.description.strip() or entry.theme.name
        if entry.flagged:
            font = item.font(0)
            font.setBold(True)
            colour = QBrush(warning_colour(self.palette()))
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            item.setIcon(1, icon)
            for column in (0, 1):
                item.setFont(column, font)
                item.setForeground(column, colour)
                item.setToolTip(column, FLAGGED_TIP)
        else:
            item.setToolTip(0, tip)
            item.setToolTip(1, f"{counts} of the passages tagged {entry.theme.name}")
        return item

    def _passage_item(
        self, parent: QTreeWidgetItem, pid: int, cited: bool, passage: Passage | None
    ) -> QTreeWidgetItem:
        text = one_line(passage.text) if passage else "(passage not found)"
        item = QTreeWidgetItem(parent, [f"p{pid}  {text}", "cited" if cited else "—"])
        item.setData(0, PASSAGE_ID_ROLE, pid)
        item.setData(0, THEME_ID_ROLE, parent.data(0, THEME_ID_ROLE))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if passage is not None:
            item.setToolTip(0, one_line(passage.text, 600))
        if not cited:
            item.setForeground(1, QBrush(QColor(scheme_of(self.palette()).muted)))
            item.setToolTip(1, "Not cited in this note")
        else:
            item.setToolTip(1, "Cited in this note")
        return item

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        pid = item.data(0, PASSAGE_ID_ROLE)
        if pid is not None:
            self.passage_activated.emit(int(pid))

    def _cite(self) -> None:
        pid = self.current_passage_id()
        if pid is not None:
            self.cite_requested.emit(pid)

    def _show(self) -> None:
        pid = self.current_passage_id()
        if pid is not None:
            self.passage_activated.emit(pid)

    def _update_actions(self, *_args: object) -> None:
        on_passage = self.current_passage_id() is not None
        self.cite_action.setEnabled(on_passage)
        self.show_action.setEnabled(on_passage)
