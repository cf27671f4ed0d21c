"""One PDF page's text layer through PDFium: lines with their geometry, and what to distrust.

PDFium's text page honours the fonts' ToUnicode maps and marked-content /ActualText, but skips
ActualText characters at or above U+FFFD (emoji, CJK Extension B: everything outside the Basic
Multilingual Plane). Those spans are read back from the page objects' marks, where PDFium keeps
them intact, and put where their glyphs stand on the line. Characters PDFium could not map to
Unicode (a font without a ToUnicode map) are counted, so the import can say the layer is unsure.
"""

from __future__ import annotations

import ctypes
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as raw

logger = logging.getLogger(__name__)

# U+FFFE is PDFium's mark for a hyphen that ends a line inside a word ("com-" / "puter").
LINE_END_HYPHEN = "\ufffe"
_NON_ASCII_RE = re.compile(r"[^\x20-\x7e\r\n]")
_USHORTS = ctypes.POINTER(ctypes.c_ushort)
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_MAX_FORM_DEPTH = 4


@dataclass
class PdfLine:
    """A line of a page: its text and where it sits (PDF points, y upwards)."""

    text: str
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    top: float = 0.0
    size: float = 0.0  # height (ascent to descent) of its last character
    first_bottom: float = 0.0  # bottom of its first character: above ``bottom`` when PDFium
    # has joined a word hyphenated across two lines into one line


@dataclass
class PageText:
    lines: list[PdfLine] = field(default_factory=list)
    unmapped: int = 0  # characters PDFium could not map to Unicode
    failed: bool = False  # PDFium could not load the page


def _utf16_offsets(text: str) -> list[int]:
    """For each code point of ``text``, its index in UTF-16 units (PDFium's character index)."""
    offsets = []
    at = 0
    for char in text:
        offsets.append(at)
        at += 2 if ord(char) > 0xFFFF else 1
    return offsets


def _actual_text(obj: Any) -> str | None:
    """The /ActualText of the innermost mark on a page object that has one, else None."""
    for index in range(raw.FPDFPageObj_CountMarks(obj) - 1, -1, -1):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        size = ctypes.c_ulong(0)
        if not raw.FPDFPageObjMark_GetParamBlobValue(mark, b"ActualText", None, 0, size):
            continue
        buffer = (ctypes.c_ubyte * size.value)()
        raw.FPDFPageObjMark_GetParamBlobValue(mark, b"ActualText", buffer, size.value, size)
        data = bytes(buffer)[: size.value]
        if data.startswith(b"\xfe\xff"):
            return data[2:].decode("utf-16-be", errors="replace")
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8", errors="replace")
        return data.decode("latin-1")  # PDFDocEncoding: its printable range matches Latin-1
    return None


def _bounds(obj: Any) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value


def _skipped_spans(page: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
    """ActualText spans with characters PDFium's text page leaves out, and their boxes."""
    spans: list[tuple[str, tuple[float, float, float, float]]] = []
    last_text: str | None = None

    def walk(count: int, get: Any, depth: int) -> None:
        nonlocal last_text
        for index in range(count):
            obj = get(index)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                walk(
                    raw.FPDFFormObj_CountObjects(obj),
                    lambda at, form=obj: raw.FPDFFormObj_GetObject(form, at),
                    depth + 1,
                )
                continue
            if kind != raw.FPDF_PAGEOBJ_TEXT or not raw.FPDFPageObj_CountMarks(obj):
                last_text = None
                continue
            text = _actual_text(obj)
            box = _bounds(obj) if text else None
            if not text or box is None or not any(ord(char) >= 0xFFFD for char in text):
                last_text = text
                continue
            if text == last_text and spans and spans[-1][0] == text:
                # The same span drawn in several text objects: one text, the union of boxes.
                old = spans[-1][1]
                box = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]),
                       max(old[3], box[3]))  # fmt: skip
                spans[-1] = (text, box)
            else:
                spans.append((text, box))
            last_text = text

    walk(raw.FPDFPage_CountObjects(page), lambda at: raw.FPDFPage_GetObject(page, at), 0)
    return spans


