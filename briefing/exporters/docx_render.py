"""The document's element tree as WordprocessingML paragraphs, tables and footnotes.

Paragraph styles follow pandoc: First Paragraph after a heading, Body Text otherwise, Block Text
in quotes, Compact in tight list items and table cells, Footnote Text in footnotes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote
from xml.etree.ElementTree import Element

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part

from briefing.exporters.brief_structure import DECISION, SIGNATURE_LABELS
from briefing.exporters.docx_numbering import MAX_LEVEL, Numbering, level_indent
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import (
    PPR_ORDER,
    R_NS,
    RPR_ORDER,
    W_NS,
    Elem,
    insert_ordered,
    make,
    paragraph,
    run,
)
from briefing.exporters.docx_xml import cell as make_cell
from briefing.exporters.docx_xml import row as make_row
from briefing.exporters.docx_xml import table as make_table
from briefing.exporters.pages import table_fit

BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr", "div"}
    | {DECISION}
)
DECISION_WEIGHTS = [1, 13, 6]  # number | recommendation | the options
COMMENTS_HEIGHT = 1418  # twips (2.5 cm): room for the decision maker's comments
_SIGNATURE_LINE = "_" * 28
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


@dataclass(frozen=True)
class Fmt:
    bold: bool = False
    italic: bool = False
    link: bool = False


@dataclass(frozen=True)
class Where:
    """Where a block sits, which decides its paragraph style."""

    kind: str = "body"  # body, quote, list, cell, footnote
    quote: int = 0
    level: int = -1
    loose: bool = False


class Renderer:
    """Writes blocks into one story (the body, or footnotes) of one part."""

    def __init__(
        self,
        styles: StyleMap,
        numbering: Numbering,
        part: Part,
        text_width: int,
        footnote: Callable[[int], int | None] | None = None,
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.part = part  # hyperlinks are relationships of the part the text lives in
        self.text_width = text_width
        self.footnote = footnote
        self.after_heading = False
        self.warnings: list[str] = []  # tables too wide for the page

    # blocks -----------------------------------------------------------------------------------

    def blocks(
        self, container: Element, out: Elem, where: Where, first: Elem | None = None
    ) -> None:
        """Render ``container``'s content into ``out``; ``first`` receives the first paragraph."""
        self.groups(_groups(container), out, where, first)

    def groups(
        self, groups: list[Element], out: Elem, where: Where, first: Elem | None = None
    ) -> None:
        previous_table = False
        for index, group in enumerate(groups):
            tag = group.tag
            # the paragraph that leads into the decision block stays on its page
            lead_in = index + 1 < len(groups) and groups[index + 1].tag == DECISION
            if tag == "table" and previous_table:
                out.append(paragraph(self.styles.id("Compact")))  # Word merges adjacent tables
            if tag in ("p", "div_inline"):
                p = first if first is not None else self._paragraph(where)
                self.inline(p, group, Fmt())
                if lead_in:
                    _keep_next(p)
                if first is None:
                    out.append(p)
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                p = paragraph(self.styles.id(f"Heading {tag[1]}"))
                self.inline(p, group, Fmt())
                out.append(p)
            elif tag in ("ul", "ol"):
                self.list_block(group, out, where)
            elif tag == "blockquote":
                self.blocks(group, out, replace(where, kind="quote", quote=where.quote + 1))
            elif tag == "pre":
                out.append(self._code(group, where))
            elif tag == "table":
                out.append(self.table(group))
            elif tag == DECISION:
                out.append(self.decision(group))
            elif tag == "hr":
                out.append(paragraph(self.styles.id("Body Text"), border_bottom=True))
            elif tag == "div":
                self.blocks(group, out, where)
            self.after_heading = tag.startswith("h") and tag != "hr"
            previous_table = tag == "table"
            first = None

    def _paragraph(self, where: Where) -> Elem:
        if where.kind == "footnote":
            return paragraph(self.styles.id("Footnote Text"))
        if where.kind == "cell":
            return paragraph(self.styles.id("Compact"))
        if where.kind == "quote":
            indent = 567 * where.quote if where.quote > 1 else None
            return paragraph(self.styles.id("Block Text"), ind_left=indent)
        if where.kind == "list":
            name = "Body Text" if where.loose else "Compact"
            return paragraph(self.styles.id(name), ind_left=level_indent(where.level))
        name = "First Paragraph" if self.after_heading else "Body Text"
        return paragraph(self.styles.id(name))

    def _code(self, pre: Element, where: Where) -> Elem:
        # In a quote or under a list item, code is set in as far as the text around it.
        indent = None
        if where.kind == "quote":
            indent = 567 * where.quote
        elif where.kind == "list":
            indent = level_indent(where.level)
        p = paragraph(self.styles.id("Source Code"), ind_left=indent)
        for i, line in enumerate((pre.text or "").split("\n")):
            r = run(p, line)
            if i:
                r.insert(0, make("br"))
        return p

    def list_block(self, elem: Element, out: Elem, where: Where) -> None:
        level = min(where.level + 1, MAX_LEVEL)
        if elem.tag == "ol":
            start = elem.get("start", "1")
            num_id = self.numbering.ordered(level, int(start) if start.isdigit() else 1)
        else:
            num_id = self.numbering.bullets()
        items = [li for li in elem if li.tag == "li"]
        loose = any(child.tag == "p" for li in items for child in li)
        item_where = Where("list", where.quote, level, loose)
        style = self.styles.id("Body Text" if loose else "Compact")
        for li in items:
            first = paragraph(style, num=(num_id, level))
            out.append(first)
            groups = _groups(li)
            if groups and groups[0].tag in ("p", "div_inline"):
                self.inline(first, groups[0], Fmt())
                groups = groups[1:]
            self.groups(groups, out, item_where)

    def table(self, elem: Element) -> Elem:
        rows = [tr for tr in elem.iter("tr")]
        texts = [["".join(c.itertext()) for c in tr if c.tag in ("th", "td")] for tr in rows]
        points, size, too_wide = table_fit(texts, self.text_width / 20)
        widths = column_widths(self.text_width, [max(round(p * 20), 1) for p in points])
        tbl = make_table(self.styles.id("Table"), widths)
        header_rows = {id(tr) for part in elem if part.tag == "thead" for tr in part.iter("tr")}
        for tr in rows:
            out_row = make_row(tbl, header=id(tr) in header_rows)
            cells = [c for c in tr if c.tag in ("th", "td")]
            for index, width in enumerate(widths):
                tc = make_cell(out_row, width)
                p = paragraph(self.styles.id("Compact"), jc=_jc(cells, index))
                tc.append(p)
                if index < len(cells):
                    self.inline(p, cells[index], Fmt())
        if too_wide:
            self._narrow(tbl, size, texts, points)
        return tbl

    def _narrow(self, tbl: Elem, size: float, texts: list[list[str]], points: list[float]) -> None:
        """A table whose words cannot fit the page: smaller type, and a warning."""
        half_points = str(round(size * 2))
        for r in tbl.iter(f"{{{W_NS}}}r"):
            rpr = r.find(f"{{{W_NS}}}rPr")
            if rpr is None:
                rpr = make("rPr")
                r.insert(0, rpr)
            insert_ordered(rpr, "sz", RPR_ORDER).set(f"{{{W_NS}}}val", half_points)
        first = next((t for row in texts for t in row if t.strip()), "")
        self.warnings.append(
            f'The table beginning "{" ".join(first.split())[:40]}" has {len(points)} columns, '
            f"too many for the page's width: it is set in {size:g} pt; consider fewer "
            "columns, or moving it to an annex."
        )

    def decision(self, elem: Element) -> Elem:
        """The decision block: each recommendation with its options, then the decision
        maker's signature, name and date, and room for comments, kept on one page."""
        widths = column_widths(self.text_width, DECISION_WEIGHTS)
        tbl = make_table(
            self.styles.id("Table"),
            widths,
            caption="Decision",
            description="The recommendations, each with the options to circle, then the "
            "decision maker's signature, name, date and comments.",
        )
        compact = self.styles.id("Compact")

        def cell(tr: Elem, text: str, width: int, *, span: int = 1, bold: bool = False) -> Elem:
            p = paragraph(compact, keep_next=True, jc="center" if width == widths[2] else None)
            if text:
                run(p, text, bold=bold)
            tc = make_cell(tr, width, span=span)
            tc.append(p)
            return p

        header = make_row(tbl, header=True, cant_split=True)
        for text, width in zip(("", "Recommendation", "Decision"), widths, strict=True):
            cell(header, text, width)
        items = [li for li in elem if li.tag == "li"]
        for li in items:
            tr = make_row(tbl, cant_split=True)
            cell(tr, f"{li.get('n', '')}.", widths[0])
            tc = make_cell(tr, widths[1])
            self.blocks(li, tc, Where("cell"))
            if not len(tc.findall(f"{{{W_NS}}}p")):
                tc.append(paragraph(compact))
            for p in tc.iter(f"{{{W_NS}}}p"):
                _keep_next(p)
            cell(tr, li.get("options", ""), widths[2], bold=True)
        if not items:
            tr = make_row(tbl, cant_split=True)
            cell(tr, "", widths[0])
            cell(tr, "The recommendation above", widths[1])
            cell(tr, elem.get("options", ""), widths[2], bold=True)
        signature, name, date, comments = SIGNATURE_LABELS
        tr = make_row(tbl, cant_split=True, height=567)
        cell(tr, f"{signature}: {_SIGNATURE_LINE}", widths[0] + widths[1], span=2)
        cell(tr, f"{date}: ____ / ____ / ______", widths[2])
        tr = make_row(tbl, cant_split=True)
        cell(tr, f"{name}: {elem.get('name', '')}", self.text_width, span=3)
        tr = make_row(tbl, cant_split=True, height=COMMENTS_HEIGHT)
        last = paragraph(compact)
        run(last, f"{comments}:")
        make_cell(tr, self.text_width, span=3).append(last)
        return tbl

    # inline -----------------------------------------------------------------------------------

    def inline(self, target: Elem, elem: Element, fmt: Fmt) -> None:
        """Runs for ``elem``'s text and inline children (not its tail) into ``target``."""
        self._text(target, elem.text, fmt)
        for child in elem:
            self._inline_child(target, child, fmt)
            self._text(target, child.tail, fmt)

    def _text(self, target: Elem, text: str | None, fmt: Fmt) -> None:
        if text:
            style = self.styles.id("Hyperlink") if fmt.link else None
            run(target, text, style_id=style, bold=fmt.bold, italic=fmt.italic)

    def _inline_child(self, target: Elem, child: Element, fmt: Fmt) -> None:
        tag = child.tag
        if tag == "em":
            self.inline(target, child, replace(fmt, italic=True))
        elif tag == "strong":
            self.inline(target, child, replace(fmt, bold=True))
        elif tag == "code":
            text = "".join(child.itertext())
            run(target, text, style_id=self.styles.id("Verbatim Char"), bold=fmt.bold)
        elif tag == "a":
            self._link(target, child, fmt)
        elif tag == "br":
            make("br", parent=run(target))
        elif tag == "fnref":
            self._footnote_ref(target, int(child.get("n", "0") or 0))
        elif tag == "span" and child.get("class") == "missing":
            run(target, "".join(child.itertext()), bold=True, highlight="yellow")
        elif tag == "span" and child.get("class") == "image":
            run(target, f"[{''.join(child.itertext())}]", italic=True, bold=fmt.bold)
        else:
            self.inline(target, child, fmt)

    def _link(self, target: Elem, child: Element, fmt: Fmt) -> None:
        href = child.get("href") or ""
        if href.startswith("#") or fmt.link:  # no bookmarks in a brief; no links in links
            self.inline(target, child, fmt)
            return
        rid = self.part.relate_to(quote(href, safe=_URL_SAFE), RT.HYPERLINK, is_external=True)
        link = make("hyperlink", {f"{{{R_NS}}}id": rid, "history": "1"}, target)
        self.inline(link, child, replace(fmt, link=True))

    def _footnote_ref(self, target: Elem, number: int) -> None:
        note_id = self.footnote(number) if self.footnote else None
        if note_id is None:
            return
        r = run(target, style_id=self.styles.id("Footnote Reference"))
        make("footnoteReference", {"id": str(note_id)}, r)


