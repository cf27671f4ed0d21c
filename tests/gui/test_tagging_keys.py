"""The theme keys do what they say: toggle a theme on a passage's exact span, act only in the
source viewer, clear the selection and say what happened; citing joins a neighbouring group."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from briefing.core.citations import insert_citation
from briefing.core.colours import passage_alpha
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.appearance import scheme_of
from briefing.gui.main_window import MainWindow
from briefing.gui.tagging import suggested_theme_name
from tests.gui.conftest import ContextMenus
from tests.gui.test_tagging import CTRL, SHIFT, TEXT, point_at, press, select, stored


@pytest.fixture
def astral(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "astral.briefing"
    with Project.create(path, default_themes()) as project:
        project.add_source("Astral", TEXT, "txt")
    return make_window(path)


def names(window: MainWindow, theme_ids: tuple[int, ...]) -> list[str]:
    return [window.project.theme(t).name for t in theme_ids]


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def shows_colour(window: MainWindow, offset: int, theme_colour: str) -> bool:
    """Whether the viewer paints the theme's translucent colour around code point ``offset``."""
    viewer = window.viewer
    base = viewer.palette().color(QPalette.ColorRole.Base)
    alpha = passage_alpha(theme_colour.upper(), scheme_of(viewer.palette()))
    theme = QColor(theme_colour)
    want = [
        round(b * (1 - alpha) + t * alpha)
        for b, t in zip(base.getRgb()[:3], theme.getRgb()[:3], strict=True)
    ]
    image = viewer.viewport().grab().toImage()
    centre = point_at(window, offset)
    for dx in range(-6, 7):
        for dy in range(-5, 6):
            pixel = image.pixelColor(centre.x() + dx, centre.y() + dy).getRgb()[:3]
            if all(abs(p - w) <= 8 for p, w in zip(pixel, want, strict=True)):
                return True
    return False


def test_tag_clears_the_selection_says_so_and_undo(astral: MainWindow, qtbot) -> None:
    start, _ = select(astral, qtbot, "Sovereignty matters to Europe.")
    colour = astral.project.theme_by_name("Export controls").colour
    assert not shows_colour(astral, start + 3, colour)  # the selection's own colour
    press(astral, qtbot, "1")
    assert len(stored(astral)) == 1
    assert status(astral) == "Tagged as Export controls (Ctrl+Z undoes)"
    assert astral.viewer.selection_range() is None
    assert shows_colour(astral, start + 3, colour)
    press(astral, qtbot, "z")
    assert stored(astral) == []
    assert not shows_colour(astral, start + 3, colour)


def test_theme_key_on_a_tagged_span_toggles_the_theme(astral: MainWindow, qtbot) -> None:
    phrase = "Investors pour venture capital in."
    select(astral, qtbot, phrase)
    press(astral, qtbot, "1")
    select(astral, qtbot, phrase)
    press(astral, qtbot, "2")
    (passage,) = stored(astral)  # the same passage, not a second one over the same span
    assert names(astral, passage.theme_ids) == ["Export controls", "Sovereignty"]
    assert status(astral) == "Tagged as Sovereignty (Ctrl+Z undoes)"
    select(astral, qtbot, phrase)
    press(astral, qtbot, "2")
    (passage,) = stored(astral)
    assert names(astral, passage.theme_ids) == ["Export controls"]
    assert status(astral) == f"Removed Sovereignty from p{passage.id} (Ctrl+Z undoes)"
    select(astral, qtbot, phrase)
    press(astral, qtbot, "1")  # the last theme: the passage goes, and Ctrl+Z brings it back
    assert stored(astral) == []
    assert status(astral) == (
        f"Removed Export controls: passage p{passage.id} deleted (Ctrl+Z undoes)"
    )
    press(astral, qtbot, "z")
    assert [(p.id, p.theme_ids) for p in stored(astral)] == [(passage.id, passage.theme_ids)]


def test_theme_key_with_the_caret_in_a_passage_adds_the_theme(astral: MainWindow, qtbot) -> None:
    start, _ = select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    qtbot.mouseClick(
        astral.viewer.viewport(), Qt.MouseButton.LeftButton, pos=point_at(astral, start + 4)
    )
    press(astral, qtbot, "3")
    (passage,) = stored(astral)
    assert names(astral, passage.theme_ids) == ["Sovereignty", "Investment"]


def test_theme_key_in_the_note_leaves_the_source_alone(astral: MainWindow, qtbot) -> None:
    select(astral, qtbot, "Sovereignty matters to Europe.")
    editor = astral.editor
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert editor.hasFocus()
    before = editor.body_text()
    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_2, CTRL)
    assert stored(astral) == []
    assert editor.body_text() == before
    assert astral.viewer.selection_range() is not None  # still there, untouched


