"""The sources list: title, format and passage count, sortable by any column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from briefing.core.model import Source
from briefing.gui.records_model import RecordsModel

Index = QModelIndex | QPersistentModelIndex

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RESIZE_ROWS = 200  # rows read to fit the Format and Passages columns


class SourcesModel(RecordsModel):
    COLUMNS = ("Title", "Format", "Passages")

    def records(self) -> Sequence[Any]:
        return self._sources

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sources: list[Source] = []

    def set_sources(self, sources: Sequence[Source]) -> None:
        self.beginResetModel()
        self._sources = list(sources)
        self.endResetModel()

    def update_sources(self, sources: Sequence[Source]) -> bool:
        """New details of the same sources (passage counts, titles) without a reset, so the
        selection and the view stay as they are. False when the set of sources changed."""
        if [s.id for s in sources] != [s.id for s in self._sources]:
            return False
        self._sources = list(sources)
        if self._sources:
            last = self.index(len(self._sources) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sources):
            return None
        source = self._sources[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (source.title, source.format.upper(), source.passages)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [source.title, f"{source.chars:,} characters"]
            if source.ocr:  # scanned pages: the words are OCR's reading, not the author's text
                details[1] += ", read by OCR"
            people = (source.author, source.organisation, source.published, source.origin)
            details += [v for v in people if v]
            return "\n".join(details)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SOURCE_ID_ROLE:
            return source.id
        return None


class SourcesPanel(QTableView):
    """Emits ``source_chosen(id)`` when the user picks a source."""

    source_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = SourcesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model_)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until the user sorts
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Fit the columns to the first rows, not all: on 1,000 sources fitting read every cell.
        header.setResizeContentsPrecision(RESIZE_ROWS)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self.activated.connect(self._on_current)

    def set_sources(self, sources: Sequence[Source], current: int | None = None) -> None:
        self.model_.set_sources(sources)
        if current is not None:
            self.select_source(current)

    def update_sources(self, sources: Sequence[Source]) -> None:
        if not self.model_.update_sources(sources):
            self.set_sources(sources, self.current_source_id())

    def select_source(self, source_id: int) -> None:
        row = self.model_.row_of(source_id)
        if row >= 0:
            self.setCurrentIndex(self.proxy.mapFromSource(self.model_.index(row, 0)))

    def current_source_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(SOURCE_ID_ROLE)) if index.isValid() else None

    def _on_current(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if index.isValid():
            self.source_chosen.emit(int(index.data(SOURCE_ID_ROLE)))