def _keep_next(p: Elem) -> None:
    ppr = p.find(f"{{{W_NS}}}pPr")
    if ppr is None:
        ppr = make("pPr")
        p.insert(0, ppr)
    insert_ordered(ppr, "keepNext", PPR_ORDER)


def _groups(container: Element) -> list[Element]:
    """Block children, with runs of loose text and inline elements gathered into paragraphs.

    The inline elements are shared with the document's tree, not copied (it stays unchanged).
    """
    groups: list[Element] = []
    current: Element | None = None

    def add_text(text: str | None) -> None:
        nonlocal current
        if not text:
            return
        if current is None:
            if not text.strip():
                return
            current = Element("div_inline")
            groups.append(current)
            current.text = text.lstrip()
        elif len(current):
            current[-1].tail = (current[-1].tail or "") + text
        else:
            current.text = (current.text or "") + text

    add_text(container.text)
    for child in container:
        if child.tag in BLOCK_TAGS:
            current = None
            groups.append(child)
            add_text(child.tail)
        else:
            if current is None:
                current = Element("div_inline")
                groups.append(current)
            wrapper = Element(child.tag, child.attrib)
            wrapper.text, wrapper.tail = child.text, child.tail
            wrapper.extend(list(child))
            current.append(wrapper)
    return groups


def _jc(cells: list[Element], index: int) -> str | None:
    if index >= len(cells):
        return None
    return {"center": "center", "right": "right"}.get(cells[index].get("align", ""))


def column_widths(total: int, weights: list[int]) -> list[int]:
    """Column widths in twips, summing to ``total``."""
    unit = total // sum(weights)
    widths = [unit * weight for weight in weights]
    widths[-1] += total - sum(widths)
    return widths
