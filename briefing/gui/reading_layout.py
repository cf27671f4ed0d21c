"""What the source viewer shows for a source with blocks: the stored text with room made for
its structure, and the map between the two. Plain Python: no Qt.

Qt's plain-text layout (fast on a 3 MB report, where the rich-text one needs seconds to jump to
the middle) knows nothing of paragraph spacing or indents. So the viewer shows the stored text
with a few characters of its own inserted, never removed or changed: an empty line between
paragraphs and before headings (the viewer makes it short), an indent and the bullet or number
before a list item, and extra tabs after a table cell so that its columns line up. Everything
else (heading sizes, page breaks) is formatting or painting.

``ReadingLayout`` maps positions both ways. A stored offset that has inserted characters before
it maps to the position after them when it starts something (a cursor, a passage) and before
them when it ends something, so a passage never takes in the next item's bullet. A position
inside inserted characters maps to the stored offset they stand before. Passages, selections,
highlights and searches all go through this map, so their offsets are the stored ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.core.model import FOOTNOTE, HEADING, LIST_ITEM, PAGE_BREAK, TABLE_ROW, Block

EM_SPACE, EN_SPACE = "\u2003", "\u2002"
BULLET = "•"
# Kinds whose blocks follow each other without a gap: a list's items, a table's rows.
TIGHT = frozenset({LIST_ITEM, TABLE_ROW, FOOTNOTE})
MAX_COLUMN_TABS = 30  # a column is at most this many tab stops wide; longer cells push on


@dataclass(frozen=True)
class Spacer:
    """An inserted empty line at display position ``at``; ``size`` is its height in lines."""

    at: int
    size: float


@dataclass
class ReadingLayout:
    """The text as shown, and where its structure is, in display positions (code points)."""

    text: str
    headings: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, level
    footnotes: list[tuple[int, int]] = field(default_factory=list)
    spacers: list[Spacer] = field(default_factory=list)
    page_breaks: list[tuple[int, str]] = field(default_factory=list)  # stored offset, page
    has_tables: bool = False
    # The inserted runs: before stored offset keys[i], lengths[i] characters, of which
    # shifts[i] were inserted before (so the run starts at display keys[i] + shifts[i]).
    _keys: list[int] = field(default_factory=list)
    _lengths: list[int] = field(default_factory=list)
    _shifts: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether anything was inserted (a source without blocks is shown as stored)."""
        return bool(self._keys)

    def to_display(self, offset: int, *, end: bool = False) -> int:
        """The display position of stored ``offset``: after the characters inserted before it,
        or before them when ``end`` (the end of a passage or selection)."""
        index = bisect_left(self._keys, offset) if end else bisect_right(self._keys, offset)
        if index == 0:
            return offset
        return offset + self._shifts[index - 1] + self._lengths[index - 1]

    def to_stored(self, position: int) -> int:
        """The stored offset of display ``position``; inside inserted characters, the offset
        they stand before."""
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        if position < self._starts[index] + self._lengths[index]:
            return self._keys[index]
        return position - self._shifts[index] - self._lengths[index]

    def is_inserted(self, position: int) -> bool:
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._starts[index] + self._lengths[index]


def plain(text: str) -> ReadingLayout:
    """A source shown exactly as stored."""
    return ReadingLayout(text)


def build_layout(
    text: str,
    blocks: Sequence[Block],
    measure: Callable[[str], float] | None = None,
    tab: float = 0.0,
) -> ReadingLayout:
    """The display of ``text`` with its ``blocks``. ``measure`` gives a string's width in
    pixels and ``tab`` the tab stop distance, for lining up tables (without them, table rows
    are shown as stored). One pass: blocks are in text order, so the inserts are too."""
    shown = [b for b in blocks if b.kind != PAGE_BREAK]
    tabs: dict[int, list[tuple[int, str]]] = {}  # a row's start -> its cells' extra tabs
    if measure is not None and tab > 0:
        tabs = _table_tabs(text, [b for b in shown if b.kind == TABLE_ROW], measure, tab)
    out = _Builder(text)
    counters: dict[int, tuple[bool, int]] = {}
    previous: Block | None = None
    for block in shown:
        if previous is not None and _gap_wanted(text, previous, block):
            out.spacer(block.start, 0.9 if block.kind == HEADING else 0.5)
        kind = block.kind
        if kind == LIST_ITEM:
            out.insert(block.start, _list_prefix(block, counters))
        else:
            counters.clear()
        # A heading or a footnote holds no inserts: its end moves as its start does.
        if kind == HEADING:
            level = max(1, block.level)
            out.layout.headings.append((out.shown(block.start), out.shown(block.end), level))
        elif kind == FOOTNOTE:
            out.layout.footnotes.append((out.shown(block.start), out.shown(block.end)))
        elif kind == TABLE_ROW:
            out.layout.has_tables = True
            for offset, chars in tabs.get(block.start, ()):
                out.insert(offset, chars)
        previous = block
    layout = out.finish()
    layout.page_breaks = [(b.start, b.label) for b in blocks if b.kind == PAGE_BREAK]
    return layout


