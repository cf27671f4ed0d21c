"""The note's metadata as the brief prints it: the header block under the title, the sign-off
at the end, the front-matter values, all cleaned once for every renderer.

Empty fields are left out. The header block routes the note (To, Through, From, Copies to,
Date, Reference, Purpose, Critical date); the sign-off says who answers for it (Contact,
Prepared by, Cleared by, one line a person, in order).
"""

from __future__ import annotations

from dataclasses import replace

from briefing.core.model import Contact, NoteMetadata, Signoff
from briefing.exporters.text import format_date, one_line

PURPOSES = {"decision": "For decision", "information": "For information"}
Rows = tuple[tuple[str, str], ...]


def clean_metadata(meta: NoteMetadata) -> NoteMetadata:
    """Every text field on one line, XML-safe; the marking in capitals."""

    def person(s: Signoff) -> Signoff:
        return Signoff(one_line(s.name), one_line(s.role), one_line(s.date))

    return replace(
        meta,
        marking=one_line(meta.marking).upper(),
        to=one_line(meta.to),
        sender=one_line(meta.sender),
        date=one_line(meta.date),
        reference=one_line(meta.reference),
        purpose=one_line(meta.purpose),
        status=one_line(meta.status),
        through=tuple(t for t in map(one_line, meta.through) if t),
        copies_to=tuple(t for t in map(one_line, meta.copies_to) if t),
        critical_date=one_line(meta.critical_date),
        critical_reason=one_line(meta.critical_reason),
        contact=Contact(one_line(meta.contact.name), one_line(meta.contact.phone)),
        prepared_by=person(meta.prepared_by),
        cleared_by=tuple(p for p in map(person, meta.cleared_by) if p),
    )


def purpose_label(purpose: str) -> str:
    return PURPOSES.get(purpose.lower(), purpose)


def header_rows(meta: NoteMetadata) -> Rows:
    """The header block under the title: (label, value), non-empty only."""
    critical = "; ".join(v for v in (format_date(meta.critical_date), meta.critical_reason) if v)
    rows = (
        ("To", meta.to),
        ("Through", "; ".join(meta.through)),
        ("From", meta.sender),
        ("Copies to", "; ".join(meta.copies_to)),
        ("Date", format_date(meta.date)),
        ("Reference", meta.reference),
        ("Purpose", purpose_label(meta.purpose)),
        ("Critical date", critical),
    )
    return tuple((label, value) for label, value in rows if value)


def person_line(person: Signoff) -> str:
    return ", ".join(v for v in (person.name, person.role, format_date(person.date)) if v)


def signoff_rows(meta: NoteMetadata) -> Rows:
    """The sign-off at the end of the note: contact, prepared by, each clearance in order."""
    rows: list[tuple[str, str]] = []
    contact = ", ".join(v for v in (meta.contact.name, meta.contact.phone) if v)
    if contact:
        rows.append(("Contact", contact))
    if meta.prepared_by:
        rows.append(("Prepared by", person_line(meta.prepared_by)))
    for index, person in enumerate(meta.cleared_by):
        rows.append(("Cleared by" if index == 0 else "", person_line(person)))
    return tuple(rows)
