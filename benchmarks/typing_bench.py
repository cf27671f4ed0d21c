"""Typing in a 50-page note with the live preview and spell check on: each keystroke timed
from the key press until the editor has repainted, through the real event loop.

    python -m benchmarks.typing_bench [--quick]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import SEED, paragraph, row

FRAME = 0.016
PAGES = 50
KEYS = "the talks on export controls went on. "


def fifty_page_note(rng: random.Random, pages: int = PAGES) -> str:
    """About 500 words a page: headings, paragraphs with citations and emphasis, lists."""
    parts = []
    for page in range(pages):
        parts.append(f"## Section {page + 1}\n")
        parts.append(paragraph(rng, 15) + f" **Key point** [@p{page % 5 + 1}].\n")
        parts.append("- " + paragraph(rng, 1) + "\n- " + paragraph(rng, 1) + "\n")
        parts.append(paragraph(rng, 15) + " *Note* the goverment view.\n")
        parts.append("> " + paragraph(rng, 2) + "\n")
    return "\n".join(parts)


def keystroke_latencies(app: Any, editor: Any, rounds: int) -> list[float]:
    """Type ``KEYS`` ``rounds`` times into ``editor`` (focused, cursor placed): for each key,
    the seconds from the key press until the editor has repainted, through the event loop."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest

    class PaintWatch(QObject):
        painted = 0.0

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                PaintWatch.painted = time.perf_counter()
            return False

    watch = PaintWatch()
    editor.viewport().installEventFilter(watch)
    latencies: list[float] = []
    for _ in range(rounds):
        for key in KEYS:
            pressed = time.perf_counter()
            QTest.keyClicks(editor, key)
            while PaintWatch.painted < pressed and time.perf_counter() - pressed < 1:
                app.processEvents()
            latencies.append(PaintWatch.painted - pressed)
    editor.viewport().removeEventFilter(watch)
    return latencies


def run_typing_bench(workdir: Path, repeats: int, *, pages: int = PAGES) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from briefing.core.store import Project
    from briefing.gui.app import application
    from briefing.gui.main_window import MainWindow
    from briefing.gui.settings import Settings
    from briefing.sample import build_sample

    app = application()
    path = workdir / "typing.briefing"
    with build_sample(path) as project:
        note = project.notes()[0]
        project.update_note(note.id, body=fifty_page_note(random.Random(SEED), pages))
    window = MainWindow(Settings(workdir / "settings.ini"), Project.open(path))
    window.resize(1366, 768)
    window.show()
    window.spelling.wait_until_ready(30)
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    app.processEvents()

    latencies = keystroke_latencies(app, editor, repeats * 2)
    window.close()
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"typing in a {pages}-page note ({len(latencies)} keys): median"
        f" {statistics.median(latencies) * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms,"
        f" budget {FRAME * 1000:.0f} ms: {'met' if p95 <= FRAME else 'NOT met'}",
        file=sys.stderr,
    )
    return [
        row(
            f"a keystroke in a {pages}-page note until repainted (95th percentile of"
            f" {len(latencies)})",
            [p95],
            budget=FRAME,
        )
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for line in run_typing_bench(Path(folder), 2 if "--quick" in sys.argv else 5):
            print(line)
