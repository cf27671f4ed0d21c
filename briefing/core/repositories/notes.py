"""Briefing notes: Markdown bodies with their metadata, in the project's order.

The metadata column's JSON also records the note's ``dialect`` (``model.COMMONMARK``): a note
stored without it was last written before notes were read as CommonMark
(``model.PYTHON_MARKDOWN``), until its body is saved again.
"""

from __future__ import annotations

import json

from briefing.core.backend import Row
from briefing.core.database import Database, now
from briefing.core.errors import NoteConflict, NotFound
from briefing.core.model import COMMONMARK, PYTHON_MARKDOWN, Note, NoteMetadata

_COLUMNS = "id, title, template, body, metadata, position, updated_at, author, version"


class NoteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        title: str,
        template: str = "",
        body: str = "",
        metadata: NoteMetadata | None = None,
        *,
        author: str | None = None,
        updated_at: str | None = None,
    ) -> Note:
        """A new note; ``author`` and ``updated_at`` default to this connection's and now."""
        with self._db.transaction():
            rows = self._db.query("SELECT coalesce(max(position) + 1, 0) AS n FROM note")
            note_id = self._db.insert(
                "INSERT INTO note(title, template, body, metadata, position, updated_at, author)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _title(title),
                    template,
                    body,
                    _metadata_json(metadata or NoteMetadata(), COMMONMARK),
                    int(rows[0]["n"]),
                    updated_at or now(),
                    self._db.author if author is None else author,
                ),
            )
        return self.get(note_id)

    def all(self) -> list[Note]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM note ORDER BY position, id")
        return [_note(row) for row in rows]

    def get(self, note_id: int) -> Note:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM note WHERE id = ?", (note_id,))
        if not rows:
            raise NotFound(f"no note {note_id} in this project")
        return _note(rows[0])

    def update(
        self,
        note_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        metadata: NoteMetadata | None = None,
        expected_version: int | None = None,
    ) -> Note:
        """Change the note. With ``expected_version`` (the version the writer loaded), a body
        is written only if nobody else wrote one since; otherwise ``NoteConflict`` carries
        their note, for the writer to choose or merge (never overwritten silently)."""
        current = self.get(note_id)
        if (
            body is not None
            and expected_version is not None
            and current.version != expected_version
            and current.body != body
        ):
            raise NoteConflict(current)
        values: dict[str, str] = {}
        if title is not None:
            values["title"] = _title(title)
        if body is not None:
            values["body"] = body
        if metadata is not None or (body is not None and current.dialect != COMMONMARK):
            # Saving the body marks the note as written for CommonMark.
            dialect = COMMONMARK if body is not None else current.dialect
            values["metadata"] = _metadata_json(metadata or current.metadata, dialect)
        if values:
            values["updated_at"] = now()
            values["author"] = self._db.author
            assignments = ", ".join(f"{name} = ?" for name in values)
            if body is not None:  # the version counts writes of the body
                assignments += ", version = version + 1"
            with self._db.transaction():
                self._db.execute(
                    f"UPDATE note SET {assignments} WHERE id = ?", (*values.values(), note_id)
                )
        return self.get(note_id)

    def delete(self, note_id: int) -> Note:
        removed = self.get(note_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM note WHERE id = ?", (note_id,))
        return removed


def _title(title: str) -> str:
    return " ".join(title.split()) or "Untitled note"


def _metadata_json(metadata: NoteMetadata, dialect: str) -> str:
    return json.dumps({**metadata.as_dict(), "dialect": dialect})


def _note(row: Row) -> Note:
    stored = json.loads(row["metadata"] or "{}")
    dialect = stored.get("dialect") if isinstance(stored, dict) else None
    return Note(
        id=row["id"],
        title=row["title"],
        template=row["template"],
        body=row["body"],
        metadata=NoteMetadata.from_dict(stored),
        updated_at=row["updated_at"],
        order=row["position"],
        author=row["author"],
        version=row["version"],
        dialect=dialect if isinstance(dialect, str) else PYTHON_MARKDOWN,
    )
