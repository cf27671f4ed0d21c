"""How many pages the Word export of a note takes: a pure, fast estimate for the page meter.

``estimate_pages`` lays out the document the export pipeline builds (``build_document``: the
same blocks, the same footnote texts) as LibreOffice 7.4 lays out our reference document: A4,
2.5 cm margins, Arial 11 pt (Liberation Sans: its real glyph widths, below), the spacing of
``briefing/exporters/docx_styles.py``, widow and orphan control, footnotes at the foot of the
page, headings kept with what follows. Against LibreOffice on 30 generated notes of 0.35 to 7
pages (tools/calibrate_pages.py, docs/page-meter.md): mean error 0.02 pages, max 0.20; the
page count (ceil of the estimate) matched on 29 of 30.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from briefing.exporters.citation_format import plain_text, quoted, source_label
from briefing.exporters.glyphs import BLD, MONO, REG, SPACE, em
from briefing.exporters.pagination import BODY_HEIGHT, KEEP, ROW, WHOLE, Para, paginate

if TYPE_CHECKING:
    from briefing.core.model import NoteBundle
    from briefing.exporters.annex import Annex, AnnexChoice

# Page geometry of resources/reference.docx (tools/make_reference_docx.py), in points.
TEXT_WIDTH = (11906 - 2 * 1417) / 20  # A4 less two 2.5 cm margins, in twips / 20
LINE, MONO_LINE = 1.1499, 1.1328  # Liberation Sans, Mono: (ascent + descent + gap) / em
Style = tuple[float, float, float, float]  # size, line spacing factor, space before, after
BODY: Style = (11.0, 1.1, 0.0, 7.0)  # Body Text, First Paragraph
COMPACT: Style = (11.0, 1.1, 0.0, 3.0)  # tight list items, metadata rows
QUOTE: Style = (11.0, 1.1, 3.0, 6.0)  # Block Text
CODE: Style = (9.5, 1.0, 0.0, 7.0)  # Source Code (indented code blocks)
FOOTNOTE: Style = (9.0, 1.0, 0.0, 2.0)
CELL: Style = (9.5, 1.1, 0.0, 3.0)  # Compact in a table, at the Table style's 9.5 pt
TITLE: Style = (16.0, 1.0, 0.0, 10.0)
HEADINGS: dict[int, Style] = {1: (13.0, 1.0, 12.0, 4.0), 2: (12.0, 1.0, 10.0, 4.0)}
HEADINGS |= {3: (11.0, 1.0, 8.0, 4.0), 4: (11.0, 1.0, 8.0, 4.0)}
HEADINGS |= {5: (11.0, 1.0, 6.0, 4.0), 6: (11.0, 1.0, 6.0, 4.0)}
INDENT, LIST_HANG = 28.35, 19.85  # 1 cm (quote indents, list levels); 0.7 cm marker to text
CELL_PADDING = 8.5  # left + right cell margins of the Table style
ROW_TOP, ROW_BOTTOM = 2.65, 2.25  # a row's top margin and border; its bottom margin
RULE = 1.75  # a paragraph's bottom border: under the metadata, and for ---
META_VALUE = (9070 - 1701 - 108) / 20  # the metadata table's value column
ANNEX_COLUMNS = [4535 / 20, 2721 / 20, 1814 / 20]  # Passage | Source | Memo
DECISION_COLUMNS = [453 / 20, 5889 / 20, 2730 / 20]  # number | recommendation | options
SIGNATURE_ROW, COMMENTS_ROW = 567 / 20, 1418 / 20  # the decision block's minimum row heights
SUPERSCRIPT = 0.58  # LibreOffice's size for superscript (footnote marks)
_REG, _BLD, _MONO = REG, BLD, MONO  # the fonts of a run
_MARK, _BREAK = -1, -2  # runs that are a footnote mark (its number) and a line break
_KEEP, _ROW, _WHOLE = KEEP, ROW, WHOLE
_HYPHEN_RE = re.compile(r"(?<=[-–—])(?=[^\W\d])")  # a line may break after a dash
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# The Word renderer's block tags and deepest list level (docx_render.BLOCK_TAGS,
# docx_numbering.MAX_LEVEL; a test holds them equal): repeated so that the meter loads
# without python-docx.
BLOCK_TAGS = frozenset(
    {"p", "ul", "ol", "blockquote", "pre", "table", "hr", "div", "decision", *_HEADINGS}
)
MAX_LIST_LEVEL = 8

Run = tuple[str, int]  # text and font; or a mark's number and _MARK
_WRAPPED: dict[tuple[tuple[Run, ...], float, float], list[list[int]]] = {}


@dataclass(frozen=True)
class PageEstimate:
    """The note's length before the annex (whole pages plus the last one's fill), and the
    annex's whole pages (it starts on a page of its own)."""

    pages: float
    annex_pages: int = 0
    annex_fill: float = 0.0  # of the annex's last page

    @property
    def total(self) -> float:
        """All pages, the last one's fill as a fraction."""
        if not self.annex_pages:
            return self.pages
        return math.ceil(round(self.pages, 6)) + self.annex_pages - 1 + self.annex_fill


