"""Issue 13's table: ordinary ways of typing a note, read as CommonMark in every output.

Each row is typed under a heading (``## Row``, followed by ``## After``) and checked in the Word
file (python-docx), the preview's HTML, the outline and the page meter. For the meter, the row
must measure as the same note written so that no reader could take it otherwise, and not as
the wrong reading the issue saw (the lines it would have taken differ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from note_fixture import make_bundle

from briefing.core.commonmark import block_map
from briefing.exporters import export_docx, render_preview_html
from briefing.exporters.pages import estimate_pages
from briefing.gui.outline_panel import headings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG = "with words enough to take most of a line of the page when it is set in Word"
SUB = f"{LONG} as well"  # one line of the page, two when indented one list level more


@dataclass(frozen=True)
class Row:
    name: str
    typed: str
    # (text, list level or None) of each Word paragraph between the two headings
    word: list[tuple[str, int | None]]
    preview: str  # the preview's HTML between the headings, tags only where they matter
    canonical: str  # the same note typed so that every reader agrees
    wrong: str  # what the issue saw: the reading that used to come out
    lists: int  # the lists in the block map (a nested list is one more)


ROWS = [
    Row(
        "intro-then-list",
        f"Intro text {LONG}\n- a {LONG}\n- b {LONG}",
        [(f"Intro text {LONG}", None), (f"a {LONG}", 0), (f"b {LONG}", 0)],
        f"<p>Intro text {LONG}</p><ul><li>a {LONG}</li><li>b {LONG}</li></ul>",
        f"Intro text {LONG}\n\n- a {LONG}\n- b {LONG}",
        f"Intro text {LONG} - a {LONG} - b {LONG}",
        1,
    ),
    Row(
        "two-space-nesting",
        f"- item {LONG}\n  - sub {SUB}",
        [(f"item {LONG}", 0), (f"sub {SUB}", 1)],
        f"<ul><li>item {LONG}<ul><li>sub {SUB}</li></ul></li></ul>",
        f"- item {LONG}\n    - sub {SUB}",
        f"- item {LONG}\n- sub {SUB}",
        2,
    ),
    Row(
        "numbered-with-nested-bullet",
        f"2. two {LONG}\n   - nested {LONG}",
        [(f"two {LONG}", 0), (f"nested {LONG}", 1)],
        f'<ol start="2"><li>two {LONG}<ul><li>nested {LONG}</li></ul></li></ol>',
        f"2. two {LONG}\n    - nested {LONG}",
        f"2. two {LONG} - nested {LONG}",
        2,
    ),
    Row(
        "item-continued-after-blank-line",
        f"- a {LONG}\n\n  continued para {LONG}\n- b {LONG}",
        [(f"a {LONG}", 0), (f"continued para {LONG}", None), (f"b {LONG}", 0)],
        f"<ul><li><p>a {LONG}</p><p>continued para {LONG}</p></li><li><p>b {LONG}</p></li></ul>",
        f"-   a {LONG}\n\n    continued para {LONG}\n\n-   b {LONG}",
        f"- a {LONG}\n\ncontinued para {LONG} - b {LONG}",
        1,
    ),
    Row(
        "hashtag",
        f"#hashtag is not a heading, {LONG}",
        [(f"#hashtag is not a heading, {LONG}", None)],
        f"<p>#hashtag is not a heading, {LONG}</p>",
        f"\\#hashtag is not a heading, {LONG}",
        f"### hashtag is not a heading, {LONG}",
        0,
    ),
    Row(
        "parenthesis-numbers",
        f"1) one {LONG}\n2) two {LONG}",
        [(f"one {LONG}", 0), (f"two {LONG}", 0)],
        f"<ol><li>one {LONG}</li><li>two {LONG}</li></ol>",
        f"1. one {LONG}\n2. two {LONG}",
        f"1) one {LONG} 2) two {LONG}",
        1,
    ),
    Row(
        "backslash-line-break",
        f"line one {LONG}\\\nline two",
        [(f"line one {LONG}\nline two", None)],
        f"<p>line one {LONG}<br>line two</p>",
        f"line one {LONG}  \nline two",
        f"line one {LONG}\\ line two",
        0,
    ),
]


def note(text: str) -> str:
    return f"## Row\n\n{text}\n\n## After\n\nThe end.\n"


def word_paragraphs(path: Path) -> list[tuple[str, int | None]]:
    """(text, list level) of the paragraphs between the Row and After headings; a line break
    reads as a newline."""
    document = docx.Document(str(path))
    found: list[tuple[str, int | None]] = []
    inside = False
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            inside = paragraph.text == "Row"
            continue
        if not inside:
            continue
        text = "".join(
            "\n" if node.tag == f"{W}br" else node.text or ""
            for node in paragraph._p.iter(f"{W}t", f"{W}br")
        )
        level = paragraph._p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        found.append((text, None if level is None else int(level.get(f"{W}val"))))
    return found


def preview_between(html: str) -> str:
    # (the brief's top sections show as Heading 1 whatever level was typed: issue 14)
    body = re.split(r"<h\d>Row</h\d>", html, maxsplit=1)[1]
    body = re.split(r"<h\d>After</h\d>", body, maxsplit=1)[0]
    return re.sub(r">\s+<", "><", body).replace("<br></br>", "<br>").replace("<br/>", "<br>")


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_word_file(row: Row, tmp_path: Path) -> None:
    out = tmp_path / "row.docx"
    export_docx(make_bundle(body=note(row.typed)), out)
    assert word_paragraphs(out) == row.word


def test_numbered_list_keeps_its_first_number(tmp_path: Path) -> None:
    out = tmp_path / "row.docx"
    export_docx(make_bundle(body=note("2. two\n3. three")), out)
    numbering = docx.Document(str(out)).part.numbering_part.element
    starts = [e.get(f"{W}val") for e in numbering.iter(f"{W}startOverride")]
    assert "2" in starts


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_preview(row: Row) -> None:
    html = render_preview_html(make_bundle(body=note(row.typed)))
    assert preview_between(html) == row.preview


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_outline(row: Row) -> None:
    body = note(row.typed)
    assert headings(body) == [(2, "Row", 0), (2, "After", body.index("## After"))]
    assert len([b for b in block_map(body) if b.kind == "list"]) == row.lists


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_page_meter(row: Row) -> None:
    typed = estimate_pages(make_bundle(body=note(row.typed)))
    assert typed == estimate_pages(make_bundle(body=note(row.canonical)))
    assert typed != estimate_pages(make_bundle(body=note(row.wrong)))
