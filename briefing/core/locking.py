"""One writer per project: an OS lock on a small file beside the project.

The operating system drops the lock when its process dies, so a lock left by a crashed instance
is taken over without guessing from process ids. The file also records who holds it (a window,
or a command such as ``briefing import``), for the message the next writer shows.

A window refuses at once (and offers to open the project read-only); the command line's writers
wait for the lock, up to ``LockPolicy.wait`` seconds, since another command's import is over in
a moment. Before any of this, a project that cannot be written (a read-only file or folder) is
refused with one line, so nothing fails later in the middle of an action.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from briefing.core.errors import ProjectLocked, ProjectNotWritable

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


WINDOW = "a Briefing window"
POLL_FIRST, POLL_MOST = 0.02, 0.2  # seconds between tries while waiting, growing


@dataclass(frozen=True)
class LockPolicy:
    """Who this process is, as the lock file names it, and how long it waits for the lock."""

    holder: str = WINDOW
    wait: float = 0.0


_policy = LockPolicy()


def use_policy(policy: LockPolicy) -> None:
    """Set this process's policy (the command line: its verb, and a wait of 10 s)."""
    global _policy
    _policy = policy


def current_policy() -> LockPolicy:
    return _policy


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


def check_folder_writable(folder: Path, name: str) -> None:
    """Refuse a folder this process cannot write to: no project can be made or saved there."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ProjectNotWritable(
            f"{name}: the folder {folder} is read-only, so nothing can be saved there"
        )


def check_writable(project: Path) -> None:
    """Refuse, in one line, a project whose file or folder this process cannot write.

    The folder matters as much as the file: the lock file and SQLite's journal are made there.
    Opening the file for writing changes nothing in it.
    """
    check_folder_writable(project.resolve().parent, project.name)
    try:
        with open(project, "r+b"):
            pass
    except FileNotFoundError:
        raise  # the caller's checks say what a missing project is
    except OSError as exc:  # EACCES, EPERM (immutable), EROFS
        raise ProjectNotWritable(
            f"{project.name}: the project file is read-only ({exc.strerror}), so nothing can"
            " be saved to it"
        ) from None


class ProjectLock:
    """Held while a project is open for writing; ``release`` removes the lock file."""

    def __init__(self, project: Path, policy: LockPolicy | None = None) -> None:
        self.project = project
        self.path = lock_path(project)
        self.policy = policy or _policy
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, waiting up to the policy's ``wait``; else ``ProjectLocked``."""
        check_writable(self.project)
        deadline = time.monotonic() + self.policy.wait
        pause = POLL_FIRST
        while True:
            handle = self._try_once()
            if handle is not None:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._refusal()
            time.sleep(min(pause, remaining))
            pause = min(POLL_MOST, pause * 2)
        handle.seek(0)
        handle.truncate()
        record = {"pid": os.getpid(), "host": socket.gethostname(), "holder": self.policy.holder}
        handle.write(json.dumps(record))
        handle.flush()
        self._handle = handle

    def _try_once(self) -> IO[str] | None:
        """The locked lock file, or None while another process holds it."""
        for _ in range(100):
            try:
                handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open
            except OSError as exc:
                raise ProjectNotWritable(
                    f"{self.project.name}: cannot make its lock file ({exc.strerror}), so"
                    " nothing can be saved to the project"
                ) from None
            if not _try_lock(handle):
                handle.close()
                return None
            # The holder before us may have removed the file between our open and our lock: a
            # lock on a file no longer at the path guards nothing. Try again on the new file.
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
            except OSError:
                same = False
            if same:
                return handle
            handle.close()
        return None

    def _refusal(self) -> ProjectLocked:
        name = self.project.name
        holder = _read_holder(self.path)
        waited = f" (waited {self.policy.wait:g} s)" if self.policy.wait else ""
        if holder.get("holder", WINDOW) == WINDOW:
            return ProjectLocked(
                f"{name} is open in another Briefing window{_process(holder)}{waited}; open it"
                " read-only or close the other window first"
            )
        return ProjectLocked(
            f"{name} is being written by {holder['holder']}{_process(holder)}{waited}; try"
            " again when it has finished"
        )

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            self._handle.close()
            self._handle = None


def _read_holder(path: Path) -> dict[str, str]:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    if not isinstance(info, dict) or "pid" not in info:
        return {}
    return {str(k): str(v) for k, v in info.items()}


def _process(holder: dict[str, str]) -> str:
    if "pid" not in holder:
        return ""
    return f" (process {holder['pid']} on {holder.get('host', '?')})"
