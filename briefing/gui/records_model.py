"""What the sources, themes and passages tables have in common: a list of records with ids,
shown as rows under fixed column titles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    """A subclass sets ``COLUMNS`` and returns its rows from ``records``."""

    COLUMNS: tuple[str, ...] = ()

    def records(self) -> Sequence[Any]:
        raise NotImplementedError

    def row_of(self, record_id: int) -> int:
        """The row of the record with this id, or -1."""
        for row, record in enumerate(self.records()):
            if record.id == record_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None
