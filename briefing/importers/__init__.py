"""Importers: file bytes -> ImportedDocument. No Qt here.

Public entry points: ``read_file``, ``read_bytes``, ``read_clipboard``. Each returns an
ImportedDocument or raises ImportFailure with a one-line message fit to show the user; no other
exception escapes (a parser's surprise becomes "could not read the file: ...").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path, PurePath

from briefing.importers.base import ImportedDocument, ImportFailure
from briefing.importers.detect import SUFFIXES, sniff
from briefing.importers.html_doc import extract, read_html
from briefing.importers.text import normalise, normalise_count, read_text, removed_warning

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ImportFailure",
    "ImportedDocument",
    "read_bytes",
    "read_clipboard",
    "read_file",
]

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(SUFFIXES)
TITLE_CHARS = 80

_READERS: dict[str, Callable[[bytes, str], ImportedDocument]] = {
    "txt": read_text,
    "md": lambda data, title: _markdown().read_markdown(data, title),
    "html": read_html,
    "docx": lambda data, title: _docx().read_docx(data, title),
    "pdf": lambda data, title: _pdf().read_pdf(data, title),
}


# python-docx (with lxml) and pypdf take a seventh of a second to import: load them when a
# Word or PDF file first arrives, not when the window or the command line starts.
def _markdown():  # type: ignore[no-untyped-def]
    from briefing.importers import markdown_doc  # Python-Markdown: another 20 ms at start-up

    return markdown_doc


def _docx():  # type: ignore[no-untyped-def]
    from briefing.importers import docx_doc

    return docx_doc


def _pdf():  # type: ignore[no-untyped-def]
    from briefing.importers import pdf_doc

    return pdf_doc


def _too_big(size: int) -> ImportFailure:
    limit = MAX_BYTES / (1024 * 1024)
    return ImportFailure(
        f"the file is {size / (1024 * 1024):.1f} MB, larger than the {limit:g} MB limit"
    )


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "could not read the file"


def read_file(path: Path) -> ImportedDocument:
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
    return _import(data, path.name, str(path.resolve()))


def read_bytes(data: bytes, name: str) -> ImportedDocument:
    """Import bytes (a drop, a download); ``name`` gives the suffix hint and the default title."""
    return _import(bytes(data), name, name)


def _import(data: bytes, name: str, origin: str) -> ImportedDocument:
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    if not data:
        raise ImportFailure("the file is empty")
    pure = PurePath(name)
    title = pure.stem or pure.name or "Untitled"
    try:
        kind = sniff(data, pure.suffix)
        document = _READERS[kind](data, title)
    except ImportFailure as exc:
        raise ImportFailure(_one_line(str(exc))) from exc
    except Exception as exc:  # a parser bug or a case nobody foresaw: still one line, no crash
        logger.warning("importing %s failed unexpectedly", name, exc_info=True)
        reason = _one_line(f"{type(exc).__name__}: {exc}")[:200]
        raise ImportFailure(f"could not read the file: {reason}") from exc
    return _finish(document, origin)


def _finish(document: ImportedDocument, origin: str) -> ImportedDocument:
    """The guarantees every importer shares, applied once more: \\n only, no C0 controls."""
    document.text, removed = normalise_count(document.text)
    if removed:
        document.warnings.append(removed_warning(removed))
    document.title = _one_line(document.title)[:200] or "Untitled"
    document.warnings = [_one_line(warning) for warning in document.warnings]
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
    body = ""
    if html and html.strip():
        html, _ = normalise(html)
        try:
            # The user chose what to copy: keep header/nav content if they selected it.
            body = "\n".join(extract(html, drop_boilerplate=False, prefer_main=False).lines)
        except Exception:
            logger.debug("clipboard HTML unreadable; using its plain text", exc_info=True)
            body = ""
    if not body.strip():
        body = text or ""
    body, warnings = normalise(body)
    if not body.strip():
        raise ImportFailure("the clipboard holds no text")
    document = ImportedDocument(
        title=title.strip() or _first_line_title(body),
        text=body,
        format="clipboard",
        warnings=warnings,
    )
    return _finish(document, origin)