def _char_box(textpage: Any, index: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
    return left.value, bottom.value, right.value, top.value


class PageUnreadable(Exception):
    """PDFium could not load a page (or its text)."""


# Reused for every call (the PDF lock keeps one import at a time): a ctypes object per call
# costs more than the call itself, and a 300-page report makes tens of thousands.
_RECT = raw.FS_RECTF()


_BUFFERS: list[Any] = []


def _buffer(size: int) -> Any:
    """A text buffer of at least ``size`` bytes, reused from page to page."""
    if not _BUFFERS or ctypes.sizeof(_BUFFERS[0]) < size:
        _BUFFERS[:] = [ctypes.create_string_buffer(max(size, 65536))]
    return _BUFFERS[0]


def read_page(document: Any, index: int) -> PageText:
    """Page ``index`` of a raw FPDF_DOCUMENT: its lines in PDFium's reading order, with the
    ActualText spans PDFium's text page skipped put back."""
    page = raw.FPDF_LoadPage(document, index)
    if not page:
        raise PageUnreadable(index)
    try:
        textpage = raw.FPDFText_LoadPage(page)
        if not textpage:
            raise PageUnreadable(index)
        try:
            return _read_text(page, textpage)
        finally:
            raw.FPDFText_ClosePage(textpage)
    finally:
        raw.FPDF_ClosePage(page)


def _read_text(page: Any, handle: Any) -> PageText:
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return PageText()
    buffer = _buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, _USHORTS))
    # A lone surrogate (a broken map) becomes U+FFFD, which the import reports.
    text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", errors="replace")
    found = PageText(unmapped=_count_unmapped(handle, text))
    spans = _skipped_spans(page)
    at = 0  # UTF-16 index of the current line's first character
    astral = bool(_ASTRAL_RE.search(text))
    for raw_line in text.split("\r\n"):
        units = len(raw_line.encode("utf-16-le")) // 2 if astral else len(raw_line)
        found.lines.append(_line(handle, raw_line.rstrip(), at, units))
        at += units + 2
    if spans:
        _restore(found.lines, spans, handle)
    return found


def _line(handle: Any, text: str, first: int, units: int) -> PdfLine:
    """The line's text and geometry: where its first character starts, and where its last one
    stands (PDFium joins a word hyphenated across lines into one line: its last line counts)."""
    if not text or text.isspace():
        return PdfLine(text)
    start = first + (len(text) - len(text.lstrip())) if text.isascii() else first
    raw.FPDFText_GetLooseCharBox(handle, start, _RECT)  # ascent to descent: steady per size
    left, first_bottom = _RECT.left, _RECT.bottom
    raw.FPDFText_GetLooseCharBox(handle, first + units - 1, _RECT)
    top, bottom = _RECT.top, _RECT.bottom
    return PdfLine(text, left, _RECT.right, bottom, top, abs(top - bottom), first_bottom)


def _count_unmapped(handle: Any, text: str) -> int:
    """Characters PDFium had no Unicode for. Only non-ASCII ones are asked about: a font with no
    map gives its raw codes, which fall there (or among the controls) far more often than not."""
    if text.isascii() and not _NON_ASCII_RE.search(text):
        return 0
    offsets = _utf16_offsets(text) if _ASTRAL_RE.search(text) else None
    unmapped = 0
    for match in _NON_ASCII_RE.finditer(text):
        index = offsets[match.start()] if offsets is not None else match.start()
        unmapped += raw.FPDFText_HasUnicodeMapError(handle, index) == 1
    return unmapped


def _restore(
    lines: list[PdfLine],
    spans: list[tuple[str, tuple[float, float, float, float]]],
    handle: Any,
) -> None:
    """Put each skipped span into the line it stands on, after the glyphs left of it."""
    starts = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line.text.encode("utf-16-le")) // 2 + 2
    inserts: dict[int, list[tuple[int, str]]] = {}  # line -> (code point position, text)
    extra: list[PdfLine] = []
    for span, (left, bottom, right, top) in spans:
        middle = (bottom + top) / 2
        index = next(
            (
                number
                for number, line in enumerate(lines)
                if line.text.strip() and line.bottom - 1 <= middle <= line.top + 1
            ),
            None,
        )
        if index is None:  # alone on its line: a line of its own, placed by the reflow
            extra.append(PdfLine(span, left, right, bottom, top, top - bottom, bottom))
            continue
        line = lines[index]
        offsets = _utf16_offsets(line.text)
        boxes = [_char_box(handle, starts[index] + offset) for offset in offsets]
        position = 0
        for number, box in enumerate(boxes):
            if box[2] > box[0] and (box[0] + box[2]) / 2 < (left + right) / 2:
                position = number + 1
        gap = 0.15 * (top - bottom)
        before, after = line.text[:position], line.text[position:]
        piece = span
        if before and not before.endswith(" ") and left - boxes[position - 1][2] > gap:
            piece = " " + piece
        if after and not after.startswith(" ") and boxes[position][0] - right > gap:
            piece += " "
        inserts.setdefault(index, []).append((position, piece))
    for index, pieces in inserts.items():
        line = lines[index]
        for position, piece in sorted(pieces, key=lambda item: item[0], reverse=True):
            line.text = line.text[:position] + piece + line.text[position:]
    for line in extra:
        below = next((n for n, other in enumerate(lines) if other.top < line.bottom), len(lines))
        lines.insert(below, line)
