"""PDF lines -> paragraphs: running headers dropped, lines joined, ligatures and hyphens undone.

Rules (docs/importers.md gives the reasons):

- Ligature characters U+FB00-FB06 become their letters (ﬁ -> fi), so search finds the words.
- A line is a running header or footer when it is among the first or last two lines of a page
  and the same line, digits aside ("Page 3 of 9"), stands there on at least three pages and on
  at least 60 % of the pages that have text. It is dropped; a marking in it is kept as metadata.
- A line joins the next one into a paragraph when it runs (nearly) to the column's right edge,
  the next line follows at the page's usual line spacing in the same size, and the next line
  does not start with a bullet or a list number. Paragraphs never cross a page: page offsets
  stay on line boundaries.
- A hyphen that ends a line between letters is removed when the joined word occurs elsewhere in
  the document ("pol-" + "icy" -> "policy" when "policy" is used elsewhere); otherwise the
  hyphen stays and the halves join without a space ("well-" + "known" -> "well-known").
- A one-line paragraph set at least 1.2 times the body's size is a heading.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from briefing.importers.base import HEADING, PARAGRAPH, Line
from briefing.importers.pdf_page import LINE_END_HYPHEN, PdfLine
from briefing.importers.properties import find_marking

LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip
_LIGATURE_RE = re.compile("[\ufb00-\ufb06]")
_DIGITS_RE = re.compile(r"\d+")
_WORD_RE = re.compile(r"\w+")
_LIST_START_RE = re.compile(r"^\s*([•◦▪‣∙·●○■□➢►–—*-]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s")
_MARKED_HYPHEN_RE = re.compile(r"(\w+)\ufffe\s*(\w+)")
_HYPHENS = ("-", "\u00ad", LINE_END_HYPHEN)
RUNNING_EDGE = 2  # lines at the top and at the bottom of a page that may be running lines
RUNNING_SHARE = 0.6
RUNNING_MIN_PAGES = 3


@dataclass
class Reflowed:
    pages: list[list[Line]] = field(default_factory=list)  # each page's paragraphs
    running: list[str] = field(default_factory=list)  # running headers/footers dropped
    marking: str = ""


def _key(text: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(text.split())).casefold()


def _edges(lines: list[PdfLine]) -> list[tuple[str, int]]:
    """(position, index) of the lines that could be running lines: top0, top1, bottom0, ..."""
    filled = [index for index, line in enumerate(lines) if line.text.strip()]
    places = [(f"top{n}", index) for n, index in enumerate(filled[:RUNNING_EDGE])]
    places += [(f"bottom{n}", index) for n, index in enumerate(reversed(filled[-RUNNING_EDGE:]))]
    return places


def drop_running_lines(pages: list[list[PdfLine]]) -> list[str]:
    """Remove running headers and footers in place; return the lines removed (one of each).

    Only pages with at least three lines vote, and a page never loses its last line: a running
    line needs a page's worth of text around it to be told from the text itself.
    """
    voters = [lines for lines in pages if sum(1 for line in lines if line.text.strip()) >= 3]
    needed = max(RUNNING_MIN_PAGES, math.ceil(RUNNING_SHARE * len(voters)))
    if len(voters) < needed:
        return []
    counts: Counter[tuple[str, str]] = Counter()
    for lines in voters:
        counts.update({(place, _key(lines[index].text)) for place, index in _edges(lines)})
    running = {key for key, count in counts.items() if count >= needed}
    if not running:
        return []
    removed: dict[str, str] = {}
    for lines in pages:
        drop = {
            index for place, index in _edges(lines) if (place, _key(lines[index].text)) in running
        }
        if len(drop) >= sum(1 for line in lines if line.text.strip()):
            continue
        for index in drop:
            removed.setdefault(_key(lines[index].text), " ".join(lines[index].text.split()))
        lines[:] = [line for index, line in enumerate(lines) if index not in drop]
    return list(removed.values())


class Columns:
    """Where lines that start at a given x usually end, over the whole document: a line that
    stops well short of that is the last of its paragraph. Keyed by 10-point bands of x."""

    BAND = 10.0

    def __init__(self, pages: list[list[PdfLine]]) -> None:
        self.right: dict[int, float] = {}
        self.count: Counter[int] = Counter()
        self.widest = 0.0
        self.edges: dict[int, float] = {}
        self.sizes: Counter[float] = Counter()  # characters set in each size: the body's wins
        right, count, sizes, band_width = self.right, self.count, self.sizes, self.BAND
        for lines in pages:
            for line in lines:
                if line.size > 0 and line.right > line.left:
                    band = int(line.left // band_width)
                    if line.right > right.get(band, 0.0):
                        right[band] = line.right
                    count[band] += 1
                    sizes[round(line.size, 1)] += len(line.text)
        self.widest = max(right.values(), default=0.0)

    @property
    def body_size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else 0.0

    def edge(self, left: float) -> float:
        """The right edge of the column a line starting at ``left`` is in. A band of fewer than
        three lines tells nothing (a label, a title): the widest line on any page stands in."""
        band = int(left // self.BAND)
        edge = self.edges.get(band)
        if edge is None:
            near = [band + step for step in (-2, -1, 0, 1, 2)]
            if sum(self.count[other] for other in near) < 3:
                edge = self.widest
            else:
                edge = max(self.right.get(other, 0.0) for other in near)
            self.edges[band] = edge
        return edge


def _joins(above: PdfLine, below: PdfLine, leading: float, columns: Columns) -> bool:
    """Whether ``below`` continues the paragraph of ``above`` (same column, same flow)."""
    if above.size <= 0 or below.size <= 0 or above.right < above.left or below.right < below.left:
        return False  # no geometry, or a right-to-left line PDFium has reordered: keep it whole
    step = above.bottom - below.first_bottom
    size = max(above.size, below.size)
    if (
        step <= 0
        or step > min(1.35 * leading, 2 * size)
        or abs(above.size - below.size) > 0.2 * size
    ):
        return False
    right = columns.edge(above.left)
    if above.right < right - max(0.1 * (right - above.left), 3 * size):
        return False  # a short line ends its paragraph
    if below.left > above.left + 1.5 * size:
        return False
    return not _LIST_START_RE.match(below.text)


def _leading(lines: list[PdfLine]) -> float:
    steps = [
        above.bottom - below.first_bottom
        for above, below in pairwise(lines)
        if above.size > 0 and 0 < above.bottom - below.first_bottom < 3 * above.size
    ]
    if steps:
        steps.sort()
        middle = len(steps) // 2
        return steps[middle] if len(steps) % 2 else (steps[middle - 1] + steps[middle]) / 2
    sizes = [line.size for line in lines if line.size > 0]
    return 1.3 * max(sizes) if sizes else 0.0


def _paragraphs(lines: list[PdfLine], columns: Columns) -> list[list[PdfLine]]:
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    leading = _leading(lines)
    groups = [[lines[0]]]
    for above, below in pairwise(lines):
        if _joins(above, below, leading, columns):
            groups[-1].append(below)
        else:
            groups.append([below])
    return groups


class Words:
    """The document's words, case-folded; collected on first use (most PDFs never ask)."""

    def __init__(self, pages: list[list[PdfLine]]) -> None:
        self.pages = pages
        self.found: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.found is None:
            text = "\n".join([line.text for lines in self.pages for line in lines])
            self.found = set(_WORD_RE.findall(text.casefold()))
        return word in self.found


