"""The page furniture of a brief: the marking, DRAFT and "Page X of Y" in the headers and
footers, filled into the reference document's own.

A house template keeps its header and footer (text, logo, first-page and even-page variants):
where they hold placeholders (``{marking}``, ``{reference}``, ``{page}``, ``{pages}``,
``{draft}``, ``{status}``, ``{title}``, ``{date}``) those are filled in; where they hold none,
the marking (and DRAFT on a draft) goes at the top of the header and the marking, reference and
page number at the foot of the footer, beside what the template has. The built-in reference
document has empty headers and footers, so it gets the second treatment.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from lxml import etree

from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import (
    RPR_ORDER,
    XML_SPACE,
    Elem,
    field,
    insert_ordered,
    make,
    paragraph,
    run,
    w,
    xml_root,
)
from briefing.exporters.text import format_date

PLACEHOLDER_RE = re.compile(r"\{(marking|reference|page|pages|draft|status|title|date)\}")
DRAFT_COLOUR = "C00000"
_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"


@dataclass(frozen=True)
class PageOptions:
    """How the marking and draft state show: ``position`` "centre" or "right" (top right),
    ``colour`` RRGGBB or "" (the style's), ``watermark`` a diagonal DRAFT across drafts."""

    position: str = "centre"
    colour: str = ""
    watermark: bool = False


@dataclass(frozen=True)
class PageText:
    marking: str
    reference: str
    draft: bool
    status: str
    title: str
    date: str

    def value(self, name: str) -> str:
        return {
            "marking": self.marking,
            "reference": self.reference,
            "draft": "DRAFT" if self.draft else "",
            "status": self.status,
            "title": self.title,
            "date": format_date(self.date),
        }[name]


def fill_headers_and_footers(
    document: DocxDocument, text: PageText, styles: StyleMap, options: PageOptions
) -> None:
    """Every header and footer of the last section: the template's own, filled in."""
    section = document.sections[-1]
    pairs = [(section.header, section.footer)]
    if section.different_first_page_header_footer:
        pairs.append((section.first_page_header, section.first_page_footer))
    if document.settings.odd_and_even_pages_header_footer:
        pairs.append((section.even_page_header, section.even_page_footer))
    for header, footer in pairs:
        header.is_linked_to_previous = False  # a part of its own (created when missing)
        footer.is_linked_to_previous = False
        top, bottom = xml_root(header.part), xml_root(footer.part)
        for story, is_header in ((top, True), (bottom, False)):
            _drop_empty_paragraphs(story)
            if any(PLACEHOLDER_RE.search(_paragraph_text(p)) for p in story.iter(w("p"))):
                _fill_placeholders(story, text, options)
            elif is_header:
                _add_header(story, text, styles, options)
            else:
                _add_footer(story, text, styles)
            if is_header and text.draft and options.watermark:
                _add_watermark(story)
            if not len(story.findall(w("p"))) and not len(story.findall(w("tbl"))):
                story.append(paragraph(styles.id("Header")))  # a story needs a paragraph


def _paragraph_text(p: Elem) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _drop_empty_paragraphs(story: Elem) -> None:
    """Paragraphs with nothing to show (python-docx's new header has one) go."""
    for p in story.findall(w("p")):
        if _paragraph_text(p).strip():
            continue
        kinds = (w("drawing"), w("pict"), w("object"), w("fldChar"), w("fldSimple"), w("tab"))
        if next(p.iter(*kinds), None) is not None:
            continue
        story.remove(p)


def _marking_paragraph(text: str, styles: StyleMap, options: PageOptions, *, top: bool) -> Elem:
    jc = "right" if top and options.position == "right" else "center"
    p = paragraph(styles.id("Marking"), jc=jc)
    run(p, text, bold=True, color=options.colour or None)
    return p


def _add_header(story: Elem, text: PageText, styles: StyleMap, options: PageOptions) -> None:
    first = _marking_paragraph(text.marking, styles, options, top=True)
    story.insert(0, first)
    if text.draft:
        jc = "right" if options.position == "right" else "center"
        draft = paragraph(styles.id("Marking"), jc=jc)
        run(draft, "DRAFT", bold=True, color=DRAFT_COLOUR)
        first.addnext(draft)


def _add_footer(story: Elem, text: PageText, styles: StyleMap) -> None:
    story.append(_marking_paragraph(text.marking, styles, PageOptions(), top=False))
    page = paragraph(styles.id("Footer"), jc="center")
    if text.reference:
        run(page, f"{text.reference} · ")
    run(page, "Page ")
    field(page, "PAGE", "1")
    run(page, " of ")
    field(page, "NUMPAGES", "1")
    story.append(page)


def _text_runs(p: Elem) -> list[list[Elem]]:
    """Stretches of runs holding only text (and tabs), where a placeholder may be split."""
    groups: list[list[Elem]] = [[]]
    for child in p:
        plain = child.tag == w("r") and all(c.tag in (w("rPr"), w("t"), w("tab")) for c in child)
        if plain:
            groups[-1].append(child)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _run_text(r: Elem) -> str:
    return "".join(c.text or "" if c.tag == w("t") else "\t" for c in r if c.tag != w("rPr"))


def _fill_placeholders(story: Elem, text: PageText, options: PageOptions) -> None:
    for p in list(story.iter(w("p"))):
        had_text = bool(_paragraph_text(p).strip())
        for group in _text_runs(p):
            joined = "".join(_run_text(r) for r in group)
            if not PLACEHOLDER_RE.search(joined):
                continue
            rpr = group[0].find(w("rPr"))
            for piece in _pieces(joined, text):
                for r in _piece_runs(piece, rpr, options):
                    group[0].addprevious(r)
            for r in group:
                p.remove(r)
        parent = p.getparent()
        emptied = had_text and not _paragraph_text(p).strip()
        furniture = next(p.iter(w("drawing"), w("pict"), w("fldChar")), None) is not None
        if emptied and not furniture and parent is not None and parent.tag != w("tc"):
            parent.remove(p)  # {draft} on a final note: no empty line left behind


def _pieces(joined: str, text: PageText) -> list[tuple[str, str]]:
    """("text", s), ("field", "PAGE"), ("marking", s) or ("draft", s) pieces of a stretch."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(joined):
        pieces.append(("text", joined[pos : match.start()]))
        name = match.group(1)
        if name in _FIELDS:
            pieces.append(("field", _FIELDS[name]))
        else:
            kind = name if name in ("marking", "draft") else "text"
            pieces.append((kind, text.value(name)))
        pos = match.end()
    pieces.append(("text", joined[pos:]))
    return [(kind, value) for kind, value in pieces if value]


def _piece_runs(piece: tuple[str, str], rpr: Elem | None, options: PageOptions) -> list[Elem]:
    """The runs of one piece, in the formatting of the run the placeholder began in."""
    kind, value = piece
    if kind == "field":
        holder = make("p")
        field(holder, value, "1")
        made = list(holder)
    else:
        r = make("r")
        for index, part in enumerate(value.split("\t")):
            if index:
                make("tab", parent=r)
            if part:
                t = make("t", parent=r)
                t.text = part
                t.set(XML_SPACE, "preserve")
        made = [r]
    for r in made:
        if rpr is not None:
            r.insert(0, copy.deepcopy(rpr))
        if kind == "marking" and options.colour:
            _colour(r, options.colour)
        elif kind == "draft":
            _colour(r, DRAFT_COLOUR)
    return made


def _colour(r: Elem, colour: str) -> None:
    rpr = r.find(w("rPr"))
    if rpr is None:
        rpr = make("rPr")
        r.insert(0, rpr)
    insert_ordered(rpr, "color", RPR_ORDER).set(w("val"), colour)


# Word's own watermark: a VML text shape behind the text, centred on the page's margins.
_WATERMARK = f"""<w:r xmlns:w="{w("")[1:-1]}" xmlns:v="{_VML}" xmlns:o="{_OFFICE}"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>
<v:shape id="BriefingDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:412pt;height:137pt;rotation:315;
z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#d9d9d9" stroked="f">
<v:fill opacity=".5"/><v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt"
 string="DRAFT"/></v:shape></w:pict></w:r>"""


def _add_watermark(story: Elem) -> None:
    holder = story.find(w("p"))
    if holder is None:
        holder = make("p", parent=story)
    holder.append(etree.fromstring(_WATERMARK))
