"""Which storage engine serves a project: SQLite for a file, PostgreSQL for a server URL."""

from __future__ import annotations

from briefing.core.backend import Engine
from briefing.core.errors import BriefingError
from briefing.core.location import Location, ServerAddress
from briefing.core.sqlite_backend import SQLITE


def engine_for(location: Location) -> Engine:
    """The engine for ``location``. PostgreSQL's is imported only then: psycopg is an optional
    extra (``briefing[server]``)."""
    if isinstance(location, ServerAddress):
        try:
            from briefing.core.postgres_backend import POSTGRES
        except ImportError as exc:
            raise BriefingError(
                f"{location.safe_url}: a project on a server needs psycopg ({exc.name} is not"
                " installed): pip install 'briefing[server]'"
            ) from None
        return POSTGRES
    return SQLITE
