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
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from briefing.exporters.citation_format import plain_text, quoted, source_label

if TYPE_CHECKING:
    from briefing.core.model import NoteBundle
    from briefing.exporters.document import AnnexSection

# Page geometry of resources/reference.docx (tools/make_reference_docx.py), in points.
TEXT_WIDTH = (11906 - 2 * 1417) / 20  # A4 less two 2.5 cm margins, in twips / 20
BODY_HEIGHT = (16838 - 2 * 1417) / 20
LINE, MONO_LINE = 1.1499, 1.1328  # Liberation Sans, Mono: (ascent + descent + gap) / em
SPACE, FALLBACK = 278, 556  # widths (1/1000 em) of a space and of a letter the tables lack
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
SUPERSCRIPT = 0.58  # LibreOffice's size for superscript (footnote marks)
# Fitted to LibreOffice (tools/calibrate_pages.py):
FN_SEPARATOR = 3.0  # above a page's footnotes (5 pt, less the last footnote's 2 pt after)
FN_SPLIT = 2  # footnote lines a page must hold to start a footnote it cannot finish
ORPHANS = WIDOWS = 2  # LibreOffice gives an imported .docx's Normal style widow control
# Liberation Sans advance widths (1/1000 em) by width; italic has the regular widths.
# Printed by: python tools/calibrate_pages.py --font-table
# fmt: off
_REGULAR = {
    191: "'", 222: "ijl‘’", 260: "|¦", 278: " !,./:;I[\\]ft\xa0ÌÍÎÏìíîï", 333: "()-`r¡¨²³´·¸¹“”‐",
    334: "{}", 350: "•", 355: "\"", 365: "º", 370: "ª", 389: "*", 400: "°", 469: "^",
    500: "Jcksvxyzçýÿ", 537: "¶", 549: "±÷", 552: "¯",
    556: "#$0123456789?L_abdeghnopqu¢£¤¥§«»àáâãäåèéêëðñòóôõöùúûüþ–€", 576: "µ", 584: "+<=>~¬×",
    611: "FTZ¿ßø", 667: "&ABEKPSVXYÀÁÂÃÄÅÈÉÊËÝÞ", 722: "CDHNRUwÇÐÑÙÚÛÜ", 737: "©®",
    778: "GOQÒÓÔÕÖØ", 833: "Mm", 834: "¼½¾", 889: "%æ", 944: "W", 1000: "Æ—…→", 1015: "@",
}
_BOLD = {
    238: "'", 278: " ,./I\\ijl\xa0ÌÍÎÏìíîï‘’", 280: "|¦", 333: "!()-:;[]`ft¡¨²³´·¸¹‐", 350: "•",
    365: "º", 370: "ª", 389: "*r{}", 400: "°", 474: "\"", 500: "z“”", 549: "±÷", 552: "¯",
    556: "#$0123456789J_aceksvxy¢£¤¥§«¶»àáâãäåçèéêëýÿ–€", 576: "µ", 584: "+<=>^~¬×",
    611: "?FLTZbdghnopqu¿ßðñòóôõöøùúûüþ", 667: "EPSVXYÈÉÊËÝÞ", 722: "&ABCDHKNRUÀÁÂÃÄÅÇÐÑÙÚÛÜ",
    737: "©®", 778: "GOQwÒÓÔÕÖØ", 833: "M", 834: "¼½¾", 889: "%mæ", 944: "W", 975: "@",
    1000: "Æ—…→",
}
# fmt: on
_WIDTHS = (
    {c: w for w, chars in _REGULAR.items() for c in chars},
    {c: w for w, chars in _BOLD.items() for c in chars},
)
_REG, _BLD, _MONO = 0, 1, 2  # the fonts of a run
_MARK, _BREAK = -1, -2  # runs that are a footnote mark (its number) and a line break
_KEEP, _ROW = 1, 2  # paragraph flags: kept with the next one; a table row
_HYPHEN_RE = re.compile(r"(?<=[-–—])(?=[^\W\d])")  # a line may break after a dash
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# The Word renderer's block tags and deepest list level (docx_render.BLOCK_TAGS,
# docx_numbering.MAX_LEVEL; a test holds them equal): repeated so that the meter loads
# without python-docx.
BLOCK_TAGS = frozenset({"p", "ul", "ol", "blockquote", "pre", "table", "hr", "div", *_HEADINGS})
MAX_LIST_LEVEL = 8

