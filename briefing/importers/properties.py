"""Source metadata shared by the importers: markings, property names, and the ISO date.

Each format names the same facts differently (docx app.xml ``Company``, odt ``meta:user-defined``,
PDF Info keys, HTML <meta>); these helpers map them onto the keys ImportedDocument documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.core.model import MARKINGS

# Longest first, so OFFICIAL-SENSITIVE is not read as OFFICIAL; whole words, as printed.
_MARKING_RE = re.compile(
    r"(?<![A-Za-z-])("
    + "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MARKINGS, key=len, reverse=True))
    + r")(?![A-Za-z-])"
)
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

# Custom property names (lower case, spaces and underscores removed) -> our metadata key.
_CUSTOM_KEYS = {
    "classification": "marking",
    "securityclassification": "marking",
    "classificationmarking": "marking",
    "marking": "marking",
    "protectivemarking": "marking",
    "securitymarking": "marking",
    "company": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "department": "organisation",
    "url": "url",
    "sourceurl": "url",
    "source": "url",
    "hyperlinkbase": "url",
}


def find_marking(text: str) -> str:
    """The first security marking printed in ``text`` (upper case, as in MARKINGS), or ""."""
    match = _MARKING_RE.search(text)
    if not match:
        return ""
    return " ".join(match.group(1).split())


def marking_value(value: str) -> str:
    """A property's value as a marking: case-insensitive, whole value or printed inside it."""
    cleaned = " ".join(value.split()).upper()
    return cleaned if cleaned in MARKINGS else find_marking(cleaned)


def iso_date(value: str) -> str:
    """YYYY-MM-DD from the start of an ISO-like date, or "" if there is none."""
    match = _DATE_RE.search(value)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31 and year >= 1000:
        return match.group(0)
    return ""


def custom_metadata(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Custom document properties (name, value) -> organisation, url and marking, where named."""
    found: dict[str, str] = {}
    for name, raw in pairs:
        key = _CUSTOM_KEYS.get(re.sub(r"[\s_-]+", "", name).lower())
        value = " ".join(raw.split())
        if not key or not value or key in found:
            continue
        if key == "marking":
            value = marking_value(value)
            if not value:
                continue
        if key == "url" and not re.match(r"(?i)(https?|ftp|file)://", value):
            continue
        found[key] = value
    return found


def merge(metadata: dict[str, object], extra: dict[str, str]) -> None:
    """Add ``extra`` to ``metadata`` without overwriting what is already there."""
    for key, value in extra.items():
        if value and not metadata.get(key):
            metadata[key] = value
