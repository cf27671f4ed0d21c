"""The seam between the store and a database engine.

The repositories (``briefing.core.repositories``) hold the SQL, written portably: standard SQL
with ``?`` placeholders, explicit column lists, ``ON CONFLICT`` for upserts. What an engine does
its own way sits behind ``Backend``: connecting and its settings, transactions, the new row's id,
the one aggregate that differs (a list of ids), full-text search, and which driver errors mean a
failed action. An ``Engine`` opens and creates projects: it checks the file or server, takes the
writer's lock and runs the schema's migrations before handing out a ``Backend``.

Two engines: SQLite files (``briefing.core.sqlite_backend``) and PostgreSQL servers
(``briefing.core.postgres_backend``, loaded only when a server URL is opened); the design is in
docs/decisions.md ("The store", "A project on a server").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from briefing.core.location import Location


class Row(Protocol):
    """One result row; columns are read by name."""

    def __getitem__(self, key: str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class Backend(Protocol):
    """One open connection to a project's database.

    Statements arrive as standard SQL with ``?`` placeholders (an engine whose driver wants
    another style rewrites them). Every method may raise one of ``errors``; the store turns those
    into ``StorageError``, so they never reach the layers above.
    """

    @property
    def path(self) -> Path:
        """The project file, for ``Project.path`` and messages. A server project has no file:
        its database's name as a relative path, so that code written for files still finds a
        ``name`` and a ``stem`` (``location`` is what opens it again)."""
        ...

    @property
    def location(self) -> Location:
        """What opens this project again: the file's path, or the server's address."""
        ...

    @property
    def readonly(self) -> bool: ...

    @property
    def readonly_reason(self) -> str:
        """Why changes are refused, in one line (empty: the usual "open read-only")."""
        ...

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        """The driver's exceptions: a failure of the database under an action."""
        ...

    def is_conflict(self, exc: Exception) -> bool:
        """Whether ``exc`` is another writer's transaction getting in the way (a serialization
        failure, a deadlock): the action is run again, and then sees their change."""
        ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT`` into a table with an ``id`` key; returns the new row's id."""
        ...

    def ids_restored(self, table: str) -> None:
        """Rows went into ``table`` with ids given (a restore, a copy): new rows must still get
        ids above them."""
        ...

    def begin(self, *, queued: bool = False) -> None:
        """Start a writing transaction, taking the write lock at once (no upgrade later).
        ``queued``: an action run again after a collision; an engine with many writers lets
        such reruns take turns, so that none is starved."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None:
        """Undo the open transaction, if the engine has not already given it up."""
        ...

    def close(self) -> None:
        """Close the connection and let go of the writer's lock."""
        ...

    def id_list(self, column: str) -> str:
        """An aggregate expression: the column's values in a group as ``"3,7,12"``."""
        ...

    def has_search_index(self) -> bool: ...

    def matching_sources(self, terms: Sequence[str], limit: int) -> list[int]:
        """Ids of sources holding every term (words, phrases, ``prefix*``), best first."""
        ...

    def open_change_feed(self) -> ChangeFeed | None:
        """News of other writers' commits, or None where there can be none (a file)."""
        ...


class ChangeFeed(Protocol):
    """What other connections changed, for an open window to show (LISTEN/NOTIFY)."""

    def wait(self, timeout: float) -> frozenset[str]:
        """Block up to ``timeout`` seconds for other writers' commits; the tables they changed
        (empty when none). Raises the backend's errors when the server is lost."""
        ...

    def close(self) -> None: ...


class Engine(Protocol):
    """Opens and creates projects of one kind (a file, a server)."""

    def open(self, location: Any, *, readonly: bool) -> Backend:
        """Refuse what is not a project of this version (untouched); lock; migrate."""
        ...

    def creating(self, location: Any) -> AbstractContextManager[Backend]:
        """A new, empty, migrated project, in place only if the block ends normally; an
        existing project is never overwritten."""
        ...
