"""The project store: one SQLite file per project, one transaction per user action.

All SQL lives in this module and its siblings ``store_*``; callers see model dataclasses.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from briefing.core.errors import DuplicateSource, InvalidInput, NotAProject
from briefing.core.locking import ProjectLock
from briefing.core.projectfile import (
    check_header,
    check_project_file,
    check_schema,
    connect,
    has_hot_journal,
)
from briefing.core.safe_write import atomic_path
from briefing.core.schema import migrate
from briefing.core.store_base import now
from briefing.core.store_search import SearchStore

logger = logging.getLogger(__name__)

SUFFIX = ".briefing"


class Project(SearchStore):
    """An open project file. Use ``Project.create`` or ``Project.open``; close when done."""

    # ---- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        themes: Sequence[dict[str, Any]] = (),
        populate: Callable[[Project], None] | None = None,
    ) -> Project:
        """Create a project file, whole or not at all; never overwrites anything.

        The file is built under a temporary name (themes, then ``populate``) and linked into
        place only when complete, so a failure leaves no half project behind.
        """
        path = Path(path)
        if path.exists():
            raise InvalidInput(f"{path}: already exists; choose another name")
        if not path.parent.is_dir():
            raise InvalidInput(f"{path.parent}: no such folder")
        with atomic_path(path, overwrite=False) as building:
            project = cls(building, connect(building, readonly=False), readonly=False)
            try:
                migrate(project._conn)
                with project.transaction():
                    project._set_info("created_at", now())
                    for position, theme in enumerate(themes):
                        project.add_theme(
                            theme["name"],
                            theme["colour"],
                            theme.get("description", ""),
                            theme.get("keywords", ()),
                            position=position,
                        )
                if populate is not None:
                    populate(project)
            finally:
                project.close()
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Project:
        """Open a project; refuses foreign, damaged and newer files without touching them."""
        path = Path(path)
        check_header(path)
        if readonly:
            conn = connect(path, readonly=True)
            try:
                check_schema(conn, path.name)
            except BaseException:
                conn.close()
                raise
            return cls(path, conn, readonly=True)
        if not has_hot_journal(path):
            check_project_file(path)
        lock = ProjectLock(path)
        lock.acquire()
        try:
            conn = connect(path, readonly=False)
            try:
                check_schema(conn, path.name)
                migrate(conn)
            except BaseException:
                conn.close()
                raise
        except sqlite3.DatabaseError as exc:
            lock.release()
            raise NotAProject(f"{path.name}: cannot be opened ({exc})") from None
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, readonly=False, lock=lock)

    def _set_info(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)", (key, value))

    def info(self, key: str, default: str = "") -> str:
        rows = self._query("SELECT value FROM project WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else default


__all__ = ["SUFFIX", "DuplicateSource", "Project"]
