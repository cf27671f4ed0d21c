"""The backend seam: the repositories speak portable SQL and leave engine-specific work to the
``Backend``, so a second engine (PostgreSQL) can plug in without touching them."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from briefing.core.backend import Backend, Row
from briefing.core.errors import InvalidInput
from briefing.core.matching import MatchOptions
from briefing.core.model import NoteMetadata
from briefing.core.resources import default_themes
from briefing.core.schema import APPLICATION_ID, SCHEMA_VERSION
from briefing.core.sqlite_backend import SQLITE
from briefing.core.store import Project

# SQLite's own syntax, which another engine would not understand.
SQLITE_ONLY = re.compile(
    r"INSERT\s+OR\b|REPLACE\s+INTO|COLLATE|NOCASE|group_concat|sqlite_|PRAGMA|\binstr\(|"
    r"\bMATCH\b|bm25|rowid|\bGLOB\b|\bifnull\(|!=|\$\d|:[a-z]\w*|%s",
    re.IGNORECASE,
)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


class RecordingBackend:
    """Passes everything to the SQLite backend and notes what the repositories asked for."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.statements: list[tuple[str, bool]] = []  # (sql, inside a transaction)
        self.fragments: set[str] = set()  # SQL this backend itself supplied
        self.searched: list[Sequence[str]] = []
        self.restored: list[str] = []  # tables told that rows came back with their ids
        self.in_transaction = False

    @property
    def path(self) -> Path:
        return self.inner.path

    @property
    def location(self) -> Any:
        return self.inner.location

    @property
    def readonly(self) -> bool:
        return self.inner.readonly

    @property
    def readonly_reason(self) -> str:
        return self.inner.readonly_reason

    def is_conflict(self, exc: Exception) -> bool:
        return self.inner.is_conflict(exc)

    def ids_restored(self, table: str) -> None:
        self.restored.append(table)
        self.inner.ids_restored(table)

    def open_change_feed(self) -> None:
        return None

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        return self.inner.errors

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self.statements.append((sql, self.in_transaction))
        return self.inner.query(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.statements.append((sql, self.in_transaction))
        self.inner.execute(sql, params)

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.statements.append((sql, self.in_transaction))
        self.inner.execute_many(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        self.statements.append((sql, self.in_transaction))
        return self.inner.insert(sql, params)

    def begin(self, *, queued: bool = False) -> None:
        self.inner.begin(queued=queued)
        self.in_transaction = True

    def commit(self) -> None:
        self.inner.commit()
        self.in_transaction = False

    def rollback(self) -> None:
        self.inner.rollback()
        self.in_transaction = False

    def close(self) -> None:
        self.inner.close()

    def id_list(self, column: str) -> str:
        fragment = self.inner.id_list(column)
        self.fragments.add(fragment)
        return fragment

    def has_search_index(self) -> bool:
        return self.inner.has_search_index()

    def matching_sources(self, terms: Sequence[str], limit: int) -> list[int]:
        self.searched.append(terms)
        return self.inner.matching_sources(terms, limit)


def every_action(project: Project) -> None:
    """Each of the facade's operations, once."""
    text = "Export controls on chips. Investment in Europe. Sovereignty and allies."
    source = project.add_source("S", text, "txt", author="Ann")
    project.update_source(source.id, title="Renamed", marking="OFFICIAL")
    project.sources()
    project.source_text(source.id)
    a, b, c = (t.id for t in project.themes()[:3])
    extra = project.add_theme("Extra", "#123456", "d", ["kw"])
    project.update_theme(extra.id, name="Extra two", keywords=["k"])
    project.theme_by_name("EXTRA TWO")
    project.reorder_themes([extra.id, a, b, c])
    first = project.add_passage(source.id, 0, 15, [a, b], "memo")
    project.add_passages([(source.id, 26, 36, [b]), (source.id, 48, 59, [c, extra.id])])
    project.set_passage_themes(first.id, [a])
    project.set_memo(first.id, "changed")
    project.restore_passage(project.delete_passage(first.id))
    project.delete_passages([p.id for p in project.passages(source_id=source.id)][:1])
    project.passages(theme_id=b)
    project.theme_counts()
    project.theme_usage(b)
    project.restore_theme(project.merge_themes(c, b))
    project.restore_theme(project.delete_theme(extra.id))
    note = project.add_note("Note", "decision", "Body", NoteMetadata(to="Minister"))
    project.update_note(note.id, title="Title", body="Body [@p2]")
    project.notes()
    project.bundle(note.id)
    project.delete_note(note.id)
    project.search('"export contr*"')
    project.search("port", options=MatchOptions(whole_words=False))  # no index: a scan
    project.has_search_index()
    project.info("created_at")


def test_the_repositories_speak_portable_sql_through_the_seam(new_location) -> None:  # type: ignore[no-untyped-def]
    """On both engines: the same portable statements, every write inside a transaction."""
    location = new_location()
    Project.create(location, default_themes()).close()
    if isinstance(location, Path):
        inner: Backend = SQLITE.open(location, readonly=False)
    else:
        from briefing.core.location import ServerAddress
        from briefing.core.postgres_backend import POSTGRES

        inner = POSTGRES.open(ServerAddress(location), readonly=False)
    recorder = RecordingBackend(inner)
    with Project(recorder) as project:
        every_action(project)
        assert [(p.start, p.end) for p in project.passages()] == [(26, 36), (48, 59)]
        assert [t.name for t in project.themes()][:2] == ["Extra two", "Export controls"]
    assert len(recorder.statements) > 50
    for sql, _ in recorder.statements:
        portable = sql
        for fragment in recorder.fragments:
            portable = portable.replace(fragment, "")
        assert not SQLITE_ONLY.search(portable), sql
    writes = [sql for sql, inside in recorder.statements if WRITE.match(sql)]
    assert writes and all(inside for sql, inside in recorder.statements if WRITE.match(sql))
    assert recorder.searched == [["export contr*"]]


def test_the_sqlite_engine_builds_a_whole_project_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.briefing"
    with pytest.raises(RuntimeError), SQLITE.creating(path) as backend:
        assert backend.path.parent == tmp_path and backend.path != path
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []
    with SQLITE.creating(path) as backend:
        backend.begin()
        backend.execute("INSERT INTO project(key, value) VALUES (?, ?)", ("k", "v"))
        backend.commit()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT value FROM project").fetchall() == [("v",)]
    conn.close()
    with pytest.raises(InvalidInput, match="already exists"), SQLITE.creating(path):
        pytest.fail("an existing project must never be rebuilt")
    assert [p.name for p in tmp_path.iterdir()] == ["new.briefing"]


def test_a_new_project_has_the_schema_of_a_migrated_old_one(tmp_path: Path) -> None:
    """Same tables, indexes, triggers and version whether a file was made now or migrated."""
    old = tmp_path / "old.briefing"
    old.write_bytes((Path(__file__).parent / "fixtures" / "v1.briefing").read_bytes())
    Project.open(old).close()
    Project.create(tmp_path / "new.briefing").close()

    def schema(path: Path) -> tuple[object, ...]:
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            return (rows.fetchall(), version)
        finally:
            conn.close()

    assert schema(tmp_path / "new.briefing") == schema(old)
