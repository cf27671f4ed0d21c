"""Backups in the window: one made in the background when a project opens, the copy a backup is
restored to, and the offer of the newest good backup when a project turns out damaged."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from briefing.core.backups import Backup, copy_name, make_backup, newest_good_backup, restore_copy
from briefing.core.errors import BriefingError
from briefing.core.store import Project
from briefing.gui import dialogs

logger = logging.getLogger(__name__)


def start_backup(path: Path) -> threading.Thread:
    """Copy the project in the background: a large project must not delay the window."""

    def run() -> None:
        try:
            make_backup(path)
        except (OSError, BriefingError) as exc:  # a full disk, a database error: never stops work
            logger.warning("no backup made of %s: %s", path.name, exc)

    thread = threading.Thread(target=run, name="backup", daemon=True)
    thread.start()
    return thread


def free_name(path: Path) -> Path:
    """``path``, or the same name with a number, whichever does not exist yet."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} {number}{path.suffix}")
        number += 1
    return candidate


def restore(backup: Backup, project: Path) -> Path:
    """A copy of the backup beside the project (the project itself is never replaced)."""
    target = free_name(copy_name(project, backup))
    try:
        return restore_copy(backup.path, target)
    except OSError:  # the project's folder is read-only: the data folder will do
        return restore_copy(backup.path, free_name(backup.path.parent / target.name))


def offer_recovery(parent: QWidget | None, path: Path, problem: str) -> Project | None:
    """The project is damaged: offer its newest good backup, opened as a copy."""
    good = newest_good_backup(path)
    if good is None:
        dialogs.show_error(parent, "Open Project", f"{problem}\nThere is no backup of it.")
        return None
    if not dialogs.ask_recover(parent, problem, good.label):
        return None
    try:
        return Project.open(restore(good, path))
    except (BriefingError, OSError) as exc:
        dialogs.show_error(parent, "Open Backup", str(exc))
        return None
