"""The HTML the note editor's preview shows: what the Word brief shows, page furniture aside.

The marking (centred or top right, as the export places it), DRAFT on a draft, the title, the
header block, the body with its decision block, the sign-off, the footnotes and Annex A. Built
from the same structured document as the Word export, so the preview matches it. The tree
holds only the tags the sanitiser let through (no raw HTML, no images, safe links only), so
nothing in the preview can run script or load a file or a URL.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

from briefing.core.model import NoteBundle
from briefing.exporters.annex import ANNEX_TITLE, COLUMNS, SOURCES_HEADING, AnnexChoice
from briefing.exporters.brief_structure import DECISION, SIGNATURE_LABELS
from briefing.exporters.citation_format import quoted, source_label
from briefing.exporters.document import (
    BriefingDocument,
    Footnote,
    inline_elements,
    shared_document,
)


@dataclass(frozen=True)
class PreviewColours:
    """The colours the preview adds to the reader's text colour: as printed by default; the
    window passes its colour scheme's, so headings read on a dark page too."""

    heading: str = "#1F3864"
    quote: str = "#333333"
    error: str = "#B00020"  # a citation of a missing passage
    muted: str = "#555555"  # an image's stand-in
    draft: str = "#C00000"
    rule: str = "#888888"  # table borders


PRINT_COLOURS = PreviewColours()


def preview_css(colours: PreviewColours = PRINT_COLOURS) -> str:
    """Qt's rich text honours only part of a stylesheet (colours, not heading sizes); the rest
    is for a browser or the GUI's own stylesheet. Tables also get HTML attributes, which Qt
    does honour."""
    c = colours
    return f"""
.marking {{ text-align: center; font-weight: bold; letter-spacing: 1px; }}
h1, h2, h3, h4, h5, h6 {{ color: {c.heading}; }}
h1 {{ font-size: 14pt; }} h2 {{ font-size: 12pt; }} h3, h4, h5, h6 {{ font-size: 11pt; }}
h1.title {{ font-size: 17pt; }}
table.metadata td, table.metadata th {{ text-align: left; padding: 1px 12px 1px 0; }}
blockquote {{ margin-left: 24px; color: {c.quote}; }}
.missing {{ color: {c.error}; font-weight: bold; }}
.image {{ font-style: italic; color: {c.muted}; }}
.footnotes {{ font-size: 9pt; }}
.draft {{ color: {c.draft}; font-weight: bold; letter-spacing: 1px; }}
table.decision td, table.decision th {{ border: 1px solid {c.rule}; padding: 3px 6px; }}
table.decision td.options {{ text-align: center; font-weight: bold; }}
h1.annex {{ margin-top: 24px; border-top: 2px solid {c.heading}; padding-top: 8px; }}
table.body-table {{ border-collapse: collapse; }}
table.body-table td, table.body-table th {{ border: 1px solid {c.rule}; padding: 2px 6px; }}
"""


PREVIEW_CSS = preview_css()


def render_preview_html(
    bundle: NoteBundle, *, annex: AnnexChoice = "cited", colours: PreviewColours = PRINT_COLOURS
) -> str:
    """The preview as an HTML fragment, Annex A after a rule (``annex`` as for the export):
    the document the page meter and the checks read too."""
    return preview_html(shared_document(bundle, annex), colours)


def preview_html(doc: BriefingDocument, colours: PreviewColours = PRINT_COLOURS) -> str:
    root = Element("div", {"class": "briefing-preview"})
    SubElement(root, "style").text = preview_css(colours)
    align = "right" if doc.settings.marking_position == "right" else "center"
    banner = SubElement(root, "p", {"class": "marking", "align": align})
    SubElement(banner, "b").text = doc.marking
    if doc.draft:
        draft = SubElement(root, "p", {"class": "draft", "align": align})
        SubElement(draft, "font", {"color": colours.draft}).text = "DRAFT"
    SubElement(root, "h1", {"class": "title"}).text = doc.title
    _label_table(root, doc.metadata, "metadata")
    body = SubElement(root, "div", {"class": "body"})
    _copy_content(doc.body, body)
    if doc.signoff:
        SubElement(root, "hr")
        _label_table(root, doc.signoff, "metadata signoff")
    if doc.footnotes:
        notes = SubElement(root, "div", {"class": "footnotes", "style": "font-size: 9pt;"})
        SubElement(notes, "hr")
        ol = SubElement(notes, "ol")
        for note in doc.footnotes:
            _footnote(note, ol)
    if doc.annex:
        _annex(doc, root)
    return serialize(root)


def _label_table(parent: Element, rows: tuple[tuple[str, str], ...], css: str) -> None:
    if not rows:
        return
    table = SubElement(parent, "table", {"class": css})
    for label, value in rows:
        row = SubElement(table, "tr")
        SubElement(row, "th").text = label
        SubElement(row, "td").text = value