class _Builder:
    """The display text and its map, built by inserts in increasing stored offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.layout = ReadingLayout("")
        self.pieces: list[str] = []
        self.at = 0  # stored text copied so far
        self.shift = 0  # characters inserted so far

    def insert(self, offset: int, chars: str) -> None:
        layout = self.layout
        if layout._keys and layout._keys[-1] == offset:  # a second insert at one offset
            layout._lengths[-1] += len(chars)
        else:
            layout._keys.append(offset)
            layout._lengths.append(len(chars))
            layout._shifts.append(self.shift)
            layout._starts.append(offset + self.shift)
        self.pieces += [self.text[self.at : offset], chars]
        self.at = offset
        self.shift += len(chars)

    def spacer(self, offset: int, size: float) -> None:
        self.layout.spacers.append(Spacer(offset + self.shift, size))
        self.insert(offset, "\n")

    def shown(self, offset: int) -> int:
        """The display position of ``offset``, at or after the last insert."""
        return offset + self.shift

    def finish(self) -> ReadingLayout:
        self.pieces.append(self.text[self.at :])
        self.layout.text = "".join(self.pieces)
        return self.layout


def _gap_wanted(text: str, previous: Block, block: Block) -> bool:
    """A short empty line before ``block``: between paragraphs, around lists and tables, before
    headings; not where the stored text already has an empty line, nor within a list or table."""
    if previous.kind == block.kind and block.kind in TIGHT:
        return False
    between = text[previous.end : block.start]
    return between.count("\n") < 2


def _list_prefix(block: Block, counters: dict[int, tuple[bool, int]]) -> str:
    """The indent and the item's bullet or number (counted here when the importer gave none;
    a bulleted list between numbered ones starts the count again)."""
    level = max(1, block.level)
    for deeper in [k for k in counters if k > level]:
        del counters[deeper]
    numbered, count = counters.get(level, (block.numbered, 0))
    count = count + 1 if numbered == block.numbered else 1
    counters[level] = (block.numbered, count)
    label = block.label or (f"{count}." if block.numbered else BULLET)
    return EM_SPACE * level + label + EN_SPACE


def _table_tabs(
    text: str, rows: Sequence[Block], measure: Callable[[str], float], tab: float
) -> dict[int, list[tuple[int, str]]]:
    """Extra tabs after each cell but the last, so that every column of a table starts at the
    same tab stop, by row start. A table is a run of rows with only a line break between."""
    inserts: dict[int, list[tuple[int, str]]] = {}
    for table in _tables(text, rows):
        widths = [[measure(text[a:b]) for a, b in row.cells] for row in table]
        columns = max(len(w) for w in widths)
        units = []
        for column in range(columns - 1):
            widest = max((w[column] for w in widths if column < len(w) - 1), default=0.0)
            units.append(min(int(widest // tab), MAX_COLUMN_TABS) + 2)
        for row, row_widths in zip(table, widths, strict=True):
            cells = zip(row.cells[:-1], row_widths, strict=False)
            for column, ((_a, b), width) in enumerate(cells):
                extra = units[column] - int(width // tab) - 1  # the stored tab is one
                if extra > 0:
                    inserts.setdefault(row.start, []).append((b, "\t" * extra))
    return inserts


def _tables(text: str, rows: Sequence[Block]) -> list[list[Block]]:
    tables: list[list[Block]] = []
    for row in rows:
        if len(row.cells) < 2:
            continue
        if tables and text[tables[-1][-1].end : row.start] == "\n":
            tables[-1].append(row)
        else:
            tables.append([row])
    return tables
