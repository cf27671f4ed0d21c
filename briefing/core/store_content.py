"""Passages and notes, and the theme operations that reach into passages (delete, merge).

Operations that destroy something return what they removed, so that undo can put it back
exactly (same ids, so citations in notes stay valid).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from briefing.core.errors import InvalidInput, NotFound
from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, RemovedTheme, Theme
from briefing.core.store_base import now
from briefing.core.store_catalog import CatalogStore


class ContentStore(CatalogStore):
    """Reads and writes passages and notes."""

    # ---- passages -----------------------------------------------------------------------

    def add_passage(
        self,
        source_id: int,
        start: int,
        end: int,
        theme_ids: Sequence[int],
        memo: str = "",
        *,
        passage_id: int | None = None,
        created_at: str | None = None,
    ) -> Passage:
        """Tag ``text[start:end]`` of a source (code points, end exclusive) with themes."""
        if not theme_ids:
            raise InvalidInput("a passage needs at least one theme")
        source_text = self.source_text(source_id)
        if not 0 <= start < end <= len(source_text):
            raise InvalidInput(
                f"passage {start}-{end} is outside source {source_id} (0-{len(source_text)})"
            )
        text = source_text[start:end]
        with self.transaction() as conn:
            self._require_themes(conn, theme_ids)
            cursor = conn.execute(
                'INSERT INTO passage(id, source_id, start, "end", text, memo, created_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (passage_id, source_id, start, end, text, memo, created_at or now()),
            )
            new_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                [(new_id, theme_id) for theme_id in dict.fromkeys(theme_ids)],
            )
        return self.passage(new_id)

    def add_passages(self, specs: Sequence[tuple[int, int, int, Sequence[int]]]) -> list[Passage]:
        """Tag many spans (source id, start, end, theme ids) as one action.

        Reads each source's text once instead of once per passage: SQLite's substr walks a
        UTF-8 text from its start, which adds up over thousands of passages.
        """
        texts: dict[int, str] = {}
        new_ids: list[int] = []
        with self.transaction() as conn:
            self._require_themes(conn, sorted({t for spec in specs for t in spec[3]}))
            for source_id, start, end, theme_ids in specs:
                if source_id not in texts:
                    texts[source_id] = self.source_text(source_id)
                text = texts[source_id]
                if not theme_ids or not 0 <= start < end <= len(text):
                    raise InvalidInput(f"passage {start}-{end} of source {source_id} is not valid")
                cursor = conn.execute(
                    'INSERT INTO passage(source_id, start, "end", text, memo, created_at)'
                    " VALUES (?, ?, ?, ?, '', ?)",
                    (source_id, start, end, text[start:end], now()),
                )
                new_id = int(cursor.lastrowid or 0)
                conn.executemany(
                    "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                    [(new_id, t) for t in dict.fromkeys(theme_ids)],
                )
                new_ids.append(new_id)
        wanted = set(new_ids)
        return [p for p in self.passages() if p.id in wanted]

    def delete_passages(self, passage_ids: Sequence[int]) -> list[Passage]:
        """Delete several passages as one action; returns them for undo."""
        removed = [self.passage(pid) for pid in passage_ids]
        with self.transaction() as conn:
            conn.executemany("DELETE FROM passage WHERE id = ?", [(pid,) for pid in passage_ids])
        return removed

    def passages(
        self, *, source_id: int | None = None, theme_id: int | None = None
    ) -> list[Passage]:
        """Passages in source order, optionally only one source's or one theme's."""
        where, params = [], []
        if source_id is not None:
            where.append("p.source_id = ?")
            params.append(source_id)
        if theme_id is not None:
            where.append("p.id IN (SELECT passage_id FROM passage_theme WHERE theme_id = ?)")
            params.append(theme_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._query(
            f"SELECT p.*, group_concat(pt.theme_id) AS themes FROM passage p"
            f" LEFT JOIN passage_theme pt ON pt.passage_id = p.id {clause}"
            f' GROUP BY p.id ORDER BY p.source_id, p.start, p."end", p.id',
            params,
        )
        order = self._theme_order()
        return [_passage(row, order) for row in rows]

    def passage(self, passage_id: int) -> Passage:
        rows = self._query(
            "SELECT p.*, group_concat(pt.theme_id) AS themes FROM passage p"
            " LEFT JOIN passage_theme pt ON pt.passage_id = p.id WHERE p.id = ? GROUP BY p.id",
            (passage_id,),
        )
        if not rows:
            raise NotFound(f"no passage {passage_id} in this project")
        return _passage(rows[0], self._theme_order())

    def set_passage_themes(self, passage_id: int, theme_ids: Sequence[int]) -> Passage:
        """Replace a passage's themes (add or remove one by passing the new set)."""
        if not theme_ids:
            raise InvalidInput("a passage needs at least one theme; delete it instead")
        self.passage(passage_id)
        with self.transaction() as conn:
            self._require_themes(conn, theme_ids)
            conn.execute("DELETE FROM passage_theme WHERE passage_id = ?", (passage_id,))
            conn.executemany(
                "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                [(passage_id, theme_id) for theme_id in dict.fromkeys(theme_ids)],
            )
        return self.passage(passage_id)

    def set_memo(self, passage_id: int, memo: str) -> Passage:
        self.passage(passage_id)
        with self.transaction() as conn:
            conn.execute("UPDATE passage SET memo = ? WHERE id = ?", (memo, passage_id))
        return self.passage(passage_id)

    def delete_passage(self, passage_id: int) -> Passage:
        """Delete a passage; returns it so that ``restore_passage`` can undo the deletion."""
        removed = self.passage(passage_id)
        with self.transaction() as conn:
            conn.execute("DELETE FROM passage WHERE id = ?", (passage_id,))
        return removed

    def restore_passage(self, passage: Passage) -> Passage:
        return self.add_passage(
            passage.source_id,
            passage.start,
            passage.end,
            passage.theme_ids,
            passage.memo,
            passage_id=passage.id,
            created_at=passage.created_at,
        )

    def _require_themes(self, conn: sqlite3.Connection, theme_ids: Sequence[int]) -> None:
        marks = ",".join("?" * len(theme_ids))
        found = {
            r[0] for r in conn.execute(f"SELECT id FROM theme WHERE id IN ({marks})", theme_ids)
        }
        missing = [str(t) for t in theme_ids if t not in found]
        if missing:
            raise NotFound(f"no theme {', '.join(missing)} in this project")

    def _theme_order(self) -> dict[int, int]:
        rows = self._query("SELECT id FROM theme ORDER BY position, id")
        return {row["id"]: index for index, row in enumerate(rows)}

    # ---- themes that reach into passages ------------------------------------------------

    def theme_counts(self) -> dict[int, int]:
        """How many passages each theme tags (for the themes panel)."""
        rows = self._query("SELECT theme_id, count(*) AS n FROM passage_theme GROUP BY theme_id")
        return {int(r["theme_id"]): int(r["n"]) for r in rows}

    def theme_usage(self, theme_id: int) -> tuple[int, int]:
        """(passages with this theme, passages with only this theme) for the delete prompt."""
        rows = self._query(
            "SELECT count(*) AS total, sum((SELECT count(*) FROM passage_theme o"
            " WHERE o.passage_id = pt.passage_id) = 1) AS alone"
            " FROM passage_theme pt WHERE pt.theme_id = ?",
            (theme_id,),
        )
        return int(rows[0]["total"]), int(rows[0]["alone"] or 0)

    def delete_theme(self, theme_id: int) -> RemovedTheme:
        """Delete a theme. Passages with only this theme go too; others just lose it."""
        theme = self.theme(theme_id)
        tagged = self.passages(theme_id=theme_id)
        alone = tuple(p for p in tagged if p.theme_ids == (theme_id,))
        shared = tuple(p.id for p in tagged if p.theme_ids != (theme_id,))
        with self.transaction() as conn:
            conn.executemany("DELETE FROM passage WHERE id = ?", [(p.id,) for p in alone])
            conn.execute("DELETE FROM theme WHERE id = ?", (theme_id,))
        return RemovedTheme(theme, shared, alone)

    def merge_themes(self, theme_id: int, into_id: int) -> RemovedTheme:
        """Move every passage of one theme to another, then delete the first."""
        if theme_id == into_id:
            raise InvalidInput("cannot merge a theme into itself")
        theme = self.theme(theme_id)
        self.theme(into_id)
        tagged = self.passages(theme_id=theme_id)
        newly = tuple(p.id for p in tagged if into_id not in p.theme_ids)
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                [(pid, into_id) for pid in newly],
            )
            conn.execute("DELETE FROM theme WHERE id = ?", (theme_id,))
        return RemovedTheme(theme, tuple(p.id for p in tagged), (), into_id, newly)

    def restore_theme(self, removed: RemovedTheme) -> Theme:
        """Undo ``delete_theme`` or ``merge_themes``: the theme, its links and passages back."""
        t = removed.theme
        with self.transaction() as conn:
            self.add_theme(
                t.name, t.colour, t.description, t.keywords, position=t.order, theme_id=t.id
            )
            for passage in removed.deleted_passages:
                self.restore_passage(passage)
            conn.executemany(
                "INSERT OR IGNORE INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                [(pid, t.id) for pid in removed.linked_passages],
            )
            if removed.merged_into is not None:
                conn.executemany(
                    "DELETE FROM passage_theme WHERE passage_id = ? AND theme_id = ?",
                    [(pid, removed.merged_into) for pid in removed.newly_linked],
                )
        return self.theme(t.id)

    # ---- notes --------------------------------------------------------------------------

    def add_note(
        self,
        title: str,
        template: str = "",
        body: str = "",
        metadata: NoteMetadata | None = None,
    ) -> Note:
        title = " ".join(title.split()) or "Untitled note"
        with self.transaction() as conn:
            position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM note")
            cursor = conn.execute(
                "INSERT INTO note(title, template, body, metadata, position, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    title,
                    template,
                    body,
                    json.dumps((metadata or NoteMetadata()).as_dict()),
                    int(position.fetchone()[0]),
                    now(),
                ),
            )
            note_id = int(cursor.lastrowid or 0)
        return self.note(note_id)

    def notes(self) -> list[Note]:
        return [_note(row) for row in self._query("SELECT * FROM note ORDER BY position, id")]

    def note(self, note_id: int) -> Note:
        rows = self._query("SELECT * FROM note WHERE id = ?", (note_id,))
        if not rows:
            raise NotFound(f"no note {note_id} in this project")
        return _note(rows[0])

    def update_note(
        self,
        note_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        metadata: NoteMetadata | None = None,
    ) -> Note:
        self.note(note_id)
        values: dict[str, str] = {}
        if title is not None:
            values["title"] = " ".join(title.split()) or "Untitled note"
        if body is not None:
            values["body"] = body
        if metadata is not None:
            values["metadata"] = json.dumps(metadata.as_dict())
        if values:
            values["updated_at"] = now()
            assignments = ", ".join(f"{name} = ?" for name in values)
            with self.transaction() as conn:
                conn.execute(
                    f"UPDATE note SET {assignments} WHERE id = ?", (*values.values(), note_id)
                )
        return self.note(note_id)

    def delete_note(self, note_id: int) -> Note:
        removed = self.note(note_id)
        with self.transaction() as conn:
            conn.execute("DELETE FROM note WHERE id = ?", (note_id,))
        return removed

    def bundle(self, note_id: int | None) -> NoteBundle:
        """The note with every source, passage and theme an export needs (with None, a blank
        note: a passages report of a project that has no note yet)."""
        blank = Note(0, "", "", "", NoteMetadata())
        return NoteBundle(
            note=self.note(note_id) if note_id is not None else blank,
            sources={s.id: s for s in self.sources()},
            passages={p.id: p for p in self.passages()},
            themes=tuple(self.themes()),
        )


def _passage(row: sqlite3.Row, theme_order: dict[int, int]) -> Passage:
    theme_ids = [int(t) for t in (row["themes"] or "").split(",") if t]
    if len(theme_ids) > 1:  # most passages have one theme: no sort to do
        theme_ids.sort(key=lambda t: theme_order.get(t, len(theme_order)))
    return Passage(
        id=row["id"],
        source_id=row["source_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        theme_ids=tuple(theme_ids),
        memo=row["memo"],
        created_at=row["created_at"],
    )


def _note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        title=row["title"],
        template=row["template"],
        body=row["body"],
        metadata=NoteMetadata.from_dict(json.loads(row["metadata"] or "{}")),
        updated_at=row["updated_at"],
        order=row["position"],
    )
