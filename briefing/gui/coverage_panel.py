"""Theme coverage of the note: for each theme, how many of its passages the note cites, and a
warning on themes with evidence but no citation. Each theme opens onto its passages,
fetched a batch at a time as the user scrolls (``coverage_model``).

The panel shows what it is given (``briefing.core.coverage.coverage``) and emits requests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QVBoxLayout, QWidget

from briefing.core.coverage import ThemeCoverage
from briefing.core.model import Passage
from briefing.gui.actions import actions_context_menu, make_action
from briefing.gui.coverage_model import (
    FLAGGED_ROLE,
    FLAGGED_TIP,
    PASSAGE_ID_ROLE,
    THEME_ID_ROLE,
    CoverageModel,
)

__all__ = ["FLAGGED_ROLE", "FLAGGED_TIP", "PASSAGE_ID_ROLE", "THEME_ID_ROLE", "CoveragePanel"]


class CoveragePanel(QWidget):
    passage_activated = Signal(int)  # passage id: show it in its source
    cite_requested = Signal(int)  # passage id: insert a citation of it in the note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # an open theme can hold thousands of rows

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
        self.tree.activated.connect(self._on_activated)
        self.tree.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    # ---- API ----------------------------------------------------------------------------

    def set_coverage(self, items: Sequence[ThemeCoverage], passages: Mapping[int, Passage]) -> None:
        """Show the coverage, keeping which themes are open, the selected row and the scroll."""
        expanded = {
            theme_id
            for row, theme_id in enumerate(self.model.theme_ids())
            if self.tree.isExpanded(self.model.index(row, 0))
        }
        current = self.tree.currentIndex()
        keep = (
            (current.data(THEME_ID_ROLE), current.data(PASSAGE_ID_ROLE))
            if current.isValid()
            else None
        )
        scroll = self.tree.verticalScrollBar().value()
        if self.model.set_coverage(items, passages):  # a reset: open and select as before
            for row, entry in enumerate(items):
                if entry.theme.id in expanded:
                    self.tree.expand(self.model.index(row, 0))
            if keep is not None:
                self.tree.setCurrentIndex(self._index_of(*keep))
            self.tree.verticalScrollBar().setValue(scroll)
        self._update_actions()

    def current_passage_id(self) -> int | None:
        pid = self.tree.currentIndex().data(PASSAGE_ID_ROLE)
        return int(pid) if pid is not None else None

    def index_for_passage(self, theme_id: int, passage_id: int) -> QModelIndex:
        """The passage's row under the theme (fetched if it was not yet); invalid if none."""
        return self.model.passage_index(theme_id, passage_id)

    # ---- internals ----------------------------------------------------------------------

    def _index_of(self, theme_id: int, passage_id: int | None) -> QModelIndex:
        if passage_id is not None:
            return self.model.passage_index(theme_id, passage_id)
        row = self.model.theme_row(theme_id)
        return self.model.index(row, 0) if row is not None else QModelIndex()

    def _on_activated(self, index: QModelIndex) -> None:
        pid = index.data(PASSAGE_ID_ROLE)
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
