"""The theme matrix's tables in Word: the builder the note's annex calls, and a document of
their own (``matrix_export``)."""

from __future__ import annotations

from briefing.exporters.docx_styles import StyleMap
from briefing.exporters.docx_xml import Elem, paragraph, run
from briefing.exporters.docx_xml import cell as make_cell
from briefing.exporters.docx_xml import row as make_row
from briefing.exporters.docx_xml import table as make_table
from briefing.exporters.matrix_tables import MatrixTable

_TWIPS_PER_CHAR = 115  # a character of the Compact style, on average, with room to spare


def append_table_docx(
    body: Elem,
    styles: StyleMap,
    width: int,
    table: MatrixTable,
    *,
    page_break: bool = True,
    level: int = 1,
) -> None:
    """Append the table to a Word body: a heading (``level`` 0 is the Title style), its line
    of introduction, then the table, numbers to the right and the totals in bold."""
    style = "Title" if level == 0 else f"Heading {level}"
    heading = paragraph(styles.id(style), page_break_before=page_break, keep_next=True)
    run(heading, table.title)
    body.append(heading)
    intro = paragraph(styles.id("First Paragraph"))
    run(intro, table.intro)
    body.append(intro)
    widths = _widths(table.header, width)
    compact = styles.id("Compact")
    tbl = make_table(styles.id("Table"), widths)
    rows = [(table.header, True, False)]
    last = len(table.rows) - 1
    rows += [(r, False, table.totals and n == last) for n, r in enumerate(table.rows)]
    for values, header, bold in rows:
        tr = make_row(tbl, header=header)
        for column, (value, cell_width) in enumerate(zip(values, widths, strict=True)):
            p = paragraph(compact, jc="right" if column else None)
            run(p, value, bold=bold)
            make_cell(tr, cell_width).append(p)
    body.append(tbl)


def _widths(header: tuple[str, ...], width: int) -> list[int]:
    """Each number column as wide as the longest word of its name (so that names wrap between
    words, not inside them), the names' column the rest, at least a third of the width."""
    wanted = [min(2200, max(700, 200 + _TWIPS_PER_CHAR * _longest_word(h))) for h in header[1:]]
    room = width - width // 3
    if sum(wanted) > room:  # too many themes: every number column gives up its share
        wanted = [w * room // sum(wanted) for w in wanted]
    return [width - sum(wanted), *wanted]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=1)
