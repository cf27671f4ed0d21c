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
        return _metadata_text(self.metadata.get("organisation"))

    @property
    def url(self) -> str:
        return _metadata_text(self.metadata.get("url"))

    @property
    def ocr(self) -> dict[str, Any]:
        """How OCR read the source's scanned pages ({} when none were): engine, language,
        pages, mean word confidence (0-100)."""
        found = self.metadata.get("ocr")
        return found if isinstance(found, dict) else {}


def _metadata_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    colour: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    order: int = 0
    author: str = ""  # who made or last edited it, and when
    changed_at: str = ""


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
    author: str = ""  # who tagged it (the OS user or the name set in preferences)
    memo_author: str = ""  # who last wrote its memo, and when
    memo_at: str = ""


@dataclass(frozen=True)
class NewPassage:
    """A passage to add (``Project.add_passages``). Who made it and when default to this
    connection's author and now; a file from another tool (REFI-QDA) gives its own. An author
    of "" means nobody is known. The memo's author and time default to the passage's."""

    source_id: int
    start: int
    end: int
    theme_ids: tuple[int, ...]
    memo: str = ""
    author: str | None = None
    created_at: str | None = None
    memo_author: str | None = None
    memo_at: str | None = None


def _text(value: object) -> str:
    """A stored or typed scalar as text (YAML may give a date or a number)."""
    return "" if value is None else str(value).strip()


def _texts(value: object) -> tuple[str, ...]:
    """A list of names: a YAML/JSON list, or one name given as a string."""
    if isinstance(value, list | tuple):
        return tuple(t for t in (_text(v) for v in value) if t)
    text = _text(value)
    return (text,) if text else ()


@dataclass(frozen=True)
class Signoff:
    """Someone on the note's sign-off: who prepared it, or one of those who cleared it."""

    name: str = ""
    role: str = ""
    date: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "date": self.date}

    @classmethod
    def from_value(cls, value: object) -> Signoff:
        """From ``{name, role, date}``, or a bare name."""
        if isinstance(value, dict):
            return cls(_text(value.get("name")), _text(value.get("role")), _text(value.get("date")))
        return cls(_text(value))

    def __bool__(self) -> bool:
        return bool(self.name or self.role or self.date)


@dataclass(frozen=True)
class Contact:
    """The contact officer: who answers questions about the note."""

    name: str = ""
    phone: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone}

    @classmethod
    def from_value(cls, value: object) -> Contact:
        """From ``{name, phone}``, or a bare name."""
        if isinstance(value, dict):
            return cls(_text(value.get("name")), _text(value.get("phone")))
        return cls(_text(value))

    def __bool__(self) -> bool:
        return bool(self.name or self.phone)


# The note's metadata under the names files use, in the order the front matter writes them
# (after ``title``, which the Note holds). DESIGN.md section 6.
METADATA_KEYS: tuple[str, ...] = (
    "marking",
    "to",
    "from",
    "through",
    "copies_to",
    "date",
    "reference",
    "purpose",
    "status",
    "page_limit",
    "critical_date",
    "critical_reason",
    "contact",
    "prepared_by",
    "cleared_by",
)


@dataclass(frozen=True)
class NoteMetadata:
    """The header block and sign-off of a note. Stored as JSON: a note written before a field
    existed reads with that field's default."""

    marking: str = "OFFICIAL"
    to: str = ""
    sender: str = ""  # "from" in files and exports; a Python keyword here
    date: str = ""
    reference: str = ""
    purpose: str = "decision"
    status: str = "draft"
    page_limit: int = 2
    through: tuple[str, ...] = ()  # the officials it passes on the way up, in order
    copies_to: tuple[str, ...] = ()
    critical_date: str = ""
    critical_reason: str = ""  # why the date matters ("The talks resume on 5 December")
    contact: Contact = Contact()
    prepared_by: Signoff = Signoff()
    cleared_by: tuple[Signoff, ...] = ()  # in the order they cleared it

    @property
    def is_draft(self) -> bool:
        return self.status.strip().lower() == "draft"

    def as_dict(self) -> dict[str, Any]:
        """The metadata under the names users see in files (``from``, not ``sender``)."""
        return {
            "marking": self.marking,
            "to": self.to,
            "from": self.sender,
            "through": list(self.through),
            "copies_to": list(self.copies_to),
            "date": self.date,
            "reference": self.reference,
            "purpose": self.purpose,
            "status": self.status,
            "page_limit": self.page_limit,
            "critical_date": self.critical_date,
            "critical_reason": self.critical_reason,
            "contact": self.contact.as_dict(),
            "prepared_by": self.prepared_by.as_dict(),
            "cleared_by": [s.as_dict() for s in self.cleared_by],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NoteMetadata:
        """From stored JSON or a front matter; missing keys take their defaults."""
        limit = _text(data.get("page_limit", 2))
        cleared = data.get("cleared_by") or ()
        if not isinstance(cleared, list | tuple):
            cleared = (cleared,)
        marking = data.get("marking")
        return cls(
            marking="OFFICIAL" if marking is None else _text(marking),
            to=_text(data.get("to")),
            sender=_text(data.get("from")),
            date=_text(data.get("date")),
            reference=_text(data.get("reference")),
            purpose=_text(data.get("purpose", "decision")),
            status=_text(data.get("status", "draft")),
            page_limit=int(limit) if limit.isdigit() else 2,
            through=_texts(data.get("through")),
            copies_to=_texts(data.get("copies_to")),
            critical_date=_text(data.get("critical_date")),
            critical_reason=_text(data.get("critical_reason")),
            contact=Contact.from_value(data.get("contact")),
            prepared_by=Signoff.from_value(data.get("prepared_by")),
            cleared_by=tuple(s for s in map(Signoff.from_value, cleared) if s),
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
    author: str = ""  # who last changed it
    version: int = 1  # one more each time the body is written: a second writer is checked
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
