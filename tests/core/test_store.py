"""The project: round trip, transactions, migrations, refusals, one writer.

Tests taking ``project`` or ``new_location`` run on both engines (tests/core/conftest.py): a file
and a server; the rest are about files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.errors import (
    DuplicateSource,
    InvalidInput,
    NewerVersion,
    NotAProject,
    ProjectLocked,
    ReadOnlyProject,
)
from briefing.core.model import NewPassage, NoteMetadata
from briefing.core.resources import default_themes
from briefing.core.schema import SCHEMA_VERSION
from briefing.core.store import Project

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_of_every_kind_of_record(new_location) -> None:  # type: ignore[no-untyped-def]
    path = new_location()
    text = "Intro 😀 then 𠀀 export controls.\nSecond line."
    with Project.create(path, default_themes()) as project:
        source = project.add_source(
            "A title",
            text,
            "txt",
            origin="/x.txt",
            author="Ann",
            published="2026-01-02",
            metadata={"pages": [0, 10]},
        )
        themes = project.themes()
        start = text.index("export")
        passage = project.add_passage(
            source.id, start, start + 15, [themes[0].id, themes[1].id], "a memo"
        )
        meta = NoteMetadata(marking="SECRET", to="Minister", sender="Me", page_limit=3)
        note = project.add_note("Note", "decision", "Body [@p1]", meta)
    with Project.open(path) as project:
        assert [t.name for t in project.themes()][:3] == [
            "Export controls",
            "Sovereignty",
            "Investment",
        ]
        again = project.source(source.id)
        assert (again.title, again.author, again.published) == ("A title", "Ann", "2026-01-02")
        assert again.metadata == {"pages": [0, 10]}
        assert project.source_text(source.id) == text
        stored = project.passage(passage.id)
        assert stored.text == "export controls" == text[stored.start : stored.end]
        assert stored.theme_ids == (themes[0].id, themes[1].id)
        assert stored.memo == "a memo"
        assert project.note(note.id).metadata == meta
        assert project.note(note.id).body == "Body [@p1]"


def test_a_failed_action_writes_nothing(project: Project) -> None:
    source = project.add_source("S", "some text here", "txt")
    theme = project.themes()[0]
    with pytest.raises(RuntimeError), project.transaction():
        project.add_passage(source.id, 0, 4, [theme.id])
        project.add_passage(source.id, 5, 9, [theme.id])
        raise RuntimeError("crash in the middle of the action")
    assert project.passages() == []


def test_passage_outside_the_text_or_without_theme_is_refused(project: Project) -> None:
    source = project.add_source("S", "short", "txt")
    theme = project.themes()[0]
    with pytest.raises(InvalidInput, match="outside"):
        project.add_passage(source.id, 2, 99, [theme.id])
    with pytest.raises(InvalidInput, match="theme"):
        project.add_passage(source.id, 0, 2, [])
    assert project.passages() == []


def test_same_text_twice_is_reported_not_duplicated(project: Project) -> None:
    first = project.add_source("One", "identical text", "txt")
    with pytest.raises(DuplicateSource) as caught:
        project.add_source("Two", "identical text", "md")
    assert caught.value.existing.id == first.id
    assert len(project.sources()) == 1


def test_theme_names_are_unique_whatever_the_case(project: Project) -> None:
    with pytest.raises(InvalidInput, match="already exists"):
        project.add_theme("export CONTROLS", "#000000")


def test_delete_theme_removes_only_passages_left_without_a_theme(project: Project) -> None:
    source = project.add_source("S", "alpha beta gamma delta", "txt")
    a, b = project.themes()[:2]
    only_a = project.add_passage(source.id, 0, 5, [a.id])
    both = project.add_passage(source.id, 6, 10, [a.id, b.id])
    assert project.theme_usage(a.id) == (2, 1)
    removed = project.delete_theme(a.id)
    assert [p.id for p in project.passages()] == [both.id]
    assert project.passage(both.id).theme_ids == (b.id,)
    project.restore_theme(removed)
    assert project.passage(only_a.id).theme_ids == (a.id,)
    assert project.passage(both.id).theme_ids == (a.id, b.id)


def test_merge_and_undo_merge(project: Project) -> None:
    source = project.add_source("S", "alpha beta gamma delta", "txt")
    a, b = project.themes()[:2]
    p1 = project.add_passage(source.id, 0, 5, [a.id])
    p2 = project.add_passage(source.id, 6, 10, [a.id, b.id])
    removed = project.merge_themes(a.id, b.id)
    assert project.passage(p1.id).theme_ids == (b.id,)
    assert project.passage(p2.id).theme_ids == (b.id,)
    project.restore_theme(removed)
    assert project.passage(p1.id).theme_ids == (a.id,)
    assert project.passage(p2.id).theme_ids == (a.id, b.id)


def test_migration_from_version_1_fixture(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    shutil.copy(FIXTURES / "v1.briefing", path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Project.open(path) as project:
        assert project.note(1).body == "Body [@p1]"
        assert project.passage(1).text == "Export controls reach allies"
        assert project.passage(1).author == ""  # made before authors were recorded
        assert project.note(1).version == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    columns = {r[1] for r in conn.execute("PRAGMA table_info(source)")}
    assert "blocks" in columns  # version 5: the sources' block spans
    assert conn.execute("SELECT blocks FROM source").fetchall() == [("[]",)]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "source_fts" in tables
    hits = conn.execute("SELECT rowid FROM source_fts WHERE source_fts MATCH 'sovereignty'")
    assert [r[0] for r in hits] == [1]  # the migration indexed the existing source


def test_an_old_file_opened_read_only_is_read_whole_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    shutil.copy(FIXTURES / "v1.briefing", path)
    before = digest(path)
    with Project.open(path, readonly=True) as project:
        assert project.passage(1).text == "Export controls reach allies"
        assert project.note(1).version == 1
        assert [h.match for h in project.search("sovereignty")] == ["Sovereignty"]
        with pytest.raises(ReadOnlyProject):
            project.set_memo(1, "no")
    assert digest(path) == before


def _refusal(path: Path, error: type[Exception], match: str) -> None:
    before = digest(path)
    with pytest.raises(error, match=match) as caught:
        Project.open(path)
    assert "\n" not in str(caught.value)
    assert digest(path) == before
    assert not path.with_name(path.name + ".lock").exists()


def test_truncated_file_is_refused_untouched(sample_path: Path) -> None:
    data = sample_path.read_bytes()
    sample_path.write_bytes(data[: len(data) // 2 + 100])
    _refusal(sample_path, NotAProject, "truncated")


def test_png_renamed_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "picture.briefing"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    _refusal(path, NotAProject, "not a Briefing project")


def test_newer_version_is_refused_untouched(sample_path: Path) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _refusal(sample_path, NewerVersion, "newer Briefing")


def test_foreign_sqlite_and_empty_files_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "other.briefing"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    _refusal(foreign, NotAProject, "another program")
    empty = tmp_path / "empty.briefing"
    empty.write_bytes(b"")
    _refusal(empty, NotAProject, "empty")


def test_second_writer_is_refused_and_may_read(sample_path: Path) -> None:
    with Project.open(sample_path):
        with pytest.raises(ProjectLocked, match="another Briefing window"):
            Project.open(sample_path)
        with Project.open(sample_path, readonly=True) as reader:
            assert len(reader.passages()) == 8
            with pytest.raises(ReadOnlyProject):
                reader.set_memo(1, "no")
    with Project.open(sample_path) as again:  # the lock went with the first writer
        assert again.passage(1).memo


def test_second_writer_in_another_process_is_refused(sample_path: Path) -> None:
    code = (
        "import sys; from briefing.core.store import Project\n"
        "try:\n    Project.open(sys.argv[1])\nexcept Exception as e:\n    print(type(e).__name__)"
    )
    with Project.open(sample_path):
        out = subprocess.run(
            [sys.executable, "-c", code, str(sample_path)], capture_output=True, text=True
        )
    assert out.stdout.strip() == "ProjectLocked"


def test_lock_of_a_killed_process_is_taken_over(sample_path: Path) -> None:
    code = (
        "import sys, time; from briefing.core.store import Project\n"
        "p = Project.open(sys.argv[1]); print('open', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(sample_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "open"
    with pytest.raises(ProjectLocked):
        Project.open(sample_path)
    child.kill()
    child.wait()
    assert sample_path.with_name(sample_path.name + ".lock").exists()  # left behind
    with Project.open(sample_path) as project:
        assert len(project.passages()) == 8


def test_create_never_overwrites_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    path.write_text("precious")
    with pytest.raises(InvalidInput, match="already exists"):
        Project.create(path)
    assert path.read_text() == "precious"

    def broken(project: Project) -> None:
        project.add_source("S", "text", "txt")
        raise RuntimeError("disk gone")

    target = tmp_path / "new.briefing"
    with pytest.raises(RuntimeError):
        Project.create(target, default_themes(), broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.briefing"]


def test_closed_project_is_one_file(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    with Project.create(path, default_themes()) as project:
        project.add_source("S", "text", "txt")
    assert [p.name for p in tmp_path.iterdir()] == ["p.briefing"]


def test_who_did_what_is_recorded(project: Project) -> None:
    project.set_author("Ann Analyst")
    source = project.add_source("S", "alpha beta gamma delta", "txt")
    theme = project.add_theme("Trade", "#123456")
    passage = project.add_passage(source.id, 0, 5, [theme.id], "first memo")
    assert (passage.author, passage.memo_author) == ("Ann Analyst", "Ann Analyst")
    assert passage.memo_at == passage.created_at and passage.created_at
    note = project.add_note("Note", body="draft")
    project.set_author("Bob")
    edited = project.set_memo(passage.id, "second memo")
    assert (edited.author, edited.memo_author) == ("Ann Analyst", "Bob")
    assert project.update_theme(theme.id, colour="#654321").author == "Bob"
    saved = project.update_note(note.id, body="edited")
    assert (saved.author, saved.version) == ("Bob", note.version + 1)
    restored = project.restore_passage(project.delete_passage(passage.id))
    assert (restored.author, restored.memo_author) == ("Ann Analyst", "Bob")
    project.set_author("  ")  # blank: the operating system's user again
    assert project.author and project.author != "Bob"


def test_who_made_a_record_elsewhere_is_kept_when_it_comes_in(project: Project) -> None:
    """A file from another tool says who tagged a passage, wrote its memo or a note, and when:
    one passage at a time or many at once, as given ("" for nobody known)."""
    project.set_author("Importer")
    source = project.add_source("S", "alpha beta gamma delta epsilon", "txt")
    theme = project.themes()[0].id
    one = project.add_passage(
        source.id, 0, 5, [theme], "her memo", author="Ana",
        created_at="2019-06-07T03:40:00+00:00", memo_author="Bob",
        memo_at="2019-06-08T10:00:00+00:00",
    )  # fmt: skip
    assert (one.author, one.created_at) == ("Ana", "2019-06-07T03:40:00+00:00")
    assert (one.memo_author, one.memo_at) == ("Bob", "2019-06-08T10:00:00+00:00")
    many = project.add_passages([
        NewPassage(source.id, 6, 10, (theme,), "memo", author="Chen",
                   created_at="2020-01-02T03:04:05+00:00"),
        NewPassage(source.id, 11, 16, (theme,), author=""),
        (source.id, 17, 22, [theme]),
    ])  # fmt: skip
    assert [p.text for p in many] == ["beta", "gamma", "delta"]  # in the order given
    assert [(p.author, p.memo_author, p.memo_at) for p in many] == [
        ("Chen", "Chen", "2020-01-02T03:04:05+00:00"),  # the memo's: the passage's
        ("", "", ""),  # nobody known, no memo
        ("Importer", "", ""),  # as tagged here
    ]
    assert many[0].created_at == "2020-01-02T03:04:05+00:00" and many[2].created_at
    assert project.passages() == [one, *many]  # stored as returned
    restored = project.restore_passage(project.delete_passage(one.id))
    assert restored == one
    note = project.add_note("Journal", body="entry", author="Dee", updated_at=one.created_at)
    assert (note.author, note.updated_at) == ("Dee", one.created_at)
    assert project.add_note("Mine").author == "Importer"


def test_a_bad_passage_among_many_adds_none_of_them(project: Project) -> None:
    source = project.add_source("S", "short text", "txt")
    theme = project.themes()[0].id
    with pytest.raises(InvalidInput, match="passage 6-99 is outside source"):
        project.add_passages(
            [NewPassage(source.id, 0, 5, (theme,)), NewPassage(source.id, 6, 99, (theme,))]
        )
    with pytest.raises(InvalidInput, match="at least one theme"):
        project.add_passages([NewPassage(source.id, 0, 5, ())])
    assert project.passages() == []
    assert project.add_passages([]) == []
