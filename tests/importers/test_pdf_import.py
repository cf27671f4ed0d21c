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


def test_a_long_pdf_read_on_two_cores_equals_the_serial_read(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.generate_docs import bench_pdf
    from briefing.importers import pdf_fork

    path = write("long.pdf", bench_pdf(pdf_fork.MIN_PAGES + 6))
    forks: list[int] = []
    real = pdf_fork.read_in_two

    def counted(*args: object, **kwargs: object) -> object:
        forks.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_fork, "can_fork", lambda count: count >= pdf_fork.MIN_PAGES)
    monkeypatch.setattr(pdf_fork, "read_in_two", counted)
    both = read_file(path)
    assert forks == [1]
    monkeypatch.setattr(pdf_fork, "can_fork", lambda count: False)
    serial = read_file(path)
    assert (both.text, both.metadata, both.blocks) == (serial.text, serial.metadata, serial.blocks)
    assert len(both.metadata["pages"]) == pdf_fork.MIN_PAGES + 6


def test_no_fork_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from briefing.importers import pdf_fork

    with monkeypatch.context() as patched:  # a GUI toolkit's threads, which Python cannot see
        patched.setattr(pdf_fork, "os_threads", lambda: 3)
        assert not pdf_fork.can_fork(10_000)
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not pdf_fork.can_fork(10_000)  # another Python thread (an import worker)
    finally:
        release.set()
        worker.join()
    assert not pdf_fork.can_fork(pdf_fork.MIN_PAGES - 1)


def test_running_headers_and_footers_are_dropped_and_their_marking_kept(write: Write) -> None:
    words = ["export", "controls", "ministers", "allies", "chips", "screening", "trade", "data"]
    pages = [
        ["OFFICIAL-SENSITIVE"]
        + [" ".join(words[(number * 3 + line) % 8] for _ in range(9)) for line in range(5)]
        + [f"Page {number} of 4"]
        for number in range(1, 5)
    ]
    document = read_file(write("report.pdf", make_pdf(pages)))
    assert "OFFICIAL-SENSITIVE" not in document.text
    assert "Page 2 of 4" not in document.text
    assert document.metadata["marking"] == "OFFICIAL-SENSITIVE"
    starts = document.metadata["pages"]
    assert document.text[starts[1] :].startswith("trade trade")


def test_lines_reflow_and_line_end_hyphens_join_known_words(write: Write) -> None:
    lines = [
        "The ministers discussed the export policy for advanced chips and the new pol-",
        "icy on screening foreign investment in the sector, which takes effect in May",
        "next year; the well-",
        "known exemptions stay.",
    ]
    document = read_file(write("flow.pdf", make_pdf([lines])))
    assert document.text == (
        "The ministers discussed the export policy for advanced chips and the new policy on "
        "screening foreign investment in the sector, which takes effect in May next year; the "
        "well-known exemptions stay."
    )


INTERNATIONAL = """# International sources

Japanese: 日本語の文書です。東京で会議。

Extension B: 𠀋 and 𠀀 characters.

Emoji: 😀 🎉 and flags.

Arabic: مرحبا بالعالم

Hebrew: שלום עולם

The misfits find office effluent waffles.
"""


@pytest.mark.external
def test_libreoffice_pdf_keeps_cjk_extension_b_emoji_and_right_to_left(tmp_path: Path) -> None:
    """LibreOffice draws characters its fonts lack with stand-in glyphs and /ActualText."""
    for program in ("pandoc", "soffice"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed")
    source = tmp_path / "intl.md"
    source.write_text(INTERNATIONAL, encoding="utf-8")
    subprocess.run(["pandoc", str(source), "-o", str(tmp_path / "intl.docx")], check=True)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "intl.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    document = read_file(tmp_path / "intl.pdf")
    text = document.text
    assert "Japanese: 日本語の文書です。東京で会議。" in text
    assert "Extension B: 𠀋 and 𠀀 characters." in text
    assert "Emoji: 😀 🎉 and flags." in text
    for word in ("مرحبا", "بالعالم", "שלום", "עולם"):
        assert word in text  # PDFium gives right-to-left lines in its own order: docs/importers
    assert "The misfits find office effluent waffles." in text
    assert "\ufffd" not in text
    assert document.warnings == []
    heading = document.blocks[0]
    assert (heading.kind, text[heading.start : heading.end]) == ("heading", "International sources")