def estimate_pages(bundle: NoteBundle, *, annex: AnnexChoice | bool = False) -> float:
    """Pages of ``export_docx(bundle, out, annex=annex)``: whole pages plus the last one's fill."""
    return estimate(bundle, annex=annex).total


def estimate(bundle: NoteBundle, *, annex: AnnexChoice | bool = "cited") -> PageEstimate:
    """The note's pages and its annex's, as ``export_docx(bundle, out, annex=annex)`` lays
    them out."""
    # Imported here: the Markdown reader takes a tenth of a second to import, and the window
    # needs the meter only after its first paint.
    from briefing.exporters.document import shared_document

    doc = shared_document(bundle, annex)
    layout = _Layout([_footnote_height(n.number, n.content) for n in doc.footnotes])
    layout.para(TITLE, [(doc.title, _BLD)], TEXT_WIDTH, keep=True)
    for _label, value in doc.metadata:  # a borderless table, values beside bold labels
        layout.para(COMPACT, [(value, _REG)], META_VALUE)
    layout.rule(COMPACT)
    layout.blocks(doc.body, BODY, TEXT_WIDTH)
    if doc.signoff:
        layout.rule(COMPACT)
        for _label, value in doc.signoff:
            layout.para(COMPACT, [(value, _REG)], META_VALUE)
    pages, used = paginate(layout.paras)
    body = pages - 1 + min(used / BODY_HEIGHT, 1.0)
    if not doc.annex:
        return PageEstimate(body)
    annex_layout = _Layout([])  # the annex starts on a new page
    annex_layout.annex(doc.annex)
    annex_pages, used = paginate(annex_layout.paras)
    return PageEstimate(body, annex_pages, min(used / BODY_HEIGHT, 1.0))


def format_meter(pages: float, limit: int, annex_pages: int = 0) -> tuple[str, bool]:
    """("1.6 / 2 pages", over the limit). Rounded up, so a line onto page 3 shows "2.1 / 2".
    An annex is counted apart, in whole pages: "1.0 / 2 pages + annex 1"."""
    shown = max(math.ceil(round(pages * 10, 6)) / 10, 0.1)
    annex = f" + annex {annex_pages}" if annex_pages else ""
    if limit <= 0:  # no limit set
        return f"{shown:.1f} pages{annex}", False
    unit = "page" if limit == 1 else "pages"
    return f"{shown:.1f} / {limit} {unit}{annex}", shown > limit


def count_lines(text: str, width: float = TEXT_WIDTH, size: float = 11.0) -> int:
    """How many lines ``text`` takes as one paragraph of body text ``width`` points wide."""
    return len(_wrap([(text, _REG)], size, width))


NARROW_CELL = 8.0  # pt: the text of a table whose words do not fit the page


def table_fit(cells: list[list[str]], width: float = TEXT_WIDTH) -> tuple[list[float], float, bool]:
    """How the Word renderer sets a table ``width`` points wide: column widths (points), text
    size, and whether it is too wide for the page. Columns are equal while each column's
    longest word fits it; otherwise the table is set in 8 pt, each column as wide as its
    longest word asks (in proportion), and the renderer warns."""
    columns = max((len(row) for row in cells), default=1) or 1
    longest = [0] * columns
    for row in cells:
        for index, text in enumerate(row):
            for word in text.split():
                longest[index] = max(longest[index], em(word, _REG))
    needed = [em * CELL[0] / 1000 + CELL_PADDING for em in longest]
    if sum(needed) <= width:
        return [width / columns] * columns, CELL[0], False
    narrow = [em * NARROW_CELL / 1000 + CELL_PADDING for em in longest]
    total = sum(narrow)
    return [width * n / total for n in narrow], NARROW_CELL, True


