"""The theme matrix's table models: sources down and themes across, and themes by themes.

Each holds the small grid the store counted (``Project.theme_matrix``, ``theme_overlaps``) and
answers a paint from it: nothing here walks the passages. A cell is shaded by its count against
the largest cell, in the palette's highlight colour, with the ink that reads best on it
(``briefing.core.matrix.shade``); the totals are bold and unshaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette

from briefing.core.colours import blend
from briefing.core.matrix import MEASURES, ThemeMatrix, ThemeOverlaps, shade
from briefing.core.model import Theme
from briefing.gui.swatches import swatch_icon

Index = QModelIndex | QPersistentModelIndex

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # None on the totals row
THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # None in the totals column
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
TOTAL = "Total"
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TITLE_CHARS = 60  # a header elides long titles; the tooltip has them whole


class Shading:
    """Cell colours from a palette, remembered per count (a paint asks for many cells)."""

    def __init__(self, palette: QPalette | None = None) -> None:
        self.set_palette(palette or QPalette())

    def set_palette(self, palette: QPalette) -> None:
        role = QPalette.ColorRole
        self._accent = palette.color(role.Highlight).name()
        self._page = palette.color(role.Base).name()
        self._inks = (palette.color(role.Text).name(), palette.color(role.HighlightedText).name())
        # Zeros recede, still readable: the text colour two-thirds of the way over the page.
        self._muted = QColor(blend(self._inks[0], self._page, 0.65))
        self._cache: dict[tuple[int, int], tuple[QBrush, QBrush]] = {}

    def brushes(self, count: int, largest: int) -> tuple[QBrush, QBrush]:
        """(background, ink) for a cell of ``count``."""
        key = (count, largest)
        found = self._cache.get(key)
        if found is None:
            background, ink = shade(count, largest, self._accent, self._page, self._inks)
            found = (QBrush(QColor(background)), QBrush(QColor(ink)))
            self._cache[key] = found
        return found

    def muted(self) -> QBrush:
        return QBrush(self._muted)


class _GridModel(QAbstractTableModel):
    """What both grids share: shading, bold totals, numbers to the right, read-only cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shading = Shading()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_palette(self, palette: QPalette) -> None:
        self.shading.set_palette(palette)
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _cell(self, role: int, count: int, largest: int, total: bool) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_NUMBER.value)
        if role == Qt.ItemDataRole.FontRole and total:
            return self._bold
        if role == COUNT_ROLE:
            return count
        if total:
            return None
        if role == Qt.ItemDataRole.BackgroundRole and count:
            return self.shading.brushes(count, largest)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.shading.brushes(count, largest)[1] if count else self.shading.muted()
        return None


class ThemeMatrixModel(_GridModel):
    """Sources down, themes across, a totals row and column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix = ThemeMatrix((), ())
        self.icons: list[QIcon] = []

    def set_matrix(self, matrix: ThemeMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.icons = _swatches(matrix.themes)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.sources) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.themes) + 1

    def source_id(self, row: int) -> int | None:
        sources = self.matrix.sources
        return sources[row].id if 0 <= row < len(sources) else None

    def theme_id(self, column: int) -> int | None:
        themes = self.matrix.themes
        return themes[column].id if 0 <= column < len(themes) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        matrix, row, column = self.matrix, index.row(), index.column()
        source_id, theme_id = self.source_id(row), self.theme_id(column)
        if role == SOURCE_ID_ROLE:
            return source_id
        if role == THEME_ID_ROLE:
            return theme_id
        if source_id is None:
            count = matrix.total if theme_id is None else matrix.theme_total(theme_id)
        elif theme_id is None:
            count = matrix.sources[row].passages
        else:
            count = matrix.count(source_id, theme_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column, count)
        return self._cell(role, count, matrix.largest, source_id is None or theme_id is None)

    def _tip(self, row: int, column: int, count: int) -> str:
        where = self.matrix.sources[row].title if row < len(self.matrix.sources) else "All sources"
        what = self.matrix.themes[column].name if column < len(self.matrix.themes) else "any theme"
        noun = "passage" if count == 1 else "passages"
        return f"{where}\n{what}: {count} {noun} (click to list them)"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return _theme_header(self.matrix.themes, self.icons, section, role, TOTAL)
        sources = self.matrix.sources
        title = sources[section].title if section < len(sources) else TOTAL
        if role == Qt.ItemDataRole.DisplayRole:
            return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return title
        if role == Qt.ItemDataRole.FontRole and section >= len(sources):
            return self._bold
        return None


class ThemeOverlapsModel(_GridModel):
    """Themes down and across: passages with both themes, or overlapping passages."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overlaps = ThemeOverlaps(())
        self.icons: list[QIcon] = []
        self.measure = "both"
        self._largest = 0

    def set_overlaps(self, overlaps: ThemeOverlaps) -> None:
        self.beginResetModel()
        self.overlaps = overlaps
        self.icons = _swatches(overlaps.themes)
        self._largest = self._off_diagonal_largest()
        self.endResetModel()

    def set_measure(self, measure: str) -> None:
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        self.beginResetModel()
        self.measure = measure
        self._largest = self._off_diagonal_largest()
        self.endResetModel()

    def _off_diagonal_largest(self) -> int:
        """Shading follows the pairs: a theme with itself would outshine them all."""
        table = self.overlaps.both if self.measure == "both" else self.overlaps.overlapping
        return max((n for (a, b), n in table.items() if a != b), default=0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.overlaps.themes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return self.rowCount(parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        themes = self.overlaps.themes
        first, second = themes[index.row()], themes[index.column()]
        if role == THEME_ID_ROLE:
            return (first.id, second.id)
        count = self.overlaps.count(self.measure, first.id, second.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _overlap_tip(self.measure, first, second, count)
        return self._cell(role, count, self._largest, first.id == second.id)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return _theme_header(self.overlaps.themes, self.icons, section, role, "")


def _swatches(themes: tuple[Theme, ...]) -> list[QIcon]:
    return [swatch_icon([theme.colour]) for theme in themes]


def _theme_header(
    themes: tuple[Theme, ...], icons: list[QIcon], section: int, role: int, beyond: str
) -> Any:
    if section >= len(themes):
        return beyond if role == Qt.ItemDataRole.DisplayRole else None
    theme = themes[section]
    if role == Qt.ItemDataRole.DisplayRole:
        return theme.name
    if role == Qt.ItemDataRole.DecorationRole:
        return icons[section]
    if role == Qt.ItemDataRole.ToolTipRole:
        return theme.description or theme.name
    return None


def _overlap_tip(measure: str, first: Theme, second: Theme, count: int) -> str:
    noun = "passage" if count == 1 else "passages"
    if first.id == second.id:
        if measure == "both":
            return f"{first.name}: {count} {noun}"
        pairs = "pair" if count == 1 else "pairs"
        return f"{first.name}: {count} {pairs} of overlapping passages"
    names = f"{first.name} and {second.name}"
    if measure == "both":
        return f"{names}: {count} {noun} carry both"
    pairs = "pair" if count == 1 else "pairs"
    return f"{names}: {count} {pairs} of overlapping passages, one of each"
