"""Sources: imported documents, whose text never changes once stored.

Beside the text a source keeps its blocks (headings, list items, table rows: spans over the text,
for display) in a JSON column read only when the viewer asks; its organisation and URL live in
the metadata JSON under the importers' keys, editable like the columns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from briefing.core.backend import Row
from briefing.core.database import Database, now
from briefing.core.errors import DuplicateSource, InvalidInput, NotFound, StorageError
from briefing.core.model import BLOCK_KINDS, Block, Source

TEXT_CACHE_SIZE = 4
COLUMN_FIELDS = ("title", "origin", "author", "published", "marking")
METADATA_FIELDS = ("organisation", "url")  # kept in the metadata JSON under these keys
EDITABLE_FIELDS = COLUMN_FIELDS + METADATA_FIELDS

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
        self._blocks_column: bool | None = None  # known after the first blocks() call
        self._blocks: dict[int, list[Block]] = {}  # blocks recently read (immutable too)
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
        blocks: Sequence[Block] = (),
    ) -> Source:
        if not text.strip():
            raise InvalidInput("the source has no text")
        encoded_blocks = encode_blocks(blocks, len(text))
        digest = text_hash(text)
        existing = self._db.query("SELECT id FROM source WHERE sha256 = ?", (digest,))
        if existing:
            raise DuplicateSource(self.get(existing[0]["id"]))
        with self._db.transaction():
            source_id = self._db.insert(
                "INSERT INTO source(title, format, origin, author, published, imported_at,"
                " marking, text, sha256, metadata, blocks)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    encoded_blocks,
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

    def blocks(self, source_id: int) -> list[Block]:
        """The source's blocks in text order; none for a source imported before they were kept
        (or a project file of that version opened read-only, which has no such column)."""
        if not self._has_blocks_column():
            self.get(source_id)
            return []
        cached = self._blocks.get(source_id)  # blocks never change, like the text
        if cached is None:
            rows = self._db.query("SELECT blocks FROM source WHERE id = ?", (source_id,))
            if not rows:
                raise NotFound(f"no source {source_id} in this project")
            cached = decode_blocks(str(rows[0]["blocks"] or "[]"))
            if len(self._blocks) >= TEXT_CACHE_SIZE:
                self._blocks.pop(next(iter(self._blocks)))
            self._blocks[source_id] = cached
        return list(cached)

    def _has_blocks_column(self) -> bool:
        if self._blocks_column is None:
            try:
                self._db.query("SELECT blocks FROM source WHERE 0 = 1")
                self._blocks_column = True
            except StorageError:  # an older file opened read-only is not migrated
                self._blocks_column = False
        return self._blocks_column

    def update(self, source_id: int, **fields: str) -> Source:
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a source")
        with self._db.transaction():
            current = self.get(source_id)  # read inside the action: the metadata is rewritten
            columns = {k: v for k, v in fields.items() if k in COLUMN_FIELDS}
            details = {k: v.strip() for k, v in fields.items() if k in METADATA_FIELDS}
            if details:
                metadata = dict(current.metadata)
                for key, value in details.items():
                    if value:
                        metadata[key] = value
                    else:
                        metadata.pop(key, None)
                columns["metadata"] = json.dumps(metadata)
            if columns:
                assignments = ", ".join(f"{name} = ?" for name in columns)
                self._db.execute(
                    f"UPDATE source SET {assignments} WHERE id = ?", (*columns.values(), source_id)
                )
            # The details in the metadata (organisation, URL) are editable: read them again.
            self._fixed.pop(source_id, None)
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
        self._blocks.pop(source_id, None)
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


# ---- blocks as JSON: one short list per block, trailing defaults left out ------------------


def encode_blocks(blocks: Sequence[Block], length: int) -> str:
    """The blocks as the column stores them; refuses blocks that do not fit the text."""
    rows: list[list[Any]] = []
    previous = 0
    for number, block in enumerate(blocks, start=1):
        cells_fit = all(block.start <= a <= b <= block.end for a, b in block.cells)
        if (
            block.kind not in BLOCK_KINDS
            or not 0 <= block.start <= block.end <= length
            or block.start < previous
            or not cells_fit
        ):
            raise InvalidInput(
                f"block {number} ({block.kind} {block.start}-{block.end}) does not fit the"
                f" source's {length} characters in order"
            )
        previous = block.end
        row: list[Any] = [
            block.kind,
            block.start,
            block.end,
            block.level,
            int(block.numbered),
            block.label,
            [list(cell) for cell in block.cells],
        ]
        while len(row) > 3 and row[-1] in (0, "", []):
            row.pop()
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decode_blocks(encoded: str) -> list[Block]:
    """The column's blocks (written by ``encode_blocks``: checked then, so read as they are)."""
    blocks: list[Block] = []
    append = blocks.append
    for row in json.loads(encoded):
        if len(row) <= 4:  # most blocks: kind, start, end and perhaps a level
            append(Block(*row))
            continue
        kind, start, end, level, numbered, *rest = row
        label = rest[0] if rest else ""
        cells = tuple((a, b) for a, b in rest[1]) if len(rest) > 1 else ()
        append(Block(kind, start, end, level, bool(numbered), label, cells))
    return blocks
