"""Plain text: encodings, line endings, binary and empty files, exact round-trips."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

import briefing.importers as importers
from briefing.importers import ImportFailure, read_bytes, read_file

Write = Callable[[str, bytes], Path]
HARD_TEXT = "Café 𠀀 and 😀 — “quoted” 中文\tTabbed\nSecond line"


def test_utf8_reads_exactly_with_title_and_origin(write: Write) -> None:
    path = write("AI talks.txt", HARD_TEXT.encode("utf-8"))
    document = read_file(path)
    assert document.text == HARD_TEXT
    assert document.format == "txt"
    assert document.title == "AI talks"
    assert document.metadata["origin"] == str(path.resolve())
    assert document.warnings == []
    # The offsets a passage would use point at the same characters.
    start = document.text.index("𠀀")
    assert document.text[start : start + 5] == "𠀀 and"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_encodings_decode_and_drop_the_bom(write: Write, bom: bytes, encoding: str) -> None:
    document = read_file(write("bom.txt", bom + HARD_TEXT.encode(encoding)))
    assert document.text == HARD_TEXT
    assert not document.text.startswith("\ufeff")
    assert document.warnings == []


def test_cp1252_is_decoded_with_a_warning(write: Write) -> None:
    document = read_file(write("legacy.txt", "Café – “naïve” €5".encode("cp1252")))
    assert document.text == "Café – “naïve” €5"
    assert len(document.warnings) == 1
    assert "cp1252" in document.warnings[0]


def test_cp1252_undefined_bytes_are_replaced_and_reported(write: Write) -> None:
    document = read_file(write("odd.txt", b"caf\xe9 \x81\x8d end"))
    assert document.text == "café \ufffd\ufffd end"
    assert "2 byte(s) undefined in cp1252" in document.warnings[0]


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_line_endings_become_newlines(write: Write, newline: bytes) -> None:
    data = newline.join([b"one", b"two", b"", b"four"]) + newline
    assert read_file(write("lines.txt", data)).text == "one\ntwo\n\nfour\n"


def test_control_characters_are_removed_with_a_warning(write: Write) -> None:
    document = read_file(write("ctrl.txt", b"a\x07b\x1bc\td\x0ce"))
    assert document.text == "abc\td\ne"
    assert document.warnings == ["2 control character(s) were removed"]


def test_empty_file_is_refused(write: Write) -> None:
    with pytest.raises(ImportFailure, match="the file is empty"):
        read_file(write("empty.txt", b""))


def test_blank_file_is_refused(write: Write) -> None:
    with pytest.raises(ImportFailure, match="no text"):
        read_file(write("blank.txt", b" \n\r\n\t \n"))


def test_binary_named_txt_is_refused(write: Write) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ImportFailure, match="looks like a binary file, not text"):
        read_file(write("picture.txt", png))


def test_control_heavy_file_without_nul_is_refused(write: Write) -> None:
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) * 50 + b"some words"
    with pytest.raises(ImportFailure, match="binary"):
        read_file(write("mostly-control.txt", data))


def test_unknown_suffix_with_text_is_read_as_text(write: Write) -> None:
    document = read_file(write("notes.log", b"2024-05-01 ministers met\n"))
    assert document.format == "txt"
    assert document.text == "2024-05-01 ministers met\n"
    assert document.title == "notes"


def test_html_content_with_unknown_suffix_is_read_as_html(write: Write) -> None:
    page = b"<!DOCTYPE html><html><head><title>Saved page</title></head><p>Body text</p></html>"
    document = read_file(write("download.bin", page))
    assert (document.format, document.title, document.text) == ("html", "Saved page", "Body text")


def test_file_over_the_limit_is_refused_before_reading(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importers, "MAX_BYTES", 1024 * 1024)
    path = write("big.txt", b"x" * (1024 * 1024 + 1))
    with pytest.raises(ImportFailure, match="larger than the 1 MB limit"):
        read_file(path)
    with pytest.raises(ImportFailure, match="larger than the 1 MB limit"):
        read_bytes(path.read_bytes(), "big.txt")


def test_default_limit_is_named_in_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    assert importers.MAX_BYTES == 50 * 1024 * 1024

    # Pretend the bytes are big without allocating 50 MB: a bytes subclass that lies about len.
    class Huge(bytes):
        def __len__(self) -> int:
            return importers.MAX_BYTES + 1

    with pytest.raises(ImportFailure, match="larger than the 50 MB limit"):
        importers._import(Huge(b"x"), "huge.txt", "", importers.ImportOptions())


def test_missing_file_and_folder_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="does not exist"):
        read_file(tmp_path / "nowhere.txt")
    with pytest.raises(ImportFailure, match="folder"):
        read_file(tmp_path)
