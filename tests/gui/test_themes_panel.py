"""The themes list and the theme dialog, driven as a user drives them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from briefing.core.model import Theme
from briefing.core.resources import default_themes, theme_palette
from briefing.core.store import Project
from briefing.gui import theme_dialog
from briefing.gui.theme_dialog import ThemeDialog, parse_keywords
from briefing.gui.themes_panel import ThemesPanel
from tests.gui.conftest import ContextMenus

EMOJI = "😀"
CJK_B = "𠀀"

THEMES = [
    Theme(21, "Investment", "#2E9E57", "Money flows", ("invest", "capital"), order=2),
    Theme(20, f"Export controls {EMOJI}", "#E0702E", "Who may sell what", (), order=0),
    Theme(22, f"Sovereignty {CJK_B}", "#3F7FD9", "", (f"autonomy {CJK_B}",), order=1),
]
COUNTS = {20: 12, 21: 0, 22: 3}


@pytest.fixture
def panel(qtbot) -> ThemesPanel:
    widget = ThemesPanel()
    qtbot.addWidget(widget)
    widget.resize(420, 260)
    widget.set_themes(THEMES, COUNTS)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def cell(panel: ThemesPanel, row: int, column: int) -> QModelIndex:
    return panel.model_.index(row, column)


def click_row(qtbot, panel: ThemesPanel, row: int) -> None:
    rect = panel.view.visualRect(cell(panel, row, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_model_passes_the_model_tester(qtmodeltester, panel: ThemesPanel) -> None:
    qtmodeltester.check(panel.model_, force_py=True)  # and again on each reset below
    panel.set_themes(THEMES[:1], {})
    panel.set_themes([], {})
    panel.set_themes(THEMES, COUNTS)


def test_rows_show_swatch_name_count_and_shortcut_in_order(panel: ThemesPanel) -> None:
    rows = [[cell(panel, r, c).data() for c in range(3)] for r in range(3)]
    assert rows == [
        [f"Export controls {EMOJI}", 12, "Ctrl+1"],
        [f"Sovereignty {CJK_B}", 3, "Ctrl+2"],
        ["Investment", 0, "Ctrl+3"],
    ]
    icon = cell(panel, 0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert icon.pixmap(16, 16).toImage().pixelColor(8, 8) == QColor("#E0702E")
    assert cell(panel, 0, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # the palette's text
    tip = cell(panel, 1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"autonomy {CJK_B}" in tip
    assert "Money flows" in cell(panel, 2, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.theme_ids() == [20, 22, 21]


def test_only_the_first_nine_have_shortcuts(panel: ThemesPanel) -> None:
    many = [Theme(i, f"Theme {i}", "#808080", order=i) for i in range(11)]
    panel.set_themes(many, {})
    keys = [cell(panel, r, 2).data() for r in range(11)]
    assert keys == [f"Ctrl+{n}" for n in range(1, 10)] + ["", ""]


def test_selection_drives_enabled_actions(qtbot, panel: ThemesPanel) -> None:
    needs_theme = [
        panel.tag_action,
        panel.edit_action,
        panel.up_action,
        panel.down_action,
        panel.delete_action,
        panel.filter_action,
        panel.merge_menu.menuAction(),
    ]
    assert panel.current_theme_id() is None
    assert not any(a.isEnabled() for a in needs_theme)
    assert panel.add_action.isEnabled()
    click_row(qtbot, panel, 0)
    assert panel.current_theme_id() == 20
    assert not panel.up_action.isEnabled() and panel.down_action.isEnabled()
    click_row(qtbot, panel, 2)
    assert panel.up_action.isEnabled() and not panel.down_action.isEnabled()
    click_row(qtbot, panel, 1)
    assert all(a.isEnabled() for a in needs_theme)
    panel.set_read_only(True)
    assert panel.filter_action.isEnabled()  # looking is not editing
    assert not any(a.isEnabled() for a in needs_theme if a is not panel.filter_action)
    assert not panel.add_action.isEnabled()


def test_merge_needs_two_themes(qtbot, panel: ThemesPanel) -> None:
    panel.set_themes(THEMES[:1], {})
    click_row(qtbot, panel, 0)
    assert not panel.merge_menu.menuAction().isEnabled()
    assert panel.merge_menu.isEmpty()


def test_merge_submenu_lists_the_other_themes(
    qtbot, panel: ThemesPanel, context_menu: ContextMenus
) -> None:
    at = panel.view.visualRect(cell(panel, 1, 0)).center()
    with qtbot.waitSignal(panel.merge_requested) as blocker:
        context_menu.open(qtbot, panel.view.viewport(), at, "Merge Into", "Investment")
    assert blocker.args == [22, 21]
    assert context_menu.submenus["Merge Into"] == [f"Export controls {EMOJI}", "Investment"]
    assert panel.merge_button.menu() is panel.merge_menu  # the toolbar's Merge lists the same


@pytest.mark.parametrize(
    ("action", "entry", "signal", "args"),
    [
        ("tag_action", "Tag Selection", "tag_requested", [22]),
        ("edit_action", "Edit…", "edit_requested", [22]),
        ("up_action", "Move Up", "move_requested", [22, -1]),
        ("down_action", "Move Down", "move_requested", [22, 1]),
        ("delete_action", "Delete…", "delete_requested", [22]),
        ("filter_action", "Show Passages", "filter_requested", [22]),
        ("add_action", "New Theme…", "add_requested", []),
    ],
)
def test_actions_emit_requests(
    qtbot,
    panel: ThemesPanel,
    context_menu: ContextMenus,
    action: str,
    entry: str,
    signal: str,
    args: list[int],
) -> None:
    at = panel.view.visualRect(cell(panel, 1, 0)).center()
    with qtbot.waitSignal(getattr(panel, signal)) as blocker:
        context_menu.open(qtbot, panel.view.viewport(), at, entry)
    assert blocker.args == args
    button = panel.toolbar.widgetForAction(getattr(panel, action))  # and on the toolbar
    assert button.isVisible()  # it wraps instead of hiding some behind a » menu
    with qtbot.waitSignal(getattr(panel, signal)) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == args


def test_double_click_edits(qtbot, panel: ThemesPanel) -> None:
    rect = panel.view.visualRect(cell(panel, 2, 0))
    with qtbot.waitSignal(panel.edit_requested) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [21]


def test_set_themes_keeps_the_selection_by_id(qtbot, panel: ThemesPanel) -> None:
    click_row(qtbot, panel, 0)
    moved = [Theme(20, THEMES[1].name, THEMES[1].colour, order=5), *THEMES[::2]]
    panel.set_themes(moved, COUNTS)  # theme 20 moved to the end
    assert panel.current_theme_id() == 20
    assert panel.theme_ids()[-1] == 20
    assert not panel.down_action.isEnabled()
    panel.set_themes(THEMES[::2], COUNTS)  # and deleted
    assert panel.current_theme_id() is None


# ---- the theme dialog -------------------------------------------------------------------


def test_keywords_are_split_trimmed_and_deduplicated() -> None:
    text = (
        f" chips, Chips\nlicence ,,\n\n  Department  of Commerce ,{EMOJI} emoji\n{CJK_B}\nLICENCE"
    )
    assert parse_keywords(text) == (
        "chips",
        "licence",
        "Department of Commerce",
        f"{EMOJI} emoji",
        CJK_B,
    )


def test_values_of_an_edited_theme(qtbot) -> None:
    dialog = ThemeDialog(THEMES[1], None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit Theme"
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "  Export   rules ")
    dialog.keywords_edit.setPlainText(f"export, Export\n{CJK_B}")
    assert dialog.values() == {
        "name": "Export rules",
        "colour": "#E0702E",
        "description": "Who may sell what",
        "keywords": ("export", CJK_B),
    }


def test_values_are_the_project_s_keyword_arguments(qtbot, tmp_path) -> None:
    dialog = ThemeDialog(None, None, suggested_name=f"Energy {EMOJI}", suggested_colour="#17a2a2")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New Theme"
    with Project.create(tmp_path / "p.briefing", default_themes()) as project:
        added = project.add_theme(**dialog.values())
        assert (added.name, added.colour) == (f"Energy {EMOJI}", "#17A2A2")
        project.update_theme(added.id, **{**dialog.values(), "keywords": ("grid",)})
        assert project.theme(added.id).keywords == ("grid",)


def test_ok_is_disabled_while_the_name_is_empty(qtbot) -> None:
    dialog = ThemeDialog(None, None)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button().isEnabled()
    qtbot.keyClicks(dialog.name_edit, "   ")
    assert not dialog.ok_button().isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Energy")
    assert dialog.ok_button().isEnabled()
    dialog.name_edit.clear()
    assert not dialog.ok_button().isEnabled()


def test_colour_button_asks_through_the_seam(qtbot, monkeypatch) -> None:
    asked: list[str] = []

    def fake_ask(_parent: object, initial: str) -> str | None:
        asked.append(initial)
        return "#1a2b3c" if len(asked) == 1 else None  # then the user cancels

    monkeypatch.setattr(theme_dialog, "ask_colour", fake_ask)
    dialog = ThemeDialog(THEMES[0], None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
    assert asked == ["#2E9E57"]
    assert dialog.values()["colour"] == "#1A2B3C"
    assert dialog.colour_button.text() == "#1A2B3C"
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)  # and cancels
    assert asked == ["#2E9E57", "#1A2B3C"]
    assert dialog.values()["colour"] == "#1A2B3C"


def test_palette_swatches_pick_a_colour(qtbot) -> None:
    dialog = ThemeDialog(None, None, suggested_name="Energy")
    qtbot.addWidget(dialog)
    palette = [c.upper() for c in theme_palette()]
    assert list(dialog.swatches) == list(dict.fromkeys(palette))
    assert dialog.values()["colour"] == palette[0]
    qtbot.mouseClick(dialog.swatches[palette[4]], Qt.MouseButton.LeftButton)
    assert dialog.values()["colour"] == palette[4]
    assert dialog.swatches[palette[4]].isChecked()
    assert not dialog.swatches[palette[0]].isChecked()
