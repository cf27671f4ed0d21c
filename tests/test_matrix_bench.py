"""The matrix and REFI-QDA exchange benchmarks (one project) at a tiny size, so that they do not
rot (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.exchange_bench import run_exchange_bench
from benchmarks.matrix_bench import run_matrix_bench
from briefing.core.store import Project


def test_matrix_bench_runs_on_a_small_project(tmp_path: Path, qapp) -> None:
    rows = run_matrix_bench(tmp_path, 1, sources=4, passages=40, chars=2000)
    figures = [r["figure"] for r in rows]
    assert figures[0] == "theme matrix of 4 sources, 40 passages (store)"
    assert figures[3] == "show the matrix of 4 sources, 40 passages, until painted"
    assert all(r["median"] > 0 for r in rows)  # each measured, none left at zero
    with Project.open(tmp_path / "matrix.briefing", readonly=True) as project:
        matrix = project.theme_matrix()
        assert len(matrix.sources) == 4 and matrix.total == 40
        assert sum(matrix.theme_totals.values()) == 44  # one passage in ten has two themes


def test_exchange_bench_runs_on_a_small_project(tmp_path: Path) -> None:
    rows = run_exchange_bench(tmp_path, 1, sources=3, passages=30, chars=2000)
    assert [r["figure"] for r in rows] == [
        "export 3 sources, 30 passages to REFI-QDA",
        "import a REFI-QDA file of 3 sources, 30 passages into a new project",
    ]
    assert all(r["median"] > 0 for r in rows)
    with Project.open(tmp_path / "exchange.briefing", readonly=True) as original:
        made = [(p.text, p.theme_ids, p.author, p.created_at) for p in original.passages()]
    with Project.open(tmp_path / "imported1.briefing", readonly=True) as imported:
        assert [(p.text, p.theme_ids, p.author, p.created_at) for p in imported.passages()] == made
