"""The connection, its transactions and its life cycle, under every part of the store."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from briefing.core.errors import ReadOnlyProject
from briefing.core.locking import ProjectLock


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class StoreBase:
    """Holds the connection; every write goes through ``transaction``."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool,
        lock: ProjectLock | None = None,
    ) -> None:
        self.path = path
        self._conn = conn
        self._readonly = readonly
        self._lock = lock
        # The import worker writes from its own thread: one action at a time.
        self._guard = threading.RLock()
        self._depth = 0
        self._texts: dict[int, str] = {}  # source texts recently read (immutable, so safe)

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def name(self) -> str:
        return self.path.stem

    def close(self) -> None:
        with self._guard:
            if self._conn is None:
                return
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or none. Nested calls join the outer one."""
        if self.readonly:
            raise ReadOnlyProject(f"{self.path.name} is open read-only; changes are not saved")
        with self._guard:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._guard:
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
