"""The theme matrix and the theme overlaps as tables: the table once, as text, and its CSV and
Markdown forms.

A ``MatrixTable`` holds a title, a line of introduction, a header, rows, and whether the last
row holds the totals. ``matrix_export`` writes one as a file of its own; the note's annex adds
them with ``table_markdown`` here and ``matrix_docx.append_table_docx`` (the annex's layout
decides where: ``docx_export``, ``markdown_export``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from briefing.core.matrix import (
    MEASURES,
    ThemeMatrix,
    ThemeOverlaps,
    matrix_from_passages,
    overlaps_from_passages,
)
from briefing.core.model import NoteBundle
from briefing.exporters.result import ExportError
from briefing.exporters.text import one_line, spreadsheet_cell

MATRIX_TITLE = "Passages by source and theme"
MATRIX_INTRO = (
    "How many tagged passages each source holds of each theme. A passage with two themes"
    " counts in both columns but once in its source's total."
)
OVERLAPS_TITLES = {
    "both": "Themes on the same passages",
    "overlapping": "Themes on overlapping passages",
}
OVERLAPS_INTROS = {
    "both": "How many passages carry both themes; where a theme meets itself, its passages.",
    "overlapping": (
        "How many pairs of passages share text, one of each theme; where a theme meets"
        " itself, pairs that both carry it."
    ),
}
# What could make a name in a table cell into markup (the same set as markdown_export's).
_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>&|~^$@#{}!])")


@dataclass(frozen=True)
class MatrixTable:
    title: str
    intro: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first cell names the row, the others are numbers
    totals: bool  # the last row is the totals row


def matrix_table(matrix: ThemeMatrix) -> MatrixTable:
    rows = [
        (one_line(source.title), *(str(matrix.count(source.id, t.id)) for t in matrix.themes),
         str(source.passages))
        for source in matrix.sources
    ]  # fmt: skip
    rows.append(
        ("Total", *(str(matrix.theme_total(t.id)) for t in matrix.themes), str(matrix.total))
    )
    header = ("Source", *(one_line(t.name) for t in matrix.themes), "Total")
    return MatrixTable(MATRIX_TITLE, MATRIX_INTRO, header, tuple(rows), totals=True)


def overlaps_table(overlaps: ThemeOverlaps, measure: str = "both") -> MatrixTable:
    if measure not in MEASURES:
        raise ExportError(f"unknown measure {measure!r} (use {', '.join(MEASURES)})")
    themes = overlaps.themes
    rows = tuple(
        (one_line(first.name), *(str(overlaps.count(measure, first.id, t.id)) for t in themes))
        for first in themes
    )
    header = ("Theme", *(one_line(t.name) for t in themes))
    return MatrixTable(
        OVERLAPS_TITLES[measure], OVERLAPS_INTROS[measure], header, rows, totals=False
    )


def annex_tables(bundle: NoteBundle) -> list[MatrixTable]:
    """What the annex's matrix option adds: the matrix and the themes sharing passages, of
    every passage in the project (the bundle holds them all)."""
    sources = [bundle.sources[key] for key in sorted(bundle.sources)]
    passages = list(bundle.passages.values())
    return [
        matrix_table(matrix_from_passages(sources, bundle.themes, passages)),
        overlaps_table(overlaps_from_passages(bundle.themes, passages), "both"),
    ]


def table_csv(table: MatrixTable) -> bytes:
    """One line a row; names a spreadsheet will not run as formulas; UTF-8 with a BOM (Excel)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(cell) for cell in table.header])
    for row in table.rows:
        writer.writerow([spreadsheet_cell(row[0]), *row[1:]])
    return buffer.getvalue().encode("utf-8-sig")


def table_markdown(table: MatrixTable, *, level: int = 1) -> str:
    """A heading, a line of introduction and a pipe table (the totals row in bold)."""

    def cells(values: tuple[str, ...], bold: bool = False) -> str:
        shown = [_escape(v) for v in values]
        if bold:
            shown = [f"**{v}**" for v in shown]
        return "| " + " | ".join(shown) + " |"

    lines = [f"{'#' * level} {table.title}", "", table.intro, ""]
    lines.append(cells(table.header))
    lines.append("|" + "|".join([":---", *["---:"] * (len(table.header) - 1)]) + "|")
    last = len(table.rows) - 1
    lines += [cells(row, bold=table.totals and n == last) for n, row in enumerate(table.rows)]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return _SPECIAL_RE.sub(r"\\\1", one_line(text))