def _join(parts: Sequence[str], words: Words) -> str:
    text = parts[0]
    for part in parts[1:]:
        part = part.lstrip()
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and part[:1].isalpha():
            head = _WORD_RE.findall(text[:-1])[-1]
            tail = _WORD_RE.findall(part)[0]
            joined = (head + tail).casefold() in words
            text = text[:-1] + ("" if joined else "-") + part
        else:
            text = f"{text} {part}"
    if LINE_END_HYPHEN not in text:
        return text
    # PDFium marks a line-end hyphen it has already joined to the next line's word with U+FFFE.
    return _MARKED_HYPHEN_RE.sub(lambda match: _dehyphenate(match, words), text).replace(
        LINE_END_HYPHEN, "-"
    )


def _dehyphenate(match: re.Match[str], words: Words) -> str:
    head, tail = match.group(1), match.group(2)
    return head + ("" if (head + tail).casefold() in words else "-") + tail


def reflow(pages: list[list[PdfLine]]) -> Reflowed:
    """Each page's lines -> its paragraphs, as Lines ready for the TextBuilder."""
    for lines in pages:
        if _LIGATURE_RE.search("".join([line.text for line in lines])):
            for line in lines:
                line.text = line.text.translate(LIGATURES)
    out = Reflowed(running=drop_running_lines(pages))
    out.marking = next((find_marking(line) for line in out.running if find_marking(line)), "")
    words = Words(pages)
    columns = Columns(pages)
    body = columns.body_size
    for lines in pages:
        paragraphs: list[Line] = []
        for group in _paragraphs(lines, columns):
            text = _join([line.text for line in group], words)
            ratio = group[0].size / body if body else 1.0
            if len(group) == 1 and ratio >= 1.2 and len(text) < 200:
                level = 1 if ratio >= 1.6 else 2 if ratio >= 1.35 else 3
                paragraphs.append(Line(text, HEADING, level=level))
            else:
                paragraphs.append(Line(text, PARAGRAPH))
        out.pages.append(paragraphs)
    return out
