"""The window on the screens staff have: a 1366x768 laptop at 125 %, 1280x720 and a 1920x1080
monitor. Each size is measured in a child process (tests/gui/layout_probe.py), since the screen
and QT_SCALE_FACTOR must be set before the QApplication exists."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from briefing.gui import panes
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings

PROBE = Path(__file__).with_name("layout_probe.py")
SCREENS = {
    "laptop 1366x768 at 125 %": (1366, 768, "1.25"),
    "1280x720": (1280, 720, "1"),
    "1920x1080": (1920, 1080, "1"),
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory, sample_template: Path) -> dict[str, dict]:
    results = {}
    for name, (width, height, scale) in SCREENS.items():
        folder = tmp_path_factory.mktemp("screen")
        project = folder / "sample.briefing"
        project.write_bytes(sample_template.read_bytes())
        out = folder / "layout.json"
        env = {**os.environ, "QT_SCALE_FACTOR": scale, "BRIEFING_DATA_DIR": str(folder)}
        subprocess.run(
            [sys.executable, str(PROBE), str(project), str(width), str(height), str(out)],
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )
        results[name] = json.loads(out.read_text())
    return results


@pytest.mark.parametrize("screen", SCREENS)
def test_every_theme_name_fits_its_column(measured: dict, screen: str) -> None:
    report = measured[screen]
    for panel in ("themes", "coverage"):
        rows = report[panel]
        assert len(rows) == 3
        for row in rows:
            assert row["needed"] <= row["column"], f"{panel}: {row} on {screen}"


@pytest.mark.parametrize("screen", SCREENS)
def test_no_column_header_or_toolbar_action_is_cut(measured: dict, screen: str) -> None:
    report = measured[screen]
    assert report["headers"]
    for header in report["headers"]:
        assert header["needed"] <= header["width"], f"{header} on {screen}"
    bars = {bar["bar"]: bar["hidden"] for bar in report["toolbars"]}
    assert bars == {"Themes": [], "Format": []}, screen


def test_the_laptop_window_fills_its_screen_with_the_note_panels_below(measured: dict) -> None:
    laptop = measured["laptop 1366x768 at 125 %"]
    assert laptop["screen"] == [1093, 614]  # 1366x768 at 125 %, in logical pixels
    assert laptop["window"] == laptop["screen"]
    assert laptop["narrow"] == "BottomDockWidgetArea"


def test_a_full_hd_screen_shows_eight_passages_and_the_note_panels_beside(measured: dict) -> None:
    desktop = measured["1920x1080"]
    assert desktop["passage_rows"] >= 8
    assert desktop["narrow"] == "RightDockWidgetArea"


def test_the_layout_is_kept_per_screen_size(
    make_window, sample_path: Path, settings: Settings, monkeypatch
) -> None:
    window: MainWindow = make_window(sample_path)
    window.resize(1200, 800)
    window.splitter.setSizes([200, 500, 500])
    sizes = window.splitter.sizes()
    here = panes.screen_key(window)
    assert here == "1920x1080"
    window.close()
    assert settings.layout(here).main_splitter is not None
    # The same window on a laptop's screen: nothing saved for it, so its own defaults.
    monkeypatch.setattr(panes, "screen_key", lambda _window: "1093x614")
    laptop = make_window(sample_path)
    assert laptop.splitter.sizes() != sizes and (laptop.width(), laptop.height()) != (1200, 800)
    laptop.splitter.setSizes([300, 300, 300])
    laptop.close()
    monkeypatch.undo()
    again = make_window(sample_path)  # back on the desktop: the desktop's layout
    assert again.splitter.sizes() == sizes
    assert settings.layout("1093x614").main_splitter != settings.layout(here).main_splitter


def test_the_problems_tab_counts_the_problems(window: MainWindow, qtbot) -> None:
    bar = next(
        bar
        for bar in window.findChildren(QTabBar)
        if any(bar.tabText(i).startswith("Problems") for i in range(bar.count()))
    )

    def tab() -> str:
        return next(t for i in range(bar.count()) if (t := bar.tabText(i)).startswith("Problems"))

    def counted() -> bool:
        count = window.problems_panel.count()
        return tab() == (f"Problems ({count})" if count else "Problems")

    qtbot.waitUntil(counted)
    before = window.problems_panel.count()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "[Add the figures from Treasury]")
    qtbot.waitUntil(lambda: window.problems_panel.count() > before and counted(), timeout=10000)
    assert tab() == f"Problems ({window.problems_panel.count()})"


@pytest.mark.parametrize("screen", SCREENS)
def test_one_tab_bar_per_group_of_docks(measured: dict, screen: str) -> None:
    """Qt left an old tab bar on screen beside the one in use (a strip over the note)."""
    groups = [
        ["Passages", "Suggestions", "Search All Sources", "Theme Matrix"],
        ["Outline", "Coverage", "Problems"],
    ]
    shown = [[re.sub(r" \(\d+\)$", "", tab) for tab in bar] for bar in measured[screen]["tab_bars"]]
    assert sorted(shown) == sorted(groups)
