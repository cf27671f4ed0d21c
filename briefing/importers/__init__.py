"""Importers: file bytes -> ImportedDocument. No Qt here.

Public entry points: ``read_file``, ``read_bytes``, ``read_clipboard``. Each returns an
ImportedDocument or raises ImportFailure with a one-line message fit to show the user; no other
exception escapes (a parser's surprise becomes "could not read the file: ...").

``read_file`` and ``read_bytes`` take keyword options for long imports: ``ocr_language``
(Tesseract's code, default "eng"), ``ocr`` (False skips reading scanned pages), ``progress``
(called as progress(done, total, what) between pages) and ``cancelled`` (polled between pages;
True raises ImportCancelled, an ImportFailure).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path, PurePath
from types import ModuleType

from briefing.importers.base import (
    Attachment,
    Block,
    Cancelled,
    ImportCancelled,
    ImportedDocument,
    ImportFailure,
    ImportOptions,
    Progress,
    build,
    paragraph_blocks,
)
from briefing.importers.detect import SUFFIXES, sniff
from briefing.importers.faults import library_note, quiet_libraries
from briefing.importers.html_doc import extract, read_html
from briefing.importers.text import normalise, normalise_count, read_text, removed_warning

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Attachment",
    "Block",
    "ImportCancelled",
    "ImportFailure",
    "ImportOptions",
    "ImportedDocument",
    "read_bytes",
    "read_clipboard",
    "read_file",
]

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(SUFFIXES)
TITLE_CHARS = 80

Reader = Callable[[bytes, str, ImportOptions], ImportedDocument]


# python-docx (with lxml), pypdfium2 and extract-msg take a tenth of a second or more to
# import: load each module when its first file arrives, not when the window or command starts.
def _module(name: str) -> ModuleType:
    import importlib

    return importlib.import_module(f"briefing.importers.{name}")


_READERS: dict[str, Reader] = {
    "txt": lambda data, title, _options: read_text(data, title),
    "md": lambda data, title, _options: _module("markdown_doc").read_markdown(data, title),
    "html": lambda data, title, _options: read_html(data, title),
    "docx": lambda data, title, _options: _module("docx_doc").read_docx(data, title),
    "odt": lambda data, title, _options: _module("odt_doc").read_odt(data, title),
    "pdf": lambda data, title, options: _module("pdf_doc").read_pdf(data, title, options),
    "eml": lambda data, title, _options: _module("email_doc").read_eml(data, title),
    "msg": lambda data, title, _options: _module("email_doc").read_msg(data, title),
}


def _too_big(size: int) -> ImportFailure:
    limit = MAX_BYTES / (1024 * 1024)
    return ImportFailure(
        f"the file is {size / (1024 * 1024):.1f} MB, larger than the {limit:g} MB limit"
    )


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "could not read the file"


def read_file(
    path: Path,
    *,
    ocr_language: str = "eng",
    ocr: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportedDocument:
    """Import a file from disk; metadata["origin"] is its absolute path."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ImportFailure("this is a folder, not a file")
        if path.exists() and not path.is_file():  # a pipe or device could block or never end
            raise ImportFailure("not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(size)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file that grew since stat() is still capped
    except ImportFailure:
        raise
    except FileNotFoundError as exc:
        raise ImportFailure("the file does not exist") from exc
    except PermissionError as exc:
        raise ImportFailure("permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise ImportFailure(_one_line(f"the file cannot be read: {exc.strerror or exc}")) from exc
    options = ImportOptions(ocr_language, ocr, progress, cancelled)
    return _import(data, path.name, str(path.resolve()), options)


def read_bytes(
    data: bytes,
    name: str,
    *,
    ocr_language: str = "eng",
    ocr: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportedDocument:
    """Import bytes (a drop, a download, an attachment); ``name`` gives the suffix hint and the
    default title."""
    options = ImportOptions(ocr_language, ocr, progress, cancelled)
    return _import(bytes(data), name, name, options)


def _import(data: bytes, name: str, origin: str, options: ImportOptions) -> ImportedDocument:
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    if not data:
        raise ImportFailure("the file is empty")
    pure = PurePath(name)
    title = pure.stem or pure.name or "Untitled"
    try:
        with quiet_libraries() as chatter:
            kind = sniff(data, pure.suffix)
            document = _READERS[kind](data, title, options)
    except ImportCancelled:
        raise
    except ImportFailure as exc:
        raise ImportFailure(_one_line(str(exc))) from exc
    except Exception as exc:  # a parser bug or a case nobody foresaw: still one line, no crash
        logger.debug("importing %s failed unexpectedly", name, exc_info=True)
        reason = _one_line(f"{type(exc).__name__}: {exc}")[:200]
        raise ImportFailure(f"could not read the file: {reason}") from exc
    note = library_note(chatter)
    if note:
        logger.debug("library messages while importing %s: %s", name, chatter)
        document.warnings.append(note)
    return _finish(document, origin)


def _finish(document: ImportedDocument, origin: str) -> ImportedDocument:
    """The guarantees every importer shares, applied once more: \\n only, no C0 controls."""
    cleaned, removed = normalise_count(document.text)
    if cleaned != document.text:
        # An importer left something behind: the offsets it computed no longer hold.
        document.blocks = paragraph_blocks(cleaned)
        document.metadata.pop("pages", None)
        document.text = cleaned
    if removed:
        document.warnings.append(removed_warning(removed))
    document.title = _one_line(document.title)[:200] or "Untitled"
    document.warnings = list(dict.fromkeys(_one_line(warning) for warning in document.warnings))
    if origin:
        document.metadata["origin"] = origin
    return document


def _first_line_title(text: str) -> str:
    line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if len(line) <= TITLE_CHARS:
        return line
    cut = line[:TITLE_CHARS].rsplit(" ", 1)[0] or line[:TITLE_CHARS]
    return cut.rstrip(" ,;:.-") + "…"


def read_clipboard(
    text: str, html: str | None = None, title: str = "", origin: str = ""
) -> ImportedDocument:
    """Pasted content as a source. HTML, when given, is preferred (its readable text)."""
    body, blocks = "", list[Block]()
    if html and html.strip():
        html, _ = normalise(html)
        try:
            # The user chose what to copy: keep header/nav content if they selected it.
            body, blocks = build(extract(html, drop_boilerplate=False, prefer_main=False).lines)
        except Exception:
            logger.debug("clipboard HTML unreadable; using its plain text", exc_info=True)
            body = ""
    if not body.strip():
        body = text or ""
        blocks = []
    body, warnings = normalise(body)
    if not body.strip():
        raise ImportFailure("the clipboard holds no text")
    document = ImportedDocument(
        title=title.strip() or _first_line_title(body),
        text=body,
        format="clipboard",
        warnings=warnings,
        blocks=blocks or paragraph_blocks(body),
    )
    return _finish(document, origin)
