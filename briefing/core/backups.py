"""Backups: a consistent copy of a project each time it is opened for writing.

Copies go to the user's data folder (not beside the project, which may be a shared drive), the
last ten per project. They are made with SQLite's backup API, which copies a consistent state
even while another connection writes, into a temporary name that is renamed when complete.
A backup is restored as a new file, never over the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing.core.errors import BriefingError, InvalidInput
from briefing.core.paths import data_dir
from briefing.core.projectfile import check_project_file

logger = logging.getLogger(__name__)

KEPT = 10
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    size: int

    @property
    def label(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S} ({self.size / 1024:,.0f} KB)"


def backup_folder(project: Path) -> Path:
    """One folder per project file (by its full path: two projects may share a name)."""
    resolved = str(Path(project).resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return data_dir() / "backups" / f"{Path(project).stem}-{digest}"


def make_backup(project: Path) -> Path:
    """Copy the project now; keep the newest ``KEPT``. Returns the new backup's path."""
    folder = backup_folder(project)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime(_STAMP)
    final = folder / f"{stamp}.briefing"
    partial = folder / f".{stamp}.partial"
    source = sqlite3.connect(f"{Path(project).resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        os.replace(partial, final)
    finally:
        source.close()
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    _prune(folder)
    return final


def _prune(folder: Path) -> None:
    for stale in folder.glob(".*.partial"):  # a copy interrupted by a crash
        with contextlib.suppress(OSError):
            stale.unlink()
    for old in sorted(folder.glob("*.briefing"), reverse=True)[KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()


def list_backups(project: Path) -> list[Backup]:
    """The project's backups, newest first."""
    folder = backup_folder(project)
    found = []
    for path in sorted(folder.glob("*.briefing"), reverse=True):
        try:
            taken = datetime.strptime(path.stem, _STAMP)
            found.append(Backup(path, taken, path.stat().st_size))
        except (ValueError, OSError):
            continue
    return found


def newest_good_backup(project: Path) -> Backup | None:
    """The newest backup that passes the checks an open makes (a damaged one is skipped)."""
    for backup in list_backups(project):
        try:
            check_project_file(backup.path)
        except BriefingError:
            continue
        return backup
    return None


def restore_copy(backup: Path, destination: Path) -> Path:
    """Copy a backup to a new project file; refuses to overwrite anything."""
    destination = Path(destination)
    if destination.exists():
        raise InvalidInput(f"{destination}: already exists; choose another name")
    check_project_file(Path(backup))
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.copyfile(backup, partial)
    os.replace(partial, destination)
    return destination


def copy_name(project: Path, backup: Backup) -> Path:
    """Where a restored copy goes by default: beside the project, named by the backup's date."""
    stamp = f"{backup.taken_at:%Y-%m-%d %H%M}"
    return Path(project).with_name(f"{Path(project).stem} (backup {stamp}).briefing")
