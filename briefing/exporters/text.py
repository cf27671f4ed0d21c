"""Small text helpers shared by the exporters: cleaning, one-line quotes, dates, links."""

from __future__ import annotations

import re
from datetime import date

# XML 1.0 cannot hold C0 controls (bar tab, LF, CR), U+FFFE/U+FFFF or lone surrogates; C1
# controls are legal but only ever mojibake, and Word shows them as boxes, so they go too.
_UNWANTED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_RE = re.compile(r"\s+")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][0-9:.+\-Z]*)?")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CONTROL_OR_SPACE_RE = re.compile("[\x00-\x20\x7f]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f]")
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def clean(text: object) -> str:
    """``text`` as a str that XML can hold, with ``\\n`` line endings. Never raises."""
    value = text if isinstance(text, str) else ("" if text is None else str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNWANTED_RE.sub("", value)


def one_line(text: object) -> str:
    """Cleaned text on one line: runs of whitespace (newlines too) become one space."""
    return _WHITESPACE_RE.sub(" ", clean(text)).strip()


def format_date(value: str) -> str:
    """An ISO date as a clerk writes it (``2025-03-12`` -> ``12 March 2025``); else unchanged."""
    text = one_line(value)
    match = _ISO_DATE_RE.fullmatch(text)
    if not match:
        return text
    year, month, day = match.group(1), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return text
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    try:
        parsed = date(int(year), month, int(day))
    except ValueError:
        return text
    return f"{parsed.day} {_MONTHS[month - 1]} {parsed.year}"


def safe_href(href: str | None) -> str | None:
    """``href`` if it is an http(s) or mailto link or an #anchor, else None (not a link)."""
    if not href:
        return None
    # Browsers ignore controls and spaces inside a scheme ("java\tscript:"), so compare without.
    squeezed = _CONTROL_OR_SPACE_RE.sub("", href)
    lowered = squeezed.lower()
    if lowered.startswith("#") or lowered.startswith(SAFE_SCHEMES):
        return _CONTROL_RE.sub("", href).strip()
    return None


def spreadsheet_cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a cell starting with = + - @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
