"""The parts of the Word brief around the note's own text: the header block under the title,
the sign-off at its end, and Annex A."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from briefing.exporters.annex import (
    ANNEX_TITLE,
    COLUMNS,
    SOURCES_HEADING,
    Annex,
    table_description,
)
from briefing.exporters.citation_format import quoted, source_label
from briefing.exporters.document import text_span
from briefing.exporters.docx_render import Fmt, Renderer, column_widths
from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import Elem, make, paragraph, run
from briefing.exporters.docx_xml import cell as make_cell
from briefing.exporters.docx_xml import row as make_row
from briefing.exporters.docx_xml import table as make_table
from briefing.exporters.header_block import Rows

LABEL_WIDTH = 1701  # 3 cm
ANNEX_WEIGHTS = [5, 3, 2]  # Passage | Source | Memo


def label_table(rows: Rows, styles: StyleMap, width: int, caption: str) -> Elem:
    """A borderless two-column table of bold labels and values (header block, sign-off)."""
    widths = [LABEL_WIDTH, width - LABEL_WIDTH]
    tbl = make_table(None, widths, borderless=True, caption=caption)
    compact = styles.id("Compact")
    for label, value in rows:
        tr = make_row(tbl)
        shown = f"{label}:" if label else ""
        for text, cell_width, bold in ((shown, widths[0], True), (value, widths[1], False)):
            p = paragraph(compact)
            run(p, text, bold=bold)
            make_cell(tr, cell_width).append(p)
    return tbl


def signoff(rows: Rows, body: Elem, styles: StyleMap, width: int) -> None:
    """The contact officer, who prepared and who cleared the note, under a rule."""
    body.append(paragraph(styles.id("Compact"), border_bottom=True))
    body.append(label_table(rows, styles, width, "Sign-off"))


def annex(annex: Annex, body: Elem, renderer: Renderer, styles: StyleMap, width: int) -> None:
    """Annex A on a page of its own: the sources named once, then a table per theme whose
    rows never split and whose header row repeats on each page."""
    heading = paragraph(styles.id("Heading 1"), page_break_before=True)
    run(heading, ANNEX_TITLE)
    body.append(heading)
    intro = paragraph(styles.id("First Paragraph"))
    run(intro, annex.intro)
    body.append(intro)
    title = paragraph(styles.id("Heading 2"))
    run(title, SOURCES_HEADING)
    body.append(title)
    for source in annex.sources:
        p = paragraph(styles.id("Compact"))
        renderer.inline(p, text_span(source_label(source)), Fmt())
        body.append(p)
    widths = column_widths(width, ANNEX_WEIGHTS)
    compact = styles.id("Compact")
    for section in annex.sections:
        title = paragraph(styles.id("Heading 2"))
        run(title, section.theme)
        body.append(title)
        tbl = make_table(
            styles.id("Table"),
            widths,
            caption=f"Passages on {section.theme}",
            description=table_description(section.theme, len(section.rows)),
        )
        header = make_row(tbl, header=True, cant_split=True)
        for label, cell_width in zip(COLUMNS, widths, strict=True):
            p = paragraph(compact)
            run(p, label)
            make_cell(header, cell_width).append(p)
        for entry_row in section.rows:
            tr = make_row(tbl, cant_split=True)
            quote = Element("span")
            quote.text = quoted(entry_row.entry.quote)
            memo = Element("span")
            memo.text = entry_row.entry.memo
            cells = (quote, text_span(entry_row.source), memo)
            for content, cell_width in zip(cells, widths, strict=True):
                p = paragraph(compact)
                renderer.inline(p, content, Fmt())
                make_cell(tr, cell_width).append(p)
        body.append(tbl)
    make("p", parent=body)  # a document must not end on a table
