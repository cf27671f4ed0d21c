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

from briefing.exporters.docx_numbering import MAX_LEVEL, Numbering, level_indent
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import R_NS, Elem, make, paragraph, run
from briefing.exporters.docx_xml import cell as make_cell
from briefing.exporters.docx_xml import row as make_row
from briefing.exporters.docx_xml import table as make_table

BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr", "div"}
)
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
        for group in groups:
            tag = group.tag
            if tag == "table" and previous_table:
                out.append(paragraph(self.styles.id("Compact")))  # Word merges adjacent tables
            if tag in ("p", "div_inline"):
                p = first if first is not None else self._paragraph(where)
                self.inline(p, group, Fmt())
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
        columns = max((len([c for c in tr if c.tag in ("th", "td")]) for tr in rows), default=1)
        widths = column_widths(self.text_width, [1] * max(columns, 1))
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
