"""Sources: imported documents, whose text never changes once stored."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from briefing.core.backend import Row
from briefing.core.database import Database, now
from briefing.core.errors import DuplicateSource, InvalidInput, NotFound
from briefing.core.model import Source

TEXT_CACHE_SIZE = 4
EDITABLE_FIELDS = ("title", "origin", "author", "published", "marking")

# The columns stored before the text: SQLite reaches a column after a long text by walking the
# text's overflow pages, so listing 1,000 sources that way read their 30 MB each time.
_COLUMNS = (
    "s.id, s.title, s.format, s.origin, s.author, s.published, s.imported_at, s.marking,"
    " (SELECT count(*) FROM passage p WHERE p.source_id = s.id) AS passages"
)
_FIXED_BATCH = 500  # ids per query for the fixed fields not yet known


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class SourceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._texts: dict[int, str] = {}  # texts recently read (immutable, so safe to keep)
        # What never changes once a source is stored, read once per source: its hash, its
        # import metadata and its length (length(text) reads the whole text).
        self._fixed: dict[int, tuple[str, str, int]] = {}  # id -> sha256, metadata, chars

    def add(
        self,
        title: str,
        text: str,
        format: str,
        *,
        origin: str = "",
        author: str = "",
        published: str = "",
        marking: str = "",
        metadata: dict[str, Any] | None = None,
    ) -> Source:
        if not text.strip():
            raise InvalidInput("the source has no text")
        digest = text_hash(text)
        existing = self._db.query("SELECT id FROM source WHERE sha256 = ?", (digest,))
        if existing:
            raise DuplicateSource(self.get(existing[0]["id"]))
        with self._db.transaction():
            source_id = self._db.insert(
                "INSERT INTO source(title, format, origin, author, published, imported_at,"
                " marking, text, sha256, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    title.strip() or "Untitled",
                    format,
                    origin,
                    author,
                    published,
                    now(),
                    marking,
                    text,
                    digest,
                    json.dumps(metadata or {}),
                ),
            )
        return self.get(source_id)

    def all(self) -> list[Source]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM source s ORDER BY s.id")
        return self._sources(rows)

    def get(self, source_id: int) -> Source:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM source s WHERE s.id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source {source_id} in this project")
        return self._sources(rows)[0]

    def text(self, source_id: int) -> str:
        # The last few texts read are kept: tagging in a long report would otherwise read
        # megabytes per passage.
        cached = self._texts.get(source_id)
        if cached is not None:
            return cached
        rows = self._db.query("SELECT text FROM source WHERE id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source {source_id} in this project")
        text = str(rows[0]["text"])
        if len(self._texts) >= TEXT_CACHE_SIZE:
            self._texts.pop(next(iter(self._texts)))
        self._texts[source_id] = text
        return text

    def update(self, source_id: int, **fields: str) -> Source:
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a source")
        self.get(source_id)
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            with self._db.transaction():
                self._db.execute(
                    f"UPDATE source SET {assignments} WHERE id = ?", (*fields.values(), source_id)
                )
        return self.get(source_id)

    def _sources(self, rows: list[Row]) -> list[Source]:
        unknown = [row["id"] for row in rows if row["id"] not in self._fixed]
        for first in range(0, len(unknown), _FIXED_BATCH):
            ids = unknown[first : first + _FIXED_BATCH]
            marks = ", ".join("?" for _ in ids)
            for row in self._db.query(
                "SELECT id, sha256, metadata, length(text) AS chars FROM source"
                f" WHERE id IN ({marks})",
                ids,
            ):
                self._fixed[row["id"]] = (row["sha256"], row["metadata"], int(row["chars"]))
        return [_source(row, self._fixed.get(row["id"], ("", "", 0))) for row in rows]

    def delete(self, source_id: int) -> None:
        self.get(source_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM source WHERE id = ?", (source_id,))
        self._texts.pop(source_id, None)
        self._fixed.pop(source_id, None)  # SQLite may give the id to the next source


def _source(row: Row, fixed: tuple[str, str, int]) -> Source:
    sha256, metadata, chars = fixed
    return Source(
        id=row["id"],
        title=row["title"],
        format=row["format"],
        origin=row["origin"],
        author=row["author"],
        published=row["published"],
        imported_at=row["imported_at"],
        marking=row["marking"],
        sha256=sha256,
        chars=chars,
        passages=row["passages"],
        metadata=json.loads(metadata or "{}"),
    )
