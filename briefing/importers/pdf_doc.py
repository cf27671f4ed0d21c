"""PDF with pypdf: the text layer page by page, and where each page starts.

pypdf raises many exception types on damaged files (PdfReadError, ValueError, KeyError,
RecursionError, ...); every one becomes a one-line ImportFailure. pypdf has no timeout, so we
cap the pages read and check a deadline between pages: a hostile file is refused, never a hang.
"""

from __future__ import annotations

import logging
import re
import time
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from briefing.importers.base import ImportedDocument, ImportFailure
from briefing.importers.text import normalise, normalise_count, removed_warning

logger = logging.getLogger(__name__)

MAX_PAGES = 5000
MAX_SECONDS = 120.0  # for the whole text extraction
_PDF_DATE_RE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+(?=\n|$)")
_DAMAGED = "the PDF is damaged or truncated"


def pdf_date(value: str) -> str:
    """ISO YYYY-MM-DD from a PDF date string (D:YYYYMMDDHHmmSS...), or ""."""
    match = _PDF_DATE_RE.match(value.strip())
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return ""
    return f"{year}-{month}-{day}"


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
    except Exception as exc:
        logger.debug("pypdf could not open the file", exc_info=True)
        raise ImportFailure(_DAMAGED) from exc
    try:
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise ImportFailure(_DAMAGED) from exc
    if encrypted:
        # Many PDFs have only an owner password (printing/copying limits): "" opens them.
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # DependencyError: AES needs a crypto package we do not ship
            logger.debug("decrypt failed", exc_info=True)
            raise ImportFailure(
                "the PDF is encrypted in a way Briefing cannot open (password-protected or AES); "
                "save an unprotected copy"
            ) from exc
        if not opened:
            raise ImportFailure("the PDF is password-protected; save an unprotected copy")
    return reader


def _info(reader: PdfReader) -> dict[str, str]:
    try:
        meta: Any = reader.metadata or {}
        found = {key: meta.get(f"/{key}") for key in ("Title", "Author", "CreationDate")}
    except Exception:  # a damaged Info dictionary costs the metadata, not the document
        logger.debug("unreadable PDF metadata", exc_info=True)
        return {}
    out: dict[str, str] = {}
    for key, value in found.items():
        if value is None:
            continue
        text, _ = normalise(str(value))
        text = " ".join(text.split())
        if text:
            out[key] = text
    return out


def _page_texts(reader: PdfReader) -> tuple[list[str], int]:
    """Each page's text, and how many pages raised while being read."""
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise ImportFailure(_DAMAGED) from exc
    if count == 0:
        raise ImportFailure("the PDF has no pages")
    if count > MAX_PAGES:
        raise ImportFailure(f"the PDF has {count} pages, over the {MAX_PAGES}-page limit")
    deadline = time.monotonic() + MAX_SECONDS
    texts: list[str] = []
    failed = 0
    for index in range(count):
        if time.monotonic() > deadline:
            raise ImportFailure(
                f"the PDF took over {MAX_SECONDS:.0f} s to read (stopped at page {index + 1})"
            )
        try:
            texts.append(reader.pages[index].extract_text() or "")
        except Exception:
            logger.debug("page %d unreadable", index + 1, exc_info=True)
            texts.append("")
            failed += 1
    if failed == count:
        raise ImportFailure(_DAMAGED)
    return texts, failed


def read_pdf(data: bytes, title: str) -> ImportedDocument:
    reader = _open(data)
    raw_pages, failed = _page_texts(reader)
    warnings: list[str] = []
    pages: list[str] = []
    removed = 0
    for raw in raw_pages:
        page, count = normalise_count(raw)
        removed += count
        pages.append(_TRAILING_SPACE_RE.sub("", page).strip("\n"))
    empty = sum(1 for page in pages if not page.strip())
    if empty == len(pages):
        raise ImportFailure("no text layer: it looks scanned (OCR it first)")
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 1  # the "\n" that joins pages
    if failed:
        warnings.append(f"{failed} of {len(pages)} pages could not be read and are left empty")
    if empty - failed > 0:
        warnings.append(
            f"{empty - failed} of {len(pages)} pages have no text (scanned images?); "
            "their text is missing"
        )
    if removed:
        warnings.append(removed_warning(removed))
    info = _info(reader)
    metadata: dict[str, Any] = {"pages": starts}
    if info.get("Author"):
        metadata["author"] = info["Author"]
    date = pdf_date(info.get("CreationDate", ""))
    if date:
        metadata["date"] = date
    pdf_title = info.get("Title", "")
    return ImportedDocument(
        title=title if pdf_title.lower() in ("", "untitled") else pdf_title,
        text="\n".join(pages),
        format="pdf",
        metadata=metadata,
        warnings=warnings,
    )
