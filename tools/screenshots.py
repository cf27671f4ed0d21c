"""Render the README's pictures of the window from the sample project (offscreen).

python tools/screenshots.py            # writes docs/screenshot.png and docs/note.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "Sample.briefing"
        build_sample(sample).close()
        screenshot(sample, ROOT / "docs" / "screenshot.png", (1400, 960))
        note_picture(sample, ROOT / "docs" / "note.png")
    print("wrote docs/screenshot.png and docs/note.png")


if __name__ == "__main__":
    main()
