"""PDF with PDFium (pypdfium2): the text layer page by page, reflowed, with page offsets.

PDFium is C++ and not thread-safe: one lock serialises every PDF import in the process. It
repairs damaged files quietly, so a file without its end marker is refused here as truncated
(a half-read report must not pass for a whole one). Pages without a text layer are read by
Tesseract when it is installed (briefing.importers.ocr), else left empty with a warning.
"""

from __future__ import annotations

import ctypes
import logging
import re
import threading
import time
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from briefing.importers import pdf_fork
from briefing.importers.base import (
    ImportedDocument,
    ImportFailure,
    ImportOptions,
    Line,
    TextBuilder,
)
from briefing.importers.pdf_page import PageText, read_page
from briefing.importers.pdf_reflow import reflow
from briefing.importers.properties import custom_metadata, marking_value
from briefing.importers.text import normalise, normalise_count, removed_warning

logger = logging.getLogger(__name__)

MAX_PAGES = 5000
MAX_SECONDS = 120.0  # for the whole text extraction (OCR has its own limit per page)
_PDF_DATE_RE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_UNUSUAL_RE = re.compile("[\x00-\x08\x0a-\x1f\ufeff]")
_PRIVATE_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_DAMAGED = "the PDF is damaged or truncated"
_LOCK = threading.Lock()
_INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "CreationDate")
_CUSTOM_KEYS = ("Company", "Organisation", "Organization", "URL", "Classification", "Marking")


def pdf_date(value: str) -> str:
    """ISO YYYY-MM-DD from a PDF date string (D:YYYYMMDDHHmmSS...), or ""."""
    match = _PDF_DATE_RE.match(value.strip())
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return ""
    return f"{year}-{month}-{day}"


def _open(data: bytes) -> pdfium.PdfDocument:
    if b"%%EOF" not in data[-2048:]:
        raise ImportFailure(f"{_DAMAGED} (it has no end-of-file marker)")
    try:
        # An owner password alone (printing or copying limits) opens without asking.
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ImportFailure("the PDF is password-protected; save an unprotected copy") from exc
        if code == raw.FPDF_ERR_SECURITY:
            raise ImportFailure(
                "the PDF is encrypted in a way Briefing cannot open; save an unprotected copy"
            ) from exc
        raise ImportFailure(_DAMAGED) from exc


def _meta_text(document: pdfium.PdfDocument, key: str) -> str:
    handle = document.raw
    size = raw.FPDF_GetMetaText(handle, key.encode("ascii"), None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDF_GetMetaText(handle, key.encode("ascii"), buffer, size)
    text = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
    return " ".join(normalise(text)[0].split())


def _info(document: pdfium.PdfDocument) -> dict[str, str]:
    found: dict[str, str] = {}
    for key in _INFO_KEYS + _CUSTOM_KEYS:
        try:
            value = _meta_text(document, key)
        except Exception:  # a damaged Info dictionary costs the metadata, not the document
            logger.debug("unreadable PDF metadata %s", key, exc_info=True)
            value = ""
        if value:
            found[key] = value
    return found


def _metadata(info: dict[str, str]) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    if info.get("Author"):
        metadata["author"] = info["Author"]
    date = pdf_date(info.get("CreationDate", ""))
    if date:
        metadata["date"] = date
    metadata.update(custom_metadata((key, info[key]) for key in _CUSTOM_KEYS if key in info))
    if "marking" not in metadata:
        marking = marking_value(info.get("Keywords", "")) or marking_value(info.get("Subject", ""))
        if marking:
            metadata["marking"] = marking
    return metadata


def _pages(document: pdfium.PdfDocument, options: ImportOptions) -> tuple[list[PageText], int]:
    """Each page's text, and how many pages could not be read."""
    count = len(document)
    if count == 0:
        raise ImportFailure("the PDF has no pages")
    if count > MAX_PAGES:
        raise ImportFailure(f"the PDF has {count} pages, over the {MAX_PAGES}-page limit")
    deadline = time.monotonic() + MAX_SECONDS
    handle = document.raw

    def read_range(indexes: range) -> list[PageText]:
        pages = []
        for index in indexes:
            options.check_cancelled()
            if time.monotonic() > deadline:
                raise ImportFailure(
                    f"the PDF took over {MAX_SECONDS:.0f} s to read (stopped at page {index + 1})"
                )
            options.report(index, count, f"reading page {index + 1} of {count}")
            try:
                pages.append(read_page(handle, index))
            except Exception:
                logger.debug("page %d unreadable", index + 1, exc_info=True)
                pages.append(PageText(failed=True))
        return pages

    pages = None
    if pdf_fork.can_fork(count):
        pages = pdf_fork.read_in_two(lambda index: read_page(handle, index), count, read_range)
    if pages is None:
        pages = read_range(range(count))
    failed = sum(page.failed for page in pages)
    if failed == count:
        raise ImportFailure(_DAMAGED)
    return pages, failed


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:8])
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")


