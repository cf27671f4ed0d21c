"""A project on a PostgreSQL server: many writers, conflicts, live notices, roles, failures.

Every test runs against the real throwaway cluster of tests/conftest.py (no mock database).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing.core.errors import (
    DuplicateSource,
    EditConflict,
    InvalidInput,
    NewerVersion,
    NotAProject,
    NoteConflict,
    ReadOnlyProject,
    StorageError,
)
from briefing.core.location import ServerAddress, strip_password
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.core.transfer import copy_project

TEXT = "Export controls on chips. Investment in computing. Sovereignty matters to allies."


@pytest.fixture
def url(server_url: str) -> str:
    def populate(project: Project) -> None:
        source = project.add_source("S", TEXT, "txt")
        project.add_passage(source.id, 0, 15, [project.themes()[0].id], "memo")
        project.add_note("Note", body="First draft")

    Project.create(server_url, default_themes(), populate).close()
    return server_url


def run_together(workers: list[threading.Thread]) -> None:
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert not worker.is_alive()


def test_concurrent_read_modify_write_actions_lose_no_update(url: str) -> None:
    """Eight writers each append to one theme's keywords, twenty times: every append is there
    (the store reruns an action that met another's transaction)."""
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            with Project.open(url) as project:
                theme_id = project.themes()[0].id
                for step in range(20):
                    marker = f"w{number}-{step}"
                    project.run_action(
                        lambda p, m=marker: p.update_theme(
                            theme_id, keywords=[*p.theme(theme_id).keywords, m]
                        )
                    )
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    run_together([threading.Thread(target=writer, args=(n,)) for n in range(8)])
    assert errors == []
    with Project.open(url) as project:
        keywords = project.themes()[0].keywords
    assert {f"w{n}-{s}" for n in range(8) for s in range(20)} <= set(keywords)


def test_concurrent_tagging_of_one_passage_keeps_every_theme(url: str) -> None:
    errors: list[BaseException] = []
    with Project.open(url) as project:
        theme_ids = [t.id for t in project.themes()]
        passage_id = project.passages()[0].id

    def tagger(theme_id: int) -> None:
        try:
            with Project.open(url) as project:
                project.run_action(
                    lambda p: p.set_passage_themes(
                        passage_id, [*p.passage(passage_id).theme_ids, theme_id]
                    )
                )
        except BaseException as exc:
            errors.append(exc)

    run_together([threading.Thread(target=tagger, args=(t,)) for t in theme_ids[1:]])
    assert errors == []
    with Project.open(url) as project:
        assert set(project.passage(passage_id).theme_ids) == set(theme_ids)


def test_the_same_text_imported_twice_at_once_is_one_source(url: str) -> None:
    outcomes: list[str] = []

    def importer() -> None:
        with Project.open(url) as project:
            try:
                project.add_source("Twice", "The very same text, imported at once.", "txt")
                outcomes.append("added")
            except DuplicateSource:
                outcomes.append("duplicate")

    run_together([threading.Thread(target=importer) for _ in range(4)])
    assert sorted(outcomes) == ["added", "duplicate", "duplicate", "duplicate"]


def test_a_note_saved_by_another_writer_is_never_overwritten_silently(url: str) -> None:
    with Project.open(url) as ann, Project.open(url) as bob:
        ann.set_author("Ann")
        bob.set_author("Bob")
        note = ann.notes()[0]
        loaded = bob.note(note.id)
        saved = ann.update_note(note.id, body="Ann's text", expected_version=note.version)
        assert saved.version == note.version + 1 and saved.author == "Ann"
        with pytest.raises(NoteConflict) as caught:
            bob.update_note(note.id, body="Bob's text", expected_version=loaded.version)
        assert caught.value.theirs.body == "Ann's text"
        assert "by Ann" in str(caught.value)
        assert bob.note(note.id).body == "Ann's text"  # nothing overwritten
        merged = "Ann's text\n\nBob's text"
        bob.update_note(note.id, body=merged, expected_version=caught.value.theirs.version)
        assert ann.note(note.id).body == merged
        assert ann.note(note.id).author == "Bob"


def test_a_step_whose_target_another_writer_changed_is_refused(url: str) -> None:
    with Project.open(url) as ann, Project.open(url) as bob:
        passage = ann.passages()[0]
        bob.set_author("Bob")
        bob.set_memo(passage.id, "Bob's memo")
        with pytest.raises(EditConflict, match="changed by Bob"):
            ann.set_memo(passage.id, "undone", expected=passage.memo)
        assert ann.passage(passage.id).memo == "Bob's memo"
        theme = ann.themes()[0]
        bob.update_theme(theme.id, name="Controls")
        with pytest.raises(EditConflict, match="meanwhile"):
            ann.update_theme(theme.id, expected={"name": theme.name}, name="Back")
        assert ann.theme(theme.id).name == "Controls"


def test_other_writers_changes_are_announced_and_ones_own_are_not(url: str) -> None:
    with Project.open(url) as ann, Project.open(url) as bob:
        feed = ann.open_change_feed()
        assert feed is not None
        try:
            ann.set_memo(ann.passages()[0].id, "mine")
            assert feed.wait(0.3) == frozenset()
            source = bob.source(1)
            bob.add_passage(source.id, 16, 26, [bob.themes()[1].id])
            assert {"passage", "passage_theme"} <= feed.wait(5)
        finally:
            feed.close()


def test_a_role_with_read_only_grants_opens_read_only(url: str, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    database = ServerAddress(url).database
    pg_cluster.admin("CREATE ROLE reader LOGIN")
    pg_cluster.admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", database)
    reader_url = pg_cluster.url(database, user="reader")
    with Project.open(reader_url) as project:
        assert project.readonly
        assert "your role reader may only read" in project.readonly_reason
        assert [s.title for s in project.sources()] == ["S"]
        with pytest.raises(ReadOnlyProject, match="reader may only read"):
            project.set_memo(1, "no")


def test_bad_urls_and_refused_connections_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not a valid server URL"):
        Project.open("postgresql://ann@db.example.org:99999/unit")
    with pytest.raises(InvalidInput, match="not a valid server URL"):
        Project.open("postgresql://ann@localhost/unit?nonsense=1")
    secret = "postgresql://ann:s3cret@127.0.0.1:1/unit?connect_timeout=3"
    with pytest.raises(StorageError, match="cannot connect to") as caught:
        Project.open(secret)
    message = str(caught.value)
    assert "\n" not in message and "s3cret" not in message
    assert "postgresql://ann@127.0.0.1:1/unit" in message


def test_sslmode_is_honoured(url: str, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    """libpq's own parameters pass through: a server without TLS is refused when the URL
    requires it, and accepted when the URL allows a plain connection."""
    plain = pg_cluster.tcp_url(ServerAddress(url).database)
    with pytest.raises(StorageError, match="SSL") as caught:
        Project.open(f"{plain}?sslmode=require")
    assert "\n" not in str(caught.value)
    with Project.open(f"{plain}?sslmode=disable", readonly=True) as project:
        assert [s.title for s in project.sources()] == ["S"]


def test_passwords_are_stripped_from_what_is_shown() -> None:
    assert strip_password("postgresql://ann:pw@h:5432/db?sslmode=require") == (
        "postgresql://ann@h:5432/db?sslmode=require"
    )
    assert strip_password("postgres://h/db?password=pw&sslmode=verify-full") == (
        "postgres://h/db?sslmode=verify-full"
    )
    address = ServerAddress("postgresql://ann:pw@h/db")
    assert str(address) == "postgresql://ann@h/db" and "pw" not in repr(address)
    assert address.name == "db"


def test_a_server_lost_mid_work_loses_nothing_committed(url: str, pg_cluster) -> None:  # type: ignore[no-untyped-def]
    with Project.open(url) as project:
        project.set_memo(1, "committed before the loss")
        database = ServerAddress(url).database
        pg_cluster.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        )
        with pytest.raises(StorageError) as caught:
            project.set_memo(1, "lost with the connection")
        assert "\n" not in str(caught.value)
        # The next action connects again and finds what was committed.
        assert project.passage(1).memo == "committed before the loss"
        project.set_memo(1, "after")
    with Project.open(url) as again:
        assert again.passage(1).memo == "after"


def test_a_database_without_a_project_or_from_a_newer_briefing_is_refused(
    server_url: str,
    pg_cluster,  # type: ignore[no-untyped-def]
) -> None:
    with pytest.raises(NotAProject, match="no Briefing project"):
        Project.open(server_url)
    Project.create(server_url).close()
    pg_cluster.admin("UPDATE briefing_schema SET version = 99", ServerAddress(server_url).database)
    with pytest.raises(NewerVersion, match="newer Briefing"):
        Project.open(server_url)


def test_creating_on_a_server_is_whole_or_nothing(server_url: str) -> None:
    def broken(project: Project) -> None:
        project.add_source("S", TEXT, "txt")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        Project.create(server_url, default_themes(), broken)
    with pytest.raises(NotAProject):
        Project.open(server_url)  # nothing was left behind
    Project.create(server_url, default_themes()).close()
    with pytest.raises(InvalidInput, match="already exists"):
        Project.create(server_url)


def test_files_never_load_the_server_driver(tmp_path: Path) -> None:
    code = (
        "import sys; from briefing.core.store import Project\n"
        "Project.create(sys.argv[1]).close(); Project.open(sys.argv[1]).close()\n"
        "print('psycopg' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "p.briefing")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_a_copied_project_goes_on_with_new_ids_above_the_copied_ones(
    tmp_path: Path, server_url: str
) -> None:
    old = tmp_path / "old.briefing"
    old.write_bytes((Path(__file__).parent / "fixtures" / "v1.briefing").read_bytes())
    copy_project(old, server_url)  # a file of an older version, read as it is
    with Project.open(server_url) as project:
        assert project.passage(1).text == "Export controls reach allies"
        source = project.add_source("New", "A new source after the copy.", "txt")
        theme = project.add_theme("New theme", "#123456")
        passage = project.add_passage(source.id, 0, 5, [theme.id])
        note = project.add_note("New note")
        assert source.id > 1 and passage.id > 1 and note.id > 1
        assert theme.id > max(t.id for t in project.themes() if t.name != "New theme")
