"""Backups: a consistent copy of a project each time it is opened for writing.

Copies go to the user's data folder (not beside the project, which may be a shared drive), the
last ten per project. They are made with SQLite's backup API, which copies a consistent state
even while another connection writes, into a temporary name that is synced and renamed when
complete (``safe_write``). A backup is restored as a new file, never over the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing.core.errors import BriefingError, StorageError
from briefing.core.paths import data_dir
from briefing.core.projectfile import check_project_file
from briefing.core.safe_write import atomic_path

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
    """Copy the project now; keep the newest ``KEPT``. Returns the new backup's path.

    A database that fails under the copy raises ``StorageError``; an unwritable folder,
    ``OSError``. Either way no partial backup is left.
    """
    folder = backup_folder(project)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{datetime.now().strftime(_STAMP)}.briefing"
    try:
        with atomic_path(final) as partial:
            _copy_database(Path(project), partial)
    except sqlite3.Error as exc:
        raise StorageError(f"could not back up {Path(project).name}: {exc}") from None
    _prune(folder)
    return final


def _copy_database(project: Path, target: Path) -> None:
    """SQLite's backup API: a consistent state even while another connection writes."""
    source = sqlite3.connect(f"{project.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def _prune(folder: Path) -> None:
    for stale in folder.glob(".*.tmp"):  # a copy interrupted by a crash
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
    with atomic_path(destination, overwrite=False) as partial:
        check_project_file(Path(backup))
        shutil.copyfile(backup, partial)
    return destination


def copy_name(project: Path, backup: Backup) -> Path:
    """Where a restored copy goes by default: beside the project, named by the backup's date."""
    stamp = f"{backup.taken_at:%Y-%m-%d %H%M}"
    return Path(project).with_name(f"{Path(project).stem} (backup {stamp}).briefing")
