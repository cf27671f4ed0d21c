"""Scanned pages read with Tesseract: the ``tesseract`` program, run once per page.

The page is rendered by PDFium to a grey bitmap at 300 dpi, written as a PGM file (no imaging
library needed: Tesseract's Leptonica reads PNM) and read with ``tesseract IMAGE stdout -l LANG
tsv``. The TSV gives every word with its confidence (0-100) and its block, paragraph and line
numbers, from which the page's paragraphs are rebuilt.
"""

from __future__ import annotations

import csv
import logging
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.importers.base import PARAGRAPH, ImportFailure, Line

logger = logging.getLogger(__name__)

DPI = 300
MAX_PIXELS = 60_000_000  # a poster-sized page is rendered smaller rather than fill the memory
PAGE_TIMEOUT = 120.0  # seconds for one page: a wedged Tesseract must not hang the import
INSTALL_HINT = (
    "install Tesseract OCR to read scanned pages (Debian/Ubuntu: apt install tesseract-ocr; "
    "macOS: brew install tesseract; Windows: the UB Mannheim installer)"
)


@dataclass
class OcrPage:
    paragraphs: list[Line] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)  # one per word read


def tesseract() -> str | None:
    """The tesseract program's path, or None if it is not installed."""
    return shutil.which(os.environ.get("BRIEFING_TESSERACT", "tesseract"))


def _write_pgm(bitmap: Any, path: Path) -> None:
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    if stride != width:
        data = b"".join(data[row * stride : row * stride + width] for row in range(height))
    path.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + data)


def render(page: Any, path: Path) -> None:
    """The page as a grey PGM at DPI (less for huge pages)."""
    width, height = page.get_size()
    scale = DPI / 72
    pixels = width * height * scale * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        if bitmap.n_channels != 1:
            raise ImportFailure("the scanned page could not be rendered in grey for OCR")
        _write_pgm(bitmap, path)
    finally:
        bitmap.close()


def parse_tsv(tsv: str) -> OcrPage:
    """Tesseract's TSV -> paragraphs (words of a paragraph joined by spaces) and confidences."""
    page = OcrPage()
    current: tuple[str, str, str] | None = None
    words: list[str] = []
    for row in csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        try:
            confidence = float(row.get("conf") or -1)
        except ValueError:
            confidence = -1
        if row.get("level") != "5" or not text or confidence < 0:
            continue
        paragraph = (row.get("page_num", ""), row.get("block_num", ""), row.get("par_num", ""))
        if paragraph != current and words:
            page.paragraphs.append(Line(" ".join(words), PARAGRAPH))
            words = []
        current = paragraph
        words.append(text)
        page.confidences.append(confidence)
    if words:
        page.paragraphs.append(Line(" ".join(words), PARAGRAPH))
    return page


def read_scanned_page(page: Any, language: str, program: str) -> OcrPage:
    """One page through Tesseract. Raises ImportFailure with Tesseract's reason on failure."""
    with tempfile.TemporaryDirectory(prefix="briefing-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        try:
            render(page, image)
        except ImportFailure:
            raise
        except Exception as exc:  # PDFium could not draw it (damaged image data, memory)
            raise ImportFailure("a scanned page could not be drawn for OCR") from exc
        try:
            done = subprocess.run(
                [program, str(image), "stdout", "-l", language, "tsv"],
                capture_output=True,
                timeout=PAGE_TIMEOUT,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one core: the window stays live
            )
        except subprocess.TimeoutExpired as exc:
            raise ImportFailure(f"Tesseract took over {PAGE_TIMEOUT:.0f} s on one page") from exc
        except OSError as exc:
            raise ImportFailure(f"Tesseract could not be run: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        detail = next((line for line in reason if "language" in line.lower()), "")
        if detail or "traineddata" in " ".join(reason):
            raise ImportFailure(
                f"Tesseract has no data for the OCR language {language!r}; install it "
                f"(e.g. apt install tesseract-ocr-{language.split('+')[0]}) or choose another"
            )
        last = reason[-1] if reason else f"exit status {done.returncode}"
        raise ImportFailure(f"Tesseract failed: {last}")
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))
