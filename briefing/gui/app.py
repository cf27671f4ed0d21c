"""Starting the GUI: the application object, the settings, the project to open first."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.core.errors import BriefingError, ProjectLocked, ReadOnlyProject
from briefing.core.location import Location
from briefing.core.paths import sample_project_path
from briefing.core.store import Project
from briefing.gui.appearance import apply_theme
from briefing.gui.main_window import MainWindow
from briefing.gui.projects import open_with_prompts
from briefing.gui.settings import Settings

GUI_SWITCH_INTERVAL = 0.001  # seconds


def application() -> QApplication:
    """The one QApplication, created on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("Briefing")
    QCoreApplication.setApplicationName("Briefing")
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Briefing")
    # The note's analysis runs on a Python thread: hand the interpreter back to the GUI thread
    # within a millisecond (not five) when a key or a click comes in meanwhile.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    return app


def first_project(settings: Settings) -> Path:
    """The most recent project file that still exists; on first run, the sample (made if
    needed). A server project is opened by its URL or from File > Open Recent: a server that
    cannot be reached must not keep the window from starting."""
    for path in settings.recent:
        if isinstance(path, Path) and path.is_file():
            return path
    sample = sample_project_path()
    if not sample.exists():
        from briefing.sample import build_sample

        sample.parent.mkdir(parents=True, exist_ok=True)
        build_sample(sample).close()
    return sample


def run(project_path: Location | None, settings: Settings | None = None) -> int:
    app = application()
    settings = settings or Settings()
    apply_theme(settings.colour_theme)  # the prompts before the window take its colours too
    path = project_path or first_project(settings)
    project = open_with_prompts(None, path)
    if project is None:
        return 1
    window = MainWindow(settings, project)
    window.show()
    if os.environ.get("BRIEFING_QUIT_WHEN_SHOWN"):  # the start-up benchmark's stopwatch
        QTimer.singleShot(0, app.quit)
    return int(app.exec())


def screenshot(project_path: Location, out: Path, size: tuple[int, int]) -> None:
    """Render the main window on ``project_path`` offscreen into a PNG at ``out``."""
    app = application()
    try:
        project = Project.open(project_path)
    except (ProjectLocked, ReadOnlyProject):  # in use, or read-only: a picture needs no writes
        project = Project.open(project_path, readonly=True)
    with tempfile.TemporaryDirectory(prefix="briefing-shot-") as scratch:
        # Its own settings: a picture must not change the user's window layout or recent list.
        window = MainWindow(Settings(Path(scratch) / "settings.ini"), project)
        window.setWindowState(Qt.WindowState.WindowNoState)  # the size asked, whatever the screen
        window.resize(*size)
        window.splitter.setSizes([size[0] * 18 // 100, size[0] * 41 // 100, size[0] * 41 // 100])
        # A short passages table leaves the source room to show its passages.
        window.resizeDocks([window.docks["passages"]], [size[1] // 5], Qt.Orientation.Vertical)
        window.show()
        app.processEvents()  # the first paint, then the passages table is filled
        window.analysis.analyse()  # the picture shows the page meter and coverage
        window.spelling.wait_until_ready()  # and the note's spelling underlined
        app.processEvents()
        _show_an_overlap(window)
        app.processEvents()
        image = window.grab()
        window.close()
    if not image.save(str(out), "PNG"):
        raise BriefingError(f"{out}: could not write the picture")


def _show_an_overlap(window: MainWindow) -> None:
    """Scroll the source to where two passages overlap, if any: it shows how tagging looks."""
    passages = window.viewer.passages()
    for first, second in itertools.pairwise(passages):
        if second.start < first.end:
            window.viewer.jump_to(second.start)
            return
