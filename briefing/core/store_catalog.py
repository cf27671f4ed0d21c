"""Sources and themes: the project's catalogue."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from briefing.core.errors import DuplicateSource, InvalidInput, NotFound
from briefing.core.model import Source, Theme
from briefing.core.store_base import StoreBase, now, text_hash

TEXT_CACHE_SIZE = 4


class CatalogStore(StoreBase):
    """Reads and writes sources and themes."""

    _texts: dict[int, str]

    # ---- sources ------------------------------------------------------------------------

    def add_source(
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
        """Add a source; its text never changes afterwards. The same text twice is refused."""
        if not text.strip():
            raise InvalidInput("the source has no text")
        digest = text_hash(text)
        existing = self._query("SELECT id FROM source WHERE sha256 = ?", (digest,))
        if existing:
            raise DuplicateSource(self.source(existing[0]["id"]))
        with self.transaction() as conn:
            cursor = conn.execute(
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
            source_id = int(cursor.lastrowid or 0)
        return self.source(source_id)

    _SOURCE_COLUMNS = (
        "s.id, s.title, s.format, s.origin, s.author, s.published, s.imported_at, s.marking,"
        " s.sha256, s.metadata, length(s.text) AS chars,"
        " (SELECT count(*) FROM passage p WHERE p.source_id = s.id) AS passages"
    )

    def sources(self) -> list[Source]:
        rows = self._query(f"SELECT {self._SOURCE_COLUMNS} FROM source s ORDER BY s.id")
        return [_source(row) for row in rows]

    def source(self, source_id: int) -> Source:
        rows = self._query(
            f"SELECT {self._SOURCE_COLUMNS} FROM source s WHERE s.id = ?", (source_id,)
        )
        if not rows:
            raise NotFound(f"no source {source_id} in this project")
        return _source(rows[0])

    def source_text(self, source_id: int) -> str:
        # A source's text never changes, so the last few read are kept: tagging in a long
        # report would otherwise read (or walk, with substr) megabytes per passage.
        cached = self._texts.get(source_id)
        if cached is not None:
            return cached
        rows = self._query("SELECT text FROM source WHERE id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source {source_id} in this project")
        text = str(rows[0]["text"])
        if len(self._texts) >= TEXT_CACHE_SIZE:
            self._texts.pop(next(iter(self._texts)))
        self._texts[source_id] = text
        return text

    _EDITABLE_SOURCE_FIELDS = ("title", "origin", "author", "published", "marking")

    def update_source(self, source_id: int, **fields: str) -> Source:
        """Edit a source's details (never its text)."""
        unknown = set(fields) - set(self._EDITABLE_SOURCE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a source")
        self.source(source_id)
        if not fields:
            return self.source(source_id)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self.transaction() as conn:
            conn.execute(
                f"UPDATE source SET {assignments} WHERE id = ?", (*fields.values(), source_id)
            )
        return self.source(source_id)

    def delete_source(self, source_id: int) -> None:
        """Delete a source and its passages (the passages go with it: they point into it)."""
        self.source(source_id)
        with self.transaction() as conn:
            conn.execute("DELETE FROM source WHERE id = ?", (source_id,))
        self._texts.pop(source_id, None)

    # ---- themes -------------------------------------------------------------------------

    def themes(self) -> list[Theme]:
        rows = self._query("SELECT * FROM theme ORDER BY position, id")
        return [_theme(row) for row in rows]

    def theme(self, theme_id: int) -> Theme:
        rows = self._query("SELECT * FROM theme WHERE id = ?", (theme_id,))
        if not rows:
            raise NotFound(f"no theme {theme_id} in this project")
        return _theme(rows[0])

    def theme_by_name(self, name: str) -> Theme:
        rows = self._query("SELECT * FROM theme WHERE name = ? COLLATE NOCASE", (name.strip(),))
        if not rows:
            known = ", ".join(t.name for t in self.themes()) or "none"
            raise NotFound(f"no theme named {name!r} (themes: {known})")
        return _theme(rows[0])

    def add_theme(
        self,
        name: str,
        colour: str,
        description: str = "",
        keywords: Sequence[str] = (),
        *,
        position: int | None = None,
        theme_id: int | None = None,
    ) -> Theme:
        """Add a theme at the end (or at ``position``); ``theme_id`` restores a deleted one."""
        name = _theme_name(name)
        if self._query("SELECT 1 FROM theme WHERE name = ? COLLATE NOCASE", (name,)):
            raise InvalidInput(f"a theme named {name!r} already exists")
        with self.transaction() as conn:
            if position is None:
                last = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM theme")
                position = int(last.fetchone()[0])
            cursor = conn.execute(
                "INSERT INTO theme(id, name, colour, description, keywords, position)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (theme_id, name, colour, description, json.dumps(list(keywords)), position),
            )
            new_id = int(cursor.lastrowid or 0)
        return self.theme(new_id)

    def update_theme(self, theme_id: int, **fields: Any) -> Theme:
        """Rename, recolour, describe or re-keyword a theme."""
        allowed = {"name", "colour", "description", "keywords"}
        unknown = set(fields) - allowed
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a theme")
        self.theme(theme_id)
        values = dict(fields)
        if "name" in values:
            values["name"] = _theme_name(values["name"])
            clash = self._query(
                "SELECT id FROM theme WHERE name = ? COLLATE NOCASE AND id != ?",
                (values["name"], theme_id),
            )
            if clash:
                raise InvalidInput(f"a theme named {values['name']!r} already exists")
        if "keywords" in values:
            values["keywords"] = json.dumps(list(values["keywords"]))
        if values:
            assignments = ", ".join(f"{name} = ?" for name in values)
            with self.transaction() as conn:
                conn.execute(
                    f"UPDATE theme SET {assignments} WHERE id = ?", (*values.values(), theme_id)
                )
        return self.theme(theme_id)

    def reorder_themes(self, theme_ids: Sequence[int]) -> None:
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE theme SET position = ? WHERE id = ?",
                [(position, theme_id) for position, theme_id in enumerate(theme_ids)],
            )


def _theme_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise InvalidInput("a theme needs a name")
    return name


def _source(row: sqlite3.Row) -> Source:
    return Source(
        id=row["id"],
        title=row["title"],
        format=row["format"],
        origin=row["origin"],
        author=row["author"],
        published=row["published"],
        imported_at=row["imported_at"],
        marking=row["marking"],
        sha256=row["sha256"],
        chars=row["chars"],
        passages=row["passages"],
        metadata=json.loads(row["metadata"] or "{}"),
    )


def _theme(row: sqlite3.Row) -> Theme:
    return Theme(
        id=row["id"],
        name=row["name"],
        colour=row["colour"],
        description=row["description"],
        keywords=tuple(json.loads(row["keywords"] or "[]")),
        order=row["position"],
    )
