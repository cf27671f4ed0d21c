"""The store's tests run against both engines: a project file and a project on a server.

``new_location`` makes a place for a new project (a file path, or a URL to a new database on
the throwaway cluster of tests/conftest.py); ``project`` is a new project there with the default
themes. Tests about one engine alone (file checks, locks, the server's roles) ask for it by name.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.core.resources import default_themes
from briefing.core.store import Project

NewLocation = Callable[[], "Path | str"]


@pytest.fixture(params=["file", "server"])
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_location(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewLocation:
    if engine == "file":
        counter = itertools.count(1)
        return lambda: tmp_path / f"p{next(counter)}.briefing"
    cluster = request.getfixturevalue("pg_cluster")
    prefix = tmp_path.name.lower().replace("-", "_")[:40]
    counter = itertools.count(1)

    def new_database() -> str:
        name = f"{prefix}_{next(counter)}"
        cluster.admin(f"CREATE DATABASE {name}")
        return str(cluster.url(name))

    return new_database


@pytest.fixture
def project(new_location: NewLocation) -> Iterator[Project]:
    with Project.create(new_location(), default_themes()) as opened:
        yield opened
