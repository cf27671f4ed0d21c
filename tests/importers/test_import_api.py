"""The public entry points: read_bytes, read_clipboard, constants, and no crash on any bytes."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate_docs import make_pdf
from briefing.importers import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ImportedDocument,
    ImportFailure,
    read_bytes,
    read_clipboard,
)

ROOT = Path(__file__).resolve().parents[2]


def test_constants() -> None:
    assert MAX_BYTES == 50 * 1024 * 1024
    for suffix in (".txt", ".md", ".html", ".htm", ".docx", ".pdf"):
        assert suffix in SUPPORTED_SUFFIXES


def test_read_bytes_uses_the_name_for_title_and_origin() -> None:
    document = read_bytes("Line 𠀀 😀\r\n".encode(), "Cable 42.txt")
    assert (document.title, document.text, document.format) == ("Cable 42", "Line 𠀀 😀\n", "txt")
    assert document.metadata["origin"] == "Cable 42.txt"


def test_read_bytes_refuses_empty_data() -> None:
    with pytest.raises(ImportFailure, match="the file is empty"):
        read_bytes(b"", "nothing.md")


def test_clipboard_text_with_default_title() -> None:
    document = read_clipboard(
        "\n  First line is the title\r\nsecond 𠀀 line", origin="https://x.org"
    )
    assert document.format == "clipboard"
    assert document.text == "\n  First line is the title\nsecond 𠀀 line"
    assert document.title == "First line is the title"
    assert document.metadata["origin"] == "https://x.org"


def test_clipboard_long_first_line_is_truncated_at_a_word() -> None:
    line = "word " * 40
    title = read_clipboard(line).title
    assert len(title) <= 81
    assert title.endswith("word…")


def test_clipboard_prefers_html_readable_text() -> None:
    html = "<html><body><!--StartFragment--><h2>Heading</h2><p>Para <b>one</b></p>" \
        "<script>evil()</script><!--EndFragment--></body></html>"  # fmt: skip
    document = read_clipboard("Heading Para one", html=html, title="Pasted")
    assert document.text == "Heading\nPara one"
    assert document.title == "Pasted"


def test_clipboard_empty_html_falls_back_to_text() -> None:
    assert read_clipboard("plain", html="  ").text == "plain"
    assert read_clipboard("plain", html="<script>x</script>").text == "plain"


def test_clipboard_without_text_is_refused() -> None:
    with pytest.raises(ImportFailure, match="clipboard holds no text"):
        read_clipboard(" \n ", html=None)


def test_unexpected_parser_error_becomes_one_line_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.importers as importers

    def explode(data: bytes, title: str, options: object) -> ImportedDocument:
        raise KeyError("line one\nline two")

    monkeypatch.setitem(importers._READERS, "txt", explode)
    with pytest.raises(ImportFailure) as failure:
        read_bytes(b"text", "a.txt")
    assert str(failure.value).startswith("could not read the file: KeyError")
    assert "\n" not in str(failure.value)


def test_importers_do_not_load_qt() -> None:
    code = "import sys, briefing.importers; print('PySide6' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"---\ntitle: x\n"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ".bin", ""]),
)
def test_any_bytes_give_a_document_or_a_one_line_failure(
    prefix: bytes, body: bytes, suffix: str
) -> None:
    try:
        document = read_bytes(prefix + body, "fuzz" + suffix)
    except ImportFailure as failure:
        assert str(failure) and "\n" not in str(failure)
        return
    assert isinstance(document, ImportedDocument)
    assert "\r" not in document.text and "\x00" not in document.text


@settings(max_examples=30, deadline=None)
@given(cut=st.integers(min_value=1, max_value=2000), flip=st.integers(0, 255))
def test_damaged_pdfs_never_crash(cut: int, flip: int) -> None:
    data = bytearray(make_pdf([["Some text on a page"], ["More"]], compress=True))
    data[cut % len(data)] = flip
    try:
        read_bytes(bytes(data), "damaged.pdf")
    except ImportFailure as failure:
        assert "\n" not in str(failure)


def test_library_warnings_become_one_briefing_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import warnings

    import briefing.importers as importers
    from briefing.importers.text import read_text

    def chatty(data: bytes, title: str, options: object) -> ImportedDocument:
        logging.getLogger("pypdfium2").warning("EOF marker not found")
        logging.getLogger("extract_msg").error("stream %s is odd", "__substg1.0_1000")
        warnings.warn("a library's own warning", UserWarning, stacklevel=1)
        return read_text(data, title)

    caplog.set_level(logging.WARNING)  # what reaches a command line's handler without --debug
    monkeypatch.setitem(importers._READERS, "txt", chatty)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning escaping the import would raise here
        document = read_bytes(b"Text", "a.txt")
    assert document.warnings == ["the file reader reported: EOF marker not found (and 2 more)"]
    assert caplog.records == []
    assert logging.getLogger("pypdfium2").propagate  # put back as it was


def test_a_damaged_pdf_prints_nothing_of_its_own(tmp_path: Path) -> None:
    data = make_pdf([["Some text on a page"]], compress=True)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[: len(data) // 2] + data[-40:])
    code = (
        "import logging, sys; logging.basicConfig(level=logging.WARNING)\n"
        "from briefing.importers import read_file, ImportFailure\n"
        f"try: read_file({str(damaged)!r})\n"
        "except ImportFailure as failure: print(failure)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stderr == ""
    assert len(result.stdout.strip().splitlines()) == 1
