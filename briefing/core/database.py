"""The connection the repositories share: one transaction helper, one guard, wrapped errors.

Every write goes through ``transaction``: one user action is written whole or not at all, and
nested calls join the outer action. A driver error (disk full, I/O error, a lost server) leaves
as ``StorageError`` with a one-line message, so no layer above needs to know the engine.
"""

from __future__ import annotations

import getpass
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from briefing.core.backend import Backend, ChangeFeed, Row
from briefing.core.errors import ReadOnlyProject, StorageError, WriteConflict
from briefing.core.location import Location

logger = logging.getLogger(__name__)

T = TypeVar("T")


# An action that met another writer's transaction runs again, up to this many times in all.
ATTEMPTS = 12


def now() -> str:
    """The time stamps the store writes: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_author() -> str:
    """Who the store records as the author of changes when nobody said: ``BRIEFING_AUTHOR``,
    else the operating system's user name."""
    named = os.environ.get("BRIEFING_AUTHOR", "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return ""


class Database:
    """A ``Backend`` with a guard for threads, a transaction depth and wrapped errors."""

    def __init__(self, backend: Backend) -> None:
        self._backend: Backend | None = backend
        self.path: Path = backend.path
        self.location: Location = backend.location
        self.readonly = backend.readonly
        self.readonly_reason = backend.readonly_reason
        self.author = default_author()
        self.reruns = 0  # actions run again after colliding with another writer's
        self._errors = backend.errors
        # The import worker writes from its own thread: one action at a time.
        self._guard = threading.RLock()
        self._depth = 0

    def close(self) -> None:
        with self._guard:
            if self._backend is None:
                return
            backend, self._backend = self._backend, None
            self._call(backend.close, doing="close the project")

    # ---- statements ---------------------------------------------------------------------

    # The frequent calls wrap errors inline: a closure per call cost a tenth of a query.

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._guard:
            backend = self._open()
            try:
                return backend.query(sql, params)
            except self._errors as exc:
                raise self._storage_error(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._guard:
            backend = self._open()
            try:
                backend.execute(sql, params)
            except self._errors as exc:
                raise self._storage_error(exc) from exc

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._guard:
            backend = self._open()
            try:
                backend.execute_many(sql, rows)
            except self._errors as exc:
                raise self._storage_error(exc) from exc

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Insert one row; returns its id."""
        with self._guard:
            backend = self._open()
            try:
                return backend.insert(sql, params)
            except self._errors as exc:
                raise self._storage_error(exc) from exc

    def id_list(self, column: str) -> str:
        return self._open().id_list(column)

    def has_search_index(self) -> bool:
        with self._guard:
            return self._call(lambda: self._open().has_search_index())

    def matching_sources(self, terms: Sequence[str], limit: int) -> list[int]:
        with self._guard:
            return self._call(lambda: self._open().matching_sources(terms, limit))

    def ids_restored(self, table: str) -> None:
        with self._guard:
            self._call(lambda: self._open().ids_restored(table))

    def open_change_feed(self) -> ChangeFeed | None:
        with self._guard:
            return self._call(lambda: self._open().open_change_feed(), doing="listen for changes")

    # ---- actions ------------------------------------------------------------------------

    def action(self, work: Callable[[], T]) -> T:
        """Run ``work`` as one user action: one transaction, all of it or none, run again when
        another writer's transaction got in its way (on a server; it then sees their change).
        Inside another action it simply joins it."""
        if self._depth:
            return work()
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.transaction(queued=attempt > 1):
                    return work()
            except WriteConflict:
                if attempt == ATTEMPTS:
                    raise
                self.reruns += 1
                # Both writers retrying in step would meet again: wait a random, growing while.
                time.sleep(random.uniform(0, 0.005 * 2 ** min(attempt, 6)))
        raise AssertionError("unreachable")  # pragma: no cover

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, queued: bool = False) -> Iterator[None]:
        """One user action: all of it is written, or none. Nested calls join the outer one.
        ``queued``: a rerun after a collision, which takes its turn among the others
        (``Backend.begin``)."""
        if self.readonly:
            raise ReadOnlyProject(
                self.readonly_reason or f"{self.path.name} is open read-only; changes are not saved"
            )
        with self._guard:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            backend = self._open()
            if queued:
                self._call(lambda: backend.begin(queued=True), doing="save")
            else:
                self._call(backend.begin, doing="save")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._rollback(backend)
                raise
            else:
                try:
                    self._call(backend.commit)
                except StorageError:
                    self._rollback(backend)
                    raise
            finally:
                self._depth = 0

    def _rollback(self, backend: Backend) -> None:
        """Undo the action; the error that stopped it is the one worth reporting."""
        try:
            backend.rollback()
        except self._errors as exc:
            logger.warning("rollback failed after a failed action: %s", exc)

    # ---- errors -------------------------------------------------------------------------

    def _open(self) -> Backend:
        if self._backend is None:
            raise StorageError(f"{self.path.name} is closed")
        return self._backend

    def _call(self, action: Callable[[], T], doing: str = "") -> T:
        try:
            return action()
        except self._errors as exc:
            raise self._storage_error(exc, doing) from exc

    def _storage_error(self, exc: Exception, doing: str = "") -> StorageError:
        """One line: what failed, in the driver's words (a server's may span lines)."""
        doing = doing or ("save" if self._depth else "read the project")
        detail = " ".join(str(exc).split()) or type(exc).__name__
        backend = self._backend
        if backend is not None and backend.is_conflict(exc):
            return WriteConflict(
                f"could not {doing}: other writers kept changing the same records; try again"
            )
        return StorageError(f"could not {doing}: {detail}")
