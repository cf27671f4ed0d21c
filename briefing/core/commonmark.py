"""How Briefing reads a note: CommonMark, with pipe tables, footnotes and front matter.

One parser configuration (markdown-it-py, raw HTML off so it stays text) serves every reader of a
note: the exporters build their element tree from its tokens, the checks and the outline find
headings and sections in its block map, and the editor can draw the same blocks. Citations
(``[@p12]``) are found by ``briefing.core.citations`` before the parser runs.

``block_map(body)`` is the cheap, pure view for the editor: one ``Block`` per block of the note
(headings, paragraphs, lists and their items, quotes, code, tables, rules, footnote
definitions, front matter) with its lines and code-point offsets. Line numbers are 0-based, end
exclusive, as markdown-it counts them; offsets index ``body`` itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Deeper than this (a token's nesting level), a note is not given structure: markdown-it stops
# reading past its own limit, and the renderers recurse once per level. No real note nests so.
MAX_LEVEL = 64
_PARSER_NESTING = MAX_LEVEL + 8  # markdown-it drops text beyond this: we stop before it can
_MARKER_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
_PREFIX_RE = re.compile(r"[ \t>]*")
_ATX_RE = re.compile(r"#{1,6}(?=[ \t]|$)")
_CONTAINERS = {
    "blockquote_open": "quote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "list_item_open": "item",
    "footnote_reference_open": "footnote",
}
_LEAVES = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "hr": "rule",
    "front_matter": "front-matter",
}


@dataclass(frozen=True)
class Block:
    """One block of a note, as CommonMark reads it.

    ``kind``: heading, paragraph, list, item, quote, code, table, rule, footnote (a definition
    ``[^x]: ...``) or front-matter. ``depth`` counts the quotes, list items and footnote
    definitions around the block; ``level`` is a heading's level (1-6) or, for lists and items,
    how many lists hold them (0 for a list at the top). ``marker`` is what marks the block: an
    item's ``-`` or ``2.`` or ``1)``; a heading's ``##``, or ``=``/``-`` under a setext heading;
    a fence's ``````` or ``~~~`` (empty for an indented code block). ``marker_start`` and
    ``marker_end`` are its offsets in the body (-1 where it has none on its first line).
    ``text`` is a heading's text as typed, a fence's info string, a footnote's label.
    """

    kind: str
    start_line: int
    end_line: int
    start: int
    end: int
    depth: int = 0
    level: int = 0
    marker: str = ""
    marker_start: int = -1
    marker_end: int = -1
    text: str = ""
    ordered: bool = False
    number: int = 0  # an ordered list's first number; an ordered item's own number
    tight: bool = False  # a list whose items are not separated by blank lines


@lru_cache(maxsize=1)
def note_parser() -> MarkdownIt:
    """The one markdown-it configuration notes are read with (built once)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    options = {"html": False, "maxNesting": _PARSER_NESTING}
    parser = MarkdownIt("commonmark", options).enable("table")
    # Definitions stay where they were typed (their tokens keep their lines); no ^[inline] notes.
    parser.use(footnote_plugin, inline=False, move_to_end=False)
    parser.use(front_matter_plugin)
    # Every link is read as CommonMark reads it, whatever its scheme and characters: the
    # exporters keep only safe schemes (``exporters.text.safe_href``) and encode for Word.
    parser.validateLink = _any_link  # type: ignore[method-assign,assignment]
    parser.normalizeLink = _as_written  # type: ignore[method-assign]
    return parser


def _any_link(_url: str) -> bool:
    return True


def _as_written(url: str) -> str:
    return url


@lru_cache(maxsize=8)
def note_tokens(body: str) -> tuple[Token, ...]:
    """markdown-it's tokens for ``body``; shared by every reader, so never modify them."""
    return tuple(note_parser().parse(body))


def too_deep(tokens: tuple[Token, ...]) -> bool:
    """Whether the note nests deeper than Briefing gives structure to (see ``MAX_LEVEL``)."""
    return any(token.level >= MAX_LEVEL for token in tokens)


def line_starts(body: str) -> list[int]:
    """The offset at which each line of ``body`` starts (one more entry: past the end)."""
    starts = [0]
    at = body.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = body.find("\n", at + 1)
    starts.append(len(body) + 1)
    return starts


def line_of(starts: list[int], offset: int) -> int:
    """The 0-based line holding ``offset`` (``starts`` from ``line_starts``)."""
    low, high = 0, len(starts) - 2
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def block_map(body: str) -> tuple[Block, ...]:
    """Every block of ``body`` in reading order, containers before what they hold."""
    return _block_map(body)


