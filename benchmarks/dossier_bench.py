"""A year's dossier: 1,000 sources (30 MB of text), 100,000 passages and a 50-page note citing
some of them. The whole ``briefing`` process until its window is filled and analysed, its peak
memory, tagging a passage until repainted, a keystroke in the note, and search across it.

    python -m benchmarks.dossier_bench [--quick]

``--quick`` (and the runner's ``--quick``) uses a tenth of the dossier, so that the whole run
stays under a minute; the figures name the size they were taken on.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.common import SEED, median_spread, row, timings
from benchmarks.project_bench import QUERIES
from benchmarks.typing_bench import fifty_page_note, keystroke_latencies
from benchmarks.workloads import many_sources_project

FULL = (1000, 30_000, 100_000)  # sources, characters each, passages
QUICK = (100, 30_000, 10_000)
FRAME = 0.016
CITED_EVERY = 500  # the note cites one passage in this many, beside its own citations

# The window's own process: it reports when its passages table is filled and the note's
# analysis has shown, then leaves at once (closing is not part of the figure).
_OPEN_DOSSIER = """
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from briefing.core.store import Project
from briefing.gui.app import application
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings
app = application()
window = MainWindow(Settings(Path(sys.argv[2])), Project.open(Path(sys.argv[1])))
window.resize(1400, 900)
window.show()
expected = int(sys.argv[3])

def ready():
    if window.passages_panel.model_.rowCount() == expected:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"ready": time.time(), "peak_mb": peak}), flush=True)
        os._exit(0)

window.analysis.analysed.connect(ready)
app.exec()
"""


def dossier(path: Path, sources: int, chars: int, passages: int) -> Path:
    """The dossier: many sources, their passages, and a 50-page note citing some of them."""
    many_sources_project(path, sources, chars, passages)
    from briefing.core.store import Project

    body = fifty_page_note(random.Random(SEED))
    body += "\n\n## Evidence\n\n" + " ".join(
        f"Point [@p{pid}]." for pid in range(1, passages + 1, CITED_EVERY)
    )
    with Project.open(path) as project:
        project.add_note("Dossier note", body=body)
    return path


def open_dossier(path: Path, workdir: Path, passages: int) -> dict[str, float]:
    """Whole process: from its start until the window is filled and analysed."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_DOSSIER, str(path), str(workdir / "s.ini"), str(passages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the dossier window did not report: {result.stderr[-2000:]}")
    report = json.loads(lines[-1])
    return {"seconds": report["ready"] - started, "peak_mb": report["peak_mb"]}


def run_dossier_bench(
    workdir: Path, repeats: int, *, scale: tuple[int, int, int] = FULL
) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sources, chars, passages = scale
    path = dossier(workdir / "dossier.briefing", sources, chars, passages)
    size = f"{sources:,} sources ({sources * chars / 1e6:g} MB), {passages:,} passages"
    runs = [open_dossier(path, workdir, passages) for _ in range(repeats + 1)][1:]
    rows = [
        row(
            f"open a dossier of {size} until filled and analysed (whole process)",
            [r["seconds"] for r in runs],
            budget=2.5,
        ),
        row(
            f"peak memory with the dossier open ({size})",
            [r["peak_mb"] for r in runs],
            budget=600,
            unit="MB",
        ),
    ]
    rows += _in_the_window(path, workdir, repeats, size)
    from briefing.core.store import Project

    with Project.open(path, readonly=True) as project:
        per_query = []  # each query's median: the budget is per query
        for query in QUERIES:
            search = partial(project.search, query)
            per_query.append(median_spread(timings(search, repeats))[0])
    rows.append(
        row(
            f"search the dossier: the slowest of {len(QUERIES)} queries",
            [max(per_query)],
            budget=0.05,
        )
    )
    return rows


def _in_the_window(path: Path, workdir: Path, repeats: int, size: str) -> list[dict[str, Any]]:
    """Tagging and typing in the dossier's window, through the real event loop."""
    from briefing.core.store import Project
    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow
    from briefing.gui.settings import Settings

    app = application()
    window = MainWindow(Settings(workdir / "window.ini"), Project.open(path))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.analysis.analyse()  # the start's analysis done, so that it is not timed below
    viewer = window.viewer
    theme = window.project.themes()[0].id
    # The viewer lays sources out: its own map gives the stored offset under a point.
    offset = viewer.offset_at(viewer.viewport().rect().center())
    tagged: list[float] = []
    settled: list[float] = []

    def tag_one() -> None:
        viewer.select_range(offset, offset + 30)
        app.processEvents()  # the selection was made and painted before the keystroke
        started = time.perf_counter()
        window.tagging.tag_selection(theme)
        viewer.viewport().repaint()
        viewer.stripes.repaint()  # the coding stripes beside the text are part of the picture
        tagged.append(time.perf_counter() - started)
        app.processEvents()  # the panels follow the repaint
        settled.append(time.perf_counter() - started)
        window.edits.stack.undo()
        app.processEvents()

    timings(tag_one, repeats)
    editor = window.editor
    editor.setFocus()
    text_cursor = editor.textCursor()
    text_cursor.setPosition(editor.document().characterCount() // 3)
    editor.setTextCursor(text_cursor)
    editor.centerCursor()
    app.processEvents()
    latencies = sorted(keystroke_latencies(app, editor, repeats))
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    window.analysis.stop()
    window.close()
    return [
        row(
            f"tag a passage in the dossier, until repainted ({size})",
            tagged[1:] or tagged,
            budget=FRAME,
        ),
        row("tag a passage in the dossier: until its panels have followed", settled[1:] or settled),
        row(
            f"a keystroke in the dossier's 50-page note (95th percentile of {len(latencies)})",
            [p95],
            budget=FRAME,
        ),
    ]


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        for r in run_dossier_bench(Path(folder), 2 if quick else 5, scale=QUICK if quick else FULL):
            print(f"{r['figure']:<90} {r['median']:.4f} {r['unit']} (budget {r['budget']})")
