"""The theme matrix or the theme overlaps written as a file of its own: Word, Markdown, CSV.

The Word file's pages carry the marking at top and bottom and "Page X of Y", filled in by the
note export's own ``docx_page``, so that the marking looks and sits alike in both."""

from __future__ import annotations

import io
from pathlib import Path

from briefing.core.safe_write import write_atomically
from briefing.exporters.docx_export import open_reference
from briefing.exporters.docx_page import PageOptions, PageText, fill_headers_and_footers
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import Elem, make, w
from briefing.exporters.matrix_docx import append_table_docx
from briefing.exporters.matrix_tables import MatrixTable, table_csv, table_markdown
from briefing.exporters.result import ExportError, ExportResult

FORMATS = ("docx", "md", "csv")
_LANDSCAPE_COLUMNS = 8  # wider tables turn the page


def export_table(
    table: MatrixTable,
    out: Path,
    fmt: str,
    *,
    marking: str = "",
    page: PageOptions | None = None,
) -> ExportResult:
    """Write the table as Word, Markdown or CSV (atomically). In Word, ``marking`` (OFFICIAL
    when blank) heads and foots every page, placed and coloured by ``page`` as a note's."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown table format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "csv":
        data = table_csv(table)
    elif fmt == "md":
        data = table_markdown(table, level=1).encode("utf-8")
    else:
        data = table_docx(table, marking=marking, page=page)
    write_atomically(Path(out), lambda handle: handle.write(data))
    return ExportResult(path=Path(out))


def table_docx(table: MatrixTable, *, marking: str = "", page: PageOptions | None = None) -> bytes:
    """A Word document holding the table, in the built-in house style."""
    document = open_reference(None)
    sect_pr: Elem = document.element.body.get_or_add_sectPr()  # the page set-up, kept
    body: Elem = document.element.body
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    styles = StyleMap(document.styles.element)
    furniture = PageText(
        marking=marking.strip() or "OFFICIAL",
        reference="",
        draft=False,  # a table of counts has no draft state
        status="",
        title=table.title,
        date="",
    )
    fill_headers_and_footers(document, furniture, styles, page or PageOptions())
    section = document.sections[-1]
    if len(table.header) > _LANDSCAPE_COLUMNS:
        _turn_landscape(sect_pr)
    across, left, right = section.page_width, section.left_margin, section.right_margin
    width = (across - left - right) // 635 if across and left and right else 9070
    body.remove(sect_pr)  # the content goes first, the section properties close the body
    append_table_docx(body, styles, width, table, page_break=False, level=0)
    make("p", parent=body)  # a document must not end on a table
    body.append(sect_pr)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _turn_landscape(sect_pr: Elem) -> None:
    size = sect_pr.find(w("pgSz"))
    if size is None:
        return
    width, height = size.get(w("w")), size.get(w("h"))
    if width and height and int(width) < int(height):
        size.set(w("w"), height)
        size.set(w("h"), width)
        size.set(w("orient"), "landscape")
