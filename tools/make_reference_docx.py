"""Build ``resources/reference.docx``, the Word reference document of Briefing's export.

    python tools/make_reference_docx.py [--out PATH]

A government brief's look: A4, 2.5 cm margins, Arial 11 pt, sober navy headings, the marking
centred in header and footer, "Page X of Y". Styles are the ones in
``briefing/exporters/docx_styles.py`` (named as pandoc names them), the list definitions those of
``docx_numbering.py``, and an empty footnotes part with its separators. The output is
byte-for-byte reproducible (fixed dates and zip timestamps), so the committed file can be
checked against a fresh build.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.rel import Relationships  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.shared import Cm  # noqa: E402

from briefing.core.safe_write import write_atomically  # noqa: E402
from briefing.exporters.docx_export import write_header_footer  # noqa: E402
from briefing.exporters.docx_footnotes import (  # noqa: E402
    Footnotes,
    footnotes_part,
    register_part_class,
)
from briefing.exporters.docx_numbering import numbering_xml  # noqa: E402
from briefing.exporters.docx_settings import mend_zoom  # noqa: E402
from briefing.exporters.docx_styles import FONT, STYLES, StyleMap  # noqa: E402
from briefing.exporters.docx_xml import NSDECL, paragraph, run, w  # noqa: E402

DEFAULT_OUT = ROOT / "resources" / "reference.docx"
FIXED_DATE = datetime(2025, 1, 1)
DOC_DEFAULTS = (
    f"<w:docDefaults {NSDECL}><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{FONT}" w:eastAsiaTheme="minorEastAsia" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    '<w:sz w:val="22"/><w:szCs w:val="22"/>'
    '<w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
)
# Parts of python-docx's default template a brief has no use for.
_DROP_FROM_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
_DROP_FROM_PACKAGE = (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES)


def build() -> bytes:
    register_part_class()
    document = docx.Document()
    _drop_rels(document.part.rels, _DROP_FROM_DOCUMENT)
    _drop_rels(document.part.package.rels, _DROP_FROM_PACKAGE)

    styles = document.styles.element
    for child in list(styles):
        styles.remove(child)
    styles.append(parse_xml(DOC_DEFAULTS))
    style_map = StyleMap(styles)
    for style in STYLES:
        style_map.id(style.name)

    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(numbering_xml()):
        numbering.append(child)

    settings = document.settings.element
    for tag in ("rsids", "proofState"):
        for child in settings.findall(w(tag)):
            settings.remove(child)
    lang = settings.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("val"), "en-GB")
    Footnotes(footnotes_part(document.part), settings)
    mend_zoom(settings)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)
    section.gutter = Cm(0)
    write_header_footer(document, "OFFICIAL", style_map)

    body = document.element.body
    sect_pr = body.find(w("sectPr"))
    for child in list(body):
        body.remove(child)
    note = paragraph(style_map.id("Body Text"))
    run(note, "Briefing reference document: Briefing uses its styles, page set-up and lists; ")
    run(note, "its text is replaced on export. Edit the styles to make a house style.")
    body.append(note)
    body.append(sect_pr)

    core = document.core_properties
    core.title = "Briefing reference document"
    core.author = core.last_modified_by = "Briefing"
    core.comments = core.subject = core.keywords = core.category = ""
    core.revision = 1
    core.created = core.modified = FIXED_DATE

    stream = io.BytesIO()
    document.save(stream)
    return _deterministic_zip(stream.getvalue())


def _drop_rels(rels: Relationships, reltypes: tuple[str, ...]) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rid]


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and permissions, so builds are identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build()
    write_atomically(args.out, lambda handle: handle.write(data))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