def text_lines(blocks: list[Element]) -> int:
    """How many lines of the Word page the body's ``blocks`` (a document's elements) take,
    headings left out: the length of a section as the reader sees it."""
    holder = Element("div")
    holder.extend(block for block in blocks if block.tag not in _HEADINGS)
    layout = _Layout([])
    layout.blocks(holder, BODY, TEXT_WIDTH)
    return sum(len(lines) for _before, _after, _flags, lines in layout.paras)


def _pitch(style: Style) -> float:
    return style[0] * style[1] * (MONO_LINE if style is CODE else LINE)


def _wrap(runs: list[Run], size: float, width: float) -> list[list[int]]:
    """Lines of a paragraph: for each, the footnote marks on it. Remembered per paragraph,
    as the author types into one paragraph at a time."""
    key = (tuple(runs), size, width)
    lines = _WRAPPED.get(key)
    if lines is None:
        if len(_WRAPPED) > 20_000:
            _WRAPPED.clear()
        lines = _WRAPPED[key] = _break_lines(runs, size, width)
    return lines


def _break_lines(runs: list[Run], size: float, width: float) -> list[list[int]]:
    """Greedy line breaking at spaces and after dashes, as LibreOffice does without hyphenation."""
    lines: list[list[int]] = [[]]
    x = word = 0.0  # the current line's width; the word being built (runs meet inside words)
    marks: list[int] = []

    def place(trailing: float) -> None:
        nonlocal x, word, marks
        if x > 0 and x + word > width:
            lines.append([])
            x = 0.0
        while word > width > 0:  # a word wider than the line is broken anywhere
            lines.append([])
            word -= width
        if marks:
            lines[-1].extend(marks)
            marks = []
        x, word = x + word + trailing, 0.0

    for text, font in runs:
        if font == _MARK:
            word += len(text) * 556 * size / 1000 * SUPERSCRIPT
            marks.append(int(text))
        elif font == _BREAK:
            place(0.0)
            lines.append([])
            x = 0.0
        else:
            unit = (9.5 if font == _MONO else size) / 1000
            for index, part in enumerate(text.replace("\n", " ").split(" ")):
                if index:
                    place(SPACE * unit)
                dashed = "-" in part or "–" in part or "—" in part
                pieces = _HYPHEN_RE.split(part) if dashed else (part,)
                for n, piece in enumerate(pieces):
                    if n:
                        place(0.0)
                    word += em(piece, font) * unit if piece else 0.0
    place(0.0)
    return lines


def _runs(elem: Element, font: int, out: list[Run], *, tail: bool = False) -> list[Run]:
    """The runs of an inline element (and its tail), as the Word renderer makes them."""
    tag, inner = elem.tag, font
    if tag == "fnref":
        out.append((elem.get("n", "0"), _MARK))
    elif tag == "br":
        out.append(("", _BREAK))
    elif tag == "code":
        out.append(("".join(elem.itertext()), _MONO))
    elif tag == "span" and elem.get("class") == "image":
        out.append((f"[{''.join(elem.itertext())}]", font))
    else:
        if tag == "strong" or (tag == "span" and elem.get("class") == "missing"):
            inner = _BLD
        if elem.text:
            out.append((elem.text, inner))
        for child in elem:
            _runs(child, inner, out, tail=True)
    if tail and elem.tail:
        out.append((elem.tail, font))
    return out


def _groups(container: Element) -> list[Element | list[Run]]:
    """Block children, with loose text and inline elements gathered into paragraphs (runs)."""
    groups: list[Element | list[Run]] = []
    loose: list[Run] = []
    if container.text and container.text.strip():
        loose.append((container.text.lstrip(), _REG))
    for child in container:
        if child.tag in BLOCK_TAGS:
            if loose:
                groups.append(loose)
                loose = []
            groups.append(child)
            if child.tail and child.tail.strip():
                loose.append((child.tail.lstrip(), _REG))
        else:
            _runs(child, _REG, loose, tail=True)
    if loose:
        groups.append(loose)
    return groups


def _footnote_height(number: int, content: Element) -> float:
    """A footnote's height: its paragraphs at 9 pt, the first led by its mark and a space."""
    height = 0.0
    for index, group in enumerate(_groups(content)):
        runs = group if isinstance(group, list) else _runs(group, _REG, [])
        if index == 0:
            runs = [(str(number), _MARK), (" ", _REG), *runs]
        height += len(_wrap(runs, FOOTNOTE[0], TEXT_WIDTH)) * _pitch(FOOTNOTE) + FOOTNOTE[3]
    return height