Run = tuple[str, int]  # text and font; or a mark's number and _MARK
Line = tuple[float, float, float]  # height, its footnotes' height, height repeated atop a page
Para = tuple[float, float, int, list[Line]]  # space before, space after, flags, lines
_EMS: tuple[dict[str, int], dict[str, int]] = ({}, {})  # word widths, by font
_WRAPPED: dict[tuple[tuple[Run, ...], float, float], list[list[int]]] = {}


def estimate_pages(bundle: NoteBundle, *, annex: bool = False) -> float:
    """Pages of ``export_docx(bundle, out, annex=annex)``: whole pages plus the last one's fill."""
    # Imported here: the Markdown reader takes a tenth of a second to import, and the window
    # needs the meter only after its first paint.
    from briefing.exporters.document import build_document, shared_document

    doc = build_document(bundle, annex=True) if annex else shared_document(bundle)
    layout = _Layout([_footnote_height(n.number, n.content) for n in doc.footnotes])
    layout.para(TITLE, [(doc.title, _BLD)], TEXT_WIDTH, keep=True)
    for _label, value in doc.metadata:  # a borderless table, values beside bold labels
        layout.para(COMPACT, [(value, _REG)], META_VALUE)
    layout.rule(COMPACT)
    layout.blocks(doc.body, BODY, TEXT_WIDTH)
    pages, used = _paginate(layout.paras)
    if doc.annex:  # it starts on a new page
        annex_layout = _Layout([])
        annex_layout.annex(doc.annex)
        more, used = _paginate(annex_layout.paras)
        pages += more
    return pages - 1 + min(used / BODY_HEIGHT, 1.0)


def format_meter(pages: float, limit: int) -> tuple[str, bool]:
    """("1.6 / 2 pages", over the limit). Rounded up, so a line onto page 3 shows "2.1 / 2"."""
    shown = max(math.ceil(round(pages * 10, 6)) / 10, 0.1)
    if limit <= 0:  # no limit set
        return f"{shown:.1f} pages", False
    return f"{shown:.1f} / {limit} {'page' if limit == 1 else 'pages'}", shown > limit


def count_lines(text: str, width: float = TEXT_WIDTH, size: float = 11.0) -> int:
    """How many lines ``text`` takes as one paragraph of body text ``width`` points wide."""
    return len(_wrap([(text, _REG)], size, width))


def text_lines(blocks: list[Element]) -> int:
    """How many lines of the Word page the body's ``blocks`` (a document's elements) take,
    headings left out: the length of a section as the reader sees it."""
    holder = Element("div")
    holder.extend(block for block in blocks if block.tag not in _HEADINGS)
    layout = _Layout([])
    layout.blocks(holder, BODY, TEXT_WIDTH)
    return sum(len(lines) for _before, _after, _flags, lines in layout.paras)


def _em(text: str, font: int) -> int:
    """Width of ``text`` in 1/1000 em; East Asian wide characters take a full em."""
    if font == _MONO:
        return 600 * len(text)
    total = _EMS[font].get(text)
    if total is None:
        if len(_EMS[font]) > 100_000:
            _EMS[font].clear()
        table = _WIDTHS[font]
        total = _EMS[font][text] = sum(
            table.get(c) or (1000 if "\u2e80" <= c <= "\uffdc" or c >= "\U00020000" else FALLBACK)
            for c in text
        )
    return total


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
                    word += _em(piece, font) * unit if piece else 0.0
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
        for group in _groups(container):
            tag = "p" if isinstance(group, list) else group.tag
            if isinstance(group, list) or tag == "p":
                runs = group if isinstance(group, list) else _runs(group, _REG, [])
                self.para(style, runs, width)
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

    def row(self, cells: list[list[Run]], widths: list[float], repeat: float, keep: bool) -> None:
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
        self.paras.append((0.0, 0.0, _ROW | (_KEEP if keep else 0), lines))

    def annex(self, sections: list[AnnexSection]) -> None:
        """The annex: a heading, a line of introduction, and a table per theme."""
        from briefing.exporters.document import ANNEX_INTRO, ANNEX_TITLE  # loaded by now

        self.para(HEADINGS[1], [(ANNEX_TITLE, _BLD)], TEXT_WIDTH, keep=True)
        self.para(BODY, [(ANNEX_INTRO, _REG)], TEXT_WIDTH)
        for section in sections:
            self.para(HEADINGS[2], [(section.theme, _BLD)], TEXT_WIDTH, keep=True)
            labels = [[(label, _BLD)] for label in ("Passage", "Source", "Memo")]
            self.row(labels, ANNEX_COLUMNS, 0.0, keep=True)  # a header row stays with a row
            head = sum(line[0] for line in self.paras[-1][3])
            for entry in section.entries:
                label = plain_text(source_label(entry))
                cells = [[(quoted(entry.quote), _REG)], [(label, _REG)], [(entry.memo, _REG)]]
                self.row(cells, ANNEX_COLUMNS, head, keep=False)


