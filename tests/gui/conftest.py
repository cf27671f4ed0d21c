"""GUI fixtures: a main window on a fresh copy of the sample, with its own settings file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.core.store import Project
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp) -> Iterator[None]:
    """Mime data a test put on the offscreen clipboard crashes PySide6 at exit unless cleared."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, settings: Settings) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def make(path: Path, *, readonly: bool = False) -> MainWindow:
        window = MainWindow(settings, Project.open(path, readonly=readonly))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # writes the note and releases the project


@pytest.fixture
def window(make_window, sample_path: Path) -> MainWindow:
    return make_window(sample_path)
