"""Deterministic test and benchmark documents: a tiny PDF writer and a long .docx.

There is no PDF writer among the project's dependencies, so ``make_pdf`` writes PDF 1.4 by hand:
Helvetica (a standard font, nothing embedded), WinAnsiEncoding, one content stream per page,
and an xref table with exact byte offsets. It is enough for pypdf, pdftotext and viewers.

    python -m benchmarks.generate_docs OUTDIR    # writes bench-100.docx and bench-100.pdf
"""

from __future__ import annotations

import logging
import random
import sys
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

SEED = 20240521
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LINES_PER_PAGE = 45
_LEADING = 16
_VOCABULARY = (
    "export controls sovereignty investment screening semiconductor supply chain allies "
    "ministers agreed framework review partners regulation data access cloud compute model "
    "security council treaty trade tariff licence dual-use technology research funding "
    "committee report recommends policy officials negotiation summit bilateral market "
    "capacity infrastructure resilience critical minerals energy transition industrial "
    "strategy the a of and to in for on with by from that which is was will be may could "
    "should under over between within across against during after before new current"
)
_WORDS = _VOCABULARY.split()


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding; characters outside cp1252 become '?'."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content_stream(lines: Sequence[str], font_size: int) -> bytes:
    if not lines:
        # A grey box and no text: what a scanned page looks like to a text extractor.
        return b"0.8 g 56 56 483 730 re f"
    out = [b"BT", f"/F1 {font_size} Tf {_LEADING} TL 56 {PAGE_HEIGHT - 60} Td".encode()]
    for index, line in enumerate(lines):
        if index:
            out.append(b"T*")
        out.append(_pdf_string(line) + b" Tj")
    out.append(b"ET")
    return b"\n".join(out)


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = "D:20240521093000Z",
    compress: bool = False,
    font_size: int = 10,
) -> bytes:
    """A valid PDF 1.4 with one page per item of ``pages`` (each a list of text lines).

    An empty list of lines makes a page with no text layer (a grey box only).
    """
    objects: list[bytes] = []  # objects[i] is object number i + 1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # the page tree, filled in once the kids are known
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = _content_stream(lines, font_size)
        extra = b""
        if compress:
            stream, extra = zlib.compress(stream), b" /Filter /FlateDecode"
        content = add(
            b"<< /Length %d%s >>\nstream\n" % (len(stream), extra) + stream + b"\nendstream"
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (PAGE_WIDTH, PAGE_HEIGHT, font, content)
            )
        )
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_items = [(b"Title", title), (b"Author", author), (b"CreationDate", created)]
    info_body = b" ".join(b"/%s %s" % (k, _pdf_string(v)) for k, v in info_items if v)
    info = add(b"<< " + info_body + b" >>") if info_body else 0

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # binary comment: marks the file as binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bench_pdf(pages: int = 100, seed: int = SEED) -> bytes:
    """``pages`` pages of LINES_PER_PAGE lines of about 90 characters each."""
    rng = random.Random(seed)
    body = []
    for number in range(1, pages + 1):
        lines = [f"Page {number}: section {number} of the benchmark report"]
        while len(lines) < LINES_PER_PAGE:
            line = _sentence(rng, rng.randint(10, 14))
            lines.append(line[:95])
        body.append(lines)
    return make_pdf(body, title="Benchmark report", author="Briefing benchmarks", compress=True)


def write_bench_docx(path: Path, pages: int = 100, seed: int = SEED) -> Path:
    """About ``pages`` pages: per page a heading, five ~90-word paragraphs; a list and a table
    every tenth page. Content is fixed by ``seed`` (zip timestamps are python-docx's own)."""
    import docx  # here, not at module level: the PDF writer must not need python-docx

    rng = random.Random(seed)
    document = docx.Document()
    document.core_properties.title = "Benchmark report"
    document.core_properties.author = "Briefing benchmarks"
    document.core_properties.created = datetime(2024, 5, 21, 9, 30, tzinfo=UTC)
    for number in range(1, pages + 1):
        document.add_heading(f"Section {number}: {_sentence(rng, 4)[:-1]}", level=1 + number % 2)
        for _ in range(5):
            document.add_paragraph(" ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(7)))
        if number % 10 == 0:
            for _ in range(3):
                document.add_paragraph(_sentence(rng, 6), style="List Bullet")
            table = document.add_table(rows=3, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = _sentence(rng, 3)
    document.save(str(path))
    return path


def write_bench_docs(folder: Path, pages: int = 100) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = write_bench_docx(folder / f"bench-{pages}.docx", pages)
    pdf_path = folder / f"bench-{pages}.pdf"
    pdf_path.write_bytes(bench_pdf(pages))
    return docx_path, pdf_path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench-docs")
    for written in write_bench_docs(target):
        print(written)