@lru_cache(maxsize=8)
def _block_map(body: str) -> tuple[Block, ...]:
    tokens = note_tokens(body)
    starts = line_starts(body)
    lines = body.split("\n")
    markers_used: dict[int, int] = {}  # line -> list markers already given to items on it
    blocks: list[Block] = []
    depth = 0
    lists = 0
    for index, token in enumerate(tokens):
        kind = _CONTAINERS.get(token.type) or _LEAVES.get(token.type)
        if token.nesting == -1 and token.type.replace("_close", "_open") in _CONTAINERS:
            if token.type in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
            else:
                depth -= 1
            continue
        if kind is None or token.map is None:
            continue
        first, last = token.map[0], _trim_blank(lines, token.map[0], token.map[1])
        fields: dict[str, object] = {}
        if kind == "heading":
            fields = _heading_fields(token, tokens[index + 1], lines, starts, first, last)
        elif kind == "list":
            fields = {
                "level": lists,
                "ordered": token.type == "ordered_list_open",
                "number": int(token.attrGet("start") or 1) if token.tag == "ol" else 0,
                "marker": token.markup,
                "tight": _is_tight(tokens, index),
            }
        elif kind == "item":
            fields = _item_fields(token, lines, starts, first, markers_used, lists - 1)
        elif kind == "code":
            fields = {"marker": token.markup, "text": token.info.strip()}
        elif kind == "footnote":
            fields = {"text": str(token.meta.get("label", ""))}
        end = starts[last - 1] + len(lines[last - 1]) if last > first else starts[first]
        blocks.append(Block(kind, first, last, starts[first], end, depth, **fields))  # type: ignore[arg-type]
        if token.type in _CONTAINERS:
            if kind == "list":
                lists += 1
            else:
                depth += 1
    return tuple(blocks)


def _trim_blank(lines: list[str], first: int, last: int) -> int:
    """``last`` moved back over the blank lines that end a block's range."""
    last = min(last, len(lines))
    while last > first + 1 and not lines[last - 1].strip(" \t>"):
        last -= 1
    return last


def _is_tight(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the list opening at ``index`` is tight: markdown-it hides its paragraphs."""
    level = tokens[index].level
    for token in tokens[index + 1 :]:
        if token.level <= level:
            break
        if token.type == "paragraph_open" and token.level == level + 2:
            return token.hidden
    return True


def _heading_fields(
    token: Token, inline: Token, lines: list[str], starts: list[int], first: int, last: int
) -> dict[str, object]:
    fields: dict[str, object] = {"level": int(token.tag[1]), "text": inline.content.strip()}
    if token.markup.startswith("#"):
        line = lines[first]
        match = _ATX_RE.search(line, _prefix_end(line))
        if match:
            fields.update(marker=match.group(0), marker_start=starts[first] + match.start())
            fields["marker_end"] = starts[first] + match.end()
    else:  # setext: the underline is the last line, after quote markers and indentation
        line = lines[last - 1]
        begin = _PREFIX_RE.match(line).end()  # type: ignore[union-attr]
        text = line[begin:].rstrip()
        fields.update(marker=token.markup, marker_start=starts[last - 1] + begin)
        fields["marker_end"] = starts[last - 1] + begin + len(text)
    return fields


def _prefix_end(line: str) -> int:
    """Past the quote markers, list markers and indentation that open a line."""
    pos = 0
    while True:
        pos = _PREFIX_RE.match(line, pos).end()  # type: ignore[union-attr]
        marker = _MARKER_RE.match(line, pos)
        if marker is None:
            return pos
        pos = marker.end()


def _item_fields(
    token: Token,
    lines: list[str],
    starts: list[int],
    first: int,
    markers_used: dict[int, int],
    level: int,
) -> dict[str, object]:
    """An item's marker: the first marker on its line not taken by an item that holds it."""
    fields: dict[str, object] = {"level": max(level, 0), "ordered": bool(token.info)}
    if token.info:
        fields["number"] = int(token.info)
    line = lines[first] if first < len(lines) else ""
    skip = markers_used.get(first, 0)
    pos = 0
    while True:
        pos = _PREFIX_RE.match(line, pos).end()  # type: ignore[union-attr]
        marker = _MARKER_RE.match(line, pos)
        if marker is None:
            return fields
        if skip == 0:
            markers_used[first] = markers_used.get(first, 0) + 1
            fields.update(marker=marker.group(0), marker_start=starts[first] + marker.start())
            fields["marker_end"] = starts[first] + marker.end()
            return fields
        skip -= 1
        pos = marker.end()
