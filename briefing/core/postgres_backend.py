"""The PostgreSQL engine: one project per database, many writers at once.

Imported only when a server URL is opened (psycopg 3 is the optional extra ``briefing[server]``).
What differs from SQLite sits here: ``%s`` placeholders, ``RETURNING id``, ``string_agg``, an
ASCII case fold for theme names (SQLite's ``lower``), a ``tsvector`` column with a GIN index for
search, ``NOTIFY`` after each commit for the other windows, the schema's version in a one-row
table, and transactions at ``REPEATABLE READ``: each action reads one snapshot, and a row
another writer changed since is a collision, which the store answers by running the action
again (so a read-modify-write never loses the other's update).

Credentials follow libpq's conventions (``.pgpass``, ``PGSERVICE``, ``PGPASSWORD``...): Briefing
passes the URL as given and never writes a password anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from briefing.core.backend import ChangeFeed, Row
from briefing.core.errors import InvalidInput, NewerVersion, NotAProject, StorageError
from briefing.core.location import ServerAddress
from briefing.core.postgres_schema import (
    CHANNEL,
    PostgresSchema,
    folded,
    migrate,
    schema_version,
)
from briefing.core.schema import APPLICATION_ID, SCHEMA_VERSION

CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise
# Actions run again after a collision take turns under this (session) advisory lock: a rerun
# then meets only first attempts, so a busy row cannot starve one writer for ever.
RERUN_LOCK = APPLICATION_ID + 1
TABLES = ("project", "source", "theme", "passage", "passage_theme", "note")
_WORD = re.compile(r"[^\W_]+")


Connection = psycopg.Connection[dict[str, Any]]

# Another writer's transaction in the way. Besides the serialization failures and deadlocks the
# server names as such, a unique or foreign key violation can only be one here: every action
# checks for the clash (a theme's name, a source's text, a passage's source) before it writes,
# so the violation means someone committed in between, and the rerun sees it and says so.
_COLLISIONS = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.UniqueViolation,
    pg_errors.ForeignKeyViolation,
)


def connect(address: ServerAddress) -> Connection:
    """A connection in autocommit mode (the store opens each transaction itself). A bad URL
    is ``InvalidInput``, a server that cannot be reached ``StorageError``: one line each."""
    try:
        given = psycopg.conninfo.conninfo_to_dict(address.url)
    except psycopg.ProgrammingError as exc:
        problem = _clean(exc, address)
        raise InvalidInput(f"{address.safe_url}: not a valid server URL ({problem})") from None
    extra: dict[str, Any] = {"application_name": "briefing"}
    if "connect_timeout" not in given:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        return psycopg.connect(address.url, autocommit=True, row_factory=dict_row, **extra)
    except psycopg.Error as exc:
        raise StorageError(
            f"cannot connect to {address.safe_url}: {_clean(exc, address)}"
        ) from None


def _clean(exc: Exception, address: ServerAddress) -> str:
    """The driver's message on one line, with no password in it (libpq names none, but a
    message quoting the URL back must not either)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    secret = address.url
    for piece in re.findall(r"(?<=:)[^:@/]+(?=@)|(?<=password=)[^&\s]+", secret):
        text = text.replace(piece, "***")
    return text


