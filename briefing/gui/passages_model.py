"""The passages table's data: a model of the passages and a filter by theme, source and words.

Sorting is done by the model on precomputed ranks (see ``PassagesModel.sort``): the proxy would
call back into Python for every comparison.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from briefing.core.model import Passage, Source, Theme
from briefing.gui.records_model import RecordsModel
from briefing.gui.swatches import swatch_icon

Index = QModelIndex | QPersistentModelIndex

PASSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PASSAGE_MIME = "application/x-briefing-passage"
DISPLAY_LIMIT = 500  # characters shown in a cell; the view elides well before this
TOOLTIP_LIMIT = 2000  # a passage can be pages long; a tooltip cannot


def one_line(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """Whitespace runs (newlines included) as single spaces, cut to ``limit`` code points."""
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def ranks(keys: Sequence[Any]) -> list[int]:
    """Each item's position once sorted by its key, equal keys sharing one (so that a sort
    keeps their order): sorting then compares plain ints."""
    rank = [0] * len(keys)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    for position, row in enumerate(order):
        tie = position and keys[row] == keys[order[position - 1]]
        rank[row] = rank[order[position - 1]] if tie else position
    return rank


class PassagesModel(RecordsModel):
    COLUMNS = ("Themes", "Passage", "Source", "Memo")

    def records(self) -> Sequence[Any]:
        return self._passages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._passages: list[Passage] = []
        self._sources: dict[int, Source] = {}
        self._themes: dict[int, Theme] = {}
        self._theme_ids: list[tuple[int, ...]] = []  # per row: known themes, project order
        # Per column, per row, made when the column is sorted on (a sort is usually by one).
        self._ranks: list[list[int] | None] = [None for _ in self.COLUMNS]
        self._icons: dict[tuple[int, ...], QIcon] = {}
        self._sort = (1, Qt.SortOrder.AscendingOrder)
        self._places: dict[int, int] = {}  # source id -> its place in the sources list

    def set_data(
        self, passages: Sequence[Passage], sources: Sequence[Source], themes: Sequence[Theme]
    ) -> None:
        self.beginResetModel()
        self._passages = list(passages)
        self._sources = {s.id: s for s in sources}
        self._themes = {t.id: t for t in themes}
        self._icons = {}
        self._theme_ids = [self._known_themes(p.theme_ids) for p in self._passages]
        # Themes by the first theme's order (then the next...); Passage by source, then offset.
        self._places = {s.id: i for i, s in enumerate(sources)}
        self._ranks = [None for _ in self.COLUMNS]
        self._reorder(self._sorted_rows())
        self.endResetModel()

    def update_passages(self, changed: Sequence[Passage], removed: Sequence[int]) -> bool:
        """A few passages added, changed or removed, applied as row insertions, changes and
        removals (a reset of 100,000 rows takes seconds, and loses the view's place). False,
        with nothing done, when the table is not in its source order or a theme is new: the
        caller then sets all the data again."""
        column, order = self._sort
        known = all(t in self._themes for p in changed for t in p.theme_ids)
        if column != 1 or order != Qt.SortOrder.AscendingOrder or not known:
            return False
        row_of = {p.id: row for row, p in enumerate(self._passages)}
        self._ranks = [None for _ in self.COLUMNS]  # rows move: ranked again when sorted on
        last = len(self.COLUMNS) - 1
        added = []
        for passage in changed:  # same span (a passage's span never changes): same place
            row = row_of.get(passage.id)
            if row is None:
                added.append(passage)
                continue
            self._passages[row] = passage
            self._theme_ids[row] = self._known_themes(passage.theme_ids)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        gone = sorted((row_of[pid] for pid in set(removed) if pid in row_of), reverse=True)
        for row in gone:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._passages[row]
            del self._theme_ids[row]
            self.endRemoveRows()
        for passage in sorted(added, key=self._source_order):
            row = bisect.bisect_right(
                self._passages, self._source_order(passage), key=self._source_order
            )
            self.beginInsertRows(QModelIndex(), row, row)
            self._passages.insert(row, passage)
            self._theme_ids.insert(row, self._known_themes(passage.theme_ids))
            self.endInsertRows()
        return True

    def _source_order(self, passage: Passage) -> tuple[int, int, int]:
        """The Passage column's key: by source (in the list's order), then offset."""
        return (self._places.get(passage.source_id, len(self._places)), passage.start, passage.end)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by ``column``'s SORT_ROLE ranks; ties keep their current order.

        Sorting here, in one Python sort, rather than in the proxy: the proxy calls back into
        Python for each of its n log n comparisons, over half a second at 10,000 rows."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._passages[i.row()].id for i in before]
        self._reorder(self._sorted_rows())
        rows = {p.id: row for row, p in enumerate(self._passages)}
        after = [self.index(rows[pid], i.column()) for pid, i in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted_rows(self) -> list[int]:
        column, order = self._sort
        rows = range(len(self._passages))
        if not 0 <= column < len(self.COLUMNS):
            return list(rows)
        key = self._rank(column).__getitem__
        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def _rank(self, column: int) -> list[int]:
        """Each row's rank by ``column`` (Themes by the first theme's order, then the next...;
        Passage by source, then offset)."""
        ranked = self._ranks[column]
        if ranked is None:
            passages = self._passages
            if column == 0:
                keys: list[Any] = [[self._theme_order(t) for t in ids] for ids in self._theme_ids]
            elif column == 1:
                keys = [self._source_order(p) for p in passages]
            elif column == 2:
                keys = [self.source_title(p.source_id).casefold() for p in passages]
            else:
                keys = [p.memo.casefold() for p in passages]
            ranked = self._ranks[column] = ranks(keys)
        return ranked

    def _reorder(self, rows: list[int]) -> None:
        self._passages = [self._passages[r] for r in rows]
        self._theme_ids = [self._theme_ids[r] for r in rows]
        self._ranks = [None if rank is None else [rank[r] for r in rows] for rank in self._ranks]

    def sources(self) -> list[Source]:
        return list(self._sources.values())

    def themes(self) -> list[Theme]:
        return list(self._themes.values())

    def passages(self) -> list[Passage]:
        return list(self._passages)

    def passage_at(self, row: int) -> Passage:
        return self._passages[row]

    def haystack(self, row: int) -> str:
        """What the filter's words are looked for in (made when asked: not a second copy of
        every passage's text)."""
        p = self._passages[row]
        return f"{p.text}\n{p.memo}\n{self.source_title(p.source_id)}".casefold()

    def source_title(self, source_id: int) -> str:
        source = self._sources.get(source_id)
        return source.title if source else f"Source {source_id}"

    def theme_ids(self, row: int) -> tuple[int, ...]:
        """The row's known themes in the project's order (the first is the highlight's)."""
        return self._theme_ids[row]

    def _known_themes(self, theme_ids: tuple[int, ...]) -> tuple[int, ...]:
        if len(theme_ids) == 1 and theme_ids[0] in self._themes:
            return theme_ids  # the common case, without a sort (20,000 rows add up)
        return tuple(sorted((t for t in theme_ids if t in self._themes), key=self._theme_order))

    def _theme_order(self, theme_id: int) -> int:
        return self._themes[theme_id].order

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._passages):
            return None
        row, column = index.row(), index.column()
        passage = self._passages[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return ", ".join(self._themes[t].name for t in self.theme_ids(row))
            if column == 1:
                return one_line(passage.text)
            if column == 2:
                return self.source_title(passage.source_id)
            return one_line(passage.memo)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == SORT_ROLE:
            return self._rank(column)[row]
        if role == PASSAGE_ID_ROLE:
            return passage.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flag = Qt.ItemFlag
        if not index.isValid():
            return flag.NoItemFlags
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [PASSAGE_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The dragged passage as its id, and as a citation for the note editor to insert."""
        rows = dict.fromkeys(i.row() for i in indexes if i.isValid())
        ids = [self._passages[r].id for r in rows if 0 <= r < len(self._passages)]
        mime = QMimeData()
        if ids:
            mime.setData(PASSAGE_MIME, ",".join(map(str, ids)).encode("ascii"))
            mime.setText("[" + "; ".join(f"@p{i}" for i in ids) + "]")
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def _icon(self, row: int) -> QIcon | None:
        ids = self.theme_ids(row)
        if not ids:
            return None
        if ids not in self._icons:
            self._icons[ids] = swatch_icon([self._themes[t].colour for t in ids])
        return self._icons[ids]

    def _tooltip(self, row: int) -> str:
        passage = self._passages[row]
        text = passage.text.strip()
        text = text if len(text) <= TOOLTIP_LIMIT else text[:TOOLTIP_LIMIT] + "…"
        names = ", ".join(self._themes[t].name for t in self.theme_ids(row))
        memo = (
            f"\n\n<b>Memo:</b> {html.escape(passage.memo.strip())}" if passage.memo.strip() else ""
        )
        where = html.escape(f"{self.source_title(passage.source_id)} — {names}")
        if passage.author:  # who tagged it, and when (to the day)
            where += html.escape(f" — tagged by {passage.author}, {passage.created_at[:10]}")
        # Rich text so that Qt wraps it; pre-wrap keeps the passage's own line breaks.
        return f'<p style="white-space: pre-wrap">{html.escape(text)}{memo}\n\n<i>{where}</i></p>'


class PassagesFilter(QSortFilterProxyModel):
    """Rows of one theme, one source, and containing every word of the filter text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme_id: int | None = None
        self._source_id: int | None = None
        self._author: str | None = None
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    # Each change re-filters every row through Python: skip the ones that change nothing.
    def set_theme_id(self, theme_id: int | None) -> None:
        if theme_id != self._theme_id:
            self._change(lambda: setattr(self, "_theme_id", theme_id))

    def set_source_id(self, source_id: int | None) -> None:
        if source_id != self._source_id:
            self._change(lambda: setattr(self, "_source_id", source_id))

    def set_author(self, author: str | None) -> None:
        if author != self._author:
            self._change(lambda: setattr(self, "_author", author))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", text.casefold().split()))

    def _change(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter before
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover
            apply()
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The passages model sorts itself (fast); this proxy then keeps its order."""
        model = self.sourceModel()
        if isinstance(model, PassagesModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, PassagesModel):
            return False
        passage = model.passage_at(source_row)
        if self._theme_id is not None and self._theme_id not in passage.theme_ids:
            return False
        if self._source_id is not None and passage.source_id != self._source_id:
            return False
        if self._author is not None and passage.author != self._author:
            return False
        if not self._words:
            return True
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._words)
