"""House templates for the tests, made as departments make them: a logo and the department's
name in the header, a first page of its own, their own page size and margins."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
from docx.shared import Cm

DEPARTMENT = "Department of Digital Affairs"
FIRST_PAGE = "DEPARTMENT OF DIGITAL AFFAIRS · MINISTERIAL BRIEF"
FOOTER_TEXT = "dda.example.gov"


def logo_png(path: Path, size: int = 24) -> Path:
    """A small PNG (a navy square with a white bar), written without an imaging library."""
    rows = b""
    for y in range(size):
        row = bytearray()
        for _x in range(size):
            row += bytes((255, 255, 255) if size // 3 <= y < size // 2 else (31, 56, 100))
        rows += b"\x00" + bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def python_docx_house(folder: Path) -> Path:
    """US Letter, 2 cm margins; the logo and department name in every header, another header
    on the first page; the department's web address in the footer."""
    logo = logo_png(folder / "logo.png")
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    section.different_first_page_header_footer = True
    for header, text in ((section.header, DEPARTMENT), (section.first_page_header, FIRST_PAGE)):
        paragraph = header.paragraphs[0]
        paragraph.add_run().add_picture(str(logo), width=Cm(1.0))
        paragraph.add_run(f"  {text}")
    section.footer.paragraphs[0].text = FOOTER_TEXT
    section.first_page_footer.paragraphs[0].text = FOOTER_TEXT
    path = folder / "house.docx"
    document.save(str(path))
    return path


def placeholder_house(folder: Path) -> Path:
    """A header and footer that say where the marking and page numbers go, with the
    placeholders split over runs as Word splits them."""
    document = docx.Document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.add_run(f"{DEPARTMENT} | {{mar")
    header.add_run("king}")
    draft = section.header.add_paragraph()
    draft.add_run("{draft}")
    footer = section.footer.paragraphs[0]
    for text in ("{reference} — page ", "{page}", " of {pa", "ges}"):
        footer.add_run(text)
    path = folder / "placeholders.docx"
    document.save(str(path))
    return path
