"""The HTML the note editor's preview shows: marking banner, title, metadata, body, footnotes.

Built from the same structured document as the Word export, so the preview matches it. The
tree holds only the tags the sanitiser let through (no raw HTML, no images, safe links only),
so nothing in the preview can run script or load a file or a URL.
"""

from __future__ import annotations

import html
from xml.etree.ElementTree import Element, SubElement

from briefing.core.model import NoteBundle
from briefing.exporters.document import BriefingDocument, Footnote, shared_document

# Qt's rich text honours only part of a stylesheet (colours, not heading sizes); the rest is for
# a browser or the GUI's own stylesheet. Tables also get HTML attributes, which Qt does honour.
PREVIEW_CSS = """
.marking { text-align: center; font-weight: bold; letter-spacing: 1px; }
h1, h2, h3, h4, h5, h6 { color: #1f3864; }
h1 { font-size: 14pt; } h2 { font-size: 12pt; } h3, h4, h5, h6 { font-size: 11pt; }
h1.title { font-size: 17pt; }
table.metadata td, table.metadata th { text-align: left; padding: 1px 12px 1px 0; }
blockquote { margin-left: 24px; color: #333; }
.missing { color: #b00020; font-weight: bold; }
.image { font-style: italic; color: #555; }
.footnotes { font-size: 9pt; }
table.body-table { border-collapse: collapse; }
table.body-table td, table.body-table th { border: 1px solid #888; padding: 2px 6px; }
"""


def render_preview_html(bundle: NoteBundle) -> str:
    """The preview as an HTML fragment (no annex)."""
    return preview_html(shared_document(bundle))


def preview_html(doc: BriefingDocument) -> str:
    root = Element("div", {"class": "briefing-preview"})
    SubElement(root, "style").text = PREVIEW_CSS
    banner = SubElement(root, "p", {"class": "marking", "align": "center"})
    SubElement(banner, "b").text = doc.marking
    SubElement(root, "h1", {"class": "title"}).text = doc.title
    if doc.metadata:
        table = SubElement(root, "table", {"class": "metadata"})
        for label, value in doc.metadata:
            row = SubElement(table, "tr")
            SubElement(row, "th").text = label
            SubElement(row, "td").text = value
    body = SubElement(root, "div", {"class": "body"})
    _copy_content(doc.body, body)
    if doc.footnotes:
        notes = SubElement(root, "div", {"class": "footnotes", "style": "font-size: 9pt;"})
        SubElement(notes, "hr")
        ol = SubElement(notes, "ol")
        for note in doc.footnotes:
            _footnote(note, ol)
    return serialize(root)


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


def _copy(elem: Element) -> Element:
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
        attrs.update({"class": "body-table", "border": "1", "cellspacing": "0", "cellpadding": "3"})
    copied = Element(elem.tag, attrs)
    _copy_content(elem, copied)
    return copied
