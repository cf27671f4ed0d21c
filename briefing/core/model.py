"""The data model: plain dataclasses, no behaviour that needs the store.

Offsets are Python string indices (code points), end exclusive. The GUI converts to and from
Qt's UTF-16 units at its edge (see ``briefing.core.offsets``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MARKINGS: tuple[str, ...] = (
    "UNCLASSIFIED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "PROTECTED A",
    "PROTECTED B",
    "CONFIDENTIAL",
    "SECRET",
)


@dataclass(frozen=True)
class Source:
    id: int
    title: str
    format: str
    origin: str
    author: str
    published: str
    imported_at: str
    marking: str
    sha256: str
    chars: int
    passages: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    colour: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    order: int = 0


@dataclass(frozen=True)
class Passage:
    id: int
    source_id: int
    start: int
    end: int
    text: str
    theme_ids: tuple[int, ...]
    memo: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class NoteMetadata:
    marking: str = "OFFICIAL"
    to: str = ""
    sender: str = ""  # "from" in files and exports; a Python keyword here
    date: str = ""
    reference: str = ""
    purpose: str = "decision"
    status: str = "draft"
    page_limit: int = 2

    def as_dict(self) -> dict[str, Any]:
        """The metadata under the names users see in files (``from``, not ``sender``)."""
        return {
            "marking": self.marking,
            "to": self.to,
            "from": self.sender,
            "date": self.date,
            "reference": self.reference,
            "purpose": self.purpose,
            "status": self.status,
            "page_limit": self.page_limit,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoteMetadata:
        limit = data.get("page_limit", 2)
        return cls(
            marking=str(data.get("marking", "OFFICIAL")),
            to=str(data.get("to", "")),
            sender=str(data.get("from", "")),
            date=str(data.get("date", "")),
            reference=str(data.get("reference", "")),
            purpose=str(data.get("purpose", "decision")),
            status=str(data.get("status", "draft")),
            page_limit=int(limit) if str(limit).isdigit() else 2,
        )


# How a note's Markdown is read. Notes are CommonMark; a note last written before that
# (``PYTHON_MARKDOWN``) is also compared with its old reading until it is next saved, and the
# places that read differently are listed (docs/decisions.md, "Reading notes as CommonMark").
COMMONMARK = "commonmark"
PYTHON_MARKDOWN = "python-markdown"


@dataclass(frozen=True)
class Note:
    id: int
    title: str
    template: str
    body: str
    metadata: NoteMetadata
    updated_at: str = ""
    order: int = 0
    dialect: str = COMMONMARK


def marking_rank(marking: str) -> int:
    """Position of a marking in the known scale; unknown markings rank as unclassified."""
    try:
        return MARKINGS.index(marking.strip().upper())
    except ValueError:
        return 0


@dataclass(frozen=True)
class NoteBundle:
    """A note with everything an export needs from its project, read in one go from the store."""

    note: Note
    sources: dict[int, Source]
    passages: dict[int, Passage]
    themes: tuple[Theme, ...]  # in the project's order

    def theme_names(self, passage: Passage) -> list[str]:
        by_id = {t.id: t.name for t in self.themes}
        return [by_id[t] for t in passage.theme_ids if t in by_id]


@dataclass(frozen=True)
class RemovedTheme:
    """What deleting (or merging away) a theme removed: enough to restore it."""

    theme: Theme
    linked_passages: tuple[int, ...]  # passages that kept other themes and lost this one
    deleted_passages: tuple[Passage, ...]  # passages that had only this theme
    merged_into: int | None = None
    newly_linked: tuple[int, ...] = ()  # passages the merge added to the target theme


@dataclass(frozen=True)
class SearchHit:
    source_id: int
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str
