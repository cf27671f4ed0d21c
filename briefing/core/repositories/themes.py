"""Themes: the project's coding frame, and every operation on it, including those that reach
into passages (counts, delete, merge, and the restore that undoes either).

Names are unique whatever their case (ASCII case, as SQLite's ``lower`` and ``NOCASE`` fold).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from briefing.core.backend import Row
from briefing.core.database import Database, now
from briefing.core.errors import EditConflict, InvalidInput, NotFound
from briefing.core.model import RemovedTheme, Theme
from briefing.core.repositories.passages import PassageRepository

EDITABLE_FIELDS = ("name", "colour", "description", "keywords")

_COLUMNS = "id, name, colour, description, keywords, position, author, changed_at"


class ThemeRepository:
    def __init__(self, db: Database, passages: PassageRepository) -> None:
        self._db = db
        self._passages = passages

    # ---- the themes themselves ----------------------------------------------------------

    def all(self) -> list[Theme]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM theme ORDER BY position, id")
        return [_theme(row) for row in rows]

    def get(self, theme_id: int) -> Theme:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM theme WHERE id = ?", (theme_id,))
        if not rows:
            raise NotFound(f"no theme {theme_id} in this project")
        return _theme(rows[0])

    def by_name(self, name: str) -> Theme:
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM theme WHERE lower(name) = lower(?)", (name.strip(),)
        )
        if not rows:
            known = ", ".join(t.name for t in self.all()) or "none"
            raise NotFound(f"no theme named {name!r} (themes: {known})")
        return _theme(rows[0])

    def add(
        self,
        name: str,
        colour: str,
        description: str = "",
        keywords: Sequence[str] = (),
        *,
        position: int | None = None,
        theme_id: int | None = None,
        restoring: Theme | None = None,
    ) -> Theme:
        name = _theme_name(name)
        if self._db.query("SELECT 1 FROM theme WHERE lower(name) = lower(?)", (name,)):
            raise InvalidInput(f"a theme named {name!r} already exists")
        with self._db.transaction():
            if position is None:
                rows = self._db.query("SELECT coalesce(max(position) + 1, 0) AS n FROM theme")
                position = int(rows[0]["n"])
            columns = "name, colour, description, keywords, position, author, changed_at"
            who, when = (
                (restoring.author, restoring.changed_at) if restoring else (self._db.author, now())
            )
            values: tuple[object, ...] = (
                name,
                colour,
                description,
                json.dumps(list(keywords)),
                position,
                who,
                when,
            )
            if theme_id is not None:  # a restored theme keeps its id
                columns, values = f"id, {columns}", (theme_id, *values)
            new_id = self._db.insert(
                f"INSERT INTO theme({columns}) VALUES ({', '.join('?' * len(values))})", values
            )

        return self.get(new_id)

    def update(
        self, theme_id: int, expected: Mapping[str, Any] | None = None, **fields: Any
    ) -> Theme:
        """Edit fields; with ``expected`` (field: value), only if they still hold those values
        (else ``EditConflict``: another writer changed the theme meanwhile)."""
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a theme")
        current = self.get(theme_id)
        if expected is not None and any(
            _normalised(k, getattr(current, k)) != _normalised(k, v) for k, v in expected.items()
        ):
            who = f" by {current.author}" if current.author else ""
            raise EditConflict(
                f"the theme {current.name!r} was changed{who} meanwhile; not changed"
            )
        values = dict(fields)
        if "name" in values:
            values["name"] = _theme_name(values["name"])
            clash = self._db.query(
                "SELECT id FROM theme WHERE lower(name) = lower(?) AND id <> ?",
                (values["name"], theme_id),
            )
            if clash:
                raise InvalidInput(f"a theme named {values['name']!r} already exists")
        if "keywords" in values:
            values["keywords"] = json.dumps(list(values["keywords"]))
        if values:
            values.update(author=self._db.author, changed_at=now())
            assignments = ", ".join(f"{name} = ?" for name in values)
            with self._db.transaction():
                self._db.execute(
                    f"UPDATE theme SET {assignments} WHERE id = ?", (*values.values(), theme_id)
                )
        return self.get(theme_id)

    def reorder(self, theme_ids: Sequence[int]) -> None:
        with self._db.transaction():
            self._db.execute_many(
                "UPDATE theme SET position = ? WHERE id = ?",
                [(position, theme_id) for position, theme_id in enumerate(theme_ids)],
            )

    # ---- themes and their passages ------------------------------------------------------

    def counts(self) -> dict[int, int]:
        rows = self._db.query("SELECT theme_id, count(*) AS n FROM passage_theme GROUP BY theme_id")
        return {int(r["theme_id"]): int(r["n"]) for r in rows}

    def usage(self, theme_id: int) -> tuple[int, int]:
        """(passages with this theme, passages with only this theme)."""
        rows = self._db.query(
            "SELECT count(*) AS total, sum(CASE WHEN (SELECT count(*) FROM passage_theme o"
            " WHERE o.passage_id = pt.passage_id) = 1 THEN 1 ELSE 0 END) AS alone"
            " FROM passage_theme pt WHERE pt.theme_id = ?",
            (theme_id,),
        )
        return int(rows[0]["total"]), int(rows[0]["alone"] or 0)

    def delete(self, theme_id: int) -> RemovedTheme:
        """Passages with only this theme go too; others just lose it."""
        theme = self.get(theme_id)
        tagged = self._passages.all(theme_id=theme_id)
        alone = tuple(p for p in tagged if p.theme_ids == (theme_id,))
        shared = tuple(p.id for p in tagged if p.theme_ids != (theme_id,))
        with self._db.transaction():
            self._db.execute_many("DELETE FROM passage WHERE id = ?", [(p.id,) for p in alone])
            self._db.execute("DELETE FROM theme WHERE id = ?", (theme_id,))
        return RemovedTheme(theme, shared, alone)

    def merge(self, theme_id: int, into_id: int) -> RemovedTheme:
        if theme_id == into_id:
            raise InvalidInput("cannot merge a theme into itself")
        theme = self.get(theme_id)
        self.get(into_id)
        tagged = self._passages.all(theme_id=theme_id)
        newly = tuple(p.id for p in tagged if into_id not in p.theme_ids)
        with self._db.transaction():
            self._db.execute_many(
                "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)",
                [(pid, into_id) for pid in newly],
            )
            self._db.execute("DELETE FROM theme WHERE id = ?", (theme_id,))
        return RemovedTheme(theme, tuple(p.id for p in tagged), (), into_id, newly)

    def restore(self, removed: RemovedTheme) -> Theme:
        """Undo ``delete`` or ``merge``: the theme, its links and its passages back."""
        t = removed.theme
        with self._db.transaction():
            self.add(
                t.name,
                t.colour,
                t.description,
                t.keywords,
                position=t.order,
                theme_id=t.id,
                restoring=t,
            )
            for passage in removed.deleted_passages:
                self._passages.restore(passage)
            self._db.execute_many(
                "INSERT INTO passage_theme(passage_id, theme_id) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                [(pid, t.id) for pid in removed.linked_passages],
            )
            if removed.merged_into is not None:
                self._db.execute_many(
                    "DELETE FROM passage_theme WHERE passage_id = ? AND theme_id = ?",
                    [(pid, removed.merged_into) for pid in removed.newly_linked],
                )
        return self.get(t.id)


def _normalised(field: str, value: Any) -> Any:
    return tuple(value) if field == "keywords" else value


def _theme_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise InvalidInput("a theme needs a name")
    return name


def _theme(row: Row) -> Theme:
    return Theme(
        id=row["id"],
        name=row["name"],
        colour=row["colour"],
        description=row["description"],
        keywords=tuple(json.loads(row["keywords"] or "[]")),
        order=row["position"],
        author=row["author"],
        changed_at=row["changed_at"],
    )
