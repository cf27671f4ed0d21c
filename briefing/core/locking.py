"""One writer per project: an OS lock on a small file beside the project.

The operating system drops the lock when its process dies, so a lock left by a crashed instance
is taken over without guessing from process ids. The file also records who holds the lock, for
the message the second instance shows.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import IO

from briefing.core.errors import ProjectLocked

try:  # POSIX
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

except ImportError:  # Windows
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


class ProjectLock:
    """Held while a project is open for writing; ``release`` removes the lock file."""

    def __init__(self, project: Path) -> None:
        self.path = lock_path(project)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while open
        if not _try_lock(handle):
            holder = _read_holder(self.path)
            handle.close()
            raise ProjectLocked(
                f"{self.path.name[: -len('.lock')]} is open in another Briefing window"
                f"{holder}; open it read-only or close the other window first"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            self._handle.close()
            self._handle = None


def _read_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return ""
    if not isinstance(info, dict) or "pid" not in info:
        return ""
    return f" (process {info['pid']} on {info.get('host', '?')})"
