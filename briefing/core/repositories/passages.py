"""Passages: spans of a source tagged with one or more themes, with a memo.

Deleting returns what was removed, so that undo can put it back exactly (same ids, so
citations in notes stay valid).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing.core.backend import Row
from briefing.core.database import Database, now
from briefing.core.errors import EditConflict, InvalidInput, NotFound
from briefing.core.model import NewPassage, Passage
from briefing.core.repositories.sources import SourceRepository

_COLUMNS = (
    'p.id, p.source_id, p.start, p."end", p.text, p.memo, p.created_at, p.author,'
    " p.memo_author, p.memo_at"
)
_INSERT_COLUMNS = 'source_id, start, "end", text, memo, created_at, author, memo_author, memo_at'
_LINK = "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)"
_IDS_PER_QUERY = 500  # under SQLite's oldest limit of 999 parameters


class PassageRepository:
    def __init__(self, db: Database, sources: SourceRepository) -> None:
        self._db = db
        self._sources = sources
        self._select = (
            f"SELECT {_COLUMNS}, {db.id_list('pt.theme_id')} AS themes FROM passage p"
            " LEFT JOIN passage_theme pt ON pt.passage_id = p.id"
        )

    def add(
        self,
        source_id: int,
        start: int,
        end: int,
        theme_ids: Sequence[int],
        memo: str = "",
        *,
        passage_id: int | None = None,
        created_at: str | None = None,
        author: str | None = None,
        memo_author: str | None = None,
        memo_at: str | None = None,
        restoring: Passage | None = None,
    ) -> Passage:
        """Tag a span. ``author`` and ``created_at`` (this connection's author and now when
        None), ``memo_author`` and ``memo_at`` (the passage's when None) record who made it
        and when, as a file from another tool says."""
        if restoring is not None:  # a restored passage keeps who made it and wrote its memo
            author, memo_author, memo_at = (
                restoring.author,
                restoring.memo_author,
                restoring.memo_at,
            )
        spec = NewPassage(
            source_id,
            start,
            end,
            tuple(theme_ids),
            memo,
            author,
            created_at,
            memo_author,
            memo_at,
        )
        values = self._values(spec, self._sources.text(source_id))
        columns = _INSERT_COLUMNS
        if passage_id is not None:  # a restored passage keeps its id
            columns, values = f"id, {columns}", (passage_id, *values)
        with self._db.transaction():
            self._require_source(source_id)
            self._require_themes(theme_ids)
            new_id = self._db.insert(
                f"INSERT INTO passage({columns}) VALUES ({', '.join('?' * len(values))})",
                values,
            )
            self._db.execute_many(_LINK, [(new_id, t) for t in dict.fromkeys(theme_ids)])
        return self.get(new_id)

    def add_many(
        self, specs: Sequence[NewPassage | tuple[int, int, int, Sequence[int]]]
    ) -> list[Passage]:
        """Tag many spans as one action, reading each source's text and checking each theme
        once. A spec is a ``NewPassage`` (memo, author, times), or (source id, start, end,
        theme ids)."""
        wanted = [
            s if isinstance(s, NewPassage) else NewPassage(*s[:3], tuple(s[3])) for s in specs
        ]
        texts: dict[int, str] = {}  # not the sources' small cache: specs may span many
        new_ids: list[int] = []
        links: list[tuple[int, int]] = []
        insert = f"INSERT INTO passage({_INSERT_COLUMNS}) VALUES ({', '.join('?' * 9)})"
        with self._db.transaction():
            self._require_themes(sorted({t for spec in wanted for t in spec.theme_ids}))
            for spec in wanted:
                if spec.source_id not in texts:
                    texts[spec.source_id] = self._sources.text(spec.source_id)
                    self._require_source(spec.source_id)
                new_id = self._db.insert(insert, self._values(spec, texts[spec.source_id]))
                links += [(new_id, t) for t in dict.fromkeys(spec.theme_ids)]
                new_ids.append(new_id)
            self._db.execute_many(_LINK, links)
        return self._read_back(new_ids)

    def _values(self, spec: NewPassage, source_text: str) -> tuple[object, ...]:
        """The row of ``_INSERT_COLUMNS`` for a new passage, checked against its source."""
        if not spec.theme_ids:
            raise InvalidInput("a passage needs at least one theme")
        if not 0 <= spec.start < spec.end <= len(source_text):
            raise InvalidInput(
                f"passage {spec.start}-{spec.end} is outside source {spec.source_id}"
                f" (0-{len(source_text)})"
            )
        who = self._db.author if spec.author is None else spec.author
        when = spec.created_at or now()
        memo_by, memo_when = (who, when) if spec.memo else ("", "")
        return (
            spec.source_id,
            spec.start,
            spec.end,
            source_text[spec.start : spec.end],
            spec.memo,
            when,
            who,
            memo_by if spec.memo_author is None else spec.memo_author,
            memo_when if spec.memo_at is None else spec.memo_at,
        )

    def _read_back(self, passage_ids: Sequence[int]) -> list[Passage]:
        """The passages of these ids, in their order: a few hundred ids a query."""
        order = self._theme_order()
        found: dict[int, Passage] = {}
        for first in range(0, len(passage_ids), _IDS_PER_QUERY):
            chunk = passage_ids[first : first + _IDS_PER_QUERY]
            rows = self._db.query(
                f"{self._select} WHERE p.id IN ({', '.join('?' * len(chunk))}) GROUP BY p.id",
                chunk,
            )
            found.update((row["id"], _passage(row, order)) for row in rows)
        return [found[pid] for pid in passage_ids]

    def all(self, *, source_id: int | None = None, theme_id: int | None = None) -> list[Passage]:
        """Passages in source order, optionally only one source's or one theme's."""
        where, params = [], []
        if source_id is not None:
            where.append("p.source_id = ?")
            params.append(source_id)
        if theme_id is not None:
            where.append("p.id IN (SELECT passage_id FROM passage_theme WHERE theme_id = ?)")
            params.append(theme_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.query(
            f'{self._select} {clause} GROUP BY p.id ORDER BY p.source_id, p.start, p."end", p.id',
            params,
        )
        order = self._theme_order()
        return [_passage(row, order) for row in rows]

    def get(self, passage_id: int) -> Passage:
        rows = self._db.query(f"{self._select} WHERE p.id = ? GROUP BY p.id", (passage_id,))
        if not rows:
            raise NotFound(f"no passage {passage_id} in this project")
        return _passage(rows[0], self._theme_order())

    def set_themes(
        self, passage_id: int, theme_ids: Sequence[int], *, expected: Sequence[int] | None = None
    ) -> Passage:
        """Replace the themes; with ``expected``, only if they are still those (else
        ``EditConflict``: another writer changed them meanwhile)."""
        if not theme_ids:
            raise InvalidInput("a passage needs at least one theme; delete it instead")
        current = self.get(passage_id)
        if expected is not None and set(current.theme_ids) != set(expected):
            raise EditConflict(
                f"the themes of passage {passage_id} were changed by someone else meanwhile;"
                " not changed"
            )
        with self._db.transaction():
            self._require_themes(theme_ids)
            self._db.execute("DELETE FROM passage_theme WHERE passage_id = ?", (passage_id,))
            self._db.execute_many(_LINK, [(passage_id, t) for t in dict.fromkeys(theme_ids)])
        return self.get(passage_id)

    def set_memo(self, passage_id: int, memo: str, *, expected: str | None = None) -> Passage:
        """Write the memo; with ``expected``, only if it is still that (else ``EditConflict``)."""
        current = self.get(passage_id)
        if expected is not None and current.memo != expected:
            who = f" by {current.memo_author}" if current.memo_author else ""
            raise EditConflict(
                f"the memo of passage {passage_id} was changed{who} meanwhile; not changed"
            )
        with self._db.transaction():
            self._db.execute(
                "UPDATE passage SET memo = ?, memo_author = ?, memo_at = ? WHERE id = ?",
                (memo, self._db.author, now(), passage_id),
            )
        return self.get(passage_id)

    def delete(self, passage_id: int) -> Passage:
        removed = self.get(passage_id)
        with self._db.transaction():
            self._db.execute("DELETE FROM passage WHERE id = ?", (passage_id,))
        return removed

    def delete_many(self, passage_ids: Sequence[int]) -> list[Passage]:
        removed = [self.get(pid) for pid in passage_ids]
        with self._db.transaction():
            self._db.execute_many(
                "DELETE FROM passage WHERE id = ?", [(pid,) for pid in passage_ids]
            )
        return removed

    def restore(self, passage: Passage) -> Passage:
        return self.add(
            passage.source_id,
            passage.start,
            passage.end,
            passage.theme_ids,
            passage.memo,
            passage_id=passage.id,
            created_at=passage.created_at,
            restoring=passage,
        )

    def _require_source(self, source_id: int) -> None:
        """The source is still there (its text may come from the cache: another writer may
        have deleted it since)."""
        if not self._db.query("SELECT 1 FROM source WHERE id = ?", (source_id,)):
            raise NotFound(f"no source {source_id} in this project")

    def _require_themes(self, theme_ids: Sequence[int]) -> None:
        if not theme_ids:
            return
        marks = ", ".join("?" * len(theme_ids))
        rows = self._db.query(f"SELECT id FROM theme WHERE id IN ({marks})", theme_ids)
        found = {row["id"] for row in rows}
        missing = [str(t) for t in theme_ids if t not in found]
        if missing:
            raise NotFound(f"no theme {', '.join(missing)} in this project")

    def _theme_order(self) -> dict[int, int]:
        rows = self._db.query("SELECT id FROM theme ORDER BY position, id")
        return {row["id"]: index for index, row in enumerate(rows)}


def _passage(row: Row, theme_order: dict[int, int]) -> Passage:
    # By position (the SELECT's order), not by name: a project's 100,000 passages are read at
    # start, and eleven lookups by name each were a second of it. A server's rows are dicts.
    values: Any = row.values() if isinstance(row, dict) else row
    pid, source_id, start, end, text, memo, created_at, author, memo_author, memo_at, themes = (
        values
    )
    if themes and "," not in themes:  # most passages have one theme: no split, no sort
        theme_ids: tuple[int, ...] = (int(themes),)
    else:
        ids = [int(t) for t in (themes or "").split(",") if t]
        ids.sort(key=lambda t: theme_order.get(t, len(theme_order)))
        theme_ids = tuple(ids)
    return Passage(
        pid, source_id, start, end, text, theme_ids, memo, created_at, author, memo_author, memo_at
    )
