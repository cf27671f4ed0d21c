"""The passages review table: themes, text, source and memo, filtered and sortable.

The panel shows what it is given and emits requests (show, cite, quote, edit memo, delete);
the main window carries them out as undoable commands and calls ``set_data`` again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Passage, Source, Theme
from briefing.gui.actions import actions_context_menu, make_action, separator
from briefing.gui.passages_model import (
    PASSAGE_ID_ROLE,
    PassagesFilter,
    PassagesModel,
)
from briefing.gui.swatches import swatch_icon

logger = logging.getLogger(__name__)


def refill(combo: QComboBox, everything: str, items: Sequence[tuple[int, str, str]]) -> None:
    """The "All …" entry, then (id, name, colour) items; keeps the current id if it remains."""
    current = combo.currentData()
    combo.blockSignals(True)  # the caller applies the filter once, not once per item
    combo.clear()
    combo.addItem(everything, None)
    for item_id, name, colour in items:
        combo.addItem(swatch_icon([colour]) if colour else QIcon(), name, item_id)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.blockSignals(False)


UNKNOWN_AUTHOR = "(unknown)"  # passages tagged before authors were recorded


def refill_authors(combo: QComboBox, authors: Sequence[str]) -> None:
    """ "All authors", then each author (the data is the author as stored, "" included)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("All authors", None)
    for author in authors:
        combo.addItem(author or UNKNOWN_AUTHOR, author)
    found = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(0, found))
    combo.blockSignals(False)


