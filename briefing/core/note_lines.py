"""The CommonMark block structure of a note, line by line, for an editor that styles it.

``classify(line, state)`` reads one line given what the lines above left open (block quotes,
list items with their content column, a fenced code block, a paragraph that may continue) and
returns what the line is, where its markup characters are, and the state for the next line.
An editor keeps the state per line and re-reads a line only when it or the state above it
changes, so a keystroke costs one line (QSyntaxHighlighter works this way).

The rules are CommonMark's block rules (spec 0.31): ATX headings need a space after the ``#``s;
setext underlines turn the paragraph above into a heading; ``-``, ``*``, ``+``, ``1.`` and
``1)`` list markers; a list may interrupt a paragraph (an ordered one only from 1, an empty
item never); a line belongs to a list item when it is indented to the item's content column,
or continues its paragraph lazily; indented code cannot interrupt a paragraph; tabs count to
the next multiple of four. Raw HTML is not a block here: the exports escape it as text.
Not modelled: link reference definitions (styled as the paragraph they look like).

``block_map(body)`` applies ``classify`` to a whole body and resolves setext headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

QUOTE, ITEM = "quote", "item"

_ATX_RE = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_FENCE_RE = re.compile(r"(`{3,}|~{3,})(.*)$")
_SETEXT_RE = re.compile(r"(=+|-+)[ \t]*$")
_RULE_RE = re.compile(r"([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_ITEM_RE = re.compile(r"([-+*]|(\d{1,9})[.)])(?=[ \t]|$)")


@dataclass(frozen=True)
class Container:
    kind: str  # QUOTE or ITEM
    column: int = 0  # an item's content column (tabs expanded)
    depth: int = 0  # how many list items enclose this one (for the bullet's shape)
    empty: bool = False  # an item with no content yet: a blank line ends it


@dataclass(frozen=True)
class LineState:
    """What the lines above leave open for the next one."""

    containers: tuple[Container, ...] = ()
    fence: tuple[str, int, int] | None = None  # fence character, length, indentation
    paragraph: bool = False  # the line above is paragraph text that may continue


@dataclass(frozen=True)
class Marker:
    """Markup in a line: ``start:end`` (code points of the line) and what it is."""

    start: int
    end: int
    kind: str  # "quote", "bullet", "number", "heading", "fence", "setext", "rule"
    depth: int = 0  # a bullet's nesting depth


@dataclass(frozen=True)
class LineInfo:
    kind: str  # "blank", "paragraph", "heading", "setext", "fence", "code", "rule"
    level: int = 0  # a heading's level (1..6); for "setext", the level it gives the text above
    markers: tuple[Marker, ...] = ()
    content: int = 0  # where the inline text starts (code points of the line)
    content_end: int = -1  # where it ends (before a heading's closing #s); -1: the line's end
    quoted: bool = False  # inside a block quote
    continued: bool = False  # paragraph text that goes on the paragraph of the line above


INITIAL = LineState()


def _expand(line: str) -> tuple[str, list[int]]:
    """The line with tabs expanded to the next multiple of four, and for each expanded column
    the position in ``line`` it came from (one more at the end)."""
    if "\t" not in line:
        return line, list(range(len(line) + 1))
    out: list[str] = []
    back: list[int] = []
    for index, char in enumerate(line):
        if char == "\t":
            width = 4 - len(out) % 4
            out.extend(" " * width)
            back.extend([index] * width)
        else:
            out.append(char)
            back.append(index)
    back.append(len(line))
    return "".join(out), back


def _spaces(text: str, at: int) -> int:
    end = at
    while end < len(text) and text[end] == " ":
        end += 1
    return end - at


def classify(line: str, state: LineState) -> tuple[LineInfo, LineState]:
    """What ``line`` is, given ``state`` (what the lines above left open), and the state for
    the line below it."""
    text, back = _expand(line)
    markers: list[Marker] = []

    def mark(start: int, end: int, kind: str, depth: int = 0) -> None:
        markers.append(Marker(back[start], back[end], kind, depth))

    # 1. Which open containers does this line continue?
    at, matched = 0, 0
    blank = text.strip() == ""
    for container in state.containers:
        if container.kind == QUOTE:
            lead = _spaces(text, at)
            if lead > 3 or text[at + lead : at + lead + 1] != ">":
                break
            start = at + lead
            at = start + 1 + (1 if text[start + 1 : start + 2] == " " else 0)
            mark(start, at, "quote")
        elif blank:
            if container.empty:
                break  # an item may begin with at most one blank line
            at = len(text)
        elif at + _spaces(text, at) >= container.column:
            at = container.column
        else:
            break
        matched += 1
    all_matched = matched == len(state.containers)
    containers = list(state.containers[:matched])
    if not blank:  # the items this line continues have content now
        containers = [replace(c, empty=False) if c.empty else c for c in containers]
    quoted = any(c.kind == QUOTE for c in containers)

    # 2. Inside a fenced code block (closed early when its container ended).
    if state.fence is not None and all_matched:
        char, length, indent = state.fence
        lead = _spaces(text, at)
        body = text[at + lead :]
        run = len(body) - len(body.lstrip(char))
        if lead <= 3 and run >= length and body[run:].strip() == "":
            mark(at + lead, at + lead + run, "fence")
            info = LineInfo("fence", markers=tuple(markers), quoted=quoted)
            return info, LineState(tuple(containers))
        content = at + min(indent, lead)
        info = LineInfo("code", markers=tuple(markers), content=back[content], quoted=quoted)
        return info, LineState(tuple(containers), state.fence)

    # 3. New blocks: containers first, then one leaf block.
    continues = state.paragraph and state.fence is None  # the paragraph above may go on
    opened = False
    while True:
        lead = _spaces(text, at)
        start = at + lead
        rest = text[start:]
        can_continue = continues and not opened
        if rest.strip() == "":
            return _leaf("blank", markers, quoted, back, len(text)), LineState(tuple(containers))
        if lead >= 4:
            if can_continue:
                break  # indented code cannot interrupt a paragraph: a continuation line
            info = LineInfo("code", markers=tuple(markers), content=back[at + 4], quoted=quoted)
            return info, LineState(tuple(containers))
        if rest.startswith(">"):
            after = start + 1 + (1 if text[start + 1 : start + 2] == " " else 0)
            mark(start, after, "quote")
            containers.append(Container(QUOTE))
            quoted, opened, at = True, True, after
            continue
        heading = _ATX_RE.match(rest)
        if heading:
            level = len(heading.group(1))
            mark(start, start + heading.end(), "heading")
            title = rest[heading.end() :]
            closing = _ATX_CLOSE_RE.search(title)
            if title.strip(" \t#") == "" and title.strip():
                closing = re.match(r"#+[ \t]*$", title.lstrip(" \t"))  # "# ##": all closing
                cut = len(title) - len(title.lstrip(" \t"))
                end = start + heading.end() + cut if closing else start + len(rest)
            else:
                end = start + heading.end() + (closing.start() if closing else len(title))
            if closing:
                mark(end, len(text), "heading")
            info = LineInfo(
                "heading", level, tuple(markers), back[start + heading.end()], back[end], quoted
            )
            return info, LineState(tuple(containers))
        fence = _FENCE_RE.match(rest)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            opening = fence.group(1)
            mark(start, start + len(opening), "fence")
            info = LineInfo("fence", markers=tuple(markers), quoted=quoted)
            return info, LineState(tuple(containers), (opening[0], len(opening), lead))
        setext = _SETEXT_RE.match(rest)
        if setext and can_continue and all_matched:
            level = 1 if rest[0] == "=" else 2
            mark(start, len(text), "setext")
            info = LineInfo("setext", level, tuple(markers), quoted=quoted)
            return info, LineState(tuple(containers))
        if _RULE_RE.match(rest):
            mark(start, len(text), "rule")
            return _leaf("rule", markers, quoted, back, len(text)), LineState(tuple(containers))
        item = _ITEM_RE.match(rest)
        if item:
            after = start + item.end()
            gap = _spaces(text, after)
            empty = text[after:].strip() == ""
            ordered = item.group(2) is not None
            interrupts = not empty and (not ordered or int(item.group(2)) == 1)
            # Only a list that would interrupt the paragraph itself is held back; past an
            # unmatched container (a lazy line) the paragraph is not the container here.
            if not (can_continue and all_matched) or interrupts:
                column = after + 1 if empty or gap > 4 else after + gap
                depth = sum(1 for c in containers if c.kind == ITEM)
                mark(start, after, "number" if ordered else "bullet", depth)
                containers.append(Container(ITEM, column, depth, empty))
                opened = True
                at = min(column, len(text))
                continue
        break

    # 4. Paragraph text: a new paragraph, its continuation, or a lazy continuation line that
    # keeps the containers the line did not repeat.
    if continues and not opened and not all_matched:
        containers = [replace(c, empty=False) if c.empty else c for c in state.containers]
        quoted = any(c.kind == QUOTE for c in containers)
    content = at + _spaces(text, at)
    info = LineInfo(
        "paragraph",
        markers=tuple(markers),
        content=back[content],
        quoted=quoted,
        continued=continues and not opened,
    )
    return info, LineState(tuple(containers), paragraph=True)


def _leaf(kind: str, markers: list[Marker], quoted: bool, back: list[int], end: int) -> LineInfo:
    return LineInfo(kind, markers=tuple(markers), content=back[end], quoted=quoted)


def block_map(body: str) -> list[LineInfo]:
    """Every line of ``body`` classified, with setext headings resolved: the paragraph lines
    above an underline become "heading" lines of its level."""
    infos: list[LineInfo] = []
    state = INITIAL
    for line in body.split("\n"):
        info, state = classify(line, state)
        if info.kind == "setext":
            row = len(infos) - 1
            while row >= 0 and infos[row].kind == "paragraph":
                infos[row] = replace(infos[row], kind="heading", level=info.level)
                if not infos[row].continued:
                    break
                row -= 1
        infos.append(info)
    return infos


__all__ = ["INITIAL", "Container", "LineInfo", "LineState", "Marker", "block_map", "classify"]
