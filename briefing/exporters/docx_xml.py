"""WordprocessingML building blocks made straight with lxml (fast, and in schema order)."""

from __future__ import annotations

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
) -> Elem:
    """A ``w:p`` with its properties in the order the schema wants."""
    p = make("p")
    ppr = make("pPr", parent=p)
    if style_id:
        make("pStyle", {"val": style_id}, ppr)
    if keep_next:
        make("keepNext", parent=ppr)
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
) -> Elem:
    """A ``w:r`` holding ``text`` (soft line breaks become spaces)."""
    r = make("r", parent=parent)
    if style_id or bold or italic or highlight:
        rpr = make("rPr", parent=r)
        if style_id:
            make("rStyle", {"val": style_id}, rpr)
        if bold:
            make("b", parent=rpr)
        if italic:
            make("i", parent=rpr)
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


def table(style_id: str | None, widths: list[int], *, borderless: bool = False) -> Elem:
    """A ``w:tbl`` as wide as the text, its grid in twips; rows are added by the caller."""
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
    grid = make("tblGrid", parent=tbl)
    for width in widths:
        make("gridCol", {"w": str(width)}, grid)
    return tbl


def row(tbl: Elem, *, header: bool = False) -> Elem:
    tr = make("tr", parent=tbl)
    if header:  # repeated at the top of each page the table runs onto
        make("tblHeader", parent=make("trPr", parent=tr))
    return tr


def cell(tr: Elem, width: int) -> Elem:
    """A ``w:tc``; the caller must give it at least one paragraph."""
    tc = make("tc", parent=tr)
    make("tcW", {"w": str(width), "type": "dxa"}, make("tcPr", parent=tc))
    return tc
