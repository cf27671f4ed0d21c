"""Render the README's pictures of the window from the sample project (offscreen).

python tools/screenshots.py            # writes docs/screenshot.png, note.png and matrix.png
python tools/screenshots.py --matrix OUT.png [--dark] [--size 1366x768]   the matrix alone
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402

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


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in (
        (role.Window, "#2B2B2B"), (role.WindowText, "#F0F0F0"), (role.Base, "#1E1E1E"),
        (role.AlternateBase, "#262626"), (role.Text, "#FFFFFF"), (role.Button, "#353535"),
        (role.ButtonText, "#F0F0F0"), (role.Highlight, "#2A82DA"),
        (role.HighlightedText, "#FFFFFF"), (role.PlaceholderText, "#9A9A9A"),
        (role.ToolTipBase, "#353535"), (role.ToolTipText, "#F0F0F0"),
    ):  # fmt: skip
        palette.setColor(name, QColor(colour))
    return palette


def matrix_picture(
    project: Path, out: Path, size: tuple[int, int] = (1400, 900), *, dark: bool = False
) -> None:
    """The window with the Theme Matrix dock in front, given room."""
    app = application()
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(Settings(Path(scratch) / "s.ini"), Project.open(project))
        window.resize(*size)
        window.show()
        window.docks["matrix"].raise_()
        window.resizeDocks([window.docks["matrix"]], [size[1] * 2 // 5], Qt.Orientation.Vertical)
        app.processEvents()
        window.analysis.analyse()
        app.processEvents()
        window.grab().save(str(out))
        window.close()


def main() -> None:
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
    print("wrote docs/screenshot.png, docs/note.png and docs/matrix.png")


if __name__ == "__main__":
    main()
