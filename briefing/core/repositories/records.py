"""Every record of a project as plain rows, and back: what ``briefing copy`` moves between a
file and a server, ids and authors included.

Columns are read as the project has them (``SELECT *``), so a column a later migration adds is
copied without a change here; a new table must be added to ``TABLES``. Columns an engine derives
for itself (PostgreSQL's search vector) are left out: the destination derives its own.
"""

from __future__ import annotations

from typing import Any

from briefing.core.database import Database

# In the order they can be written (a passage after its source and themes).
TABLES: dict[str, str] = {
    "project": "key",
    "source": "id",
    "theme": "id",
    "passage": "id",
    "passage_theme": "passage_id, theme_id",
    "note": "id",
}
WITH_IDS = ("source", "theme", "passage", "note")
DERIVED_COLUMNS = frozenset({"search"})

Records = dict[str, list[dict[str, Any]]]


class RecordsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def dump(self) -> Records:
        """Every row of every table, in key order."""
        records: Records = {}
        for table, order in TABLES.items():
            rows = self._db.query(f"SELECT * FROM {table} ORDER BY {order}")
            records[table] = [
                # keys(): a sqlite3.Row iterates over its values, not its names
                {k: row[k] for k in row.keys() if k not in DERIVED_COLUMNS}  # noqa: SIM118
                for row in rows
            ]
        return records

    def load(self, records: Records) -> None:
        """Write ``records`` into this (new) project as one action, keeping every id."""
        with self._db.transaction():
            for table in TABLES:
                rows = records.get(table, [])
                if not rows:
                    continue
                columns = list(rows[0])
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                sql = f"INSERT INTO {table}({names}) VALUES ({marks})"
                if table == "project":  # a new project already holds its creation time
                    sql += ' ON CONFLICT("key") DO UPDATE SET "value" = excluded."value"'
                self._db.execute_many(sql, [[row[c] for c in columns] for row in rows])
            for table in WITH_IDS:
                if records.get(table):
                    self._db.ids_restored(table)
