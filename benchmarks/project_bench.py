"""A project of 200 sources and 20,000 passages: opening it in the window, its peak memory,
and full-text search across 200 sources of 100 KB beside ``grep -c`` over the same texts.

    python -m benchmarks.project_bench
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import command_timings, median_spread, row, timings
from benchmarks.workloads import many_sources_project

QUERIES = ("sovereignty", "export controls", '"venture capital"', "invest*", "chips allies")

# Run in a child so that its peak memory is the window's alone.
_OPEN_WINDOW = """
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
started = time.perf_counter()
from pathlib import Path
from briefing.core.store import Project
from briefing.gui.app import application
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings
app = application()
window = MainWindow(Settings(Path(sys.argv[2])), Project.open(Path(sys.argv[1])))
window.show()
app.processEvents()
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()
print(json.dumps({"seconds": elapsed, "peak_mb": peak}))
"""


def open_window(path: Path, workdir: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_WINDOW, str(path), str(workdir / "settings.ini")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_project_bench(
    workdir: Path, repeats: int, *, sources: int = 200, chars: int = 100_000, passages: int = 20_000
) -> list[dict[str, Any]]:
    from briefing.core.store import Project

    path = many_sources_project(workdir / "many.briefing", sources, chars, passages)
    runs = [open_window(path, workdir) for _ in range(repeats + 1)][1:]
    size = f"{sources} sources, {passages:,} passages"
    rows = [
        row(
            f"open a project of {size} (imports included)", [r["seconds"] for r in runs], budget=1.0
        ),
        row("peak memory with it open", [r["peak_mb"] for r in runs], budget=300, unit="MB"),
    ]
    # The same texts as files, for grep.
    texts = workdir / "texts"
    texts.mkdir(exist_ok=True)
    with Project.open(path, readonly=True) as project:
        for source in project.sources():
            (texts / f"{source.id}.txt").write_text(
                project.source_text(source.id), encoding="utf-8"
            )
        per_query: list[float] = []  # each query's median: the budget is per query
        for query in QUERIES:
            per_query.append(median_spread(timings(lambda q=query: project.search(q), repeats))[0])
    files = sorted(str(p) for p in texts.iterdir())
    grep = command_timings(["grep", "-c", "-i", "sovereignty", *files], repeats)
    rows.append(
        row(
            f"search {sources} sources of {chars // 1000} KB, one query",
            per_query,
            budget=0.05,
            peer="grep -c -i (whole process)",
            peer_times=grep,
        )
    )
    rows.append(
        row(f"search: the slowest of {len(QUERIES)} queries", [max(per_query)], budget=0.05)
    )
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for r in run_project_bench(Path(folder), 3):
            print(r)
