"""A throwaway PostgreSQL cluster for the tests and the load benchmark.

``initdb`` and ``pg_ctl`` on a temporary folder, listening on a Unix socket in that folder and
on a random port of 127.0.0.1 only (for what needs TCP: ``sslmode``), trust authentication.
PostgreSQL refuses to run as root, so as root (CI) the cluster runs as the ``postgres`` user
through ``runuser``, in a folder it owns.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "install PostgreSQL's server (Debian/Ubuntu: apt-get install postgresql)"
SUPERUSER = "briefing_admin"


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or the newest under /usr/lib/postgresql."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


@dataclass(frozen=True)
class Cluster:
    folder: Path  # holds the data folder and the socket
    port: int

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def url(self, database: str, user: str = SUPERUSER) -> str:
        """A libpq URL to a database on this cluster, through its Unix socket."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str, user: str = SUPERUSER) -> str:
        """The same database through TCP on the loopback address."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run statements as the cluster's superuser (autocommit: CREATE DATABASE needs it)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextlib.contextmanager
def running_cluster(bin_dir: Path) -> Iterator[Cluster]:
    """A new cluster, started; stopped and deleted when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    prefix = _as_postgres()
    if prefix:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    log = folder / "server.log"
    run = dict(check=True, capture_output=True, text=True)
    try:
        subprocess.run(
            [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            **run,
        )  # fmt: skip
        port = _free_port()
        options = (
            f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=200"
        )
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
             "-w", "start"],
            **run,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or "") + (log.read_text() if log.exists() else "")
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"could not start a PostgreSQL cluster: {detail.strip()}") from None
    try:
        yield Cluster(folder, port)
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
