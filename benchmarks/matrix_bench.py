"""The theme matrix on a project of 1,000 sources and 100,000 passages (DESIGN.md section 7's
largest), and on the sample: the store's grouped counts, the dock shown and painted with them,
and ``briefing matrix --json`` as a whole process.

    python -m benchmarks.matrix_bench
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import SEED, command_timings, row, text_of_size, timings


def matrix_project(path: Path, sources: int, passages: int, chars: int) -> Path:
    """``sources`` sources of about ``chars`` characters; ``passages`` spread over them, some
    overlapping, one in ten with two themes (one ``add_passages``: one read back, not one per
    source)."""
    from briefing.core.resources import default_themes
    from briefing.core.store import Project

    rng = random.Random(SEED + 19)

    def populate(project: Project) -> None:
        themes = [t.id for t in project.themes()]
        per_source = max(1, passages // sources)
        specs = []
        for number in range(sources):
            text = f"Source {number}\n" + text_of_size(rng, chars)
            source = project.add_source(f"Source {number}", text, "txt")
            step = max(2, len(text) // per_source)
            for i in range(per_source):
                start = i * step
                end = min(len(text), start + rng.randint(step // 2, step * 2))
                chosen = rng.sample(themes, 2 if i % 10 == 0 else 1)
                specs.append((source.id, start, max(end, start + 1), chosen))
        project.add_passages(specs)

    Project.create(path, default_themes(), populate).close()
    return path


def run_matrix_bench(
    workdir: Path, repeats: int, *, sources: int = 1000, passages: int = 100_000, chars: int = 5000
) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from briefing.core.store import Project
    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow
    from briefing.gui.settings import Settings
    from briefing.sample import build_sample

    app = application()
    path = matrix_project(workdir / "matrix.briefing", sources, passages, chars)
    sample = workdir / "sample.briefing"
    build_sample(sample).close()
    size = f"{sources:,} sources, {passages:,} passages"
    rows = []
    with Project.open(path, readonly=True) as project:
        rows.append(row(f"theme matrix of {size} (store)", timings(project.theme_matrix, repeats)))
        rows.append(
            row(f"theme overlaps of {size} (store)", timings(project.theme_overlaps, repeats))
        )
    with Project.open(sample, readonly=True) as project:
        rows.append(
            row("theme matrix of the sample (store)", timings(project.theme_matrix, repeats))
        )

    window = MainWindow(Settings(workdir / "settings.ini"), Project.open(path, readonly=True))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    dock, panel = window.docks["matrix"], window.matrix_panel
    shown: list[float] = []

    def show_matrix() -> None:
        window.docks["passages"].raise_()  # behind another tab: stale, not counted
        window.matrix.stale()
        app.processEvents()
        started = time.perf_counter()
        dock.raise_()
        app.processEvents()  # counted when it comes into view
        panel.matrix_view.viewport().repaint()
        shown.append(time.perf_counter() - started)

    timings(show_matrix, repeats)
    rows.append(row(f"show the matrix of {size}, until painted", shown[-repeats:]))
    window.close()
    command = [sys.executable, "-m", "briefing", "matrix", str(path), "--json"]
    cli = command_timings(command, repeats)
    if cli is not None:
        rows.append(row(f"briefing matrix --json, {size} (whole process)", cli))
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        quick = "--quick" in sys.argv
        for r in run_matrix_bench(Path(folder), 2 if quick else 3):
            print(r)