class _Page:
    """The page being filled: body height used, footnote area, footnote text held over."""

    def __init__(self) -> None:
        self.count, self.y, self.fn, self.carry, self.placed = 1, 0.0, 0.0, 0.0, False

    def next(self, top: float) -> None:
        self.count += 1
        self.y, self.placed = top, False
        self.fn = self.carry + FN_SEPARATOR if self.carry else 0.0
        self.carry = 0.0

    def fill(self, lines: list[Line], start: int, limit: int, gap: float, commit: bool) -> int:
        """How many of ``lines[start:]`` (at most ``limit``) fit on this page; place them."""
        y, fn, carry, placed = self.y, self.fn, self.carry, self.placed
        count = 0
        for height, notes, _repeat in lines[start : start + limit]:
            if placed and y + gap + height + fn > BODY_HEIGHT:
                break
            extra = notes + FN_SEPARATOR if notes and not fn else notes
            y, gap, placed, count = y + gap + height, 0.0, True, count + 1
            if carry:  # footnotes are held over to the next page: later ones follow them
                carry += notes
            elif y + fn + extra <= BODY_HEIGHT:
                fn += extra
            elif BODY_HEIGHT - y - fn - (extra - notes) >= FN_SPLIT * _pitch(FOOTNOTE):
                # The footnote starts here and goes on at the foot of the next page.
                carry, fn = y + fn + extra - BODY_HEIGHT, BODY_HEIGHT - y
            else:  # too little room: LibreOffice moves the whole footnote on
                carry = notes
        if commit:
            self.y, self.fn, self.carry, self.placed = y, fn, carry, placed
        return count


def _paginate(paras: list[Para]) -> tuple[int, float]:
    """Fill pages line by line: (pages, height used on the last one, footnotes included).

    As LibreOffice lays out our .docx: the space between paragraphs is the larger of one's
    space after and the next's space before (kept at the top of a page); a paragraph leaves
    at least two lines at the foot of a page and takes at least two to the next; a heading
    goes to the next page unless what it is kept with fits too.
    """
    needs = _keep_needs(paras)
    page = _Page()
    after = 0.0
    for index, (before, para_after, _flags, lines) in enumerate(paras):
        gap = max(after, before) if page.placed else before
        if needs[index] and page.placed and page.y + gap + needs[index] + page.fn > BODY_HEIGHT:
            page.next(0.0)
            gap = before
        total, done = len(lines), 0
        while done < total:
            fits = count = page.fill(lines, done, total - done, gap, commit=False)
            if count < total - done:  # widow and orphan control
                count = min(count, total - done - WIDOWS)
                if done == 0 and count < ORPHANS:
                    count = 0
            if count <= 0:
                count = 0 if page.placed else max(fits, 1)  # an empty page takes what fits
            page.fill(lines, done, count, gap, commit=True)
            done += count
            if done < total:
                page.next(lines[done][2])
                gap = before if done == 0 else 0.0
        after = para_after if lines else max(after, para_after)
    return page.count, page.y + page.fn


def _keep_needs(paras: list[Para]) -> list[float]:
    """For each heading: the height it needs with what it is kept with (0 for the others).

    That is the heading, any headings after it, and the first lines of the next paragraph that
    cannot be parted from it (two; all of a paragraph of three lines or fewer, or of a table
    row). Footnotes need no room: LibreOffice moves one that does not fit to the next page.
    """
    needs = [0.0] * len(paras)
    for i in range(len(paras) - 2, -1, -1):
        _before, after, flags, lines = paras[i]
        if flags & _KEEP:
            nxt = paras[i + 1]
            split = len(nxt[3]) >= ORPHANS + WIDOWS and not nxt[2] & _ROW
            chunk = nxt[3][:ORPHANS] if split else nxt[3]
            need = needs[i + 1] if nxt[2] & _KEEP else sum(line[0] for line in chunk)
            needs[i] = sum(line[0] for line in lines) + max(after, nxt[0]) + need
    return needs
