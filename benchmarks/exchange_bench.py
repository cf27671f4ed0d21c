"""REFI-QDA exchange on a project of 1,000 sources and 100,000 passages (DESIGN.md section 7's
largest, the matrix benchmark's project): the export to a .qdpx, and its import into a new
empty project (read, checked and stored in one transaction).

    python -m benchmarks.exchange_bench
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import row, timings
from benchmarks.matrix_bench import matrix_project


def run_exchange_bench(
    workdir: Path, repeats: int, *, sources: int = 1000, passages: int = 100_000, chars: int = 5000
) -> list[dict[str, Any]]:
    from briefing.core.store import Project
    from briefing.exchange import export_qdpx, import_qdpx

    path = matrix_project(workdir / "exchange.briefing", sources, passages, chars)
    exported = workdir / "exchange.qdpx"
    size = f"{sources:,} sources, {passages:,} passages"
    with Project.open(path, readonly=True) as project:
        export_times = timings(lambda: export_qdpx(project, exported), repeats)
    targets = iter(range(repeats + 1))  # a new empty project for each run, the warm-up's too

    def import_into_new() -> None:
        target = workdir / f"imported{next(targets)}.briefing"
        with Project.create(target) as project:
            outcome = import_qdpx(project, exported)
        if outcome.error or outcome.passages != passages:
            raise RuntimeError(f"the benchmark's import failed: {outcome.line()}")

    import_times = timings(import_into_new, repeats)
    return [
        row(f"export {size} to REFI-QDA", export_times),
        row(f"import a REFI-QDA file of {size} into a new project", import_times),
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for r in run_exchange_bench(Path(folder), 2 if "--quick" in sys.argv else 3):
            print(r)
