"""The Word styles a brief uses, named as pandoc names them, defined once.

``tools/make_reference_docx.py`` writes them all into ``resources/reference.docx``; an export
looks each one up by name in the reference document in use (a house style may spell the ids
differently, e.g. in a localised Word) and adds any that is missing, so no template is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import parse_xml

from briefing.exporters.docx_xml import NSDECL, Elem, w

FONT = "Arial"
MONO = "Courier New"
INK = "1F3864"  # dark navy for headings: sober, prints well in greyscale
_MONO_RPR = (
    f'<w:rPr><w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/><w:sz w:val="19"/></w:rPr>'
)


@dataclass(frozen=True)
class StyleDef:
    name: str
    kind: str  # paragraph, character, table, numbering
    style_id: str
    based_on: str | None = None  # a style *name*
    next: str | None = None
    ppr: str = ""
    rpr: str = ""
    extra: str = ""  # tblPr, tblStylePr ...
    custom: bool = False
    default: bool = False
    hidden: bool = False


def _heading(level: int, size: int, *, italic: bool = False, before: int = 240) -> StyleDef:
    return StyleDef(
        f"Heading {level}",
        "paragraph",
        f"Heading{level}",
        "Normal",
        "Body Text",
        ppr=(
            f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="80"/>'
            f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        ),
        rpr=(
            f'<w:rPr><w:b/><w:bCs/>{"<w:i/>" if italic else ""}<w:color w:val="{INK}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        ),
    )


_BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="808080"'
_TABLE_BORDERS = "".join(
    f"<w:{side} {_BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)

STYLES: tuple[StyleDef, ...] = (
    StyleDef("Normal", "paragraph", "Normal", default=True),
    StyleDef("Default Paragraph Font", "character", "DefaultParagraphFont", default=True),
    StyleDef(
        "Normal Table",
        "table",
        "TableNormal",
        default=True,
        hidden=True,
        extra=(
            '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
        ),
    ),
    StyleDef("No List", "numbering", "NoList", default=True, hidden=True),
    StyleDef(
        "Body Text",
        "paragraph",
        "BodyText",
        "Normal",
        ppr='<w:pPr><w:spacing w:before="0" w:after="140" w:line="264" w:lineRule="auto"/></w:pPr>',
    ),
    StyleDef(
        "First Paragraph", "paragraph", "FirstParagraph", "Body Text", "Body Text", custom=True
    ),
    StyleDef(
        "Compact",
        "paragraph",
        "Compact",
        "Body Text",
        custom=True,
        ppr='<w:pPr><w:spacing w:before="0" w:after="60"/></w:pPr>',
    ),
    StyleDef(
        "Title",
        "paragraph",
        "Title",
        "Normal",
        "Body Text",
        ppr='<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="200"/></w:pPr>',
        rpr=(
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{INK}"/>'
            '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
        ),
    ),
    _heading(1, 26),
    _heading(2, 24, before=200),
    _heading(3, 22, before=160),
    _heading(4, 22, italic=True, before=160),
    _heading(5, 22, italic=True, before=120),
    _heading(6, 22, italic=True, before=120),
    StyleDef(
        "Block Text",
        "paragraph",
        "BlockText",
        "Body Text",
        "Body Text",
        ppr=(
            '<w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/>'
            '</w:pBdr><w:spacing w:before="60" w:after="120"/>'
            '<w:ind w:left="567" w:right="567"/></w:pPr>'
        ),
        rpr='<w:rPr><w:color w:val="404040"/></w:rPr>',
    ),
    StyleDef(
        "Source Code",
        "paragraph",
        "SourceCode",
        "Normal",
        custom=True,
        ppr=(
            '<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
            '<w:spacing w:before="0" w:after="140"/></w:pPr>'
        ),
        rpr=_MONO_RPR,
    ),
    StyleDef(
        "Footnote Text",
        "paragraph",
        "FootnoteText",
        "Normal",
        "Footnote Text",
        ppr='<w:pPr><w:spacing w:before="0" w:after="40"/></w:pPr>',
        rpr='<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    StyleDef(
        "Header",
        "paragraph",
        "Header",
        "Normal",
        ppr=(
            '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4535"/><w:tab w:val="right" w:pos="9070"/>'
            '</w:tabs><w:spacing w:before="0" w:after="0"/></w:pPr>'
        ),
        rpr='<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    StyleDef("Footer", "paragraph", "Footer", "Header"),
    StyleDef(
        "Marking",
        "paragraph",
        "Marking",
        "Header",
        custom=True,
        ppr='<w:pPr><w:jc w:val="center"/></w:pPr>',
        rpr='<w:rPr><w:b/><w:bCs/><w:caps/><w:spacing w:val="10"/><w:sz w:val="20"/></w:rPr>',
    ),
    StyleDef(
        "Footnote Reference",
        "character",
        "FootnoteReference",
        "Default Paragraph Font",
        rpr='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    StyleDef(
        "Hyperlink",
        "character",
        "Hyperlink",
        "Default Paragraph Font",
        rpr='<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
    ),
    StyleDef(
        "Verbatim Char",
        "character",
        "VerbatimChar",
        "Default Paragraph Font",
        custom=True,
        rpr=_MONO_RPR,
    ),
    StyleDef(
        "Table",
        "table",
        "Table",
        "Normal Table",
        ppr='<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>',
        rpr='<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
        extra=(
            f"<w:tblPr><w:tblBorders>{_TABLE_BORDERS}</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            '</w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
            '</w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE3EE"/></w:tcPr>'
            "</w:tblStylePr>"
        ),
    ),
)
BY_NAME = {s.name.lower(): s for s in STYLES}


def style_xml(style: StyleDef, ids: dict[str, str]) -> str:
    """A ``w:style`` element; ``ids`` maps names (lower case) to the ids used in this file."""
    attrs = f'w:type="{style.kind}" w:styleId="{ids[style.name.lower()]}"'
    if style.default:
        attrs += ' w:default="1"'
    if style.custom:
        attrs += ' w:customStyle="1"'
    parts = [f'<w:name w:val="{style.name}"/>']
    if style.based_on:
        parts.append(f'<w:basedOn w:val="{ids[style.based_on.lower()]}"/>')
    if style.next:
        parts.append(f'<w:next w:val="{ids[style.next.lower()]}"/>')
    if style.hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    else:
        parts.append("<w:qFormat/>")
    parts += [style.ppr, style.rpr, style.extra]
    return f"<w:style {NSDECL} {attrs}>{''.join(parts)}</w:style>"


class StyleMap:
    """Style ids by name in one styles part, adding Briefing's definition of any missing."""

    def __init__(self, styles: Elem) -> None:
        self.styles = styles
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()
        for el in styles.iterchildren(w("style")):
            sid = el.get(w("styleId")) or ""
            self.taken.add(sid)
            name_el = el.find(w("name"))
            name = name_el.get(w("val")) if name_el is not None else sid
            self.ids.setdefault((name or sid).lower(), sid)

    def id(self, name: str) -> str:
        """The style id for ``name`` (case-insensitive), added from STYLES if absent."""
        key = name.lower()
        found = self.ids.get(key)
        if found is not None:
            return found
        style = BY_NAME[key]
        for dependency in (style.based_on, style.next):
            if dependency and dependency.lower() != key:
                self.id(dependency)
        sid, n = style.style_id, 1
        while sid in self.taken:  # a house style may use our id for another name
            n += 1
            sid = f"{style.style_id}{n}"
        self.ids[key] = sid
        self.taken.add(sid)
        self.styles.append(parse_xml(style_xml(style, self.ids)))
        return sid
