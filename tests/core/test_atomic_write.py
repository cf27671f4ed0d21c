"""The one safe-write helper: a temporary file beside the target, synced, then moved into place;
on failure the previous file is left byte for byte and no temporary file remains."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from briefing.core import backups
from briefing.core.backups import list_backups, make_backup, restore_copy
from briefing.core.errors import DamagedProject, InvalidInput, StorageError
from briefing.core.resources import default_themes
from briefing.core.safe_write import atomic_path
from briefing.core.store import Project


class Boom(RuntimeError):
    pass


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failing_block_keeps_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    path.write_bytes(b"previous")
    with pytest.raises(Boom), atomic_path(path) as tmp:
        assert tmp.parent == tmp_path and tmp != path
        tmp.write_bytes(b"half of the new")
        raise Boom("the writer failed")
    assert path.read_bytes() == b"previous"
    assert names(tmp_path) == ["out.bin"]


def test_success_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    path.write_bytes(b"previous")
    path.chmod(0o640)
    with atomic_path(path) as tmp:
        tmp.write_bytes(b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert names(tmp_path) == ["out.bin"]


def test_the_file_is_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("folder synced" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file synced")
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append("moved")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    with atomic_path(tmp_path / "out.bin") as tmp:
        tmp.write_bytes(b"new")
    assert events == ["file synced", "moved", "folder synced"]


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    path.write_bytes(b"precious")
    with pytest.raises(InvalidInput, match="already exists"), atomic_path(path, overwrite=False):
        pytest.fail("the block must not run")
    assert path.read_bytes() == b"precious"
    assert names(tmp_path) == ["p.briefing"]


@pytest.mark.parametrize("hard_links", [True, False])
def test_refuses_a_file_that_appeared_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:  # a file system without them (FAT, some network shares)

        def no_link(src: object, dst: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    path = tmp_path / "p.briefing"
    with (
        pytest.raises(InvalidInput, match="already exists"),
        atomic_path(path, overwrite=False) as tmp,
    ):
        tmp.write_bytes(b"mine")
        path.write_bytes(b"theirs")  # another program was quicker
    assert path.read_bytes() == b"theirs"
    assert names(tmp_path) == ["p.briefing"]
    fresh = tmp_path / "fresh.briefing"
    with atomic_path(fresh, overwrite=False) as tmp:
        tmp.write_bytes(b"mine")
    assert fresh.read_bytes() == b"mine"
    assert names(tmp_path) == ["fresh.briefing", "p.briefing"]


def test_new_file_gets_the_usual_mode_not_a_private_one(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "new.bin", overwrite=False) as tmp:
        tmp.write_bytes(b"x")
    assert stat.S_IMODE((tmp_path / "new.bin").stat().st_mode) & 0o044


def test_project_creation_refuses_a_file_that_appeared_while_it_was_built(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.briefing"

    def competitor(project: Project) -> None:
        project.add_source("S", "some text", "txt")
        path.write_bytes(b"another program's file")

    with pytest.raises(InvalidInput, match="already exists"):
        Project.create(path, default_themes(), competitor)
    assert path.read_bytes() == b"another program's file"
    assert names(tmp_path) == ["p.briefing"]


def test_a_failed_backup_leaves_the_earlier_ones_and_no_partial_file(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = make_backup(sample_path)
    before = earlier.read_bytes()

    def failing_copy(project: Path, target: Path) -> None:
        target.write_bytes(before[:1000])
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backups, "_copy_database", failing_copy)
    with pytest.raises(StorageError, match=r"could not back up .*disk I/O error"):
        make_backup(sample_path)
    assert [b.path for b in list_backups(sample_path)] == [earlier]
    assert names(earlier.parent) == [earlier.name]
    assert earlier.read_bytes() == before


def test_restoring_a_damaged_backup_leaves_nothing(sample_path: Path, tmp_path: Path) -> None:
    bad = make_backup(sample_path)
    bad.write_bytes(bad.read_bytes()[:3000])
    target = tmp_path / "restored.briefing"
    with pytest.raises(DamagedProject, match="truncated"):
        restore_copy(bad, target)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restored")]