class PostgresBackend:
    """A connection to a project on a server (see ``briefing.core.backend.Backend``)."""

    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(
        self,
        address: ServerAddress,
        conn: Connection,
        *,
        readonly: bool,
        readonly_reason: str = "",
        building: bool = False,
    ) -> None:
        self._address = address
        self._conn = conn
        self._readonly = readonly
        self._readonly_reason = readonly_reason
        # While a project is built, the whole build is one transaction: each action a
        # savepoint in it, so that a refused action still undoes only itself.
        self._building = building
        self._path = Path(conn.info.dbname or address.name)
        self.pid = conn.info.backend_pid
        self._queued = False  # holding the reruns' lock

    @property
    def path(self) -> Path:
        return self._path

    @property
    def location(self) -> ServerAddress:
        return self._address

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def readonly_reason(self) -> str:
        return self._readonly_reason

    def is_conflict(self, exc: Exception) -> bool:
        return isinstance(exc, _COLLISIONS)

    # ---- statements ---------------------------------------------------------------------

    def _connection(self) -> Connection:
        """The connection, made again if the server dropped it (between actions only: an
        action the loss interrupted has failed, and said so, as a whole)."""
        if self._conn.broken or self._conn.closed:
            if self._building:
                raise StorageError("the connection to the server was lost while creating")
            self._conn.close()
            self._conn = connect(self._address)
            if self._readonly:
                self._conn.execute("SET default_transaction_read_only = on")
            self.pid = self._conn.info.backend_pid
        return self._conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._connection().execute(*_statement(sql, params))
        rows: list[Row] = [row for row in cursor.fetchall()]
        return rows

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._connection().execute(*_statement(sql, params))

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = list(rows)
        if batch:
            with self._connection().cursor() as cursor:
                cursor.executemany(_statement(sql, batch[0])[0], batch)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        query, args = _statement(f"{sql} RETURNING id", params)
        row = self._connection().execute(query, args).fetchone()
        return int(row["id"]) if row else 0

    def ids_restored(self, table: str) -> None:
        if table not in TABLES:
            raise ValueError(f"not a table of the project: {table}")
        self._connection().execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id))"
            f" FROM {table} HAVING max(id) IS NOT NULL"
        )

    # ---- transactions -------------------------------------------------------------------

    def begin(self, *, queued: bool = False) -> None:
        if self._building:
            self._conn.execute("SAVEPOINT action")
            return
        conn = self._connection()
        if queued:  # before BEGIN: the snapshot is taken once it is this rerun's turn
            conn.execute("SELECT pg_advisory_lock(%s)", (RERUN_LOCK,))
            self._queued = True
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def commit(self) -> None:
        self._conn.execute("RELEASE SAVEPOINT action" if self._building else "COMMIT")
        self._end_turn()

    def rollback(self) -> None:
        if self._conn.broken or self._conn.closed:
            self._queued = False  # the server let go of the lock with the connection
            return  # and of the transaction
        if self._building:
            self._conn.execute("ROLLBACK TO SAVEPOINT action")
        elif self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self._conn.execute("ROLLBACK")
        self._end_turn()

    def _end_turn(self) -> None:
        if self._queued:
            self._queued = False
            self._conn.execute("SELECT pg_advisory_unlock(%s)", (RERUN_LOCK,))

    def close(self) -> None:
        if not self._building:  # a project being built: the engine commits, then closes
            self._conn.close()

    # ---- what the engines do their own way -----------------------------------------------

    def id_list(self, column: str) -> str:
        return f"string_agg(CAST({column} AS TEXT), ',')"

    def has_search_index(self) -> bool:
        rows = self.query(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'source'"
            " AND column_name = 'search'"
        )
        return bool(rows)

    def matching_sources(self, terms: Sequence[str], limit: int) -> list[int]:
        """Sources holding every word of every term, by PostgreSQL's full-text index; the
        search repository then finds the places (phrases, word starts) in their text, as on
        SQLite. A term with no word to index narrows nothing: the places decide."""
        lexemes: list[str] = []
        for term in terms:
            words = _WORD.findall(term.rstrip("*").lower())
            for position, word in enumerate(words):
                prefix = term.endswith("*") and position == len(words) - 1
                lexemes.append(f"'{word}'" + (":*" if prefix else ""))
        if not lexemes:
            rows = self.query("SELECT id FROM source ORDER BY id LIMIT ?", (limit,))
            return [int(r["id"]) for r in rows]
        query = " & ".join(lexemes)
        rows = self.query(
            "SELECT id FROM source WHERE search @@ to_tsquery('simple', ?)"
            " ORDER BY ts_rank(search, to_tsquery('simple', ?)) DESC, id LIMIT ?",
            (query, query, limit),
        )
        return [int(r["id"]) for r in rows]

    def open_change_feed(self) -> ChangeFeed | None:
        return PostgresChangeFeed(self._address, lambda: self.pid)


