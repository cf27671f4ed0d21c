"""Block kinds: spans over the stored text, for display only, on files other programs wrote."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.importers import Block, ImportedDocument, ImportFailure, read_bytes, read_file
from briefing.importers.base import BLOCK_KINDS, PAGE_BREAK, TextBuilder
from tests.importers.conftest import CORPUS


def check_blocks(document: ImportedDocument) -> None:
    """Inside the text, ordered, never overlapping; non-empty ones cover whole lines."""
    text = document.text
    previous_end = 0
    for block in document.blocks:
        assert block.kind in BLOCK_KINDS
        assert 0 <= block.start <= block.end <= len(text)
        assert block.start >= previous_end, f"{block} overlaps the block before it"
        if block.kind == PAGE_BREAK:
            assert block.start == block.end
            assert block.start == 0 or text[block.start - 1] == "\n"
            continue
        assert block.end > block.start
        assert block.start == 0 or text[block.start - 1] == "\n"
        assert block.end == len(text) or text[block.end] == "\n"
        for start, end in block.cells:
            assert block.start <= start <= end <= block.end
            assert "\t" not in text[start:end]
        previous_end = block.end


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("docx/*.docx")) + sorted(CORPUS.glob("pdf/*.pdf"))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_corpus_blocks_are_spans_that_leave_the_text_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        document = read_file(path, ocr=False)
    except ImportFailure:
        return  # refused files have no blocks; test_import_corpus says why each is refused
    check_blocks(document)
    assert document.blocks, "an imported document has at least one block"
    with monkeypatch.context() as patched:
        patched.setattr(TextBuilder, "record", lambda self, line, start: None)
        patched.setattr(TextBuilder, "page_break", lambda self, page: None)
        bare = read_file(path, ocr=False)
    assert bare.blocks == []
    assert bare.text == document.text
    assert bare.metadata == document.metadata


def kinds(document: ImportedDocument) -> list[tuple[str, int, str]]:
    return [
        (block.kind, block.level, document.text[block.start : block.end])
        for block in document.blocks
    ]


STRUCTURED_MD = """# Export controls

Ministers met in Brussels.

## Measures

- First bullet
    - Nested bullet
- Second bullet

1. Step one
2. Step two

| Country | Measure |
|---------|---------|
| Netherlands | Licence |

A note.[^1]

[^1]: Source: press release.
"""

EXPECTED = [
    ("heading", 1, "Export controls"),
    ("paragraph", 0, "Ministers met in Brussels."),
    ("heading", 2, "Measures"),
    ("list_item", 1, "First bullet"),
    ("list_item", 2, "Nested bullet"),
    ("list_item", 1, "Second bullet"),
    ("list_item", 1, "Step one"),
    ("list_item", 1, "Step two"),
    ("table_row", 0, "Country\tMeasure"),
    ("table_row", 0, "Netherlands\tLicence"),
    ("paragraph", 0, "A note.[1]"),
    ("paragraph", 0, "Notes"),
    ("footnote", 0, "[1] Source: press release."),
]


@pytest.mark.external
def test_word_document_from_pandoc_gives_headings_lists_table_and_notes(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    source = tmp_path / "struct.md"
    source.write_text(STRUCTURED_MD, encoding="utf-8")
    target = tmp_path / "struct.docx"
    subprocess.run(["pandoc", str(source), "-o", str(target)], check=True)
    document = read_file(target)
    check_blocks(document)
    assert kinds(document) == EXPECTED
    items = [block for block in document.blocks if block.kind == "list_item"]
    assert [(block.numbered, block.label) for block in items] == [
        (False, "•"),
        (False, "•"),
        (False, "•"),
        (True, "1."),
        (True, "2."),
    ]
    row = next(block for block in document.blocks if block.kind == "table_row")
    assert [document.text[start:end] for start, end in row.cells] == ["Country", "Measure"]


def test_markdown_gives_the_same_structure() -> None:
    document = read_bytes(STRUCTURED_MD.encode(), "struct.md")
    check_blocks(document)
    assert kinds(document) == EXPECTED


def test_corpus_list_and_table_documents(corpus: Path) -> None:
    listed = read_file(corpus / "docx" / "simple-list.docx")
    assert kinds(listed) == [("list_item", 1, "Apple"), ("list_item", 1, "Banana")]
    tables = read_file(corpus / "docx" / "tables.docx")
    assert [kind for kind, _, _ in kinds(tables)] == [
        "paragraph",
        "table_row",
        "table_row",
        "paragraph",
    ]


def test_html_blocks_and_numbering() -> None:
    html = (
        "<h2>Title</h2><p>Body <b>text</b></p><ol start='3'><li>three</li><li>four</li></ol>"
        "<table><tr><td>a</td><td>b</td></tr></table>"
    )
    document = read_bytes(html.encode(), "page.html")
    check_blocks(document)
    assert kinds(document) == [
        ("heading", 2, "Title"),
        ("paragraph", 0, "Body text"),
        ("list_item", 1, "three"),
        ("list_item", 1, "four"),
        ("table_row", 0, "a\tb"),
    ]
    assert [block.label for block in document.blocks[2:4]] == ["3.", "4."]


def test_plain_text_paragraphs_are_runs_of_lines() -> None:
    document = read_bytes(b"One line\nsame paragraph\n\n\nSecond\n", "notes.txt")
    check_blocks(document)
    assert document.blocks == [Block("paragraph", 0, 23), Block("paragraph", 26, 32)]


def test_text_with_a_paragraph_per_line_has_a_block_per_line_and_its_subheadings() -> None:
    # As text copied from a web page arrives: no blank line, each paragraph one long line.
    long = "A paragraph long enough to be one, as pasted from an article on a page. " * 2
    data = f"{long}\nWhat the talks mean\n{long}\nA list: of things.\nshort\n{long}\n\n"
    document = read_bytes(data.encode(), "article.txt")
    check_blocks(document)
    kinds = [(b.kind, b.level, document.text[b.start : b.end][:20]) for b in document.blocks]
    assert (
        kinds
        == [
            ("paragraph", 0, long[:20]),
            ("heading", 2, "What the talks mean"),  # short, no sentence end, before a paragraph
            ("paragraph", 0, long[:20]),
            ("paragraph", 0, "A list: of things."),  # ends a sentence: a paragraph
            ("paragraph", 0, "short"),  # lower case: not a heading
            ("paragraph", 0, long[:20]),
        ]
    )


def test_the_sample_source_reads_as_paragraphs_under_subheadings(tmp_path: Path) -> None:
    from briefing.sample import build_sample

    with build_sample(tmp_path / "s.briefing") as project:
        (source,) = project.sources()
        text, blocks = project.source_text(source.id), project.source_blocks(source.id)
    headings = [text[b.start : b.end] for b in blocks if b.kind == "heading"]
    assert headings[0] == "The dispute that opened the door" and len(headings) == 3
    assert sum(b.kind == "paragraph" for b in blocks) > 6


def test_clipboard_html_gets_blocks_too() -> None:
    from briefing.importers import read_clipboard

    document = read_clipboard("x", html="<h1>Head</h1><ul><li>item</li></ul>")
    assert kinds(document) == [("heading", 1, "Head"), ("list_item", 1, "item")]
