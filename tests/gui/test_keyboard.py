"""The window by keyboard alone: F6 through the panes, Tab out of every table, the focused pane
framed, context menus from Shift+F10 and the Menu key, the form's Tab order, and a name for
every widget a screen reader can land on."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QWidget,
)

from briefing.gui.appearance import scheme_of
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import ContextMenus

SHIFT = Qt.KeyboardModifier.ShiftModifier
ORDER = [
    "sources",
    "themes",
    "source",
    "note form",
    "note",
    "outline, coverage, problems",
    "passages",
    "search",
]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the focus is, as the keyboard sends it."""
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(focused(), key, modifiers)


def stop_name(window: MainWindow) -> str:
    index = window.pane_cycle.current()
    return window.pane_cycle.stops[index].name if index >= 0 else ""


def test_f6_reaches_every_pane_in_order_and_shift_f6_goes_back(window: MainWindow) -> None:
    window.sources.setFocus()
    assert stop_name(window) == "sources"
    visited = []
    for _ in ORDER:
        press(Qt.Key.Key_F6)
        visited.append(stop_name(window))
        target = window.pane_cycle.stops[window.pane_cycle.current()].target()
        assert target is not None and (focused() is target or target.isAncestorOf(focused()))
    assert visited == [*ORDER[1:], ORDER[0]]  # and round again to the sources
    back = []
    for _ in ORDER:
        press(Qt.Key.Key_F6, SHIFT)
        back.append(stop_name(window))
    assert back == list(reversed(ORDER))  # from the sources back round to them


def test_f6_lands_in_the_panels_it_names(window: MainWindow) -> None:
    window.viewer.setFocus()
    targets = []
    for _ in range(len(ORDER)):
        press(Qt.Key.Key_F6)
        targets.append(focused())
    assert window.note_panel.metadata.to_edit in targets
    assert window.editor in targets
    assert window.coverage_panel.tree in targets  # the tab that is up
    assert window.passages_panel.view in targets
    assert window.search_panel.field in targets
    assert window.docks["search"].isVisible()  # its tab was raised on arrival


def test_a_closed_or_hidden_pane_is_passed_over(window: MainWindow) -> None:
    window.menus.action("toggle_sources").trigger()  # View > Sources and Themes: off
    window.docks["search"].close()
    window.viewer.setFocus()
    seen = set()
    for _ in range(len(ORDER)):
        press(Qt.Key.Key_F6)
        seen.add(stop_name(window))
    assert seen == set(ORDER) - {"sources", "themes", "search"}


def test_the_pane_with_the_focus_is_framed(window: MainWindow, qtbot) -> None:
    window.sources.setFocus()
    press(Qt.Key.Key_F6)
    panes = window.panes
    assert panes["themes"].active
    assert not any(pane.active for name, pane in panes.items() if name != "themes")
    image = panes["themes"].grab().toImage()
    focus = QColor(scheme_of(window.palette()).focus)
    ratio = image.devicePixelRatio()
    corner = image.pixelColor(round(1 * ratio), round(image.height() / 2))
    assert corner.rgb() == focus.rgb()
    press(Qt.Key.Key_F6)
    assert panes["source"].active and not panes["themes"].active
    qtbot.waitUntil(lambda: panes["themes"].grab().toImage().pixelColor(1, 40).rgb() != focus.rgb())


def views(window: MainWindow) -> dict[str, QAbstractItemView]:
    return {
        "sources": window.sources,
        "themes": window.themes_panel.view,
        "passages": window.passages_panel.view,
        "coverage": window.coverage_panel.tree,
        "outline": window.outline_panel.tree,
        "problems": window.problems_panel.list,
        "search results": window.search_panel.results,
        "suggestions": window.suggestions_panel.list,
    }


@pytest.mark.parametrize(
    "name",
    ["sources", "themes", "passages", "coverage", "outline", "problems", "search results",
     "suggestions"],
)  # fmt: skip
def test_tab_leaves_each_table(window: MainWindow, name: str) -> None:
    view = views(window)[name]
    for dock in ("passages", "coverage", "outline", "problems", "search", "suggestions"):
        if view in window.docks[dock].findChildren(QAbstractItemView):
            window.docks[dock].raise_()
    QApplication.processEvents()
    view.setFocus()
    assert focused() is view
    if view.model().rowCount():
        view.setCurrentIndex(view.model().index(0, 0))
    press(Qt.Key.Key_Tab)
    assert focused() is not view and not view.isAncestorOf(focused())
    view.setFocus()
    press(Qt.Key.Key_Backtab, SHIFT)
    assert focused() is not view


