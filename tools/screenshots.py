"""Render the README's pictures of the window from the sample project (offscreen).

python tools/screenshots.py            # writes docs/screenshot.png, docs/note.png,
                                       # docs/matrix.png, docs/laptop.png and docs/dark.png
python tools/screenshots.py --matrix OUT.png [--dark] [--size 1366x768]   the matrix alone

The laptop (1366x768 at 125 %) and dark pictures are taken in a child process each: the screen's
size and QT_SCALE_FACTOR must be set before the QApplication exists.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from briefing.launcher import offscreen_platform  # noqa: E402

# An office monitor, unless a child process was given its screen: the window lays itself out by it.
_SCREEN_FOLDER = tempfile.mkdtemp(prefix="briefing-screen-")
os.environ.setdefault("QT_QPA_PLATFORM", offscreen_platform(1920, 1080, Path(_SCREEN_FOLDER)))

from PySide6.QtCore import Qt  # noqa: E402

from briefing.core.store import Project  # noqa: E402
from briefing.gui.app import application, screenshot  # noqa: E402
from briefing.gui.main_window import MainWindow  # noqa: E402
from briefing.gui.settings import Settings  # noqa: E402
from briefing.sample import build_sample  # noqa: E402


def note_picture(project: Path, out: Path, size: tuple[int, int] = (1500, 980)) -> None:
    """The drafting side: metadata, editor, preview below it, outline and coverage beside."""
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(Settings(Path(scratch) / "s.ini"), Project.open(project))
        window.resize(*size)
        window.menus.action("toggle_sources").setChecked(False)
        window.left.hide()
        window.docks["passages"].hide()
        window.docks["suggestions"].hide()
        window.docks["search"].hide()
        window.menus.action("preview").trigger()
        window.show()
        window.splitter.setSizes([0, 430, 800])
        window.resizeDocks([window.docks["outline"]], [300], Qt.Orientation.Horizontal)
        window.note_panel.split.setSizes([430, 420])
        window.analysis.analyse()
        window.spelling.wait_until_ready()
        # The caret in a paragraph of the body: its markup shows, the rest reads as a page.
        body = window.editor.body_text()
        cursor = window.editor.textCursor()
        cursor.setPosition(body.index("## Background"))
        window.editor.setTextCursor(cursor)
        app.processEvents()
        window.grab().save(str(out))
        window.close()


# Cables and reports beside the sample's article, so that the matrix has rows to compare.
DOSSIER = (
    "Cable: Brussels, AI Office briefing",
    "Cable: Washington, Commerce rule on model weights",
    "Report: EU compute capacity 2026",
    "Minutes: G7 digital ministers",
    "Article: Chip export licences to allies",
    "Cable: Paris, national AI strategy",
    "Report: venture funding in European AI",
)


def dossier(path: Path) -> Path:
    """The sample project with seven more sources, tagged from a fixed seed."""
    from benchmarks.common import text_of_size

    build_sample(path).close()
    rng = random.Random(20261127)
    with Project.open(path) as project:
        themes = [t.id for t in project.themes()]
        for title in DOSSIER:
            text = text_of_size(rng, 6000)
            source = project.add_source(title, text, "txt")
            weights = [rng.random() ** 2 for _ in themes]
            for _ in range(rng.randint(3, 14)):
                start = rng.randrange(0, len(text) - 400)
                chosen = rng.choices(themes, weights)[0]
                extra = [rng.choice(themes)] if rng.random() < 0.2 else []
                project.add_passage(
                    source.id, start, start + rng.randint(60, 300), [chosen, *extra]
                )
    return path


def matrix_picture(
    project: Path, out: Path, size: tuple[int, int] = (1400, 900), *, dark: bool = False
) -> None:
    """The window with the Theme Matrix dock in front, given room."""
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(Path(scratch) / "s.ini")
        settings.colour_theme = "dark" if dark else "light"
        window = MainWindow(settings, Project.open(project))
        window.resize(*size)
        window.show()
        window.docks["matrix"].raise_()
        window.resizeDocks([window.docks["matrix"]], [size[1] * 2 // 5], Qt.Orientation.Vertical)
        app.processEvents()
        window.analysis.analyse()
        # The panel counts after a pause, once it is in view: wait for its figures.
        deadline = time.monotonic() + 10
        while window.matrix_panel.summary.text().startswith("0 ") and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
        app.processEvents()
        window.grab().save(str(out))
        window.close()


# name: (screen width, height, QT_SCALE_FACTOR, View > Theme)
SCREENS = {
    "laptop": (1366, 768, "1.25", "light"),
    "dark": (1920, 1080, "1", "dark"),
}


def window_on_screen(project: Path, theme: str, out: Path) -> None:
    """In a child process: the window as it first opens on this screen, in this theme."""
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(Path(scratch) / "s.ini")
        settings.colour_theme = theme  # as View > Theme left it: the window applies it
        window = MainWindow(settings, Project.open(project))
        window.show()
        window.analysis.analyse()
        window.spelling.wait_until_ready()
        sources = window.sources.model()
        if sources.rowCount():  # a source with its passages, not an empty pane
            window.sources.setCurrentIndex(sources.index(0, 0))
        window.passages_panel.view.setFocus()  # the focus frame shows where the keys go
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out))
        window.close()


def on_screen(name: str, project: Path) -> Path:
    width, height, scale, theme = SCREENS[name]
    out = ROOT / "docs" / f"{name}.png"
    with tempfile.TemporaryDirectory() as folder:
        platform = offscreen_platform(width, height, Path(folder))
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": scale}
        command = [sys.executable, __file__, "--child", str(project), theme, str(out)]
        subprocess.run(command, env=env, check=True)
    return out


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        project, theme, out = sys.argv[2:5]
        window_on_screen(Path(project), theme, Path(out))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--matrix", type=Path, help="only the matrix picture, to this file")
    parser.add_argument("--dark", action="store_true", help="in a dark palette")
    parser.add_argument("--size", default="1400x900", help="the window's size (WxH)")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as folder:
        if args.matrix is not None:
            matrix_picture(dossier(Path(folder) / "Dossier.briefing"), args.matrix,
                           (width, height), dark=args.dark)  # fmt: skip
            print(f"wrote {args.matrix}")
            return
        sample = Path(folder) / "Sample.briefing"
        build_sample(sample).close()
        screenshot(sample, ROOT / "docs" / "screenshot.png", (1400, 960))
        note_picture(sample, ROOT / "docs" / "note.png")
        matrix_picture(dossier(Path(folder) / "Dossier.briefing"), ROOT / "docs" / "matrix.png")
        written = [on_screen(name, sample) for name in SCREENS]
    print(
        "wrote docs/screenshot.png, docs/note.png, docs/matrix.png,",
        ", ".join(str(p) for p in written),
    )


if __name__ == "__main__":
    main()
