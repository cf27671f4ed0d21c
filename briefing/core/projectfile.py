"""Checking a SQLite project file before anything can write to it.

The checks read only: a file that is not a project, is truncated, is damaged or comes from a
newer version is refused and left byte-for-byte unchanged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.core.errors import DamagedProject, NewerVersion, NotAProject
from briefing.core.schema import APPLICATION_ID, SCHEMA_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_header(path: Path) -> None:
    """Refuse files that are missing, empty, not SQLite or visibly truncated. Reads 100 bytes."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise NotAProject(f"{path}: no such project") from None
    except IsADirectoryError:
        raise NotAProject(f"{path}: is a folder, not a project file") from None
    except OSError as exc:
        raise NotAProject(f"{name}: cannot be read ({exc.strerror})") from None
    if size == 0:
        raise NotAProject(f"{name}: the file is empty, not a Briefing project")
    if not header.startswith(_SQLITE_MAGIC):
        raise NotAProject(f"{name}: not a Briefing project (not a SQLite file)")
    if len(header) < 100:
        raise DamagedProject(f"{name}: the project file is truncated", path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or size % page_size or (page_count and size < page_count * page_size):
        raise DamagedProject(f"{name}: the project file is truncated or damaged", path)


def check_schema(conn: sqlite3.Connection, name: str) -> int:
    """Refuse a foreign, newer or damaged database; returns its schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise NotAProject(f"{name}: not a Briefing project (a SQLite file of another program)")
        if version > SCHEMA_VERSION:
            raise NewerVersion(
                f"{name}: made by a newer Briefing (file version {version}, this one reads up to"
                f" {SCHEMA_VERSION}); update Briefing to open it"
            )
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedProject(f"{name}: the project file is damaged ({exc})") from None
    if result != "ok":
        detail = " ".join(str(result).replace("*", "").split())[:160]  # SQLite's is many lines
        raise DamagedProject(f"{name}: the project file is damaged ({detail})")
    return version


def check_project_file(path: Path) -> int:
    """Check a project without writing to it; returns its schema version."""
    check_header(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotAProject(f"{path.name}: cannot be opened ({exc})") from None
    try:
        return check_schema(conn, path.name)
    finally:
        conn.close()
