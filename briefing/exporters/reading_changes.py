"""Where a note written before notes were read as CommonMark now reads differently.

The old reading (Python-Markdown, ``legacy_reading``) and the new one (``note_reader``) of the
same body are each flattened into leaf blocks (headings, paragraphs, list items, code, rules,
table cells) with the lists and quotes around them and their text; the two sequences are
aligned, and each top-level block of the new reading that holds a difference is reported once,
saying what it was and what it is now. Notes written before the change whose reading is
unambiguous (the sample note, the templates) read the same both ways and report nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from xml.etree.ElementTree import Element

from briefing.core.commonmark import line_starts
from briefing.exporters.findings import Finding
from briefing.exporters.legacy_reading import markdown_to_tree as python_markdown_tree
from briefing.exporters.note_reader import MarkdownTree

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NESTING = frozenset({"ul", "ol", "blockquote"})
_LEAVES = {"p": "paragraph", "pre": "code", "hr": "rule", "th": "cell", "td": "cell"}
_BLOCKS = frozenset({*_HEADINGS, *_LEAVES, *_NESTING, "li", "table", "thead", "tbody", "tr"})
_BREAK = "\u23ce"  # a line break, in a leaf's text


@dataclass(frozen=True)
class _Leaf:
    kind: str  # heading 1-6, paragraph, item, code, rule, cell
    nesting: tuple[str, ...]  # the lists and quotes around it, outermost first
    text: str
    block: int  # which top-level block of its tree holds it

    @property
    def key(self) -> tuple[str, tuple[str, ...], str]:
        return (self.kind, self.nesting, self.text)


def reading_changes(marked_body: str, body: str, new: MarkdownTree) -> list[Finding]:
    """Each place of ``new`` (read from ``marked_body``, citations as placeholders) that
    Python-Markdown read otherwise; spans index ``body`` (the cleaned body as typed).

    A place is a run of top-level blocks with no blank line between them (``Intro`` and the
    list typed under it are one place); a difference the alignment finds is given to the
    places whose lines hold its words."""
    if new.plain or len(new.lines) != len(new.body):
        return []
    old = python_markdown_tree(marked_body)
    if old.plain:
        return []
    old_leaves = list(_leaves(old.body))
    new_leaves = list(_leaves(new.body))
    lines = marked_body.split("\n")
    place_of = _places(new.lines, lines)
    matcher = SequenceMatcher(None, [x.key for x in old_leaves], [x.key for x in new_leaves])
    changed: dict[int, tuple[list[_Leaf], list[_Leaf]]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or not new_leaves:
            continue
        after = new_leaves[j1:j2]
        touched = sorted({place_of[leaf.block] for leaf in after}) or [
            place_of[new_leaves[min(j1, len(new_leaves) - 1)].block]
        ]
        for leaf in after:
            changed.setdefault(place_of[leaf.block], ([], []))[1].append(leaf)
        place = touched[0]
        for leaf in old_leaves[i1:i2]:
            place = _holder(leaf, touched, new, place_of, lines) or place
            changed.setdefault(place, ([], []))[0].append(leaf)
    starts = line_starts(body)
    findings = []
    for place, (before, after) in sorted(changed.items()):
        if [x.key for x in before] == [x.key for x in after]:
            continue
        blocks = [i for i, p in enumerate(place_of) if p == place]
        start = starts[min(new.lines[blocks[0]][0], len(starts) - 2)]
        end = starts[min(new.lines[blocks[-1]][1], len(starts) - 1)] - 1
        end = start + len(body[start : max(start, end)].rstrip())
        message = _describe(before, after)
        findings.append(Finding("reading-changed", message, start, min(max(start, end), len(body))))
    return findings


def _places(block_lines: list[tuple[int, int]], lines: list[str]) -> list[int]:
    """For each top-level block, its place: blocks with no blank line between share one."""
    places: list[int] = []
    previous_end = -1
    for first, last in block_lines:
        joined = places and first <= previous_end
        places.append(places[-1] if joined else len(set(places)))
        previous_end = last
        while previous_end > first + 1 and not lines[previous_end - 1].strip():
            previous_end -= 1  # a list's lines run on over the blank line after it
    return places


def _holder(
    leaf: _Leaf, touched: list[int], new: MarkdownTree, place_of: list[int], lines: list[str]
) -> int | None:
    """Which of the ``touched`` places holds the words of an old leaf, if one does."""
    words = re.findall(r"\w+", leaf.text)[:3]
    if not words:
        return None
    pattern = re.compile(r"\W+".join(re.escape(w) for w in words))
    for place in touched:
        blocks = [i for i, p in enumerate(place_of) if p == place]
        text = "\n".join(lines[new.lines[blocks[0]][0] : new.lines[blocks[-1]][1]])
        if pattern.search(text):
            return place
    return None


def _leaves(container: Element, nesting: tuple[str, ...] = (), block: int = -1) -> Iterator[_Leaf]:
    for index, child in enumerate(container):
        top = index if block < 0 else block
        tag = child.tag
        if tag in _HEADINGS:
            yield _Leaf(f"heading {tag[1]}", nesting, _text(child), top)
        elif tag in _LEAVES:
            yield _Leaf(_LEAVES[tag], nesting, _text(child), top)
        elif tag == "li":
            yield from _item(child, nesting, top)
        elif tag in _NESTING:
            yield from _leaves(child, (*nesting, "quote" if tag == "blockquote" else "list"), top)
        elif tag in _BLOCKS or tag == "div":
            yield from _leaves(child, nesting, top)


def _item(li: Element, nesting: tuple[str, ...], top: int) -> Iterator[_Leaf]:
    """A list item: its first paragraph (or its own text, when tight) is the item."""
    own = _text(li)
    rest = [child for child in li if child.tag in _BLOCKS]
    if own or not rest or rest[0].tag != "p":
        yield _Leaf("item", nesting, own, top)
    else:
        yield _Leaf("item", nesting, _text(rest[0]), top)
        rest = rest[1:]
    holder = Element("div")
    holder.extend(rest)
    yield from _leaves(holder, nesting, top)


def _text(elem: Element) -> str:
    """The element's own text and inline children's, without the blocks nested in it."""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag not in _BLOCKS:
            parts.append(_BREAK if child.tag == "br" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


_NAMES = {"paragraph": "paragraph", "code": "code block", "rule": "rule", "cell": "table cell"}


def _phrase(leaves: list[_Leaf]) -> str:
    """What a run of leaves is, in words: "a heading", "a paragraph and a list of 2 items"."""
    if not leaves:
        return "nothing"
    parts: list[str] = []
    index = 0
    while index < len(leaves):
        kind = leaves[index].kind
        run = 1
        while index + run < len(leaves) and leaves[index + run].kind == kind:
            run += 1
        if kind == "item":
            depths = {leaf.nesting.count("list") for leaf in leaves[index : index + run]}
            shape = "nested list" if len(depths) > 1 else "list"
            parts.append(f"a {shape} of {run} items" if run > 1 else "a list item")
        else:
            name = "heading" if kind.startswith("heading") else _NAMES.get(kind, kind)
            if "list" in leaves[index].nesting:
                name += " inside a list item"
            parts.append(f"a {name}" if run == 1 else f"{run} {name}s")
        index += run
    return " and ".join(parts)


def _quote(text: str) -> str:
    text = text.replace(_BREAK, " ")
    return f"“{text[:40].rstrip()}…”" if len(text) > 40 else f"“{text}”"


def _describe(before: list[_Leaf], after: list[_Leaf]) -> str:
    """One line: where, what Python-Markdown made of it and what CommonMark makes of it."""
    was, now = _phrase(before), _phrase(after)
    place = _quote((after or before)[0].text)
    if was == now:
        old = " ".join(leaf.text for leaf in before)
        new = " ".join(leaf.text for leaf in after)
        if _BREAK in new and _BREAK not in old:
            was, now = "a line ending in a backslash printed as text", "a line break"
        elif [x.nesting for x in before] != [x.nesting for x in after]:
            old_level = max((x.nesting.count("list") for x in before), default=0)
            new_level = max((x.nesting.count("list") for x in after), default=0)
            was, now = f"{was} at list level {old_level}", f"{now} at list level {new_level}"
        else:
            was, now = _quote(old), _quote(new)
    return f"{place} reads differently now that notes follow CommonMark: {was} is now {now}."
