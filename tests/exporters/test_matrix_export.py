"""The theme matrix and the overlaps as tables: CSV safe in a spreadsheet, Markdown that reads
back as the same table, Word that validates, and the annex option of the note's export."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt
from ooxml_validation import validate

from briefing.core.matrix import ThemeOverlaps
from briefing.core.model import Theme
from briefing.core.store import Project
from briefing.exporters import ExportError, export_docx, export_markdown
from briefing.exporters.annex import ANNEX_TITLE
from briefing.exporters.docx_page import PageOptions
from briefing.exporters.matrix_export import export_table
from briefing.exporters.matrix_tables import (
    MATRIX_TITLE,
    OVERLAPS_TITLES,
    matrix_table,
    overlaps_table,
)
from briefing.sample import build_sample

HOSTILE = ['=HYPERLINK("http://x")', "+Trade | *bold* <b>", "@Security"]


@pytest.fixture
def hostile_project(tmp_path: Path):
    """Names a spreadsheet would run and Markdown would format, and counts to find again."""
    themes = [{"name": name, "colour": "#3F7FD9"} for name in HOSTILE]
    with Project.create(tmp_path / "h.briefing", themes) as project:
        first = project.add_source("-2+3 report", "0123456789" * 5, "txt")
        second = project.add_source("Plain", "abcdefghij" * 5, "txt")
        a, b, c = (t.id for t in project.themes())
        project.add_passage(first.id, 0, 5, [a, b])
        project.add_passage(first.id, 3, 9, [a])
        project.add_passage(second.id, 0, 9, [c])
        yield project


def test_csv_of_the_matrix_is_safe_and_complete(hostile_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    export_table(matrix_table(hostile_project.theme_matrix()), out, "csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Source", *("'" + name for name in HOSTILE), "Total"]
    assert rows[1] == ["'-2+3 report", "2", "1", "0", "2"]
    assert rows[2] == ["Plain", "0", "0", "1", "1"]
    assert rows[3] == ["Total", "2", "1", "1", "3"]


def test_markdown_of_the_overlaps_reads_back_as_the_same_table(
    hostile_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "o.md"
    table = overlaps_table(hostile_project.theme_overlaps(), "overlapping")
    export_table(table, out, "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(out.read_text(encoding="utf-8"))
    headings = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [OVERLAPS_TITLES["overlapping"]]
    cells = [t.children for t in tokens if t.type == "inline" and t.level > 1]
    shown = ["".join(c.content for c in cell if c.type == "text") for cell in cells]
    width = len(HOSTILE) + 1
    rows = [shown[i : i + width] for i in range(0, len(shown), width)]
    assert rows[0] == ["Theme", *HOSTILE]  # the names as they are, none turned into markup
    # The 0-5 passage (first two themes) overlaps the 3-9 one (first theme): one pair.
    assert rows[1] == [HOSTILE[0], "1", "1", "0"]
    assert rows[2] == [HOSTILE[1], "1", "0", "0"]
    assert rows[3] == [HOSTILE[2], "0", "0", "0"]


def test_word_table_reads_back_and_turns_the_page_for_many_themes(tmp_path: Path) -> None:
    themes = tuple(Theme(n, f"Theme number {n}", "#3F7FD9") for n in range(1, 10))
    overlaps = ThemeOverlaps(themes, {(1, 1): 4, (1, 9): 2}, {})
    out = tmp_path / "wide.docx"
    export_table(overlaps_table(overlaps, "both"), out, "docx", marking="SECRET")
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == OVERLAPS_TITLES["both"]
    grid = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert grid[0] == ["Theme", *(t.name for t in themes)]
    assert grid[1][:2] == ["Theme number 1", "4"] and grid[1][9] == "2"
    assert grid[9][1] == "2"  # the same pair, read from the other side
    section = document.sections[0]
    assert section.page_width > section.page_height  # ten columns: landscape
    assert document.sections[0].header.paragraphs[0].text == "SECRET"
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert footer == ["SECRET", "Page 1 of 1"]  # the fields' text until Word counts


def test_word_table_marks_its_pages_as_the_note_export_does(tmp_path: Path) -> None:
    """The same marking paragraphs at the top and foot of the page: placed, coloured and
    styled alike, so a table exported beside a note looks like part of it."""
    page = PageOptions(position="right", colour="C00000")
    with build_sample(tmp_path / "s.briefing") as project:
        bundle = project.bundle(project.notes()[0].id)
        table = matrix_table(project.theme_matrix())
    note_out, table_out = tmp_path / "note.docx", tmp_path / "table.docx"
    export_docx(bundle, note_out, page=page)
    export_table(table, table_out, "docx", marking=bundle.note.metadata.marking, page=page)
    note, alone = (docx.Document(str(path)).sections[0] for path in (note_out, table_out))
    assert alone.header.paragraphs[0].text == bundle.note.metadata.marking
    for story in ("header", "footer"):
        first = [getattr(s, story).paragraphs[0]._p.xml for s in (note, alone)]
        assert first[0] == first[1]
    assert alone.header.paragraphs[0].alignment.name == "RIGHT"
    assert alone.footer.paragraphs[-1].text == "Page 1 of 1"


def test_note_export_adds_the_matrix_to_the_annex_only_when_asked(tmp_path: Path) -> None:
    with build_sample(tmp_path / "s.briefing") as project:
        bundle = project.bundle(project.notes()[0].id)
        matrix = project.theme_matrix()
    plain, with_matrix = tmp_path / "plain.docx", tmp_path / "matrix.docx"
    export_docx(bundle, plain)
    export_docx(bundle, with_matrix, annex_matrix=True)
    texts = [p.text for p in docx.Document(str(with_matrix)).paragraphs]
    assert MATRIX_TITLE in texts and OVERLAPS_TITLES["both"] in texts
    assert texts.index(ANNEX_TITLE) < texts.index(MATRIX_TITLE)  # after Annex A's passages
    assert MATRIX_TITLE not in [p.text for p in docx.Document(str(plain)).paragraphs]
    last_tables = docx.Document(str(with_matrix)).tables[-2:]
    totals = [c.text for c in last_tables[0].rows[-1].cells]
    assert totals == ["Total", *(str(matrix.theme_total(t.id)) for t in matrix.themes),
                      str(matrix.total)]  # fmt: skip
    results = validate({"plain": plain, "matrix": with_matrix}, tmp_path / "parts")
    assert results["matrix"]["word/document.xml"] == []
    assert results["plain"]["word/document.xml"] == []

    markdown = tmp_path / "note.md"
    export_markdown(bundle, markdown, annex_matrix=True)
    text = markdown.read_text(encoding="utf-8")
    assert f"# {MATRIX_TITLE}" in text and f"# {OVERLAPS_TITLES['both']}" in text
    assert text.index(f"# {ANNEX_TITLE}") < text.index(f"# {MATRIX_TITLE}")


def test_the_standalone_word_table_validates(hostile_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    export_table(matrix_table(hostile_project.theme_matrix()), out, "docx")
    with zipfile.ZipFile(out) as archive:
        assert b"HYPERLINK" in archive.read("word/document.xml")  # a name, as text
    assert validate({"m": out}, tmp_path / "parts")["m"]["word/document.xml"] == []


def test_unknown_formats_and_measures_are_refused(hostile_project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown table format"):
        export_table(matrix_table(hostile_project.theme_matrix()), tmp_path / "m.pdf", "pdf")
    with pytest.raises(ExportError, match="unknown measure"):
        overlaps_table(hostile_project.theme_overlaps(), "nearby")
    assert not (tmp_path / "m.pdf").exists()
