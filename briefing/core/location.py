"""Where a project is: a file, or a database on a PostgreSQL server.

A server project is named by a libpq connection URL, ``postgresql://`` or ``postgres://``
(``postgresql://ann@db.example.org/unit_dossier?sslmode=require``); key=value conninfo strings
are not taken, so that nothing that could be a file name is read as a server. Everything libpq
knows applies: ``.pgpass``, ``PGSERVICE`` and ``service=`` in the URL, ``PGHOST``/``PGUSER``...
for what the URL leaves out, ``sslmode`` and the certificates' parameters.

Briefing never stores a password: ``ServerAddress.safe_url`` (what recent lists, titles and
messages show) is the URL with any password taken out. The password a user typed into a URL is
used for that connection only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from briefing.core.errors import InvalidInput

SCHEMES = ("postgresql://", "postgres://")
_SECRET_PARAMETERS = frozenset({"password", "sslpassword"})


def is_server_url(text: str | os.PathLike[str]) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerAddress:
    """A project on a PostgreSQL server. ``url`` may hold a password: never write it down."""

    url: str = field(repr=False)

    def __post_init__(self) -> None:
        if not is_server_url(self.url):
            raise InvalidInput(f"{self.safe_url}: not a PostgreSQL URL (postgresql://...)")
        try:
            parts = urlsplit(self.url.strip())
            parts.port  # noqa: B018 - a bad port raises here, not later
        except ValueError as exc:
            raise InvalidInput(f"{self.safe_url}: not a valid server URL ({exc})") from None

    @property
    def safe_url(self) -> str:
        """The URL without its password (user info and query parameters alike)."""
        return strip_password(self.url)

    @property
    def database(self) -> str:
        """The database the URL names (its path or ``dbname=``); empty when libpq's default."""
        parts = urlsplit(self.url.strip())
        query = dict(parse_qsl(parts.query))
        return unquote(parts.path.lstrip("/")) or query.get("dbname", "")

    @property
    def name(self) -> str:
        """What titles and messages call the project: the database's name."""
        return self.database or "server project"

    def __str__(self) -> str:
        return self.safe_url


def strip_password(url: str) -> str:
    """``url`` without a password, so it can be shown and remembered."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "(an invalid server URL)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = parts.query
    if query:
        pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)]
        kept = [(k, v) for k, v in pairs if k.lower() not in _SECRET_PARAMETERS]
        if len(kept) != len(pairs):
            query = urlencode(kept, safe="/:,")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


Location = Path | ServerAddress


def parse_location(value: str | os.PathLike[str] | ServerAddress) -> Location:
    """A project's location from what a user gave: a server URL, or a file's path."""
    if isinstance(value, ServerAddress):
        return value
    if is_server_url(value):
        return ServerAddress(str(value).strip())
    return Path(value)


def location_text(location: Location) -> str:
    """A location as a user would type it again (without a password)."""
    return location.safe_url if isinstance(location, ServerAddress) else str(location)