class _Layout:
    """The document as paragraphs of lines, each line carrying its footnotes' height."""

    def __init__(self, notes: list[float]) -> None:
        self.notes = notes  # footnote heights, by number - 1
        self.paras: list[Para] = []

    def _notes(self, marks: list[int]) -> float:
        return sum(self.notes[n - 1] for n in marks if 0 < n <= len(self.notes))

    def para(self, style: Style, runs: list[Run], width: float, *, keep: bool = False) -> None:
        pitch = _pitch(style)
        lines = [(pitch, self._notes(m), 0.0) for m in _wrap(runs, style[0], width)]
        if runs and all(font == _MONO for _text, font in runs):
            # Code alone (a fenced block is one code span to Markdown) sets lower lines; the
            # last keeps the paragraph mark's height.
            short = 9.5 * MONO_LINE * style[1]
            lines[:-1] = [(short, notes, repeat) for _h, notes, repeat in lines[:-1]]
        self.paras.append((style[2], style[3], _KEEP if keep else 0, lines))

    def rule(self, style: Style) -> None:
        """An empty paragraph with a bottom border (under the metadata; ---)."""
        self.paras.append((style[2], style[3], 0, [(_pitch(style) + RULE, 0.0, 0.0)]))

    def blocks(self, container: Element, style: Style, width: float, level: int = -1) -> None:
        """Paragraphs in ``style`` and ``width`` (body, quote, list item) and the other blocks."""
        previous = ""
        groups = _groups(container)
        for index, group in enumerate(groups):
            tag = "p" if isinstance(group, list) else group.tag
            if isinstance(group, list) or tag == "p":
                runs = group if isinstance(group, list) else _runs(group, _REG, [])
                following = groups[index + 1] if index + 1 < len(groups) else None
                lead_in = not isinstance(following, list | None) and following.tag == "decision"
                self.para(style, runs, width, keep=lead_in)
            elif tag in _HEADINGS:
                runs = _runs(group, _BLD, [])
                self.para(HEADINGS[_HEADINGS[tag]], runs, TEXT_WIDTH, keep=True)
            elif tag in ("ul", "ol"):
                items = [li for li in group if li.tag == "li"]
                loose = any(child.tag == "p" for li in items for child in li)
                inner = min(level + 1, MAX_LIST_LEVEL)
                for li in items:
                    item_width = TEXT_WIDTH - INDENT * inner - LIST_HANG
                    self.blocks(li, BODY if loose else COMPACT, item_width, inner)
            elif tag == "blockquote":  # 1 cm in on each side, 1 cm more for each level
                depth = round((TEXT_WIDTH - width) / INDENT) if style is QUOTE else 1
                self.blocks(group, QUOTE, TEXT_WIDTH - INDENT * (depth + 1), level)
            elif tag == "pre":  # set in as far as the text around it
                per_line = int(width / (0.6 * CODE[0]))
                text = group.text or ""
                count = sum(max(math.ceil(len(s) / per_line), 1) for s in text.split("\n"))
                self.paras.append((0.0, CODE[3], 0, [(_pitch(CODE), 0.0, 0.0)] * count))
            elif tag == "table":
                if previous == "table":  # the renderer parts adjacent tables
                    self.para(COMPACT, [], TEXT_WIDTH)
                self.table(group)
            elif tag == "hr":
                self.rule(BODY)
            elif tag == "decision":
                self.decision(group)
            elif tag == "div":
                self.blocks(group, style, width, level)
            previous = tag

    def table(self, elem: Element) -> None:
        """A paragraph per row: a row splits between pages like a paragraph of its lines."""
        rows = list(elem.iter("tr"))
        columns = max((sum(c.tag in ("th", "td") for c in tr) for tr in rows), default=1)
        widths = [TEXT_WIDTH / max(columns, 1)] * columns
        header = {id(tr) for part in elem if part.tag == "thead" for tr in part.iter("tr")}
        repeat = 0.0  # header rows are repeated atop each page the table runs onto
        for tr in rows:
            font = _BLD if id(tr) in header else _REG
            cells = [_runs(c, font, []) for c in tr if c.tag in ("th", "td")]
            self.row(cells, widths, repeat, keep=id(tr) in header)
            if id(tr) in header:
                repeat += sum(line[0] for line in self.paras[-1][3])

    def row(
        self,
        cells: list[list[Run]],
        widths: list[float],
        repeat: float,
        keep: bool = False,
        *,
        whole: bool = False,
        least: float = 0.0,
    ) -> None:
        """A table row: ``whole`` when it may not split (it moves to the next page whole),
        ``least`` its minimum height."""
        wrapped = [
            _wrap(runs, CELL[0], w - CELL_PADDING) for runs, w in zip(cells, widths, strict=False)
        ]
        count = max((len(lines) for lines in wrapped), default=1)
        pitch, bottom = _pitch(CELL), CELL[3] + ROW_BOTTOM
        lines = [
            (
                pitch + (0.0 if k else ROW_TOP) + (bottom if k == count - 1 else 0.0),
                self._notes([n for lines in wrapped if k < len(lines) for n in lines[k]]),
                repeat + (ROW_TOP if k else 0.0),
            )
            for k in range(count)
        ]
        height = sum(line[0] for line in lines)
        if least > height:  # the last line takes up the rest of a row's minimum height
            last = lines[-1]
            lines[-1] = (last[0] + least - height, last[1], last[2])
        flags = _ROW | (_KEEP if keep else 0) | (_WHOLE if whole else 0)
        self.paras.append((0.0, 0.0, flags, lines))

    def annex(self, annex: Annex) -> None:
        """Annex A: its heading and introduction, the sources named once, a table per theme
        (rows never split; the header row repeats)."""
        from briefing.exporters.annex import ANNEX_TITLE, COLUMNS, SOURCES_HEADING

        self.para(HEADINGS[1], [(ANNEX_TITLE, _BLD)], TEXT_WIDTH, keep=True)
        self.para(BODY, [(annex.intro, _REG)], TEXT_WIDTH)
        self.para(HEADINGS[2], [(SOURCES_HEADING, _BLD)], TEXT_WIDTH, keep=True)
        for source in annex.sources:
            self.para(COMPACT, [(plain_text(source_label(source)), _REG)], TEXT_WIDTH)
        for section in annex.sections:
            self.para(HEADINGS[2], [(section.theme, _BLD)], TEXT_WIDTH, keep=True)
            labels = [[(label, _BLD)] for label in COLUMNS]
            self.row(labels, ANNEX_COLUMNS, 0.0, keep=True)  # a header row stays with a row
            head = sum(line[0] for line in self.paras[-1][3])
            for row in section.rows:
                cells = [
                    [(quoted(row.entry.quote), _REG)],
                    [(plain_text(row.source), _REG)],
                    [(row.entry.memo, _REG)],
                ]
                self.row(cells, ANNEX_COLUMNS, head, keep=False, whole=True)

    def decision(self, elem: Element) -> None:
        """The decision block: a table kept on one page (every row kept with the next)."""
        self.row([[], [("Recommendation", _BLD)], [("Decision", _BLD)]], DECISION_COLUMNS, 0.0)
        items = [li for li in elem if li.tag == "li"]
        for li in items:
            runs = [run for g in _groups(li) for run in (g if isinstance(g, list) else [])]
            runs = runs or _runs(li, _REG, [])
            options = [(li.get("options", ""), _BLD)]
            self.row([[(f"{li.get('n', '')}.", _REG)], runs, options], DECISION_COLUMNS, 0.0)
        if not items:
            options = [(elem.get("options", ""), _BLD)]
            row = [[], [("The recommendation above", _REG)], options]
            self.row(row, DECISION_COLUMNS, 0.0)
        self.row([[("Signature", _REG)]], [TEXT_WIDTH], 0.0, least=SIGNATURE_ROW)
        self.row([[(elem.get("name", ""), _REG)]], [TEXT_WIDTH], 0.0)
        self.row([[("Comments", _REG)]], [TEXT_WIDTH], 0.0, least=COMMENTS_ROW)
        # kept together: every row but the last is kept with the next, and none splits
        block = len(items) + 4 + (0 if items else 1)
        for index in range(len(self.paras) - block, len(self.paras)):
            before, after, flags, lines = self.paras[index]
            keep = _KEEP if index < len(self.paras) - 1 else 0
            self.paras[index] = (before, after, flags | keep | _WHOLE, lines)
