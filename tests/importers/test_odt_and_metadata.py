"""OpenDocument text, and source metadata read from document properties and page headers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.importers import ImportFailure, read_bytes, read_file
from tests.importers.test_blocks import EXPECTED, STRUCTURED_MD, check_blocks, kinds


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    subprocess.run(command, check=True, capture_output=True, timeout=180)


@pytest.mark.external
def test_odt_from_pandoc_gives_headings_lists_table_and_notes(tmp_path: Path) -> None:
    source = tmp_path / "struct.md"
    source.write_text(STRUCTURED_MD, encoding="utf-8")
    target = tmp_path / "struct.odt"
    _run(["pandoc", str(source), "-o", str(target)])
    document = read_file(target)
    assert document.format == "odt"
    check_blocks(document)
    assert kinds(document) == EXPECTED
    numbered = [block.numbered for block in document.blocks if block.kind == "list_item"]
    assert numbered == [False, False, False, True, True]


def _word_with_properties(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.author = "A. Analyst"
    document.sections[0].header.paragraphs[0].text = "PROTECTED B"
    document.add_heading("Supply chains", level=1)
    document.add_paragraph("Ministers met (again).")
    document.save(str(path))
    return path


def test_word_header_marking_and_company(tmp_path: Path) -> None:
    import zipfile

    path = _word_with_properties(tmp_path / "marked.docx")
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
        b"</Properties>", b"<Company>Ministry of Trade</Company></Properties>"
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    document = read_file(path)
    assert document.metadata["marking"] == "PROTECTED B"
    assert document.metadata["organisation"] == "Ministry of Trade"
    assert document.metadata["author"] == "A. Analyst"
    assert "PROTECTED B" not in document.text  # headers are not text; only their marking counts


@pytest.mark.external
def test_odt_from_libreoffice_keeps_header_marking_and_properties(tmp_path: Path) -> None:
    word = _word_with_properties(tmp_path / "marked.docx")
    _run(["soffice", "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(word)])
    document = read_file(tmp_path / "marked.odt")
    assert document.metadata["marking"] == "PROTECTED B"
    assert document.metadata["author"] == "A. Analyst"
    assert kinds(document) == [
        ("heading", 1, "Supply chains"),
        ("paragraph", 0, "Ministers met (again)."),
    ]


def test_html_meta_gives_author_organisation_url_and_marking() -> None:
    page = (
        b"<html><head><title>Cable</title><meta name='author' content='Desk One'>"
        b"<meta property='og:site_name' content='Ministry of Trade'>"
        b"<link rel='canonical' href='https://gov.example/cable'>"
        b"<meta name='classification' content='official'>"
        b"<meta name='date' content='2024-05-21'></head><body><p>Text</p></body></html>"
    )
    metadata = read_bytes(page, "cable.html").metadata
    assert metadata["author"] == "Desk One"
    assert metadata["organisation"] == "Ministry of Trade"
    assert metadata["url"] == "https://gov.example/cable"
    assert metadata["marking"] == "OFFICIAL"
    assert metadata["date"] == "2024-05-21"


def test_markings_are_matched_whole_and_longest_first() -> None:
    from briefing.importers.properties import find_marking, marking_value

    assert find_marking("OFFICIAL-SENSITIVE // COMMERCIAL") == "OFFICIAL-SENSITIVE"
    assert find_marking("PROTECTED  B") == "PROTECTED B"
    assert find_marking("UNOFFICIAL notes") == ""
    assert find_marking("SECRETARIAT") == ""
    assert marking_value("secret") == "SECRET"


def test_zip_that_is_not_opendocument_text_is_refused_clearly(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sheet.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFailure, match="an OpenDocument spreadsheet file, not a text"):
        read_file(path)
    with pytest.raises(ImportFailure, match="not an OpenDocument text"):
        read_bytes(b"plain", "fake.odt")
