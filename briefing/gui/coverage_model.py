"""The coverage tree's data: one row per theme, its passages as children fetched in batches.

A theme on a big dossier has tens of thousands of passages; the view asks for rows only as the
user opens a theme and scrolls (``canFetchMore``/``fetchMore``), and a row's text is made only
when it is painted. The model keeps the analysis' tuples of ids and a reference to the
project's passages (no copy of their text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from briefing.core.coverage import ThemeCoverage
from briefing.core.model import Passage
from briefing.gui.appearance import scheme_of
from briefing.gui.swatches import swatch_icon

Index = QModelIndex | QPersistentModelIndex

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PASSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 3
FLAGGED_TIP = "Tagged passages, none cited yet"
SNIPPET_CHARS = 200  # the view elides to its width; this only bounds the work
BATCH = 200  # passages fetched at a time under an open theme
_TOP = 0  # internal id of a theme row; a passage row's is its theme's row + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def warning_colour(palette: QPalette) -> QColor:
    """Amber dark enough on a light base, light enough on a dark one (core.colours)."""
    return QColor(scheme_of(palette).warning)


def one_line(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def counts_text(entry: ThemeCoverage) -> str:
    total, cited = len(entry.passage_ids), len(entry.cited_ids)
    return f"{cited} of {total} cited" if total else "no passages"


class CoverageModel(QAbstractItemModel):
    COLUMNS = ("Theme", "Cited")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[ThemeCoverage] = []
        self._cited: list[frozenset[int]] = []
        self._fetched: list[int] = []  # per theme: children shown so far
        self._passages: Mapping[int, Passage] = {}
        self._icons: dict[str, QIcon] = {}

    # ---- filling ------------------------------------------------------------------------

    def set_coverage(self, items: Sequence[ThemeCoverage], passages: Mapping[int, Passage]) -> bool:
        """Show ``items``. When the themes and their passages are those shown (typing changes
        only what is cited), the rows stay and only their counts and marks change; otherwise
        the model is reset (returns True)."""
        same_rows = len(items) == len(self._entries) and all(
            new.theme.id == old.theme.id and new.passage_ids == old.passage_ids
            for new, old in zip(items, self._entries, strict=True)
        )
        self._passages = passages
        if same_rows:
            self._entries = list(items)
            self._cited = [frozenset(e.cited_ids) for e in items]
            if items:
                last = self.index(len(items) - 1, 1)
                self.dataChanged.emit(self.index(0, 0), last)
                for row, fetched in enumerate(self._fetched):
                    if fetched:
                        parent = self.index(row, 0)
                        self.dataChanged.emit(
                            self.index(0, 0, parent), self.index(fetched - 1, 1, parent)
                        )
            return False
        self.beginResetModel()
        self._entries = list(items)
        self._cited = [frozenset(e.cited_ids) for e in items]
        self._fetched = [0] * len(items)
        self.endResetModel()
        return True

    def theme_ids(self) -> list[int]:
        return [entry.theme.id for entry in self._entries]

    def theme_row(self, theme_id: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.theme.id == theme_id:
                return row
        return None

    def passage_index(self, theme_id: int, passage_id: int) -> QModelIndex:
        """The passage's row under the theme, fetching rows up to it (invalid if absent)."""
        row = self.theme_row(theme_id)
        if row is None:
            return QModelIndex()
        ids = self._entries[row].passage_ids
        try:
            position = ids.index(passage_id)
        except ValueError:
            return QModelIndex()
        parent = self.index(row, 0)
        while self._fetched[row] <= position:
            self.fetchMore(parent)
        return self.index(position, 0, parent)

    # ---- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._entries)
        if parent.internalId() == _TOP and parent.column() == 0:
            return self._fetched[parent.row()]
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self._entries)
        if parent.internalId() == _TOP and parent.column() == 0:
            return bool(self._entries[parent.row()].passage_ids)
        return False

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid() or parent.internalId() != _TOP or parent.column() != 0:
            return False
        row = parent.row()
        return self._fetched[row] < len(self._entries[row].passage_ids)

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        first = self._fetched[row]
        last = min(len(self._entries[row].passage_ids), first + BATCH) - 1
        self.beginInsertRows(parent, first, last)
        self._fetched[row] = last + 1
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._theme_data(index.row(), index.column(), role)
        return self._passage_data(index.internalId() - 1, index.row(), index.column(), role)

    # ---- cells --------------------------------------------------------------------------

    def _theme_data(self, row: int, column: int, role: int) -> Any:
        entry = self._entries[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.theme.name if column == 0 else counts_text(entry)
        if role == THEME_ID_ROLE:
            return entry.theme.id
        if role == FLAGGED_ROLE:
            return entry.flagged
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return _RIGHT
        if role == Qt.ItemDataRole.DecorationRole:
            if column == 0:
                colour = entry.theme.colour
                if colour not in self._icons:
                    self._icons[colour] = swatch_icon([colour])
                return self._icons[colour]
            if entry.flagged:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.flagged:
                return FLAGGED_TIP
            if column == 0:
                return entry.theme.description.strip() or entry.theme.name
            return f"{counts_text(entry)} of the passages tagged {entry.theme.name}"
        if entry.flagged and role == Qt.ItemDataRole.FontRole:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if entry.flagged and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(warning_colour(QApplication.palette()))
        return None

    def _passage_data(self, theme_row: int, row: int, column: int, role: int) -> Any:
        entry = self._entries[theme_row]
        pid = entry.passage_ids[row]
        if role == PASSAGE_ID_ROLE:
            return pid
        if role == THEME_ID_ROLE:
            return entry.theme.id
        cited = pid in self._cited[theme_row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return "cited" if cited else "—"
            passage = self._passages.get(pid)
            return f"p{pid}  {one_line(passage.text) if passage else '(passage not found)'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return "Cited in this note" if cited else "Not cited in this note"
            passage = self._passages.get(pid)
            return one_line(passage.text, 600) if passage else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and not cited:
            return QBrush(QColor(scheme_of(QApplication.palette()).muted))
        return None
