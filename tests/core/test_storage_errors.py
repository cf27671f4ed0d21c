"""A database failing under an action: Briefing's own one-line error, and the project as it was.

Failures are real where SQLite can make them (a size limit gives a genuine "database or disk is
full"), injected through the backend seam where it cannot (I/O errors at commit).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from briefing.core.errors import StorageError
from briefing.core.resources import default_themes
from briefing.core.sqlite_backend import SQLITE, SQLiteBackend
from briefing.core.store import Project
from briefing.core.suggest import accept, suggest_all

TEXT = "Export controls on chips. Investment in computing. Sovereignty matters to allies."


def state(project: Project) -> tuple[object, ...]:
    return (project.sources(), project.themes(), project.passages(), project.notes())


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.briefing"

    def populate(project: Project) -> None:
        source = project.add_source("S", TEXT, "txt")
        project.add_passage(source.id, 0, 15, [project.themes()[0].id], "memo")
        project.add_note("Note", body="Body [@p1]")

    Project.create(path, default_themes(), populate).close()
    return path


@pytest.fixture
def backend(path: Path) -> SQLiteBackend:
    return SQLITE.open(path, readonly=False)


def test_a_full_disk_is_a_storage_error_and_the_project_stays_as_it_was(
    backend: SQLiteBackend, path: Path
) -> None:
    pages = backend.query("PRAGMA page_count")[0][0]
    backend.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    with Project(backend) as project:
        before = state(project)
        with pytest.raises(StorageError) as caught:
            project.add_source("Big", "lorem ipsum " * 50_000, "txt")
        assert str(caught.value) == "could not save: database or disk is full"
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert state(project) == before
        project.set_memo(1, "still works")  # no transaction left open by the failure
    with Project.open(path) as again:
        assert [s.title for s in again.sources()] == ["S"]
        assert again.passage(1).memo == "still works"


def test_a_failure_mid_action_undoes_the_whole_action(
    backend: SQLiteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(sql: str, rows: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with Project(backend) as project:
        a, b = project.themes()[:2]
        # The old links are deleted first, then the new ones fail to be written.
        monkeypatch.setattr(backend, "execute_many", full)
        with pytest.raises(StorageError, match=r"^could not save: database or disk is full$"):
            project.set_passage_themes(1, [a.id, b.id])
        monkeypatch.undo()
        assert project.passage(1).theme_ids == (a.id,)


def test_a_failure_inside_a_larger_action_undoes_all_of_it(
    backend: SQLiteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project(backend) as project:
        before = state(project)
        suggestions = suggest_all(project)
        assert len({s.start for s in suggestions}) > 1
        real = backend.insert
        inserted: list[str] = []

        def fail_second_passage(sql: str, params: object = ()) -> int:
            inserted.append(sql)
            if len(inserted) == 2:
                raise sqlite3.OperationalError("disk I/O error")
            return real(sql, params)  # type: ignore[arg-type]

        monkeypatch.setattr(backend, "insert", fail_second_passage)
        with pytest.raises(StorageError, match="disk I/O error"):
            accept(project, suggestions)
        monkeypatch.undo()
        assert state(project) == before


def test_a_failed_commit_is_reported_and_rolled_back(
    backend: SQLiteBackend, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    def broken_commit() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with Project(backend) as project:
        monkeypatch.setattr(backend, "commit", broken_commit)
        with pytest.raises(StorageError, match=r"^could not save: disk I/O error$"):
            project.set_memo(1, "lost")
        monkeypatch.undo()
        assert project.passage(1).memo == "memo"
        assert project.set_memo(1, "kept").memo == "kept"
    with Project.open(path, readonly=True) as again:
        assert again.passage(1).memo == "kept"


def test_a_failed_read_is_a_storage_error(
    backend: SQLiteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    def malformed(sql: str, params: object = ()) -> list[object]:
        raise sqlite3.DatabaseError("database disk image is malformed")

    with Project(backend) as project:
        monkeypatch.setattr(backend, "query", malformed)
        with pytest.raises(StorageError) as caught:
            project.passages()
        assert str(caught.value) == "could not read the project: database disk image is malformed"


def test_a_constraint_the_store_did_not_expect_is_a_storage_error(path: Path) -> None:
    with Project.open(path) as project:
        passage = project.passage(1)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(StorageError, match="UNIQUE constraint failed"):
            project.restore_passage(passage)  # its id is taken: it was never deleted
        assert project.passages() == [passage]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_search_failing_underneath_is_a_storage_error(
    backend: SQLiteBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(terms: object, limit: int) -> list[int]:
        raise sqlite3.OperationalError("disk I/O error")

    with Project(backend) as project:
        monkeypatch.setattr(backend, "matching_sources", lost)
        with pytest.raises(StorageError, match="disk I/O error"):
            project.search("chips")


def test_a_closed_project_says_so(path: Path) -> None:
    project = Project.open(path)
    project.close()
    project.close()  # twice is harmless
    with pytest.raises(StorageError, match=r"^p\.briefing is closed$"):
        project.sources()
