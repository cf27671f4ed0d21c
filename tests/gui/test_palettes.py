"""View > Theme: the system's colours, or light, dark and high contrast; every colour the
window adds comes from the scheme, and a change repaints at once, remembered next time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from briefing.core.colours import DARK, HIGH_CONTRAST, LIGHT, SCHEMES, Scheme, passage_alpha
from briefing.gui.appearance import apply_theme, palette_for, scheme_of
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import choose_from_menu_bar


@pytest.fixture(autouse=True)
def _system_colours_after():
    yield
    apply_theme("system")  # the next test starts with the platform's palette


def highlight_colours(window: MainWindow) -> list[tuple[str, float]]:
    """(colour, opacity) of each passage highlight the viewer paints now."""
    painted = []
    for selection in window.viewer.extraSelections():
        colour = selection.format.background().color()
        painted.append((colour.name().upper(), round(colour.alphaF(), 2)))
    return painted


def expected_highlights(window: MainWindow, scheme: Scheme) -> list[tuple[str, float]]:
    themes = {t.id: t.colour.upper() for t in window.project.themes()}
    return [
        (themes[p.theme_ids[0]], round(passage_alpha(themes[p.theme_ids[0]], scheme), 2))
        for p in window.viewer.passages()
    ]


@pytest.mark.parametrize(("entry", "scheme"), [("Dark", DARK), ("High Contrast", HIGH_CONTRAST)])
def test_choosing_colours_repaints_the_source_at_once(
    window: MainWindow, qtbot, entry: str, scheme: Scheme
) -> None:
    before = highlight_colours(window)
    assert before == expected_highlights(window, scheme_of(window.viewer.palette()))
    choose_from_menu_bar(window.menuBar(), "View", "Theme", entry)
    qtbot.waitUntil(lambda: highlight_colours(window) == expected_highlights(window, scheme))
    assert highlight_colours(window) != before  # without reopening the source
    palette = window.viewer.palette()
    assert palette.color(QPalette.ColorRole.Base) == QColor(scheme.base)
    assert palette.color(QPalette.ColorRole.Text) == QColor(scheme.text)
    assert window.settings.colour_theme == scheme.name
    assert window.menus.colour_actions[scheme.name].isChecked()


def test_the_note_and_its_preview_take_the_dark_colours(window: MainWindow, qtbot) -> None:
    window.menus.action("preview").trigger()
    choose_from_menu_bar(window.menuBar(), "View", "Theme", "Dark")
    preview = window.note_panel.preview
    qtbot.waitUntil(lambda: DARK.heading.lower() in preview.toHtml().lower(), timeout=3000)
    assert LIGHT.heading.lower() not in preview.toHtml().lower()
    # The editor's headings are in the palette's text colour, not navy.
    block = window.editor.document().findBlockByNumber(0)
    assert block.text().startswith("## ")
    formats = block.layout().formats()
    heading = [f.format for f in formats if f.format.fontWeight() >= 700]
    assert heading and all(f.foreground().color() == QColor(DARK.text) for f in heading)


def test_the_choice_is_remembered_and_system_restores_the_platform(
    make_window, sample_path: Path, qtbot
) -> None:
    window = make_window(sample_path)
    system_base = window.viewer.palette().color(QPalette.ColorRole.Base)
    choose_from_menu_bar(window.menuBar(), "View", "Theme", "High Contrast")
    window.close()
    again = make_window(sample_path)
    qtbot.waitUntil(
        lambda: again.viewer.palette().color(QPalette.ColorRole.Base) == QColor("#000000")
    )
    assert again.menus.colour_actions["high contrast"].isChecked()
    choose_from_menu_bar(again.menuBar(), "View", "Theme", "System")
    qtbot.waitUntil(lambda: again.viewer.palette().color(QPalette.ColorRole.Base) == system_base)
    assert again.settings.colour_theme == "system"


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=lambda s: s.name)
def test_each_palette_is_its_scheme(scheme: Scheme) -> None:
    palette = palette_for(scheme)
    assert scheme_of(palette) == scheme
    assert palette.color(QPalette.ColorRole.PlaceholderText) == QColor(scheme.muted)
