"""The project file's schema and its forward migrations.

``PRAGMA user_version`` holds the schema version. ``MIGRATIONS[n]`` takes a file from version n to
n + 1, so a new file runs them all and an old file runs the ones it lacks, each in the same
transaction as the version bump. Never edit a released migration: add a new one.

This is the SQLite engine's schema. Another engine keeps the same numbered steps, each making the
same tables with the same columns in its own DDL, so a project reads the same on either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# "BRFG": marks a SQLite file as a Briefing project, so a foreign SQLite file is refused.
APPLICATION_ID = 0x42524647

_V1 = """
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE source (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    marking TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    metadata TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE theme (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE passage (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" > start),
    text TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX passage_source ON passage(source_id, start);
CREATE TABLE passage_theme (
    passage_id INTEGER NOT NULL REFERENCES passage(id) ON DELETE CASCADE,
    theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
    PRIMARY KEY (passage_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX passage_theme_theme ON passage_theme(theme_id);
CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
"""

# Version 2: full-text search over sources. FTS5 when this SQLite has it; otherwise search
# falls back to scanning the source table, so the file stays the same version either way.
_V2_FTS = """
CREATE VIRTUAL TABLE source_fts USING fts5(
    text, content='source', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO source_fts(rowid, text) SELECT id, text FROM source;
CREATE TRIGGER source_fts_insert AFTER INSERT ON source BEGIN
    INSERT INTO source_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER source_fts_delete AFTER DELETE ON source BEGIN
    INSERT INTO source_fts(source_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


def has_fts5(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


# Version 3 (issue 16): each source's block spans (headings, list items, table rows...) as a
# JSON list beside its text, for display only; the text and every offset stay as they were.
# Organisation and URL need no column: they live in the metadata JSON under the importers' keys.
_V3_SOURCE_BLOCKS = "ALTER TABLE source ADD COLUMN blocks TEXT NOT NULL DEFAULT '[]'"


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    if has_fts5(conn):
        for statement in _split(_V2_FTS):
            conn.execute(statement)


def _add_source_blocks(conn: sqlite3.Connection) -> None:
    conn.execute(_V3_SOURCE_BLOCKS)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migrate_0_to_1,
    _migrate_1_to_2,
    _add_source_blocks,  # a step of its own: the lead renumbers parallel migrations at merge
]
SCHEMA_VERSION = len(MIGRATIONS)


def _split(script: str) -> list[str]:
    """Split a script into statements; ``executescript`` would commit our transaction."""
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


def migrate(conn: sqlite3.Connection, *, to_version: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``to_version``, one transaction per step. Returns the new version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    while version < to_version:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
    return version