def _statement(sql: str, params: Sequence[Any]) -> tuple[str, Sequence[Any] | None]:
    """The repositories' portable SQL in psycopg's terms: ``%s`` placeholders, and theme names
    folded as SQLite folds them (ASCII only)."""
    sql = folded(sql)
    if not params:
        return sql, None
    return sql.replace("%", "%%").replace("?", "%s"), params


class PostgresChangeFeed:
    """LISTEN on the project's channel, on a connection of its own; ``wait`` is called from a
    thread that is not the window's."""

    def __init__(self, address: ServerAddress, own_pid: Callable[[], int]) -> None:
        self._conn = connect(address)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._own_pid = own_pid

    def wait(self, timeout: float) -> frozenset[str]:
        tables: set[str] = set()
        own = self._own_pid()
        first = list(self._conn.notifies(timeout=timeout, stop_after=1))
        if first:  # a commit touches several tables: gather its other notices too
            first += self._conn.notifies(timeout=0.02)
        for notice in first:
            if notice.pid != own:
                tables.add(notice.payload)
        return frozenset(tables)

    def close(self) -> None:
        self._conn.close()


class PostgresEngine:
    """Opens and creates projects on servers (see ``briefing.core.backend.Engine``)."""

    def open(self, location: ServerAddress, *, readonly: bool) -> PostgresBackend:
        address = location
        conn = connect(address)
        try:
            version = schema_version(conn)
            if version is None:
                raise NotAProject(
                    f"{address.safe_url}: no Briefing project in this database"
                    f" (create one with: briefing new {address.safe_url})"
                )
            if version > SCHEMA_VERSION:
                raise NewerVersion(
                    f"{address.safe_url}: made by a newer Briefing (schema version {version},"
                    f" this one reads up to {SCHEMA_VERSION}); update Briefing to open it"
                )
            reason = ""
            if not readonly and not _may_write(conn):
                user = conn.info.user
                readonly = True
                reason = (
                    f"{conn.info.dbname}: your role {user} may only read this project"
                    " (read-only grants); changes are not saved"
                )
            if version < SCHEMA_VERSION:
                if readonly:
                    raise NotAProject(
                        f"{address.safe_url}: the project's schema is version {version}; open"
                        " it once with a role that may change it, to bring it up to date"
                    )
                migrate(conn)
            if readonly:
                conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            conn.close()
            raise StorageError(f"cannot open {address.safe_url}: {_clean(exc, address)}") from None
        except BaseException:
            conn.close()
            raise
        return PostgresBackend(address, conn, readonly=readonly, readonly_reason=reason)

    @contextmanager
    def creating(self, location: ServerAddress) -> Iterator[PostgresBackend]:
        """A project built in one transaction: committed when the block ends normally, and
        nothing at all otherwise. A database that holds a project already is refused."""
        address = location
        conn = connect(address)
        try:
            try:
                conn.execute("BEGIN")
                if schema_version(conn, lock=True) is not None:
                    raise InvalidInput(
                        f"{address.safe_url}: already exists (this database holds a Briefing"
                        " project); choose another database"
                    )
                migrate(conn, building=True)
            except psycopg.Error as exc:
                raise StorageError(
                    f"could not create a project in {address.safe_url}: {_clean(exc, address)}"
                ) from None
            backend = PostgresBackend(address, conn, readonly=False, building=True)
            yield backend
            try:
                conn.execute("COMMIT")
            except psycopg.Error as exc:
                raise StorageError(f"could not create {address.safe_url}: {exc}") from None
        except BaseException:
            if not conn.broken and not conn.closed:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()


def _may_write(conn: Connection) -> bool:
    checks = " AND ".join(
        f"has_table_privilege('{t}', '{p}')"
        for t in ("source", "theme", "passage", "passage_theme", "note")
        for p in ("INSERT", "UPDATE", "DELETE")
    )
    row = conn.execute(f"SELECT {checks} AS ok").fetchone()
    return bool(row and row["ok"])


POSTGRES = PostgresEngine()

__all__ = ["APPLICATION_ID", "POSTGRES", "PostgresBackend", "PostgresEngine", "PostgresSchema"]
