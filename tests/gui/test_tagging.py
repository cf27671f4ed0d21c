"""Tagging, reviewing and searching through the window, as an analyst does it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow

TEXT = (
    "😀 Opening 𠀀 line about nothing much.\n"
    "The export controls on chips 😀 reach allies 𠀁 now. Investors pour venture capital in.\n"
    "Sovereignty matters to Europe. A final sentence here."
)


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


def select(window: MainWindow, phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    window.viewer.select_range(start, start + len(phrase))
    window.viewer.setFocus()
    return start, start + len(phrase)


def press(window: MainWindow, qtbot, key: str) -> None:
    qtbot.keyClick(window.viewer, key, Qt.KeyboardModifier.ControlModifier)


def test_tag_with_shortcut_then_undo_and_redo(astral: MainWindow, qtbot) -> None:
    span = select(astral, "export controls on chips 😀 reach allies 𠀁 now.")
    press(astral, qtbot, "1")
    (passage,) = stored(astral)
    assert (passage.start, passage.end) == span
    assert passage.text == TEXT[span[0] : span[1]]
    assert [astral.project.theme(t).name for t in passage.theme_ids] == ["Export controls"]
    assert len(astral.viewer.extraSelections()) == 1
    assert astral.menus.action("undo").text() == "&Undo Tag Passage"
    astral.menus.action("undo").trigger()
    assert stored(astral) == []
    assert astral.viewer.extraSelections() == []
    astral.menus.action("redo").trigger()
    assert [p.id for p in stored(astral)] == [passage.id]  # the same id back


def test_ctrl_z_in_the_source_undoes_tagging(astral: MainWindow, qtbot) -> None:
    select(astral, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    assert len(stored(astral)) == 1
    press(astral, qtbot, "z")
    assert stored(astral) == []
    qtbot.keyClick(
        astral.viewer, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert len(stored(astral)) == 1


def test_overlap_and_two_themes_stay_visible(astral: MainWindow, qtbot) -> None:
    select(astral, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, "chips 😀 reach allies")
    press(astral, qtbot, "2")
    first, second = stored(astral)
    assert first.end > second.start  # they overlap
    # A second theme on the first passage, from the viewer's context menu path.
    astral.tagging.set_passage_themes(first.id, [*first.theme_ids, astral.project.themes()[2].id])
    assert len(stored(astral)[0].theme_ids) == 2
    assert len(astral.viewer.extraSelections()) == 2
    # Both the overlap's mixed colour and the second theme's bar are painted.
    image = astral.viewer.viewport().grab().toImage()
    investment = astral.viewer.theme_colour(astral.project.themes()[2].id)
    bars = sum(
        image.pixelColor(x, y).rgb() == investment.rgb()
        for y in range(0, 120)
        for x in range(0, image.width(), 2)
    )
    assert bars > 10
    inside = TEXT.index("chips") + 2  # in both passages
    viewer = astral.viewer
    tip = viewer.tooltip_at(viewer.cursorRect(viewer._cursor(inside, inside)).center())
    assert tip == f"p{first.id}: Export controls, Investment\n\np{second.id}: Sovereignty"


def test_hover_shows_themes_and_memo(astral: MainWindow, qtbot, monkeypatch) -> None:
    start, _ = select(astral, "Investors pour venture capital in.")
    press(astral, qtbot, "3")
    (passage,) = stored(astral)
    monkeypatch.setattr(dialogs, "ask_memo", lambda _parent, _current: "Check the figures")
    astral.tagging.edit_memo(passage.id)
    assert stored(astral)[0].memo == "Check the figures"
    viewer = astral.viewer
    cursor = viewer._cursor(start + 3, start + 3)
    tip = viewer.tooltip_at(viewer.cursorRect(cursor).center())
    assert tip == f"p{passage.id}: Investment\nMemo: Check the figures"
    astral.menus.action("undo").trigger()
    assert stored(astral)[0].memo == ""


def test_context_menu_lists_tagging_for_the_passage(astral: MainWindow, qtbot) -> None:
    start, _ = select(astral, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    astral.tagging.fill_viewer_menu(menu, start + 2, (start, start + 5))
    titles = [a.text() for a in menu.actions()]
    assert "Tag &as" in titles and "New Theme from Selection…" in titles
    passage_menu = next(a.menu() for a in menu.actions() if a.text().startswith("Passage p"))
    entries = [a.text() for a in passage_menu.actions()]
    assert entries[:1] == ["Cite in Note"] and "Delete Passage" in entries
    next(a for a in passage_menu.actions() if a.text() == "Delete Passage").trigger()
    assert stored(astral) == []


def test_delete_theme_with_its_passages_and_undo(astral: MainWindow, qtbot, monkeypatch) -> None:
    select(astral, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, "Sovereignty matters to Europe.")
    press(astral, qtbot, "1")
    press(astral, qtbot, "2")  # the same span again: a second passage, Sovereignty
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _t, message, _a: asked.append(message) or True
    )
    export_id = astral.project.themes()[0].id
    astral.tagging.delete_theme(export_id)
    assert "It tags 2 passage(s): 2 tagged only with it will be deleted" in asked[0]
    assert [astral.project.theme(t).name for p in stored(astral) for t in p.theme_ids] == [
        "Sovereignty"
    ]
    assert [a.text() for a in astral.menus.tag_actions] == ["Sovereignty", "Investment"]
    astral.menus.action("undo").trigger()
    assert len(stored(astral)) == 3
    assert astral.menus.tag_actions[0].text() == "Export controls"


def test_merge_themes(astral: MainWindow, qtbot) -> None:
    select(astral, "export controls on chips")
    press(astral, qtbot, "1")
    select(astral, "Sovereignty matters to Europe.")
    press(astral, qtbot, "2")
    export_id, sovereignty_id = (t.id for t in astral.project.themes()[:2])
    astral.tagging.merge_themes(export_id, sovereignty_id)
    assert {p.theme_ids for p in stored(astral)} == {(sovereignty_id,)}
    assert astral.themes_panel.current_theme_id() != export_id
    astral.menus.action("undo").trigger()
    assert {p.theme_ids for p in stored(astral)} == {(export_id,), (sovereignty_id,)}


def test_new_theme_from_selection_is_one_undo_step(astral: MainWindow, monkeypatch) -> None:
    select(astral, "Investors pour venture capital in.")
    monkeypatch.setattr(
        dialogs,
        "ask_theme",
        lambda _p, _theme, name, colour: {
            "name": "Capital",
            "colour": colour,
            "description": "",
            "keywords": ("capital",),
        },
    )
    astral.menus.action("new_theme").trigger()
    (passage,) = stored(astral)
    assert astral.project.theme(passage.theme_ids[0]).name == "Capital"
    astral.menus.action("undo").trigger()
    assert stored(astral) == [] and "Capital" not in [t.name for t in astral.project.themes()]


def test_passages_panel_filter_and_jump(window: MainWindow, qtbot) -> None:
    panel = window.passages_panel
    investment = window.project.theme_by_name("Investment").id
    panel.set_theme_filter(investment)
    ids = panel.visible_passage_ids()
    assert ids and all(investment in window.project.passage(i).theme_ids for i in ids)
    panel.set_theme_filter(None)
    panel.set_text_filter("white paper")
    (only,) = panel.visible_passage_ids()
    with qtbot.waitSignal(panel.passage_activated):
        panel.passage_activated.emit(only)
    passage = window.project.passage(only)
    assert window.viewer.selection_range() == (passage.start, passage.end)
    assert window.viewer.textCursor().selectedText() == passage.text


def test_accept_and_reject_suggestions(astral: MainWindow, qtbot) -> None:
    astral.suggestions.show()
    panel = astral.suggestions_panel
    found = panel.visible()
    texts = {s.text for s in found}
    assert "The export controls on chips 😀 reach allies 𠀁 now." in texts
    assert "Sovereignty matters to Europe." in texts
    # Suggestions show as dashed underlines, not as passages.
    assert len(astral.viewer.extraSelections()) == len(found)
    panel.list.setCurrentRow(0)
    first = panel.visible()[0]
    panel.reject_selected()
    assert first.key not in {s.key for s in panel.visible()}
    panel.list.setCurrentRow(0)
    chosen = panel.visible()[0]
    panel.accept_selected()
    assert [(p.start, p.end) for p in stored(astral)] == [(chosen.start, chosen.end)]
    panel.accept_all()
    assert len(stored(astral)) >= 2 and panel.visible() == []
    astral.menus.action("undo").trigger()
    assert len(stored(astral)) == 1


def test_find_in_source(astral: MainWindow, qtbot) -> None:
    astral.menus.action("find").trigger()
    assert astral.find_bar.isVisible()
    astral.find_bar.field.setText("😀")  # (QTest cannot type characters outside the BMP)
    assert astral.find_bar.count.text() == "1 of 2"
    assert astral.viewer.selection_range() == (0, 1)
    qtbot.keyClick(astral.find_bar.field, Qt.Key.Key_Return)
    second = TEXT.index("😀", 1)
    assert astral.viewer.selection_range() == (second, second + 1)
    assert astral.find_bar.count.text() == "2 of 2"
    qtbot.keyClick(astral.find_bar.field, Qt.Key.Key_Escape)
    assert not astral.find_bar.isVisible()


def test_search_all_sources_opens_the_hit(window: MainWindow, tmp_path: Path, qtbot) -> None:
    window.project.add_source("Cable", "Nothing about chips here. Only sovereignty.", "txt")
    window.session.sources_did_change(None)
    window.menus.action("search").trigger()
    qtbot.keyClicks(window.search_panel.field, "sovereignty")
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Return)
    results = window.search_panel.results
    assert results.count() >= 2
    cable = [i for i in range(results.count()) if results.item(i).text().startswith("Cable")]
    assert cable
    item = results.item(cable[0])
    results.itemActivated.emit(item)
    assert window.viewer_caption.text() == "Cable"
    assert window.viewer.textCursor().selectedText() == "sovereignty"


def test_ruler_click_jumps_to_a_passage(window: MainWindow, qtbot) -> None:
    last = max(window.viewer.passages(), key=lambda p: p.start)
    y = window.ruler._track().top() + window.ruler._track().height() * (
        (last.start + 2) / window.viewer.text_length()
    )
    qtbot.mouseClick(window.ruler, Qt.MouseButton.LeftButton, pos=QPoint(5, round(y)))
    assert window.viewer.textCursor().position() >= window.viewer._offsets.to_utf16(last.start) - 5
    QApplication.processEvents()
