"""What the command line's verbs share: errors, opening a project, small printing helpers."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.errors import BriefingError
from briefing.core.location import Location, ServerAddress

if TYPE_CHECKING:
    from briefing.core.model import Note
    from briefing.core.store import Project

logger = logging.getLogger("briefing")

PROJECT_HELP = "a .briefing file, or a PostgreSQL URL: postgresql://user@host/database"
Verb = Callable[[argparse.Namespace], int]
AddVerb = Callable[[str, Verb, str], argparse.ArgumentParser]


class CliError(Exception):
    """A usage problem found after parsing (a bad size, a missing file)."""


def open_project(path: Location, *, readonly: bool = False) -> Project:
    """Open a project; a file opened for writing is backed up first (core/backups.py; a
    server keeps its own backups)."""
    from briefing.core.backups import make_backup, newest_good_backup
    from briefing.core.errors import DamagedProject
    from briefing.core.store import Project

    try:
        project = Project.open(path, readonly=readonly)
    except DamagedProject as exc:
        good = newest_good_backup(path) if isinstance(path, Path) else None
        hint = f"; the newest good backup is {good.path} ({good.label})" if good else ""
        raise CliError(f"{exc}{hint}") from None
    if not readonly and isinstance(path, Path):
        try:
            make_backup(path)
        except (OSError, BriefingError) as exc:  # a backup must never stop the work
            logger.warning("no backup made of %s: %s", path.name, exc)
    return project


def pick_note(project: Project, note_id: int | None) -> Note:
    """The note ``--note`` names, else the project's first."""
    if note_id is not None:
        return project.note(note_id)
    notes = project.notes()
    if not notes:
        raise CliError(f"{project.path.name} has no note yet")
    return notes[0]


def read_markdown(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def beside(location: Location, name: str, suffix: str) -> Path:
    """Where an export goes by default: beside a project file; for a server project, in the
    working folder, named after the database."""
    if isinstance(location, ServerAddress):
        return Path(f"{name}{suffix}")
    return Path(location).with_suffix(suffix)


def one_line(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
