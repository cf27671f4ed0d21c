"""Backups: consistent copies, the newest ten kept, restored as copies, damaged ones skipped."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing.core.backups import (
    KEPT,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_copy,
)
from briefing.core.errors import InvalidInput
from briefing.core.store import Project


def test_a_backup_is_a_whole_project(sample_path: Path, tmp_path: Path) -> None:
    backup = make_backup(sample_path)
    assert backup.parent.parent.name == "backups"
    with Project.open(restore_copy(backup, tmp_path / "copy.briefing")) as copy:
        assert len(copy.passages()) == 8 and copy.notes()[0].body.startswith("## Summary")


def test_only_the_newest_ten_are_kept(sample_path: Path) -> None:
    made = [make_backup(sample_path) for _ in range(KEPT + 3)]
    kept = [b.path for b in list_backups(sample_path)]
    assert kept == list(reversed(made))[:KEPT]


def test_backup_while_another_connection_writes_is_consistent(sample_path: Path) -> None:
    with Project.open(sample_path) as project:
        source = project.sources()[0].id
        theme = project.themes()[0].id
        started = threading.Event()

        def write() -> None:
            with project.transaction():
                started.set()
                for start in range(0, 400, 4):
                    project.add_passage(source, start, start + 3, [theme])

        writer = threading.Thread(target=write)
        writer.start()
        started.wait(5)
        backup = make_backup(sample_path)
        writer.join()
    count = sqlite3.connect(backup).execute("SELECT count(*) FROM passage").fetchone()[0]
    assert count in (8, 108)  # before the action or after it, never between
    assert sqlite3.connect(backup).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damaged_backups_are_skipped_and_copies_never_overwrite(
    sample_path: Path, tmp_path: Path
) -> None:
    good = make_backup(sample_path)
    bad = make_backup(sample_path)
    bad.write_bytes(bad.read_bytes()[:3000])
    assert newest_good_backup(sample_path).path == good
    target = tmp_path / "exists.briefing"
    target.write_text("mine")
    with pytest.raises(InvalidInput, match="already exists"):
        restore_copy(good, target)
    assert target.read_text() == "mine"


def test_the_backup_leaves_the_project_untouched(sample_path: Path) -> None:
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    make_backup(sample_path)
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before
