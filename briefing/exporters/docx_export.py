"""The .docx export: the structured document laid into a reference document (python-docx).

The reference document (built-in ``resources/reference.docx`` or a user's house style) gives
styles, page set-up, numbering definitions and its own headers and footers, which are filled
with the marking, DRAFT and page numbers (``docx_page``); its body and footnotes are replaced.
Styles Briefing needs but the reference lacks are added, never refused.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Sequence
from pathlib import Path

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
from briefing.exporters.annex import AnnexChoice
from briefing.exporters.document import BriefingDocument, build_document
from briefing.exporters.docx_brief import annex as write_annex
from briefing.exporters.docx_brief import label_table, signoff
from briefing.exporters.docx_footnotes import Footnotes, footnotes_part, register_part_class
from briefing.exporters.docx_numbering import Numbering, numbering_xml
from briefing.exporters.docx_page import PageOptions, PageText, fill_headers_and_footers
from briefing.exporters.docx_properties import (
    custom_values,
    register_custom_part_class,
    set_core_properties,
    set_custom_properties,
)
from briefing.exporters.docx_render import Renderer, Where
from briefing.exporters.docx_settings import mend_zoom, set_compatibility_mode
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import Elem, make, mark_right_to_left, paragraph, run, xml_root
from briefing.exporters.matrix_docx import append_table_docx
from briefing.exporters.matrix_tables import MatrixTable, annex_tables
from briefing.exporters.result import ExportError, ExportResult

logger = logging.getLogger(__name__)

DEFAULT_TEXT_WIDTH = 9070  # twips: A4 less 2.5 cm margins


def export_docx(
    bundle: NoteBundle,
    out: Path,
    *,
    annex: AnnexChoice | bool = "cited",
    reference_doc: Path | None = None,
    author: str = "",
    page: PageOptions | None = None,
    annex_matrix: bool = False,
) -> ExportResult:
    """Write the note as a Word document at ``out`` (atomically).

    ``annex``: "cited", "all" or "none" (see ``build_document``). ``author`` is who exports
    (``lastModifiedBy``; also the author when the note has no From). ``page``: the marking's
    place and colour and the draft watermark; by default the note's template's place.
    ``annex_matrix`` adds the theme matrix tables to the annex (``matrix_tables``).
    Raises ExportError for an unreadable reference document, OSError for disk errors.
    """
    doc = build_document(bundle, annex=annex)
    extra = annex_tables(bundle) if annex_matrix else []
    data, warnings = _render(doc, reference_doc, author, page, extra)
    write_atomically(Path(out), lambda handle: handle.write(data))
    logger.info("exported %s (%d footnotes)", out, len(doc.footnotes))
    problems = [*doc.problems, *warnings]
    return ExportResult(path=Path(out), problems=problems, footnotes=len(doc.footnotes))


def default_reference_doc() -> Path:
    return resource_path("reference.docx")


def open_reference(reference_doc: Path | None) -> DocxDocument:
    path = Path(reference_doc) if reference_doc else default_reference_doc()
    register_part_class()
    register_custom_part_class()
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExportError(f"cannot use {path.name} as a reference document: {exc}") from exc


def render_docx(
    doc: BriefingDocument,
    *,
    reference_doc: Path | None = None,
    author: str = "",
    page: PageOptions | None = None,
    tables: Sequence[MatrixTable] = (),
) -> bytes:
    """The .docx file as bytes."""
    return _render(doc, reference_doc, author, page, tables)[0]


def _render(
    doc: BriefingDocument,
    reference_doc: Path | None,
    author: str,
    page: PageOptions | None,
    tables: Sequence[MatrixTable] = (),
) -> tuple[bytes, list[str]]:
    """The .docx file, and what the layout warns about (tables too wide for the page)."""
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
    set_compatibility_mode(settings)
    width = _text_width(document)
    page = page or PageOptions(position=doc.settings.marking_position)
    fill_headers_and_footers(document, page_text(doc), styles, page)
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
        body.append(label_table(doc.metadata, styles, width, "Header block"))
    body.append(paragraph(styles.id("Compact"), border_bottom=True))
    renderer = Renderer(styles, numbering, document.part, width, footnote)
    renderer.blocks(doc.body, body, Where())
    if doc.signoff:
        signoff(doc.signoff, body, styles, width)
    if doc.annex:
        write_annex(doc.annex, body, renderer, styles, width)
    for number, table in enumerate(tables):  # the theme matrix, after the passages
        append_table_docx(body, styles, width, table, page_break=number == 0)
    if tables:
        make("p", parent=body)  # a document must not end on a table
    body.append(sect_pr)
    mark_right_to_left(body)
    mark_right_to_left(footnotes.root)
    set_core_properties(document, doc, author)
    set_custom_properties(document, custom_values(doc))
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue(), renderer.warnings


def page_text(doc: BriefingDocument) -> PageText:
    return PageText(
        marking=doc.marking,
        reference=doc.meta.reference,
        draft=doc.draft,
        status=doc.meta.status,
        title=doc.title,
        date=doc.meta.date,
    )


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
    """Give the reference document headers and footers of its own, empty: an export fills them
    (``docx_page``), as it fills a house template's that has none of its placeholders."""
    section = document.sections[-1]
    for story in (section.header, section.footer):
        story.is_linked_to_previous = False
        root = xml_root(story.part)
        for child in list(root):
            root.remove(child)
        root.append(paragraph(styles.id("Header" if story is section.header else "Footer")))
