"""Scanned pages: a picture of a text page, read by Tesseract, with progress and cancel."""

from __future__ import annotations

import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

import briefing.importers.ocr as ocr
from briefing.importers import ImportCancelled, read_file

pytestmark = pytest.mark.external

LETTER = (
    "Export controls briefing\n\n"
    "Ministers agreed to review the licence rules for advanced semiconductors next month.\n"
)


def _pgm_pixels(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields: list[bytes] = []
    at = 0
    while len(fields) < 4:  # magic, width, height, maxval; comments do not occur in pdftoppm's
        while data[at : at + 1].isspace():
            at += 1
        end = at
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P5" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), data[at + 1 :]


def image_only_pdf(width: int, height: int, pixels: bytes, dpi: int) -> bytes:
    """A one-page PDF whose only content is a grey picture: no text layer at all."""
    points = (width * 72 / dpi, height * 72 / dpi)
    image = zlib.compress(pixels)
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % points
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>" % points,
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (width, height, len(image))
        + image
        + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice prints the letter to PDF, pdftoppm turns it into a picture, and the picture
    alone becomes a PDF: what a scanner gives."""
    for program in ("soffice", "pdftoppm", "tesseract"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed")
    folder = tmp_path_factory.mktemp("scan")
    source = folder / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-f", "1", "-l", "1", str(folder / "letter.pdf"),
         str(folder / "page")],
        check=True,
    )  # fmt: skip
    picture = next(folder.glob("page*.pgm"))
    width, height, pixels = _pgm_pixels(picture)
    scanned = folder / "scanned.pdf"
    scanned.write_bytes(image_only_pdf(width, height, pixels, 200))
    return scanned


def test_a_picture_of_a_text_page_imports_with_its_words(scanned_pdf: Path) -> None:
    assert (
        subprocess.run(["pdftotext", str(scanned_pdf), "-"], capture_output=True).stdout.strip()
        == b""
    )
    calls: list[tuple[int, int, str]] = []
    document = read_file(scanned_pdf, progress=lambda *call: calls.append(call))
    assert "Export controls briefing" in document.text
    assert "licence rules for advanced semiconductors" in document.text
    report = document.metadata["ocr"]
    assert report["engine"] == "tesseract" and report["language"] == "eng"
    assert report["pages"] == [1]
    assert 50 < report["confidence"] <= 100
    assert document.warnings[0].startswith("1 of 1 pages were read by OCR (Tesseract, eng")
    assert document.metadata["pages"] == [0]
    assert calls[-1] == (1, 1, "OCR done")
    assert any(what.startswith("OCR of page 1") for _, _, what in calls)


def test_cancel_stops_before_the_ocr(scanned_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object) -> None:
        raise AssertionError("Tesseract ran after the import was cancelled")

    monkeypatch.setattr(ocr, "read_scanned_page", never)
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1  # the page's text is read, then the user presses Cancel

    with pytest.raises(ImportCancelled, match="the import was cancelled"):
        read_file(scanned_pdf, cancelled=cancelled)


def test_an_unknown_ocr_language_is_one_clear_line(scanned_pdf: Path) -> None:
    from briefing.importers import ImportFailure

    with pytest.raises(ImportFailure) as failure:
        read_file(scanned_pdf, ocr_language="xyz")
    message = str(failure.value)
    assert "no data for the OCR language 'xyz'" in message
    assert "\n" not in message


def test_tesseract_tsv_gives_paragraphs_and_confidences() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tExport\n"
        "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t80\tcontrols\n"
        "5\t1\t2\t1\t1\t1\t0\t0\t10\t10\t70\tMinisters\n"
        "5\t1\t2\t1\t1\t2\t0\t0\t10\t10\t-1\t \n"
    )
    page = ocr.parse_tsv(tsv)
    assert [line.text for line in page.paragraphs] == ["Export controls", "Ministers"]
    assert page.confidences == [90.0, 80.0, 70.0]