def _annex(doc: BriefingDocument, root: Element) -> None:
    SubElement(root, "hr")
    SubElement(root, "h1", {"class": "annex"}).text = ANNEX_TITLE
    SubElement(root, "p").text = doc.annex.intro
    SubElement(root, "h2").text = SOURCES_HEADING
    sources = SubElement(root, "ul")
    for source in doc.annex.sources:
        _inline(SubElement(sources, "li"), inline_elements(source_label(source)))
    for section in doc.annex.sections:
        SubElement(root, "h2").text = section.theme
        table = SubElement(root, "table", _TABLE_ATTRS)
        header = SubElement(table, "tr")
        for label in COLUMNS:
            SubElement(header, "th").text = label
        for row in section.rows:
            tr = SubElement(table, "tr")
            SubElement(tr, "td").text = quoted(row.entry.quote)
            _inline(SubElement(tr, "td"), inline_elements(row.source))
            SubElement(tr, "td").text = row.entry.memo


def _inline(parent: Element, items: list[str | Element]) -> None:
    for item in items:
        if isinstance(item, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + item
            else:
                parent.text = (parent.text or "") + item
        else:
            parent.append(_copy(item))


def _decision(elem: Element) -> Element:
    """The decision block as a table: recommendation, options; signature, name, date,
    comments."""
    table = Element("table", {**_TABLE_ATTRS, "class": "decision", "width": "100%"})
    header = SubElement(table, "tr")
    for label in ("", "Recommendation", "Decision"):
        SubElement(header, "th").text = label
    items = [li for li in elem if li.tag == "li"]
    for li in items:
        tr = SubElement(table, "tr")
        SubElement(tr, "td").text = f"{li.get('n', '')}."
        _copy_content(li, SubElement(tr, "td"))
        SubElement(tr, "td", {"class": "options", "align": "center"}).text = li.get("options")
    if not items:
        tr = SubElement(table, "tr")
        SubElement(tr, "td")
        SubElement(tr, "td").text = "The recommendation above"
        SubElement(tr, "td", {"class": "options", "align": "center"}).text = elem.get("options")
    signature, name, date, comments = SIGNATURE_LABELS
    tr = SubElement(table, "tr")
    SubElement(tr, "td", {"colspan": "2"}).text = f"{signature}: " + "_" * 28
    SubElement(tr, "td").text = f"{date}: ____ / ____ / ______"
    tr = SubElement(table, "tr")
    SubElement(tr, "td", {"colspan": "3"}).text = f"{name}: {elem.get('name', '')}"
    tr = SubElement(table, "tr")
    cell = SubElement(tr, "td", {"colspan": "3", "height": "60", "valign": "top"})
    cell.text = f"{comments}:"
    return table


_VOID = frozenset({"br", "hr"})


def _escape(text: str) -> str:
    # Quotes and "=" too: hostile markup shown as text must not even look like an attribute.
    return html.escape(text, quote=True).replace("=", "&#61;")


def serialize(elem: Element) -> str:
    """HTML for the preview tree; every text and attribute escaped (the style is ours)."""
    parts: list[str] = []
    _write(elem, parts)
    return "".join(parts)


def _write(elem: Element, parts: list[str]) -> None:
    attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in elem.items())
    parts.append(f"<{elem.tag}{attrs}>")
    if elem.tag == "style":
        parts.append(elem.text or "")
    elif elem.text:
        parts.append(_escape(elem.text))
    for child in elem:
        _write(child, parts)
        if child.tail:
            parts.append(_escape(child.tail))
    if elem.tag not in _VOID:
        parts.append(f"</{elem.tag}>")


def _footnote(note: Footnote, ol: Element) -> None:
    li = SubElement(ol, "li", {"id": f"fn-{note.number}"})
    _copy_content(note.content, li)
    last = li[-1] if len(li) and li[-1].tag == "p" else li
    if len(last):
        last[-1].tail = (last[-1].tail or "") + " "
    else:
        last.text = (last.text or "") + " "
    back = SubElement(last, "a", {"href": f"#fnref-{note.number}", "class": "backref"})
    back.text = "↩"


def _copy_content(src: Element, dst: Element) -> None:
    dst.text = (dst.text or "") + (src.text or "")
    for child in src:
        copied = _copy(child)
        copied.tail = child.tail
        dst.append(copied)


_TABLE_ATTRS = {"class": "body-table", "border": "1", "cellspacing": "0", "cellpadding": "3"}


def _copy(elem: Element) -> Element:
    if elem.tag == DECISION:
        return _decision(elem)
    if elem.tag == "fnref":
        number = elem.get("n", "")
        sup = Element("sup", {"class": "fnref"})
        SubElement(sup, "a", {"href": f"#fn-{number}", "id": f"fnref-{number}"}).text = number
        return sup
    attrs = {}
    if elem.tag == "a":
        attrs["href"] = elem.get("href", "")
    elif elem.tag == "ol" and elem.get("start", "1") != "1":
        attrs["start"] = elem.get("start", "1")
    elif elem.tag in ("th", "td") and elem.get("align"):
        attrs["align"] = elem.get("align", "")
    elif elem.tag == "span":
        attrs["class"] = elem.get("class", "")
        if attrs["class"] == "image":  # its description in brackets, as in the Word file
            span = Element("span", attrs)
            span.text = f"[{''.join(elem.itertext())}]"
            return span
    elif elem.tag == "table":
        attrs.update(_TABLE_ATTRS)
    copied = Element(elem.tag, attrs)
    _copy_content(elem, copied)
    return copied