class PassagesPanel(QWidget):
    """A filter bar over the passages table; emits requests about the selected passage."""

    passage_activated = Signal(int)
    cite_requested = Signal(list)  # passage ids, in the view's order: one citation group
    quote_requested = Signal(int)
    memo_edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.model_ = PassagesModel(self)
        self.proxy = PassagesFilter(self)
        self.proxy.setSourceModel(self.model_)

        self.theme_combo = QComboBox(self)
        self.theme_combo.setToolTip("Show the passages of one theme")
        self.source_combo = QComboBox(self)
        self.source_combo.setToolTip("Show the passages of one source")
        self.author_combo = QComboBox(self)
        self.author_combo.setToolTip("Show the passages one person tagged")
        for combo in (self.theme_combo, self.source_combo, self.author_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(240)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter by words…")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self._fill_combos([], [])

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # reading order: source, offset
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setDefaultSectionSize(150)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.show_action = make_action(self, "Show in Source", self._emit(self.passage_activated))
        self.cite_action = make_action(self, "Cite Passage", self._cite)
        self.quote_action = make_action(self, "Quote Passage", self._emit(self.quote_requested))
        self.memo_action = make_action(self, "Edit Memo…", self._emit(self.memo_edit_requested))
        self.delete_action = make_action(self, "Delete Passage", self._emit(self.delete_requested))
        menu = (self.show_action, None, self.cite_action, self.quote_action, None, self.memo_action)
        for action in (*menu, self.delete_action):  # the context menu; None: a separator
            self.view.addAction(action or separator(self))

        bar = QHBoxLayout()
        bar.addWidget(self.theme_combo)
        bar.addWidget(self.source_combo)
        bar.addWidget(self.author_combo)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view)

        self.theme_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_theme_id(self.theme_combo.currentData())
        )
        self.source_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_source_id(self.source_combo.currentData())
        )
        self.author_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_author(self.author_combo.currentData())
        )
        self.search.textChanged.connect(self.proxy.set_text)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._update_count)
        self.view.activated.connect(self._on_activated)  # double-click, Enter/Return
        actions_context_menu(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_count()
        self._update_actions()

    # ---- API ----------------------------------------------------------------------------

    def set_data(
        self, passages: Sequence[Passage], sources: Sequence[Source], themes: Sequence[Theme]
    ) -> None:
        """Show these passages, keeping the filters and, if it is still there, the selection."""
        selected = self.selected_passage_id()
        self.model_.set_data(passages, sources, themes)
        self._fill_combos(sources, themes)
        if selected is not None:
            self.select_passage(selected)
        self._update_count()
        self._update_actions()

    def describe_filter(self) -> str:
        """The current filter in words, for a report's title."""
        parts = [self.theme_combo.currentText(), self.source_combo.currentText()]
        if self.author_combo.currentData() is not None:
            parts.append(self.author_combo.currentText())
        words = self.search.text().strip()
        if words:
            parts.append(f"“{words}”")
        return ", ".join(parts)

    def update_passages(self, changed: Sequence[Passage], removed: Sequence[int] = ()) -> None:
        """Some passages added, changed or removed; the sources and themes are as they were."""
        if self.model_.update_passages(changed, removed):
            self._update_count()
            self._update_actions()
            return
        gone = set(removed) | {p.id for p in changed}
        model = self.model_
        kept = [model.passage_at(row) for row in range(model.rowCount())]
        passages = [p for p in kept if p.id not in gone] + list(changed)
        self.set_data(passages, model.sources(), model.themes())

    def set_theme_filter(self, theme_id: int | None) -> None:
        self._choose(self.theme_combo, theme_id)

    def set_source_filter(self, source_id: int | None) -> None:
        self._choose(self.source_combo, source_id)

    def set_author_filter(self, author: str | None) -> None:
        position = self.author_combo.findData(author) if author is not None else 0
        self.author_combo.setCurrentIndex(max(0, position))

    def set_text_filter(self, text: str) -> None:
        self.search.setText(text)

    def visible_passage_ids(self) -> list[int]:
        """The passages the filters let through, in the view's order."""
        proxy = self.proxy
        return [int(proxy.index(r, 0).data(PASSAGE_ID_ROLE)) for r in range(proxy.rowCount())]

    def selected_passage_id(self) -> int | None:
        """The first selected passage (in the view's order), for actions on one passage."""
        ids = self.selected_passage_ids()
        return ids[0] if ids else None

    def selected_passage_ids(self) -> list[int]:
        """Every selected passage, in the view's order (several rows cite as one group)."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [int(index.data(PASSAGE_ID_ROLE)) for index in rows]

    def select_passage(self, passage_id: int) -> bool:
        """Select and reveal a passage; False when it is unknown or hidden by the filters."""
        row = self.model_.row_of(passage_id)
        index = self.proxy.mapFromSource(self.model_.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def set_read_only(self, read_only: bool) -> None:
        """Passages of a read-only project can be shown, not cited, edited or deleted."""
        self._read_only = read_only
        self._update_actions()

    # ---- internals ----------------------------------------------------------------------

    def _fill_combos(self, sources: Sequence[Source], themes: Sequence[Theme]) -> None:
        """Refill both combos; a filter whose theme or source is gone falls back to all."""
        ordered = sorted(themes, key=lambda t: t.order)
        refill(self.theme_combo, "All themes", [(t.id, t.name, t.colour) for t in ordered])
        refill(self.source_combo, "All sources", [(s.id, s.title, "") for s in sources])
        self.proxy.set_theme_id(self.theme_combo.currentData())
        self.proxy.set_source_id(self.source_combo.currentData())
        authors = sorted({p.author for p in self.model_.passages()}, key=str.casefold)
        refill_authors(self.author_combo, authors)
        self.author_combo.setVisible(len(authors) > 1 or self.author_combo.currentIndex() > 0)
        self.proxy.set_author(self.author_combo.currentData())

    def _choose(self, combo: QComboBox, item_id: int | None) -> None:
        position = combo.findData(item_id) if item_id is not None else 0
        if position < 0:
            logger.debug("no filter entry for id %s; showing all", item_id)
            position = 0
        combo.setCurrentIndex(position)

    def _emit(self, signal: SignalInstance) -> Callable[[], None]:
        def emit() -> None:
            passage_id = self.selected_passage_id()
            if passage_id is not None:
                signal.emit(passage_id)

        return emit

    def _cite(self) -> None:
        ids = self.selected_passage_ids()
        if ids:
            self.cite_requested.emit(ids)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.passage_activated.emit(int(index.data(PASSAGE_ID_ROLE)))

    def _update_count(self) -> None:
        total = self.model_.rowCount()
        noun = "passage" if total == 1 else "passages"
        self.count_label.setText(f"{self.proxy.rowCount()} of {total} {noun}")

    def _update_actions(self) -> None:
        chosen = self.selected_passage_id() is not None
        self.show_action.setEnabled(chosen)
        for action in (self.cite_action, self.quote_action, self.memo_action, self.delete_action):
            action.setEnabled(chosen and not self._read_only)
