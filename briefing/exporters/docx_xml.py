"""WordprocessingML building blocks made straight with lxml (fast, and in schema order)."""

from __future__ import annotations

import re
import unicodedata

from docx.opc.part import Part, XmlPart
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# An lxml element; python-docx's own element classes (CT_Body, CT_Settings ...) derive from it.
Elem = etree._Element


def w(tag: str) -> str:
    """Clark name of a w: tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def xml_root(part: Part) -> Elem:
    """The root element of an XML part (python-docx leaves ``XmlPart.element`` untyped)."""
    root = part.element if isinstance(part, XmlPart) else None
    if not isinstance(root, etree._Element):
        raise TypeError(f"{part.partname} is not an XML part")
    return root


def make(tag: str, attrs: dict[str, str] | None = None, parent: Elem | None = None) -> Elem:
    """A w: element (attribute names without prefix are w: too), appended to ``parent``."""
    qattrs = {(k if k.startswith("{") else w(k)): v for k, v in (attrs or {}).items()}
    if parent is None:
        return etree.Element(w(tag), qattrs, nsmap={"w": W_NS, "r": R_NS})
    return etree.SubElement(parent, w(tag), qattrs)


def paragraph(
    style_id: str | None,
    *,
    num: tuple[int, int] | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    jc: str | None = None,
    ind_left: int | None = None,
    border_bottom: bool = False,
    keep_lines: bool = False,
) -> Elem:
    """A ``w:p`` with its properties in the order the schema wants."""
    p = make("p")
    ppr = make("pPr", parent=p)
    if style_id:
        make("pStyle", {"val": style_id}, ppr)
    if keep_next:
        make("keepNext", parent=ppr)
    if keep_lines:
        make("keepLines", parent=ppr)
    if page_break_before:
        make("pageBreakBefore", parent=ppr)
    if num is not None:
        numpr = make("numPr", parent=ppr)
        make("ilvl", {"val": str(num[1])}, numpr)
        make("numId", {"val": str(num[0])}, numpr)
    if border_bottom:
        bdr = make("pBdr", parent=ppr)
        make("bottom", {"val": "single", "sz": "6", "space": "1", "color": "808080"}, bdr)
    if ind_left is not None:
        make("ind", {"left": str(ind_left)}, ppr)
    if jc:
        make("jc", {"val": jc}, ppr)
    if not len(ppr):
        p.remove(ppr)
    return p


def run(
    parent: Elem,
    text: str = "",
    *,
    style_id: str | None = None,
    bold: bool = False,
    italic: bool = False,
    highlight: str | None = None,
    color: str | None = None,
) -> Elem:
    """A ``w:r`` holding ``text`` (soft line breaks become spaces)."""
    r = make("r", parent=parent)
    if style_id or bold or italic or highlight or color:
        rpr = make("rPr", parent=r)
        if style_id:
            make("rStyle", {"val": style_id}, rpr)
        if bold:
            make("b", parent=rpr)
        if italic:
            make("i", parent=rpr)
        if color:
            make("color", {"val": color}, rpr)
        if highlight:
            make("highlight", {"val": highlight}, rpr)
    if text:
        t = make("t", parent=r)
        t.text = text.replace("\n", " ")
        t.set(XML_SPACE, "preserve")
    return r


def field(parent: Elem, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with ``shown`` as its last computed value."""
    make("fldChar", {"fldCharType": "begin"}, make("r", parent=parent))
    instr = make("instrText", {XML_SPACE: "preserve"}, make("r", parent=parent))
    instr.text = f" {instruction} "
    make("fldChar", {"fldCharType": "separate"}, make("r", parent=parent))
    run(parent, shown)
    make("fldChar", {"fldCharType": "end"}, make("r", parent=parent))


