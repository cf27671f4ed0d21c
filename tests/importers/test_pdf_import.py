"""PDF: page offsets, scanned pages, encryption, damaged files."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import briefing.importers.ocr as ocr
import briefing.importers.pdf_doc as pdf_doc
from benchmarks.generate_docs import make_pdf
from briefing.importers import ImportFailure, read_bytes, read_file

Write = Callable[[str, bytes], Path]

PAGES = [
    ["Export controls briefing", "Ministers met (again) in Brussels.  "],
    ["Second page text", "Back\\slash and café €"],
    ["Third page"],
]


def test_generated_pdf_reads_page_by_page_with_offsets(write: Write) -> None:
    data = make_pdf(PAGES, title="Chip talks", author="Policy Unit", created="D:20240521093000Z")
    document = read_file(write("talks.pdf", data))
    assert document.text == (
        "Export controls briefing\nMinisters met (again) in Brussels.\n"
        "Second page text\nBack\\slash and café €\n"
        "Third page"
    )
    starts = document.metadata["pages"]
    assert starts == [0, 60, 99]
    assert document.text[starts[1] :].startswith("Second page text")
    assert document.text[starts[2] :] == "Third page"
    assert document.title == "Chip talks"
    assert document.metadata["author"] == "Policy Unit"
    assert document.metadata["date"] == "2024-05-21"
    assert document.format == "pdf"
    assert document.warnings == []


def test_pdf_named_txt_is_read_as_pdf(write: Write) -> None:
    document = read_file(write("actually-a-pdf.txt", make_pdf(PAGES, compress=True)))
    assert document.format == "pdf"
    assert document.text.startswith("Export controls briefing")


def test_pages_without_text_import_with_a_warning(write: Write) -> None:
    path = write("mixed.pdf", make_pdf([["Text page"], [], [], ["Last page"]]))
    document = read_file(path, ocr=False)
    assert document.text == "Text page\n\n\nLast page"
    assert document.metadata["pages"] == [0, 10, 11, 12]
    assert document.warnings == [
        "2 of 4 pages have no text layer (scanned?) and are left empty (pages 2, 3): "
        "OCR is switched off"
    ]


def test_pdf_without_text_layer_is_refused_when_ocr_is_off(write: Write) -> None:
    with pytest.raises(
        ImportFailure, match=r"no text layer: it looks scanned; OCR is switched off"
    ):
        read_file(write("scan.pdf", make_pdf([[], []])), ocr=False)


def test_without_tesseract_one_line_says_how_to_install_it(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    with pytest.raises(ImportFailure) as failure:
        read_file(write("scan.pdf", make_pdf([[], []])))
    message = str(failure.value)
    assert message.startswith("no text layer: it looks scanned; install Tesseract OCR")
    assert "apt install tesseract-ocr" in message and "\n" not in message
    document = read_file(write("mixed.pdf", make_pdf([["Text page"], []])))
    assert document.warnings[0].endswith(ocr.INSTALL_HINT)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_pdf_is_refused(write: Write, keep: float) -> None:
    data = make_pdf(PAGES * 5)
    with pytest.raises(ImportFailure, match="the PDF is damaged or truncated"):
        read_file(write("cut.pdf", data[: int(len(data) * keep)]))


def test_garbage_after_pdf_header_is_refused() -> None:
    with pytest.raises(ImportFailure, match="damaged or truncated"):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40, "junk.pdf")


def test_pdf_suffix_without_pdf_header_is_refused() -> None:
    with pytest.raises(ImportFailure, match="not a PDF"):
        read_bytes(b"plain words", "fake.pdf")


def _libreoffice_pdf(folder: Path, text: str, export: dict[str, object]) -> Path:
    """A PDF written by LibreOffice from a text file, with its PDF export options."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = folder / "letter.txt"
    source.write_text(text, encoding="utf-8")
    options = {key: {"type": type(value).__name__.replace("bool", "boolean"), "value": value}
               for key, value in export.items()}  # fmt: skip
    filter_ = "pdf:writer_pdf_Export:" + json.dumps(options).replace('"str"', '"string"')
    subprocess.run(
        ["soffice", "--headless", "--convert-to", filter_, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "letter.pdf"


@pytest.mark.external
def test_user_password_pdf_is_refused(tmp_path: Path) -> None:
    locked = _libreoffice_pdf(
        tmp_path,
        "Export controls briefing",
        {"EncryptFile": True, "DocumentOpenPassword": "secret"},
    )
    with pytest.raises(ImportFailure, match="password-protected"):
        read_file(locked)


@pytest.mark.external
def test_owner_password_only_pdf_opens_with_the_empty_password(tmp_path: Path) -> None:
    restricted = _libreoffice_pdf(
        tmp_path,
        "Export controls briefing",
        {"EncryptFile": True, "PermissionPassword": "owner", "RestrictPermissions": True},
    )
    assert b"/Encrypt" in restricted.read_bytes()
    document = read_file(restricted)
    assert document.text.startswith("Export controls briefing")


def test_page_cap_refuses_huge_documents(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_doc, "MAX_PAGES", 2)
    with pytest.raises(ImportFailure, match="3 pages, over the 2-page limit"):
        read_file(write("long.pdf", make_pdf(PAGES)))


def test_time_budget_stops_a_slow_pdf(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_doc, "MAX_SECONDS", -1.0)
    with pytest.raises(ImportFailure, match="took over"):
        read_file(write("slow.pdf", make_pdf(PAGES)))


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("D:20220403193102+02'00'", "2022-04-03"),
        ("D:2023", "2023-01-01"),
        ("20191231", "2019-12-31"),
        ("D:20221399", ""),
        ("yesterday", ""),
    ],
)
def test_pdf_dates(raw: str, iso: str) -> None:
    assert pdf_doc.pdf_date(raw) == iso


def test_text_that_mentions_the_pdf_header_stays_text() -> None:
    text = b"Every PDF starts with %PDF- and a version number such as 1.7.\n"
    document = read_bytes(text, "notes.txt")
    assert (document.format, document.text) == ("txt", text.decode())


def test_pdf_after_leading_junk_is_still_found() -> None:
    data = b"HTTP/1.1 200 OK\r\n\r\n" + make_pdf([["Behind a header"]])
    document = read_bytes(data, "download.bin")
    assert (document.format, document.text) == ("pdf", "Behind a header")
