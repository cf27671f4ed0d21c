"""Start-up: the ``briefing`` process showing its window on the sample project, against a bare
PySide6 window in a minimal script. Both are whole processes that start, show a window, let it
paint once and quit (``BRIEFING_QUIT_WHEN_SHOWN`` is the stopwatch's hook in ``gui/app.py``).

    python -m benchmarks.startup_bench
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import command_timings, row

if TYPE_CHECKING:
    from briefing.core.model import NoteBundle

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 900)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def run_startup_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from briefing.sample import build_sample

    sample = workdir / "Sample.briefing"
    if not sample.exists():
        build_sample(sample).close()
    compile_package()
    os.environ["BRIEFING_QUIT_WHEN_SHOWN"] = "1"
    # Its own settings and data folder: the user's window layout stays as it was.
    os.environ.setdefault("BRIEFING_DATA_DIR", str(workdir / "data"))
    os.environ.setdefault("XDG_CONFIG_HOME", str(workdir / "config"))
    try:
        ours = command_timings([sys.executable, "-m", "briefing", str(sample)], repeats)
        bare = command_timings([sys.executable, "-c", BARE_WINDOW], repeats)
    finally:
        del os.environ["BRIEFING_QUIT_WHEN_SHOWN"]
    if ours is None:
        raise RuntimeError("briefing screenshot failed in the benchmark")
    return [
        row(
            "start-up: window shown on the sample project (whole process)",
            ours,
            peer="a bare PySide6 window (whole process)",
            peer_times=bare,
            ratio_budget=2.0,
        )
    ]


def compile_package() -> None:
    """Byte-compile Briefing as ``pip install`` does, so that each process loads its modules
    as an installed copy would. From a checkout with PYTHONDONTWRITEBYTECODE set (as on the
    CI machine) every start compiled some 130 modules again: 0.3 s of the figure."""
    import compileall

    import briefing

    compileall.compile_dir(Path(briefing.__file__).parent, quiet=1)


def run_meter_bench(repeats: int) -> list[dict[str, Any]]:
    """The page meter runs on every pause in typing."""
    from benchmarks.common import timings
    from benchmarks.export_bench import generate
    from briefing.exporters.pages import estimate_pages
    from briefing.sample import build_sample

    with tempfile.TemporaryDirectory() as folder, build_sample(Path(folder) / "s.briefing") as p:
        small = p.bundle(p.notes()[0].id)
    big, _ = generate()
    return [
        row(
            "page meter: the sample note (1 page)",
            timings(_typing(small, estimate_pages), repeats * 5),
            budget=0.020,
        ),
        row(
            "page meter: a 160-page note",
            timings(_typing(big, estimate_pages), repeats),
            budget=0.300,
        ),
    ]


def _typing(bundle: NoteBundle, measure: Callable[[NoteBundle], object]) -> Callable[[], object]:
    """``measure`` on the note as it is after one more keystroke each time: the reader keeps
    the last notes it read, and the meter runs because the text changed."""
    typed = itertools.count()

    def run() -> object:
        body = f"{bundle.note.body}{'x' * (next(typed) + 1)}"
        return measure(replace(bundle, note=replace(bundle.note, body=body)))

    return run


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for line in run_startup_bench(Path(folder), 3) + run_meter_bench(3):
            print(line)
