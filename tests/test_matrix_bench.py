"""The matrix benchmark at a tiny size, so that it does not rot (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

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