def test_context_menu_toggles_a_theme_in_one_step(
    astral: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    start, _ = select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    at = point_at(astral, start + 3)
    viewport = astral.viewer.viewport()
    shown = context_menu.open(qtbot, viewport, at, "Export controls")
    assert {"Export controls", "Sovereignty", "Investment"} <= set(shown)  # the top level
    (passage,) = stored(astral)
    assert names(astral, passage.theme_ids) == ["Export controls", "Sovereignty"]
    context_menu.open(qtbot, viewport, at, "Sovereignty")
    (passage,) = stored(astral)
    assert names(astral, passage.theme_ids) == ["Export controls"]


def test_new_theme_name_is_whole_words(astral: MainWindow, qtbot, monkeypatch) -> None:
    phrase = "The export controls on chips 😀 reach allies 𠀁 now. Investors"
    select(astral, qtbot, phrase)
    suggested: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_theme", lambda _p, _t, name, _c: suggested.append(name) and None
    )
    press(astral, qtbot, "t", CTRL | SHIFT)
    assert suggested == ["The export controls on chips 😀 reach"]


def test_suggested_theme_name_never_cuts_a_word() -> None:
    assert suggested_theme_name("  Export\ncontrols  ") == "Export controls"
    assert suggested_theme_name("one two three", limit=8) == "one two"
    assert suggested_theme_name("Antidisestablishmentarianism", limit=10) == ""
    assert suggested_theme_name("") == ""


# ---- citing --------------------------------------------------------------------------------


def click_row(window: MainWindow, qtbot, passage_id: int, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    panel = window.passages_panel
    row = panel.visible_passage_ids().index(passage_id)
    rect = panel.view.visualRect(panel.proxy.index(row, 1))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def end_of_note(window: MainWindow, qtbot) -> None:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "Evidence ")


def stored_body(window: MainWindow) -> str:
    window.editor.save()
    with Project.open(window.project.path, readonly=True) as reader:
        return reader.note(window.notes.note_id).body


def test_citing_twice_in_a_row_makes_one_group(window: MainWindow, qtbot) -> None:
    first, second = window.passages_panel.visible_passage_ids()[:2]
    end_of_note(window, qtbot)
    click_row(window, qtbot, first)
    qtbot.keyClick(window.passages_panel.view, Qt.Key.Key_C, CTRL | SHIFT)
    click_row(window, qtbot, second)
    qtbot.keyClick(window.passages_panel.view, Qt.Key.Key_C, CTRL | SHIFT)
    assert stored_body(window).endswith(f"Evidence [@p{first}; @p{second}]")
    assert window.editor.hasFocus()
    qtbot.keyClicks(window.editor, ".")  # the caret is after the group
    assert window.editor.body_text().endswith(f"[@p{first}; @p{second}].")


def test_citing_three_selected_rows_at_once(window: MainWindow, qtbot) -> None:
    ids = window.passages_panel.visible_passage_ids()[:3]
    end_of_note(window, qtbot)
    click_row(window, qtbot, ids[0])
    click_row(window, qtbot, ids[2], SHIFT)
    assert window.passages_panel.selected_passage_ids() == ids
    qtbot.keyClick(window.passages_panel.view, Qt.Key.Key_C, CTRL | SHIFT)
    assert stored_body(window).endswith("Evidence [" + "; ".join(f"@p{i}" for i in ids) + "]")


@pytest.mark.parametrize(
    ("body", "position", "ids", "result"),
    [
        ("See [@p1] now", 9, [2], ("See [@p1; @p2] now", 14)),
        ("See [@p1] now", 4, [2], ("See [@p1; @p2] now", 14)),  # just before it
        ("See [@p1]  now", 11, [2, 1], ("See [@p1; @p2]  now", 14)),  # spaces away
        ("See [@p1, p. 3] now", 15, [2], ("See [@p1, p. 3; @p2] now", 20)),
        ("See [@p1] now", 9, [1], ("See [@p1] now", 9)),  # already there
        ("See [@p1]\nnow", 10, [2], ("See [@p1]\n[@p2]now", 15)),  # another line
        ("See now", 3, [4, 5, 4], ("See[@p4; @p5] now", 13)),
        ("Code `[@p1]` x", 14, [2], ("Code `[@p1]` x[@p2]", 19)),  # not a citation in code
    ],
)
def test_insert_citation_joins_a_neighbour(
    body: str, position: int, ids: list[int], result: tuple[str, int]
) -> None:
    assert insert_citation(body, position, ids) == result