def test_tab_leaves_the_source(window: MainWindow) -> None:
    window.viewer.setFocus()
    shown = window.viewer.toPlainText()
    press(Qt.Key.Key_Tab)
    assert focused() is not window.viewer
    assert window.viewer.toPlainText() == shown  # no tab typed into the source


@pytest.mark.parametrize("key", ["Shift+F10", "Menu"])
def test_context_menus_open_from_the_keyboard(
    window: MainWindow, context_menu: ContextMenus, key: str
) -> None:
    keys = (Qt.Key.Key_F10, SHIFT) if key == "Shift+F10" else (Qt.Key.Key_Menu,)
    window.sources.setFocus()
    window.sources.setCurrentIndex(window.sources.model().index(0, 0))
    press(*keys)
    assert "Source Details…" in [entry.replace("&", "") for entry in context_menu.shown]
    window.passages_panel.view.setFocus()
    window.passages_panel.view.selectRow(0)
    press(*keys)
    assert {"Show in Source", "Cite Passage"} <= set(context_menu.shown)
    passage = window.viewer.passages()[0]
    window.viewer.setFocus()
    window.viewer.select_range(passage.start, passage.end)
    press(*keys)
    assert "Tag as" in [entry.replace("&", "") for entry in context_menu.shown]
    # The passage where the selection starts, as a right-click there would show.
    assert any(entry.startswith(f"Passage p{passage.id} ") for entry in context_menu.shown)
    window.themes_panel.view.setFocus()
    window.themes_panel.select_theme(window.project.themes()[0].id)
    press(*keys)
    assert "Tag Selection" in context_menu.shown and "Delete…" in context_menu.shown


def test_the_forms_tab_order_follows_its_rows(window: MainWindow) -> None:
    meta = window.note_panel.metadata
    meta.signoff_toggle.setChecked(True)
    expected = [
        meta.from_edit,
        meta.marking_box,
        meta.purpose_box,
        meta.status_box,
        meta.date_edit,
        meta.reference_edit,
        meta.page_limit_spin,
        meta.signoff_toggle,
        meta.signoff.through_edit,
        meta.signoff.copies_edit,
        meta.signoff.critical_date_edit,
        meta.signoff.critical_reason_edit,
        meta.signoff.contact_name_edit,
        meta.signoff.contact_phone_edit,
        meta.signoff.prepared_name_edit,
        meta.signoff.prepared_role_edit,
        meta.signoff.prepared_date_edit,
        meta.signoff.cleared,
        meta.signoff.add_button,
        meta.signoff.remove_button,
    ]
    meta.to_edit.setFocus()
    reached: list[QWidget] = []
    while len(reached) < len(expected):
        press(Qt.Key.Key_Tab)
        widget = focused()
        field = next((w for w in expected if w is widget or w.isAncestorOf(widget)), widget)
        if not reached or field is not reached[-1]:  # (Tab steps through a date's parts)
            reached.append(field)
    assert reached == expected


def test_menu_mnemonics_are_not_shadowed_by_the_forms(window: MainWindow) -> None:
    window.note_panel.metadata.signoff_toggle.setChecked(True)
    menus = {
        re.search(r"&(\w)", a.text()).group(1).lower()
        for a in window.menuBar().actions()
        if "&" in a.text()
    }
    labels = {
        re.search(r"&(\w)", label.text()).group(1).lower()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and re.search(r"&(\w)", label.text())
    }
    assert len(menus) == 7 and labels
    assert not menus & labels, f"Alt+{sorted(menus & labels)} would not open its menu"


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def named(widget: QWidget, labels: list[QLabel]) -> bool:
    """Named by the program, not merely by its value: its accessible name, a label that is its
    buddy, or a button's own text. (On Linux Qt reports a combo's current text as its name,
    so asking the accessible interface alone would pass every combo.)"""
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    return any(label.buddy() is widget and label.text().strip() for label in labels)


def test_every_focusable_widget_has_a_name(window: MainWindow, qtbot) -> None:
    window.find_bar.open()
    window.menus.action("preview").trigger()
    window.note_panel.metadata.signoff_toggle.setChecked(True)
    for dock in window.docks.values():  # each tab in turn, so every panel is on screen once
        dock.raise_()
        QApplication.processEvents()
    labels = window.findChildren(QLabel)
    checked, unnamed = 0, []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if widget.focusProxy() is not None or isinstance(widget.parent(), QAbstractItemView):
            continue  # a combo's line edit, a view's viewport: announced as their owner
        checked += 1
        if not named(widget, labels) or not spoken_name(widget):
            unnamed.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    assert checked > 50
    assert unnamed == []


def test_the_main_widgets_are_described(window: MainWindow) -> None:
    for stop in window.pane_cycle.stops:
        target = stop.target()
        assert target is not None
        assert spoken_name(target), stop.name
        assert target.accessibleDescription(), stop.name
