"""Word .docx: body order, tables, footnotes, and the packages that must be refused."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.importers import ImportFailure, read_bytes, read_file

Write = Callable[[str, bytes], Path]


def test_generated_docx_reads_in_document_order(sample_docx: Path) -> None:
    document = read_file(sample_docx)
    assert document.text == (
        "Export controls\n"
        "Ministers met in Brussels on Tuesday.[1]\n"
        "First point of the list\n"
        "Second point of the list\n"
        "Country\tMeasure\n"
        "Netherlands\tLicence\n"
        "Investment\n"
        "Screening rules tighten. 😀 𠀀\n"
        "Notes\n"
        "[1] Source: ministry press release."
    )
    assert document.format == "docx"
    assert document.title == "Talks on chip exports"
    assert document.metadata["author"] == "A. Analyst"
    assert document.metadata["origin"] == str(sample_docx.resolve())
    assert len(document.metadata["date"]) == 10  # python-docx stamps "created" on save


def test_docx_named_txt_is_read_as_word(sample_docx: Path, write: Write) -> None:
    renamed = write("report.txt", sample_docx.read_bytes())
    document = read_file(renamed)
    assert document.format == "docx"
    assert "Netherlands\tLicence" in document.text


def test_truncated_docx_is_refused(sample_docx: Path) -> None:
    data = sample_docx.read_bytes()
    for size in (10, len(data) // 2, len(data) - 30):
        with pytest.raises(ImportFailure, match="damaged or truncated"):
            read_bytes(data[:size], "cut.docx")


def test_docx_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(ImportFailure, match="not a Word document"):
        read_bytes(b"Just some text pretending to be Word", "fake.docx")


def test_rtf_named_docx_is_refused_with_advice() -> None:
    with pytest.raises(ImportFailure, match="RTF"):
        read_bytes(rb"{\rtf1\ansi Hello}", "letter.docx")


def test_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
        archive.writestr("data/table.csv", "a,b\n1,2\n")
    with pytest.raises(
        ImportFailure, match=r"not a Word document: the zip has no word/document\.xml"
    ):
        read_file(path)


def test_spreadsheet_named_docx_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ImportFailure, match="Excel workbook"):
        read_file(path)


def test_zip_bomb_is_refused_before_anything_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.docx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    inflated: list[str] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        inflated.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    with pytest.raises(ImportFailure, match=r"the file expands to 300 MB, over the 200 MB limit"):
        read_file(path)
    assert "word/document.xml" not in inflated  # refused from the directory alone


def test_small_but_absurdly_compressed_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(20 * 1024 * 1024))
    with pytest.raises(ImportFailure, match="compression ratio"):
        read_file(path)


def test_old_doc_or_encrypted_docx_is_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    for name in ("old.doc", "locked.docx", "misnamed.txt"):
        with pytest.raises(ImportFailure, match=r"old Word \.doc or password-protected file"):
            read_bytes(ole, name)


def test_damaged_document_xml_is_refused(sample_docx: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(sample_docx) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:200]
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(ImportFailure, match="damaged"):
        read_file(path)


def test_text_box_alternate_content_is_read_once(corpus: Path) -> None:
    document = read_file(corpus / "docx" / "text-box.docx")
    assert document.text.count("Datum plane") == 1


def test_strict_ooxml_is_read_with_its_core_properties(corpus: Path) -> None:
    document = read_file(corpus / "docx" / "strict-format.docx")
    assert document.text == "Test"
    assert document.metadata["author"] == "Tom Chantry"
    assert document.metadata["date"] == "2018-01-22"


def test_endnotes_are_numbered_in_roman_under_notes(corpus: Path) -> None:
    document = read_file(corpus / "docx" / "endnotes.docx")
    assert document.text == ("Ouch[i].[ii]\nNotes\n[i] A tachyon walks into a bar.\n[ii] Fin.")
