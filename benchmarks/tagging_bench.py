"""The source viewer on a 3 MB source with 10,000 passages and a report's structure (headings,
lists, paragraphs, shown spaced and indented): showing it, tagging in it, scrolling through it,
each until the text and its coding stripes are painted. Runs the real window offscreen,
in-process.

    python -m benchmarks.tagging_bench [--quick]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import row, timings
from benchmarks.workloads import big_source_project

FRAME = 1 / 60


def run_tagging_bench(
    workdir: Path, repeats: int, *, chars: int = 3_000_000, passages: int = 10_000
) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from briefing.core.store import Project
    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow
    from briefing.gui.settings import Settings

    app = application()
    path = big_source_project(workdir / "big.briefing", chars, passages)
    window = MainWindow(Settings(workdir / "settings.ini"), Project.open(path))
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    small, big = (s.id for s in window.project.sources())
    viewer = window.viewer

    def show_big() -> None:
        window.show_source(small)
        app.processEvents()
        started = time.perf_counter()
        window.show_source(big)
        viewer.viewport().repaint()
        viewer.stripes.repaint()
        app.processEvents()
        shown.append(time.perf_counter() - started)

    shown: list[float] = []
    timings(show_big, repeats)

    # Tag a sentence in view, as Ctrl+1 does, until it is painted.
    theme = window.project.themes()[0].id
    offset = viewer.offset_at(viewer.viewport().rect().center())
    tagged: list[float] = []

    def tag_one() -> None:
        viewer.select_range(offset, offset + 30)
        app.processEvents()  # the selection was made and painted before the keystroke
        started = time.perf_counter()
        window.tagging.tag_selection(theme)
        viewer.viewport().repaint()
        viewer.stripes.repaint()  # the coding stripes beside the text are part of the picture
        tagged.append(time.perf_counter() - started)
        window.edits.stack.undo()
        app.processEvents()

    timings(tag_one, repeats)

    # Scroll from top to bottom a page at a time; count the frames that miss 16 ms.
    bar = viewer.verticalScrollBar()
    bar.setValue(0)  # (the jump to the top is not part of the scroll)
    viewer.viewport().repaint()
    app.processEvents()
    frames: list[float] = []
    step = max(1, bar.pageStep())
    for value in range(0, bar.maximum() + step, step):
        started = time.perf_counter()
        bar.setValue(min(value, bar.maximum()))
        viewer.viewport().repaint()
        viewer.stripes.repaint()
        frames.append(time.perf_counter() - started)
    missed = sum(f > FRAME for f in frames)
    slow = [(i, round(f * 1000, 1)) for i, f in enumerate(frames) if f > FRAME]
    if slow:
        print(f"slow scroll frames (index, ms): {slow}", file=sys.stderr)
    window.close()
    size = f"{chars / 1e6:g} MB source, {passages:,} passages"
    scroll = row(
        f"scroll {size}: frames over 16 ms (of {len(frames)})", [missed], budget=0, unit="frames"
    )
    return [
        row(f"show a {size}", shown[1:] or shown, budget=0.5),
        row("tag a passage in it, until repainted", tagged[1:] or tagged, budget=0.016),
        scroll,
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for r in run_tagging_bench(Path(folder), 3):
            print(f"{r['figure']:<60} {r['median']:.4f} {r['unit']} (budget {r['budget']})")
