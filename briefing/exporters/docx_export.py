"""The .docx export: the structured document laid into a reference document (python-docx).

The reference document (built-in ``resources/reference.docx`` or a user's house style) gives
styles, page set-up and numbering definitions; its own body, footnotes and header/footer text
are replaced. Styles Briefing needs but the reference lacks are added, never refused.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.parts.numbering import NumberingPart

from briefing.core.model import NoteBundle
from briefing.core.resources import resource_path
from briefing.core.safe_write import write_atomically
from briefing.exporters.citation_format import quoted, source_label
from briefing.exporters.document import (
    ANNEX_INTRO,
    ANNEX_TITLE,
    BriefingDocument,
    build_document,
    text_span,
)
from briefing.exporters.docx_footnotes import Footnotes, footnotes_part, register_part_class
from briefing.exporters.docx_numbering import Numbering, numbering_xml
from briefing.exporters.docx_render import Fmt, Renderer, Where, column_widths
from briefing.exporters.docx_settings import mend_zoom
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import Elem, field, make, paragraph, run, xml_root
from briefing.exporters.docx_xml import cell as make_cell
from briefing.exporters.docx_xml import row as make_row
from briefing.exporters.docx_xml import table as make_table
from briefing.exporters.matrix_docx import append_table_docx
from briefing.exporters.matrix_tables import MatrixTable, annex_tables
from briefing.exporters.result import ExportError, ExportResult
from briefing.exporters.text import one_line

logger = logging.getLogger(__name__)

DEFAULT_TEXT_WIDTH = 9070  # twips: A4 less 2.5 cm margins
_LABEL_WIDTH = 1701  # 3 cm
_CORE_LIMIT = 255  # python-docx refuses longer core properties


def export_docx(
    bundle: NoteBundle,
    out: Path,
    *,
    annex: bool = True,
    reference_doc: Path | None = None,
    author: str = "",
    annex_matrix: bool = False,
) -> ExportResult:
    """Write the note as a Word document at ``out`` (atomically).

    ``author`` is who exports (``lastModifiedBy``; also the author when the note has no From).
    ``annex_matrix`` adds the theme matrix tables to the annex (``matrix_export``).
    Raises ExportError for an unreadable reference document, OSError for disk errors.
    """
    doc = build_document(bundle, annex=annex)
    extra = annex_tables(bundle) if annex_matrix else []
    data = render_docx(doc, reference_doc=reference_doc, author=author, tables=extra)
    write_atomically(Path(out), lambda handle: handle.write(data))
    logger.info("exported %s (%d footnotes)", out, len(doc.footnotes))
    return ExportResult(path=Path(out), problems=list(doc.problems), footnotes=len(doc.footnotes))


def default_reference_doc() -> Path:
    return resource_path("reference.docx")


def open_reference(reference_doc: Path | None) -> DocxDocument:
    path = Path(reference_doc) if reference_doc else default_reference_doc()
    register_part_class()
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExportError(f"cannot use {path.name} as a reference document: {exc}") from exc


def render_docx(
    doc: BriefingDocument,
    *,
    reference_doc: Path | None = None,
    author: str = "",
    tables: Sequence[MatrixTable] = (),
) -> bytes:
    """The .docx file as bytes."""
    document = open_reference(reference_doc)
    sect_pr: Elem = document.element.body.get_or_add_sectPr()  # the page set-up, kept
    body: Elem = document.element.body
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    styles = StyleMap(document.styles.element)
    numbering = Numbering(_numbering_element(document))
    settings: Elem = document.settings.element
    footnotes = Footnotes(footnotes_part(document.part), settings)
    mend_zoom(settings)
    width = _text_width(document)
    write_header_footer(document, doc.marking, styles)
    body.remove(sect_pr)  # content is appended, then the section properties close the body

    def footnote(number: int) -> int | None:
        if not 1 <= number <= len(doc.footnotes):
            return None
        note_id, note, first = footnotes.new(
            styles.id("Footnote Text"), styles.id("Footnote Reference")
        )
        writer = Renderer(styles, numbering, footnotes.part, width)
        writer.blocks(doc.footnotes[number - 1].content, note, Where("footnote"), first=first)
        return note_id

    title = paragraph(styles.id("Title"))
    run(title, doc.title)
    body.append(title)
    if doc.metadata:
        body.append(_metadata_table(doc.metadata, styles, width))
    body.append(paragraph(styles.id("Compact"), border_bottom=True))
    renderer = Renderer(styles, numbering, document.part, width, footnote)
    renderer.blocks(doc.body, body, Where())
    if doc.annex:
        _annex(doc, body, renderer, styles, width)
    for number, table in enumerate(tables):  # the theme matrix, after the passages
        append_table_docx(body, styles, width, table, page_break=number == 0)
    if tables:
        make("p", parent=body)  # a document must not end on a table
    body.append(sect_pr)
    _core_properties(document, doc, author)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _numbering_element(document: DocxDocument) -> Elem:
    part = document.part
    try:
        return xml_root(part.part_related_by(RT.NUMBERING))
    except KeyError:
        created = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(numbering_xml()),
            part.package,
        )
        part.relate_to(created, RT.NUMBERING)
        return xml_root(created)


def _text_width(document: DocxDocument) -> int:
    section = document.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:  # a template without them
        return DEFAULT_TEXT_WIDTH
    width = (page - left - right) // 635
    return width if width > 1000 else DEFAULT_TEXT_WIDTH


def write_header_footer(document: DocxDocument, marking: str, styles: StyleMap) -> None:
    """The marking centred at the top and bottom of every page, and "Page X of Y" below it."""
    section = document.sections[-1]
    pairs = [(section.header, section.footer)]
    if section.different_first_page_header_footer:
        pairs.append((section.first_page_header, section.first_page_footer))
    if document.settings.odd_and_even_pages_header_footer:
        pairs.append((section.even_page_header, section.even_page_footer))
    for header, footer in pairs:
        header.is_linked_to_previous = False
        footer.is_linked_to_previous = False
        top = xml_root(header.part)
        bottom = xml_root(footer.part)
        for story in (top, bottom):
            for child in list(story):
                story.remove(child)
        top.append(_marking(marking, styles))
        bottom.append(_marking(marking, styles))
        page = paragraph(styles.id("Footer"), jc="center")
        run(page, "Page ")
        field(page, "PAGE", "1")
        run(page, " of ")
        field(page, "NUMPAGES", "1")
        bottom.append(page)


def _marking(marking: str, styles: StyleMap) -> Elem:
    p = paragraph(styles.id("Marking"), jc="center")
    run(p, marking.upper(), bold=True)
    return p


def _metadata_table(rows: tuple[tuple[str, str], ...], styles: StyleMap, width: int) -> Elem:
    widths = [_LABEL_WIDTH, width - _LABEL_WIDTH]
    tbl = make_table(None, widths, borderless=True)
    compact = styles.id("Compact")
    for label, value in rows:
        tr = make_row(tbl)
        for text, cell_width, bold in ((f"{label}:", widths[0], True), (value, widths[1], False)):
            p = paragraph(compact)
            run(p, text, bold=bold)
            make_cell(tr, cell_width).append(p)
    return tbl


def _annex(
    doc: BriefingDocument, body: Elem, renderer: Renderer, styles: StyleMap, width: int
) -> None:
    heading = paragraph(styles.id("Heading 1"), page_break_before=True)
    run(heading, ANNEX_TITLE)
    body.append(heading)
    intro = paragraph(styles.id("First Paragraph"))
    run(intro, ANNEX_INTRO)
    body.append(intro)
    widths = column_widths(width, [5, 3, 2])
    compact = styles.id("Compact")
    for section in doc.annex:
        title = paragraph(styles.id("Heading 2"))
        run(title, section.theme)
        body.append(title)
        tbl = make_table(styles.id("Table"), widths)
        header = make_row(tbl, header=True)
        for label, cell_width in zip(("Passage", "Source", "Memo"), widths, strict=True):
            p = paragraph(compact)
            run(p, label)
            make_cell(header, cell_width).append(p)
        for entry in section.entries:
            tr = make_row(tbl)
            source = text_span(source_label(entry))
            quote = Element("span")
            quote.text = quoted(entry.quote)
            memo = Element("span")
            memo.text = entry.memo
            for content, cell_width in zip((quote, source, memo), widths, strict=True):
                p = paragraph(compact)
                renderer.inline(p, content, Fmt())
                make_cell(tr, cell_width).append(p)
        body.append(tbl)
    make("p", parent=body)  # a document must not end on a table


def _core_properties(document: DocxDocument, doc: BriefingDocument, author: str) -> None:
    props = doc.properties
    core = document.core_properties
    exporter = one_line(author)
    core.title = props.title[:_CORE_LIMIT]
    core.author = (props.author or exporter)[:_CORE_LIMIT]
    core.last_modified_by = (exporter or props.author)[:_CORE_LIMIT]
    core.subject = props.subject[:_CORE_LIMIT]
    core.keywords = ", ".join(props.keywords)[:_CORE_LIMIT]
    core.category = doc.marking[:_CORE_LIMIT]
    core.content_status = props.status[:_CORE_LIMIT]
    core.comments = ""
    core.revision = 1
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core.created = now
    core.modified = now
