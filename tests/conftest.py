"""Shared test set-up: headless Qt, and every user folder pointed at a temporary one."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Before any QApplication exists (pytest-qt creates it lazily, after this module is imported).
# A 1920x1080 screen, as an office monitor: the window lays itself out by its screen's size
# (the offscreen platform's own is 800x800). The laptop sizes are tested in child processes.
_SCREEN = REPO / "tests" / "offscreen_screen.json"
os.environ["QT_QPA_PLATFORM"] = (
    f"offscreen:configfile={_SCREEN}" if ":" not in str(_SCREEN) else "offscreen"
)

import pytest  # noqa: E402

# benchmarks/ (workload generators the tests reuse) is not installed; append, not prepend, so
# that `briefing` still comes from the installed package when one is installed.
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def _user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's data folder or settings."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, built once; tests copy it rather than build it again."""
    from briefing.sample import build_sample

    path = tmp_path_factory.mktemp("sample") / "sample.briefing"
    build_sample(path).close()
    return path


@pytest.fixture
def sample_path(sample_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample project for one test."""
    path = tmp_path / "sample.briefing"
    path.write_bytes(sample_template.read_bytes())
    return path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for the whole run (benchmarks/pgcluster.py): a Unix
    socket in a temporary folder, no TCP. Skipped where PostgreSQL is not installed, except
    under CI, where that is a failure."""
    from benchmarks.pgcluster import INSTALL_HINT, find_bin, running_cluster

    bin_dir = find_bin()
    problem = "" if bin_dir else f"no PostgreSQL server here: {INSTALL_HINT}"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        problem = "psycopg is not installed: pip install 'briefing[server]'"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    assert bin_dir is not None
    with running_cluster(bin_dir) as cluster:
        yield cluster


_DATABASES = itertools.count(1)


@pytest.fixture
def server_url(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """A URL to a new, empty database on the test cluster (created for this test)."""
    name = f"project_{next(_DATABASES)}"
    pg_cluster.admin(f"CREATE DATABASE {name}")
    return str(pg_cluster.url(name))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kills",
        type=int,
        default=None,
        help="how many times the crash test kills an editing session (default 100)",
    )
