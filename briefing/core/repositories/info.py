"""The project's own key/value facts (when it was created, ...)."""

from __future__ import annotations

from briefing.core.database import Database


class InfoRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: str = "") -> str:
        rows = self._db.query("SELECT value FROM project WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else default

    def set(self, key: str, value: str) -> None:
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO project(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