def _scanned(
    document: pdfium.PdfDocument,
    empty: list[int],
    total: int,
    options: ImportOptions,
    metadata: dict[str, Any],
    warnings: list[str],
) -> dict[int, list[Line]]:
    """OCR the pages without a text layer (0-based indexes); their paragraphs by index."""
    if not empty:
        return {}
    from briefing.importers import ocr  # subprocess, tempfile, csv: only for scanned pages

    program = ocr.tesseract() if options.ocr else None
    if program is None:
        reason = ocr.INSTALL_HINT if options.ocr else "OCR is switched off"
        if len(empty) == total:
            raise ImportFailure(f"no text layer: it looks scanned; {reason}")
        warnings.append(
            f"{len(empty)} of {total} pages have no text layer (scanned?) and are left empty "
            f"(pages {_page_list([index + 1 for index in empty])}): {reason}"
        )
        return {}
    read: dict[int, list[Line]] = {}
    confidences: list[float] = []
    for done, index in enumerate(empty):
        options.check_cancelled()
        options.report(done, len(empty), f"OCR of page {index + 1} ({done + 1} of {len(empty)})")
        try:
            page = document[index]
        except pdfium.PdfiumError as exc:  # it loaded for its text a moment ago; be safe
            raise ImportFailure(f"{_DAMAGED} (page {index + 1} cannot be drawn for OCR)") from exc
        try:
            found = ocr.read_scanned_page(page, options.ocr_language, program)
        finally:
            page.close()
        read[index] = found.paragraphs
        confidences.extend(found.confidences)
    options.report(len(empty), len(empty), "OCR done")
    if not any(read.values()):
        if len(empty) == total:
            raise ImportFailure("no text layer, and OCR found no words on the scanned pages")
        warnings.append(
            f"{len(empty)} of {total} pages have no text layer and OCR found no words on them "
            f"(pages {_page_list([index + 1 for index in empty])}): pictures only?"
        )
        return read
    mean = round(sum(confidences) / len(confidences), 1)
    metadata["ocr"] = {
        "engine": "tesseract",
        "language": options.ocr_language,
        "pages": [index + 1 for index in empty],
        "confidence": mean,
    }
    warnings.append(
        f"{len(empty)} of {total} pages were read by OCR (Tesseract, {options.ocr_language}, "
        f"mean word confidence {mean:.0f}%): check names and figures against the page"
    )
    return read


def _trust_warnings(pages: list[PageText], text: str) -> list[str]:
    """Say where the text layer cannot be trusted; nothing is replaced silently."""
    warnings = []
    unmapped = [number for number, page in enumerate(pages, 1) if page.unmapped]
    if unmapped:
        count = sum(page.unmapped for page in pages)
        warnings.append(
            f"{count} characters on pages {_page_list(unmapped)} have no Unicode meaning in "
            "their font (no ToUnicode map) and may read wrongly: compare with the PDF"
        )
    replaced = text.count("\ufffd")
    if replaced:
        warnings.append(
            f"{replaced} characters of the PDF's text layer could not be decoded and show as �"
        )
    private = len(_PRIVATE_RE.findall(text))
    if private:
        warnings.append(
            f"{private} private-use characters (symbol-font glyphs with no standard meaning) "
            "are kept as they are: compare with the PDF"
        )
    return warnings


def read_pdf(data: bytes, title: str, options: ImportOptions | None = None) -> ImportedDocument:
    options = options or ImportOptions()
    with _LOCK:
        document = _open(data)
        try:
            return _read(document, title, options)
        finally:
            document.close()


def _read(document: pdfium.PdfDocument, title: str, options: ImportOptions) -> ImportedDocument:
    pages, failed = _pages(document, options)
    total = len(pages)
    info = _info(document)
    metadata = _metadata(info)
    warnings: list[str] = []
    if failed:
        warnings.append(f"{failed} of {total} pages could not be read and are left empty")
    empty = [
        index
        for index, page in enumerate(pages)
        if not page.failed and not any(line.text.strip() for line in page.lines)
    ]
    scanned = _scanned(document, empty, total, options, metadata, warnings)
    flowed = reflow([page.lines for page in pages])
    if flowed.marking and "marking" not in metadata:
        metadata["marking"] = flowed.marking
    builder = TextBuilder()
    starts: list[int] = []
    removed = 0
    for index, paragraphs in enumerate(flowed.pages):
        paragraphs = scanned.get(index, paragraphs) or [Line("")]
        if index:
            builder.page_break(index + 1)
        starts.append(builder.length + (1 if builder.parts else 0))
        for paragraph in paragraphs:
            if _UNUSUAL_RE.search(paragraph.text):  # rare: most pages need no cleaning
                paragraph.text, count = normalise_count(paragraph.text.replace("\n", " "))
                removed += count
            builder.add(paragraph)
    text = builder.text
    if not text.strip():
        raise ImportFailure("the PDF holds no text")
    metadata["pages"] = starts
    warnings += _trust_warnings(pages, text)
    if removed:
        warnings.append(removed_warning(removed))
    pdf_title = info.get("Title", "")
    return ImportedDocument(
        title=title if pdf_title.lower() in ("", "untitled") else pdf_title,
        text=text,
        format="pdf",
        metadata=metadata,
        warnings=warnings,
        blocks=builder.blocks,
    )
