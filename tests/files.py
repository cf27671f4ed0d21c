"""Files the tests of several layers share: documents written by LibreOffice, a scanned page,
an e-mail with attachments, and a way to make a file or folder read-only for this process."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.importers.test_ocr import LETTER, _pgm_pixels, image_only_pdf


def require_tool(name: str) -> str:
    """The program's path; without it, fail in CI (CI set: it must be installed) or skip."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; tools/test installs it")
        pytest.skip(f"{name} is not installed")
    return found


def soffice_convert(source: Path, target_format: str, profile: Path) -> Path:
    """LibreOffice converts ``source``; its own profile, never one another soffice uses."""
    soffice = require_tool("soffice")
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         target_format, "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    converted = source.with_suffix("." + target_format.split(":")[0])
    assert converted.is_file(), f"LibreOffice wrote no {target_format}"
    return converted


# A document with what a briefing's sources hold: headings, paragraphs, bulleted, nested and
# numbered lists, a table, CJK, emoji beyond the BMP, Arabic and Hebrew. LibreOffice writes
# the .docx, .odt and .pdf from it.
FLAT_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>Chip export talks</dc:title>
<meta:initial-creator>A. Analyst</meta:initial-creator></office:meta>
<office:automatic-styles>
<text:list-style style:name="L1">
<text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
<text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
<text:list-style style:name="L2">
<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
</text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Export controls</text:h>
<text:p>Ministers met in Brussels on Tuesday to discuss the licence rules for advanced
semiconductors, and agreed to meet again before the summer.</text:p>
<text:list text:style-name="L1">
<text:list-item><text:p>First point of the list</text:p></text:list-item>
<text:list-item><text:p>Second point</text:p><text:list>
<text:list-item><text:p>A nested point</text:p></text:list-item></text:list></text:list-item>
</text:list>
<text:list text:style-name="L2">
<text:list-item><text:p>Numbered one</text:p></text:list-item>
<text:list-item><text:p>Numbered two</text:p></text:list-item>
</text:list>
<table:table table:name="Measures"><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>Country</text:p></table:table-cell>
<table:table-cell><text:p>Measure</text:p></table:table-cell>
<table:table-cell><text:p>Date</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Netherlands</text:p></table:table-cell>
<table:table-cell><text:p>Licence for lithography</text:p></table:table-cell>
<table:table-cell><text:p>2023</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>日本</text:p></table:table-cell>
<table:table-cell><text:p>輸出管理</text:p></table:table-cell>
<table:table-cell><text:p>2024</text:p></table:table-cell></table:table-row>
</table:table>
<text:h text:style-name="Heading_20_2" text:outline-level="2">日本語の見出し</text:h>
<text:p>東京で会議が開かれた。Emoji 😀 🎉 and 𠀀 stay whole.</text:p>
<text:p>مرحبا بالعالم — שלום עולם — and English after.</text:p>
</office:text></office:body></office:document>
"""


def libreoffice_documents(folder: Path) -> dict[str, Path]:
    """The document above as LibreOffice writes it: {"docx": ..., "odt": ..., "pdf": ...}."""
    source = folder / "talks.fodt"
    source.write_text(FLAT_ODT, encoding="utf-8")
    profile = folder / "lo-profile"
    return {kind: soffice_convert(source, kind, profile) for kind in ("docx", "odt", "pdf")}


def scanned_pdf(folder: Path, pages: int = 1) -> Path:
    """A picture of a text page as a PDF with no text layer: what a scanner gives. LibreOffice
    prints the letter, pdftoppm turns the page into a grey picture; ``pages`` copies of it."""
    for program in ("pdftoppm", "tesseract"):
        require_tool(program)
    source = folder / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    pdf = soffice_convert(source, "pdf", folder / "lo-profile")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-f", "1", "-l", "1", str(pdf), str(folder / "page")],
        check=True,
    )
    width, height, pixels = _pgm_pixels(next(folder.glob("page*.pgm")))
    scanned = folder / "scanned.pdf"
    one_page = image_only_pdf(width, height, pixels, 200)
    scanned.write_bytes(one_page if pages == 1 else _repeat_page(one_page, pages))
    pdf.unlink()
    return scanned


def _repeat_page(pdf: bytes, pages: int) -> bytes:
    """The one-page picture PDF with its page listed ``pages`` times (one picture, many pages):
    the page tree names object 3 again and again, and the cross-reference table stays valid."""
    kids = b" ".join([b"3 0 R"] * pages)
    grown = pdf.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [%s] /Count %d" % (kids, pages))
    shift = len(grown) - len(pdf)
    head, _, tail = grown.partition(b"xref\n")
    entries, _, trailer = tail.partition(b"trailer\n")
    lines = entries.split(b"\n")
    fixed = lines[:2]
    for number, line in enumerate(lines[2:], start=1):
        if not line:
            fixed.append(line)
            continue
        offset = int(line[:10])
        fixed.append(b"%010d 00000 n " % (offset + shift if number > 2 else offset))
    startxref = len(head)
    trailer = trailer.split(b"startxref")[0] + b"startxref\n%d\n%%%%EOF\n" % startxref
    return head + b"xref\n" + b"\n".join(fixed) + b"trailer\n" + trailer


def message_with_attachments(folder: Path) -> Path:
    """An e-mail carrying a text file, a web page, a picture (not a document) and a forwarded
    message that carries a Markdown file of its own."""
    forwarded = EmailMessage()
    forwarded["From"] = "Embassy <embassy@example.org>"
    forwarded["To"] = "desk@example.org"
    forwarded["Subject"] = "Forwarded: the annex"
    forwarded["Date"] = "Tue, 03 Mar 2026 09:00:00 +0000"
    forwarded.set_content("The annex follows.\n")
    forwarded.add_attachment(
        b"# Annex\n\nLicence figures for 2025.\n",
        maintype="text",
        subtype="markdown",
        filename="annex.md",
    )
    message = EmailMessage()
    message["From"] = "Desk Officer <desk@example.org>"
    message["To"] = "team@example.org"
    message["Subject"] = "Cable on chip exports"
    message["Date"] = "Wed, 04 Mar 2026 10:30:00 +0000"
    message.set_content("Please read the attached notes before Thursday.\n")
    message.add_attachment(
        "Notes from the meeting on export licences.\n", subtype="plain", filename="notes.txt"
    )
    message.add_attachment(
        "<html><head><title>Press release</title></head><body><p>The ministry announced"
        " new screening rules.</p></body></html>",
        subtype="html",
        filename="release.html",
    )
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png",
                           filename="logo.png")  # fmt: skip
    message.add_attachment(forwarded)
    path = folder / "cable.eml"
    path.write_bytes(bytes(message))
    return path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) unwritable for this process and its children:
    permissions for a user; the immutable flag for root, whom permissions do not stop.
    Skips where neither works."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
