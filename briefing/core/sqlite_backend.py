"""The SQLite engine: one project, one file, one writer at a time.

Everything SQLite-specific the store needs is here or in the modules it calls: the connection
and its pragmas, the file checks made before anything can write (``projectfile``), the OS lock
(``locking``), the migrations (``schema``), FTS5 search, ``group_concat`` and ``lastrowid``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefing.core.backend import ChangeFeed, Row
from briefing.core.errors import InvalidInput, NotAProject, StorageError
from briefing.core.locking import ProjectLock, check_folder_writable
from briefing.core.projectfile import check_header, check_project_file, check_schema
from briefing.core.safe_write import atomic_path
from briefing.core.schema import SCHEMA_VERSION, migrate


class SQLiteBackend:
    """A connection to a project file (see ``briefing.core.backend.Backend``)."""

    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool,
        lock: ProjectLock | None = None,
    ) -> None:
        self._path = path
        self._conn = conn
        self._readonly = readonly
        self._lock = lock

    @property
    def path(self) -> Path:
        return self._path

    @property
    def location(self) -> Path:
        return self._path

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def readonly_reason(self) -> str:
        return ""

    def is_conflict(self, exc: Exception) -> bool:
        return False  # one writer per file (the OS lock): nobody to meet

    def ids_restored(self, table: str) -> None:
        """SQLite's next id is always above the largest one there."""

    def open_change_feed(self) -> ChangeFeed | None:
        return None  # one writer per file: nobody else's changes to hear of

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        rows: list[Row] = self._conn.execute(sql, params).fetchall()
        return rows

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, params)

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        # lastrowid rather than RETURNING: RETURNING needs SQLite 3.35, newer than some
        # distributions' Python links against.
        return int(self._conn.execute(sql, params).lastrowid or 0)

    def begin(self, *, queued: bool = False) -> None:
        # IMMEDIATE takes the write lock now: a reader turned writer could meet SQLITE_BUSY.
        self._conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        # After SQLITE_FULL or an I/O error SQLite may have rolled back already.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def id_list(self, column: str) -> str:
        return f"group_concat({column})"

    def has_search_index(self) -> bool:
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE name = 'source_fts'"))

    def matching_sources(self, terms: Sequence[str], limit: int) -> list[int]:
        if self.has_search_index():
            fts_query = " ".join(_fts_term(t) for t in terms)
            try:
                rows = self.query(
                    "SELECT rowid FROM source_fts WHERE source_fts MATCH ?"
                    " ORDER BY bm25(source_fts) LIMIT ?",
                    (fts_query, limit),
                )
                return [int(r["rowid"]) for r in rows]
            except sqlite3.OperationalError:
                pass  # a query FTS5 cannot parse: fall back to the scan
        # The scan (a SQLite without FTS5): sources containing every term, in import order.
        clauses = " AND ".join("instr(lower(text), ?) > 0" for _ in terms)
        params = [t.rstrip("*").lower() for t in terms]
        rows = self.query(
            f"SELECT id FROM source WHERE {clauses} ORDER BY id LIMIT ?", (*params, limit)
        )
        return [int(r["id"]) for r in rows]


def _fts_term(term: str) -> str:
    """One term as an FTS5 string (quoted, so user text can never be FTS syntax)."""
    prefix = term.endswith("*")
    body = term.rstrip("*").replace('"', '""')
    return f'"{body}"' + ("*" if prefix else "")


def has_hot_journal(path: Path) -> bool:
    """A crash mid-write leaves a journal that only a writing connection can roll back."""
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection in autocommit mode: the store opens each transaction itself."""
    if readonly:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # DELETE journal keeps the project one file at all times (safe to copy or e-mail);
        # FULL sync makes a reported write survive a power cut.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.row_factory = sqlite3.Row
    return conn


class SQLiteEngine:
    """Opens and creates project files (see ``briefing.core.backend.Engine``)."""

    def open(self, location: Path, *, readonly: bool) -> SQLiteBackend:
        """Open a project; refuses foreign, damaged and newer files without touching them."""
        path = Path(location)
        check_header(path)
        if readonly:
            return SQLiteBackend(path, _checked(path, readonly=True), readonly=True)
        if not has_hot_journal(path):
            check_project_file(path)
        lock = ProjectLock(path)
        lock.acquire()
        try:
            conn = _checked(path, readonly=False)
        except BaseException:
            lock.release()
            raise
        return SQLiteBackend(path, conn, readonly=False, lock=lock)

    @contextmanager
    def creating(self, location: Path) -> Iterator[SQLiteBackend]:
        """Build a project under a temporary name; linked into place when the block ends."""
        path = Path(location)
        if path.exists():
            raise InvalidInput(f"{path}: already exists; choose another name")
        if not path.parent.is_dir():
            raise InvalidInput(f"{path.parent}: no such folder")
        check_folder_writable(path.parent, path.name)
        with atomic_path(path, overwrite=False) as building:
            try:
                conn = connect(building, readonly=False)
            except sqlite3.Error as exc:
                raise StorageError(f"could not create {path.name}: {exc}") from None
            backend = SQLiteBackend(building, conn, readonly=False)  # a private name: no lock
            try:
                try:
                    migrate(conn)
                except sqlite3.Error as exc:
                    raise StorageError(f"could not create {path.name}: {exc}") from None
                yield backend
            finally:
                backend.close()


def _checked(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """Connect, check the schema and (when writing) bring it up to date. A file of an older
    version opened read-only is read from an up-to-date copy in memory: the file is never
    written, and the store's queries find the columns they name."""
    try:
        conn = connect(path, readonly=readonly)
    except sqlite3.Error as exc:
        raise NotAProject(f"{path.name}: cannot be opened ({exc})") from None
    try:
        version = check_schema(conn, path.name)
        if not readonly:
            migrate(conn)
        elif version < SCHEMA_VERSION:
            conn = _migrated_copy(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise NotAProject(f"{path.name}: cannot be opened ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _migrated_copy(conn: sqlite3.Connection) -> sqlite3.Connection:
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.backup(copy)
        migrate(copy)
    except BaseException:
        copy.close()
        raise
    finally:
        conn.close()
    copy.execute("PRAGMA foreign_keys = ON")
    copy.row_factory = sqlite3.Row
    return copy


SQLITE = SQLiteEngine()