def table(
    style_id: str | None,
    widths: list[int],
    *,
    borderless: bool = False,
    caption: str = "",
    description: str = "",
) -> Elem:
    """A ``w:tbl`` as wide as the text, its grid in twips; rows are added by the caller.
    ``caption`` and ``description`` are what a screen reader announces for it."""
    tbl = make("tbl")
    tblpr = make("tblPr", parent=tbl)
    if style_id:
        make("tblStyle", {"val": style_id}, tblpr)
    make("tblW", {"w": "5000", "type": "pct"}, tblpr)
    if borderless:
        borders = make("tblBorders", parent=tblpr)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            make(side, {"val": "nil"}, borders)
    make("tblLayout", {"type": "fixed"}, tblpr)
    if borderless:
        margins = make("tblCellMar", parent=tblpr)
        make("left", {"w": "0", "type": "dxa"}, margins)
    make(
        "tblLook",
        {
            "val": "04A0",
            "firstRow": "0" if borderless else "1",
            "lastRow": "0",
            "firstColumn": "0",
            "lastColumn": "0",
            "noHBand": "1",
            "noVBand": "1",
        },
        tblpr,
    )
    if caption:
        make("tblCaption", {"val": caption[:255]}, tblpr)
    if description:
        make("tblDescription", {"val": description[:255]}, tblpr)
    grid = make("tblGrid", parent=tbl)
    for width in widths:
        make("gridCol", {"w": str(width)}, grid)
    return tbl


def row(
    tbl: Elem, *, header: bool = False, cant_split: bool = False, height: int | None = None
) -> Elem:
    """A ``w:tr``: a header row repeats at the top of each page the table runs onto; a row
    that cannot split moves whole to the next page; ``height`` is a minimum, in twips."""
    tr = make("tr", parent=tbl)
    if header or cant_split or height:
        trpr = make("trPr", parent=tr)
        if cant_split:
            make("cantSplit", parent=trpr)
        if height:
            make("trHeight", {"val": str(height)}, trpr)
        if header:
            make("tblHeader", parent=trpr)
    return tr


def cell(tr: Elem, width: int, *, span: int = 1) -> Elem:
    """A ``w:tc``; the caller must give it at least one paragraph."""
    tc = make("tc", parent=tr)
    tcpr = make("tcPr", parent=tc)
    make("tcW", {"w": str(width), "type": "dxa"}, tcpr)
    if span > 1:
        make("gridSpan", {"val": str(span)}, tcpr)
    return tc


# Right-to-left text: Word needs w:bidi on the paragraph and w:rtl on its runs to lay Arabic
# or Hebrew out from the right. The properties go where the schema orders them.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
PPR_ORDER = (  # noqa: SIM905 (the schema's order reads best as one string)
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR_ORDER = (  # noqa: SIM905
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def insert_ordered(parent: Elem, tag: str, order: list[str]) -> Elem:
    """The child ``tag`` of ``parent``, added where ``order`` (the schema's) puts it."""
    found = parent.find(w(tag))
    if found is not None:
        return found
    rank = order.index(tag)
    child = etree.Element(w(tag))
    for index, existing in enumerate(parent):
        local = etree.QName(existing).localname if isinstance(existing.tag, str) else ""
        if local in order and order.index(local) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _first_strong_is_rtl(text: str) -> bool:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def mark_right_to_left(root: Elem) -> None:
    """Mark paragraphs that start in a right-to-left script ``w:bidi``, and every run holding
    such text ``w:rtl``. Paragraphs with no right-to-left letter are left as they are."""
    for p in root.iter(w("p")):
        texts = [t.text or "" for t in p.iter(w("t"))]
        if not _RTL_RE.search("".join(texts)):
            continue
        if _first_strong_is_rtl("".join(texts)):
            ppr = p.find(w("pPr"))
            if ppr is None:
                ppr = etree.Element(w("pPr"))
                p.insert(0, ppr)
            insert_ordered(ppr, "bidi", PPR_ORDER)
        for r in p.iter(w("r")):
            if _RTL_RE.search("".join(t.text or "" for t in r.iter(w("t")))):
                rpr = r.find(w("rPr"))
                if rpr is None:
                    rpr = etree.Element(w("rPr"))
                    r.insert(0, rpr)
                insert_ordered(rpr, "rtl", RPR_ORDER)
