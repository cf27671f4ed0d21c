"""Tagging, reviewing and searching through the window, as an analyst does it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import ContextMenus, hover_tip

TEXT = (
    "😀 Opening 𠀀 line about nothing much.\n"
    "The export controls on chips 😀 reach allies 𠀁 now. Investors pour venture capital in.\n"
    "Sovereignty matters to Europe. A final sentence here."
)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def astral(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "astral.briefing"
    with Project.create(path, default_themes()) as project:
        project.add_source("Astral", TEXT, "txt")
    return make_window(path)


def stored(window: MainWindow) -> list:
    """The passages as another program would read them from the file."""
    with Project.open(window.project.path, readonly=True) as reader:
        return reader.passages()


def point_at(window: MainWindow, offset: int) -> QPoint:
    """Where the code point ``offset`` of the source shown is drawn in the viewer's viewport."""
    cursor = QTextCursor(window.viewer.document())
    cursor.setPosition(window.viewer.display_position(offset))  # the source is laid out
    return window.viewer.cursorRect(cursor).center()


def select(window: MainWindow, qtbot, phrase: str) -> tuple[int, int]:
    """Click before the phrase and shift-click after it."""
    start = TEXT.index(phrase)
    end = start + len(phrase)
    viewport = window.viewer.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point_at(window, start))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, SHIFT, point_at(window, end))
    assert window.viewer.selection_range() == (start, end)
    return start, end


def press(window: MainWindow, qtbot, key: str, modifiers=CTRL) -> None:
    qtbot.keyClick(window.viewer, key, modifiers)


def theme_row(window: MainWindow, name: str) -> QPoint:
    view = window.themes_panel.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    return view.visualRect(model.index(row, 0)).center()


def test_tag_with_shortcut_then_undo_and_redo(astral: MainWindow, qtbot) -> None:
    span = select(astral, qtbot, "export controls on chips 😀 reach allies 𠀁 now.")
    press(astral, qtbot, "1")
    (passage,) = stored(astral)
    assert (passage.start, passage.end) == span
    assert passage.text == TEXT[span[0] : span[1]]
    assert [astral.project.theme(t).name for t in passage.theme_ids] == ["Export controls"]
    assert len(astral.viewer.extraSelections()) == 1
    assert astral.menus.action("undo").text() == "&Undo Tag Passage"
    press(astral, qtbot, "z")
    assert stored(astral) == []
    assert astral.viewer.extraSelections() == []
    assert astral.menus.action("redo").text() == "&Redo Tag Passage"
    press(astral, qtbot, "z", CTRL | SHIFT)
    assert [p.id for p in stored(astral)] == [passage.id]  # the same id back


def test_ctrl_z_in_the_note_undoes_typing_not_tagging(astral: MainWindow, qtbot) -> None:
    select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    astral.editor.setFocus()
    qtbot.keyClicks(astral.editor, "typed")
    qtbot.keyClick(astral.editor, Qt.Key.Key_Z, CTRL)
    assert "typed" not in astral.editor.toPlainText()
    assert len(stored(astral)) == 1  # the tag stays


