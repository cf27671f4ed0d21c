"""Plain text: bytes -> str with a known encoding, plus the normalisation every importer shares.

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) wins; otherwise strict UTF-8; otherwise
Windows-1252 with a warning. Bytes cp1252 leaves undefined become U+FFFD and the warning says
how many, so nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import logging
import re

from briefing.importers.base import ImportedDocument, ImportFailure, paragraph_blocks

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The five bytes Windows-1252 leaves undefined.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

# C0 controls we delete: everything below U+0020 except \t and \n (\r and \f are turned into \n
# first). DEL and C1 controls are kept: XML 1.0 can hold them, so they cause no trouble downstream.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_BINARY_CHARS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"}
)
_BINARY_SHARE = 0.10  # more than this share of control characters: not text
_BINARY_MIN_COUNT = 16


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding named by a leading BOM (or None) and the bytes after it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes as text, or raise ImportFailure if they look binary.

    ``declared`` is an encoding named by the document itself (an HTML meta charset); a BOM still
    wins over it, and it is used only if Python knows it.
    """
    warnings: list[str] = []
    encoding, body = split_bom(data)
    if encoding is not None:
        text = body.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
        if bad:
            warnings.append(
                f"{bad} invalid byte sequence(s) in this {encoding.upper()} file were replaced by �"
            )
        return text, warnings
    if b"\x00" in data:
        raise ImportFailure("looks like a binary file, not text (it contains NUL bytes)")
    codec = _known_codec(declared) if declared else None
    if codec is not None and codec != "utf-8":
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
        if bad:
            warnings.append(f"{bad} byte(s) not valid in {declared} were replaced by �")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            undefined = sum(1 for b in data if b in _CP1252_UNDEFINED)
            message = "not UTF-8: read as Windows-1252 (cp1252); check accented letters and quotes"
            if undefined:
                message += f"; {undefined} byte(s) undefined in cp1252 were replaced by �"
            warnings.append(message)
    _refuse_if_binary(text)
    return text, warnings


def _known_codec(name: str) -> str | None:
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    codec = info.name
    # Only real character encodings: not rot13/zlib (bytes transforms) nor escape decoders.
    if not getattr(info, "_is_text_encoding", True) or codec in _NOT_CHARSETS:
        return None
    # As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean cp1252, and a UTF-16/32
    # label on bytes without a BOM is not trusted.
    if codec in ("iso8859-1", "ascii"):
        return "cp1252"
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def _refuse_if_binary(text: str) -> None:
    # A few stray controls are text with a flaw (we remove them); many are a binary format.
    sample = text[:65536]
    count = len(_BINARY_CHARS_RE.findall(sample))
    if count >= _BINARY_MIN_COUNT and count > _BINARY_SHARE * len(sample):
        raise ImportFailure("looks like a binary file, not text (mostly control characters)")


def normalise(text: str) -> tuple[str, list[str]]:
    """Line endings to \\n, form feeds to \\n, other C0 controls removed (with a warning).

    Everything else is kept exactly, so passage offsets computed later stay valid.
    """
    cleaned, removed = normalise_count(text)
    return cleaned, [removed_warning(removed)] if removed else []


def normalise_count(text: str) -> tuple[str, int]:
    """As normalise, returning how many control characters were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.removeprefix("\ufeff")  # a BOM that survived (clipboard, declared charset)
    return _CONTROL_RE.subn("", text)


def removed_warning(count: int) -> str:
    return f"{count} control character(s) were removed"


def require_text(text: str, what: str = "the document contains no text") -> None:
    if not text.strip():
        raise ImportFailure(what)


def read_text(data: bytes, title: str) -> ImportedDocument:
    """A plain-text file: decoded and normalised, otherwise kept exactly."""
    if not data:
        raise ImportFailure("the file is empty")
    text, warnings = decode_text(data)
    text, more = normalise(text)
    require_text(text, "the file holds only blank space, no text")
    return ImportedDocument(
        title=title,
        text=text,
        format="txt",
        warnings=warnings + more,
        blocks=paragraph_blocks(text),
    )
