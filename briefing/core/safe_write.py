"""Writing a file so that a failure never leaves half of it: a temporary file, then a rename.

The temporary file lives in the target's folder (a rename across file systems is a copy), is
flushed to disk before it takes the target's place, and is removed if anything fails, so the
previous file stays as it was. The rename is made durable by syncing the folder too.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from briefing.core.errors import InvalidInput


@contextmanager
def atomic_path(path: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` to write by any means; it becomes ``path`` on success.

    When the block ends normally the file is synced, given the old file's mode (or the usual
    one) and moved into place; with ``overwrite=False`` an existing ``path``, even one that
    appeared meanwhile, is refused and left alone. When the block fails the file is removed.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise InvalidInput(f"{path}: already exists; choose another name")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _sync_file(tmp)
        match_mode(tmp, path)
        if overwrite:
            os.replace(tmp, path)
        else:
            _move_no_overwrite(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(path.parent)


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a binary file, then put that file at ``path`` in one step."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        write(handle)


def match_mode(tmp: Path, target: Path) -> None:
    """mkstemp makes the file private (0600); give it the old file's mode or the usual one."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _move_no_overwrite(tmp: Path, path: Path) -> None:
    """A hard link fails if ``path`` exists, so nothing that appeared meanwhile is replaced."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InvalidInput(f"{path}: already exists; choose another name") from None
    except OSError:  # file systems without hard links: check, then rename (a small race)
        if path.exists():
            raise InvalidInput(f"{path}: already exists; choose another name") from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def _umask() -> int:
    # os.umask() can only be read by setting it, which races with other threads: ask /proc.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _sync_file(path: Path) -> None:
    # Opened for writing: Windows cannot flush a handle opened read-only.
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