def test_overlap_and_two_themes_stay_visible(
    astral: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    select(astral, qtbot, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, qtbot, "chips 😀 reach allies")
    press(astral, qtbot, "2")
    first, second = stored(astral)
    assert first.end > second.start  # they overlap
    # A second theme on the first passage, from the top level of the viewer's context menu.
    where = point_at(astral, TEXT.index("controls"))
    context_menu.open(qtbot, astral.viewer.viewport(), where, "Investment")
    assert len(stored(astral)[0].theme_ids) == 2
    assert len(astral.viewer.extraSelections()) == 2
    # The second theme has its coding stripe in the margin, and nothing draws over the text.
    investment = astral.viewer.theme_colour(astral.project.themes()[2].id)

    def painted(widget: QWidget) -> int:
        image = widget.grab().toImage()
        return sum(
            image.pixelColor(x, y).rgb() == investment.rgb()
            for y in range(0, min(120, image.height()))
            for x in range(0, image.width())
        )

    assert painted(astral.viewer.stripes) > 10
    assert painted(astral.viewer.viewport()) == 0
    inside = TEXT.index("chips") + 2  # in both passages
    tip = hover_tip(astral.viewer.viewport(), point_at(astral, inside))
    assert tip == f"p{first.id}: Export controls, Investment\n\np{second.id}: Sovereignty"


def test_hover_shows_themes_and_memo(
    astral: MainWindow, qtbot, monkeypatch, context_menu: ContextMenus
) -> None:
    start, _ = select(astral, qtbot, "Investors pour venture capital in.")
    press(astral, qtbot, "3")
    (passage,) = stored(astral)
    monkeypatch.setattr(dialogs, "ask_memo", lambda _parent, _current: "Check the figures")
    at = point_at(astral, start + 3)
    context_menu.open(qtbot, astral.viewer.viewport(), at, f"Passage p{passage.id}", "Edit Memo")
    assert stored(astral)[0].memo == "Check the figures"
    tip = hover_tip(astral.viewer.viewport(), at)
    assert tip == f"p{passage.id}: Investment\nMemo: Check the figures"
    press(astral, qtbot, "z")
    assert stored(astral)[0].memo == ""


def test_context_menu_lists_tagging_for_the_passage(
    astral: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    start, _ = select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    (passage,) = stored(astral)
    select(astral, qtbot, "Sover")
    titles = context_menu.open(qtbot, astral.viewer.viewport(), point_at(astral, start + 2))
    assert "Tag &as" in titles and "New Theme from Selection…" in titles
    assert context_menu.enabled["Tag &as"]
    assert context_menu.submenus["Tag &as"] == ["Export controls", "Sovereignty", "Investment"]
    entries = context_menu.submenus[f"Passage p{passage.id} (Sovereignty)"]
    assert entries[:1] == ["Cite in Note"] and "Delete Passage" in entries
    at = point_at(astral, start + 2)
    context_menu.open(qtbot, astral.viewer.viewport(), at, "Passage p", "Delete Passage")
    assert stored(astral) == []


def test_cite_in_note_from_the_viewer_menu(
    window: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    passage = window.viewer.passages()[0]
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    at = point_at(window, passage.start + 1)
    context_menu.open(qtbot, window.viewer.viewport(), at, f"Passage p{passage.id}", "Cite in")
    assert window.editor.toPlainText().endswith(f"[@p{passage.id}]")
    assert window.editor.hasFocus()


def test_delete_theme_with_its_passages_and_undo(
    astral: MainWindow, qtbot, monkeypatch, context_menu: ContextMenus
) -> None:
    select(astral, qtbot, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "1")
    select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")  # the same span again: Sovereignty added to that passage
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _t, message, _a: asked.append(message) or True
    )
    themes = astral.themes_panel.view.viewport()
    context_menu.open(qtbot, themes, theme_row(astral, "Export controls"), "Delete")
    assert "It tags 2 passage(s): 1 tagged only with it will be deleted, 1 will keep" in asked[0]
    assert [astral.project.theme(t).name for p in stored(astral) for t in p.theme_ids] == [
        "Sovereignty"
    ]
    assert [a.text() for a in astral.menus.tag_actions] == ["Sovereignty", "Investment"]
    press(astral, qtbot, "z")
    assert [len(p.theme_ids) for p in stored(astral)] == [1, 2]
    assert astral.menus.tag_actions[0].text() == "Export controls"


def test_merge_themes(astral: MainWindow, qtbot, context_menu: ContextMenus) -> None:
    select(astral, qtbot, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, qtbot, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    export_id, sovereignty_id = (t.id for t in astral.project.themes()[:2])
    themes = astral.themes_panel.view.viewport()
    at = theme_row(astral, "Export controls")
    context_menu.open(qtbot, themes, at, "Merge Into", "Sovereignty")
    assert {p.theme_ids for p in stored(astral)} == {(sovereignty_id,)}
    assert astral.themes_panel.current_theme_id() != export_id
    press(astral, qtbot, "z")
    assert {p.theme_ids for p in stored(astral)} == {(export_id,), (sovereignty_id,)}


def test_new_theme_from_selection_is_one_undo_step(astral: MainWindow, qtbot, monkeypatch) -> None:
    select(astral, qtbot, "Investors pour venture capital in.")
    suggested: list[str] = []

    def answer(_p: object, _theme: object, name: str, colour: str) -> dict:
        suggested.append(name)
        return {"name": "Capital", "colour": colour, "description": "", "keywords": ("capital",)}

    monkeypatch.setattr(dialogs, "ask_theme", answer)
    press(astral, qtbot, "t", CTRL | SHIFT)
    assert suggested == ["Investors pour venture capital in."]
    (passage,) = stored(astral)
    assert astral.project.theme(passage.theme_ids[0]).name == "Capital"
    press(astral, qtbot, "z")
    assert stored(astral) == [] and "Capital" not in [t.name for t in astral.project.themes()]


def test_passages_panel_filter_and_jump(
    window: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    panel = window.passages_panel
    investment = window.project.theme_by_name("Investment").id
    themes = window.themes_panel.view.viewport()
    context_menu.open(qtbot, themes, theme_row(window, "Investment"), "Show Passages")
    assert panel.theme_combo.currentText() == "Investment"
    ids = panel.visible_passage_ids()
    assert ids and all(investment in window.project.passage(i).theme_ids for i in ids)
    panel.theme_combo.setFocus()
    qtbot.keyClick(panel.theme_combo, Qt.Key.Key_Home)  # back to "All themes"
    assert panel.theme_combo.currentText() == "All themes"
    qtbot.keyClicks(panel.search, "white paper")
    (only,) = panel.visible_passage_ids()
    rect = panel.view.visualRect(panel.proxy.index(0, 1))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    passage = window.project.passage(only)
    assert window.viewer.selection_range() == (passage.start, passage.end)
    assert window.viewer.textCursor().selectedText() == passage.text


def test_accept_and_reject_suggestions(astral: MainWindow, qtbot) -> None:
    press(astral, qtbot, "g", CTRL | SHIFT)
    panel = astral.suggestions_panel
    assert astral.docks["suggestions"].isVisible()
    found = panel.visible()
    texts = {s.text for s in found}
    assert "The export controls on chips 😀 reach allies 𠀁 now." in texts
    assert "Sovereignty matters to Europe." in texts
    # Suggestions show as dashed underlines, not as passages.
    assert len(astral.viewer.extraSelections()) == len(found)

    def click(target) -> None:  # type: ignore[no-untyped-def]
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())

    def click_row(row: int) -> None:
        rect = panel.list.visualItemRect(panel.list.item(row))
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click_row(0)
    first = panel.visible()[0]
    click(panel.buttons["Reject"])
    assert first.key not in {s.key for s in panel.visible()}
    click_row(0)
    chosen = panel.visible()[0]
    click(panel.buttons["Accept"])
    assert [(p.start, p.end) for p in stored(astral)] == [(chosen.start, chosen.end)]
    click(panel.buttons["Accept All"])
    assert len(stored(astral)) >= 2 and panel.visible() == []
    press(astral, qtbot, "z")
    assert len(stored(astral)) == 1


def test_find_in_source(astral: MainWindow, qtbot) -> None:
    press(astral, qtbot, "f")
    assert astral.find_bar.isVisible() and astral.find_bar.field.hasFocus()
    astral.find_bar.field.setText("😀")  # (QTest cannot type characters outside the BMP)
    assert astral.find_bar.count.text() == "1 of 2"
    assert astral.viewer.selection_range() == (0, 1)
    qtbot.keyClick(astral.find_bar.field, Qt.Key.Key_Return)
    second = TEXT.index("😀", 1)
    assert astral.viewer.selection_range() == (second, second + 1)
    assert astral.find_bar.count.text() == "2 of 2"
    qtbot.keyClick(astral.find_bar.field, Qt.Key.Key_Escape)
    assert not astral.find_bar.isVisible()


def test_search_all_sources_opens_the_hit(make_window, sample_path: Path, qtbot) -> None:
    with Project.open(sample_path) as project:
        project.add_source("Cable", "Nothing about chips here. Only sovereignty.", "txt")
    window = make_window(sample_path)
    qtbot.keyClick(window.viewer, "f", CTRL | SHIFT)
    qtbot.keyClicks(window.search_panel.field, "sovereignty")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)
    results = window.search_panel.results
    assert results.count() >= 2
    cable = [i for i in range(results.count()) if results.item(i).text().startswith("Cable")]
    assert cable
    rect = results.visualItemRect(results.item(cable[0]))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.viewer_caption.text() == "Cable"
    assert window.viewer.textCursor().selectedText() == "sovereignty"


def test_ruler_click_jumps_to_a_passage(window: MainWindow, qtbot) -> None:
    last = max(window.viewer.passages(), key=lambda p: p.start)
    track = window.ruler.track()
    y = track.top() + track.height() * ((last.start + 2) / window.viewer.text_length())
    qtbot.mouseClick(window.ruler, Qt.MouseButton.LeftButton, pos=QPoint(5, round(y)))
    viewer = window.viewer
    assert abs(viewer.offset_at(viewer.cursorRect().center()) - last.start) <= 5
    QApplication.processEvents()
