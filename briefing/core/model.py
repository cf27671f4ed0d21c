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


# Block kinds: how the viewer shows a stretch of a source's text. Display only.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE_ROW = "table_row"
FOOTNOTE = "footnote"
PAGE_BREAK = "page_break"
BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, TABLE_ROW, FOOTNOTE, PAGE_BREAK)


@dataclass(frozen=True)
class Block:
    """One block of a source's text, for display: ``text[start:end]`` (code points, end exclusive).

    ``level``: a heading's level (1 = top) or a list item's nesting (1 = outermost).
    ``numbered``: a list item of a numbered list; ``label`` its bullet or number as the source
    showed it ("•", "3.") where known, or a page break's page number.
    ``cells``: a table row's cells, each (start, end) in the stored text.
    A page break is empty (start == end) at the first offset of the new page.
    Blocks describe the text and never change it: the importers record them as they join the
    lines, the store keeps them beside the text, and the viewer draws them.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    numbered: bool = False
    label: str = ""
    cells: tuple[tuple[int, int], ...] = ()


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

    # Organisation and URL are kept in the metadata under the importers' own keys (no column:
    # see docs/decisions.md, "Source details"); Source Details edits them like the others.
    @property
    def organisation(self) -> str:
        return _text(self.metadata.get("organisation"))

    @property
    def url(self) -> str:
        return _text(self.metadata.get("url"))

    @property
    def ocr(self) -> dict[str, Any]:
        """How OCR read the source's scanned pages ({} when none were): engine, language,
        pages, mean word confidence (0-100)."""
        found = self.metadata.get("ocr")
        return found if isinstance(found, dict) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


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


@dataclass(frozen=True)
class Note:
    id: int
    title: str
    template: str
    body: str
    metadata: NoteMetadata
    updated_at: str = ""
    order: int = 0


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
