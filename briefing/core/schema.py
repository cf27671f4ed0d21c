"""The project's schema and its forward migrations, one list for every engine.

``MIGRATIONS[n]`` takes a project from version n to n + 1, so a new project runs them all and an
old one runs the ones it lacks, each in the same transaction as the version bump. Never edit a
released migration: add a new one.

The steps are written once, for both engines. Each is given a ``SchemaConnection``: ``execute``
runs a statement, and the few things an engine spells its own way come from it: the words of
``DDL`` (``{id}`` is ``INTEGER PRIMARY KEY`` in SQLite and an identity column on PostgreSQL),
the search index (FTS5 here, a ``tsvector`` column with a GIN index there) and the live-update
notices (PostgreSQL's ``NOTIFY``; nothing for a file, which has one writer). Where the version
is kept is the engine's business too: ``PRAGMA user_version`` in a file (``migrate`` below),
a one-row table on a server (``briefing.core.postgres_backend``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Protocol

# "BRFG": marks a SQLite file as a Briefing project, so a foreign SQLite file is refused.
APPLICATION_ID = 0x42524647


class SchemaConnection(Protocol):
    """What a migration step may use: one engine's connection, inside the step's transaction."""

    @property
    def words(self) -> Mapping[str, str]:
        """The engine's spelling of the ``{name}`` words in the steps' DDL."""
        ...

    def execute(self, sql: str) -> object: ...

    def create_search_index(self) -> None:
        """Full-text search over ``source.text``, filled for the sources already there."""
        ...

    def create_change_notices(self) -> None:
        """Tell other connections after each commit which tables changed (if it can)."""
        ...


# The words of SQLite's own DDL: a file made now has byte for byte the schema of one made before
# the steps were shared.
SQLITE_WORDS: Mapping[str, str] = {
    "id": "INTEGER PRIMARY KEY",
    "nocase": " COLLATE NOCASE",
    "without_rowid": " WITHOUT ROWID",
}

_V1 = """
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE source (
    id {id},
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    marking TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    metadata TEXT NOT NULL DEFAULT '{{}}'
);
CREATE TABLE theme (
    id {id},
    name TEXT NOT NULL UNIQUE{nocase},
    colour TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE passage (
    id {id},
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
){without_rowid};
CREATE INDEX passage_theme_theme ON passage_theme(theme_id);
CREATE TABLE note (
    id {id},
    title TEXT NOT NULL,
    template TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{{}}',
    position INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
"""

# Who did what (issue 18): the author and time of passages, memos, theme edits and note edits,
# and the note's version, which a second writer's save is checked against.
_AUTHORS = """
ALTER TABLE passage ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE passage ADD COLUMN memo_author TEXT NOT NULL DEFAULT '';
ALTER TABLE passage ADD COLUMN memo_at TEXT NOT NULL DEFAULT '';
ALTER TABLE theme ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE theme ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE note ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE note ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX passage_author ON passage(author);
"""


# Each source's block spans (issue 16: headings, list items, table rows...) as a JSON list beside
# its text, for display only; the text and every offset stay as they were. Organisation and URL
# need no column: they live in the metadata JSON under the importers' keys.
_SOURCE_BLOCKS = "ALTER TABLE source ADD COLUMN blocks TEXT NOT NULL DEFAULT '[]';"


def run_ddl(conn: SchemaConnection, script: str) -> None:
    """Run a script of the steps' DDL, with the engine's words, one statement at a time
    (``executescript`` would commit the step's transaction)."""
    for statement in split_statements(script.format_map(conn.words)):
        conn.execute(statement)


def _migrate_0_to_1(conn: SchemaConnection) -> None:
    run_ddl(conn, _V1)
    extra = conn.words.get("after_v1", "")
    if extra:
        run_ddl(conn, extra)


def _migrate_1_to_2(conn: SchemaConnection) -> None:
    conn.create_search_index()


def _migrate_authors(conn: SchemaConnection) -> None:
    run_ddl(conn, _AUTHORS)


def _migrate_change_notices(conn: SchemaConnection) -> None:
    conn.create_change_notices()


def _migrate_source_blocks(conn: SchemaConnection) -> None:
    run_ddl(conn, _SOURCE_BLOCKS)


MIGRATIONS: list[Callable[[SchemaConnection], None]] = [
    _migrate_0_to_1,
    _migrate_1_to_2,
    _migrate_authors,  # issue 18; the lead renumbers steps merged from elsewhere
    _migrate_change_notices,  # issue 18
    _migrate_source_blocks,  # issue 16
]
SCHEMA_VERSION = len(MIGRATIONS)


def split_statements(script: str) -> list[str]:
    """Split a script into statements (no statement of ours holds a ``;`` in a string)."""
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():  # a statement without its ";" would otherwise vanish without a word
        raise ValueError(f"an unfinished statement in the schema: {buffer.strip()[:60]}")
    return statements


# ---- SQLite ---------------------------------------------------------------------------------

# Full-text search over sources: FTS5 when this SQLite has it; otherwise search falls back to
# scanning the source table, so the file stays the same version either way.
_SQLITE_FTS = """
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


class SQLiteSchema:
    """A project file's connection as the migration steps see it."""

    words = SQLITE_WORDS

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str) -> object:
        return self._conn.execute(sql)

    def create_search_index(self) -> None:
        if has_fts5(self._conn):
            for statement in split_statements(_SQLITE_FTS):
                self._conn.execute(statement)

    def create_change_notices(self) -> None:
        """A file has one writer: nobody else to tell."""


def migrate(conn: sqlite3.Connection, *, to_version: int = SCHEMA_VERSION) -> int:
    """Bring the file up to ``to_version``, one transaction per step. Returns the new version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    schema = SQLiteSchema(conn)
    while version < to_version:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](schema)
            if version == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
    return version
