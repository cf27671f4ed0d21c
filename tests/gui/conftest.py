"""GUI fixtures: a main window on a fresh copy of the sample, with its own settings file, and
the gestures the tests make (context menus, hovers, drops, menus) as a user makes them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QToolTip, QWidget

from briefing.core.store import Project
from briefing.gui import dialogs
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
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):  # shortcuts reach the active window only
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # writes the note and releases the project


@pytest.fixture
def window(make_window, sample_path: Path) -> MainWindow:
    return make_window(sample_path)


# ---- menus ---------------------------------------------------------------------------------


def entry(menu: QMenu, path: Sequence[str]) -> QAction:
    """The action at ``path`` in ``menu``: each step an entry's text without &, or its start
    where no entry has exactly that text ("Theme" is the submenu, not "Theme Matrix")."""
    action: QAction | None = None
    for step in path:
        texts = [(a, a.text().replace("&", "")) for a in menu.actions()]
        options = [a for a, text in texts if text == step]
        options = options or [a for a, text in texts if text.startswith(step)]
        assert options, f"no entry {step!r} in {[a.text() for a in menu.actions()]}"
        action = options[0]
        if action.menu() is not None:
            menu = action.menu()
    assert action is not None
    return action


def choose_from_menu_bar(bar: QMenuBar, *path: str) -> None:
    """Open a menu of the bar, and its submenus, and choose an entry."""
    top = next(a for a in bar.actions() if a.text().replace("&", "") == path[0])
    menu, opened = top.menu(), []
    for step in path[1:]:
        menu.popup(bar.mapToGlobal(QPoint(0, bar.height())))  # Open Recent fills itself now
        opened.append(menu)
        action = entry(menu, [step])
        if action.menu() is None:
            assert action.isEnabled()
            for shown in reversed(opened):  # a menu closes as its entry is chosen
                shown.hide()
            action.trigger()
            return
        menu = action.menu()
    raise AssertionError(f"{path} is a menu, not an entry")


class ContextMenus:
    """Right-clicks on a widget; the menu comes to ``dialogs.popup_menu``, patched here to
    record what it lists and to pick ``choice`` (a path of entry texts) as the user would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[str] = []  # the last menu's entries
        self.submenus: dict[str, list[str]] = {}
        self.enabled: dict[str, bool] = {}
        self._choice: Sequence[str] = ()
        monkeypatch.setattr(dialogs, "popup_menu", self._popup)

    def _popup(self, menu: QMenu, _at: QPoint) -> None:
        actions = [a for a in menu.actions() if not a.isSeparator()]
        self.shown = [a.text() for a in actions]
        self.enabled = {a.text(): a.isEnabled() for a in actions}
        self.submenus = {
            a.text(): [b.text() for b in a.menu().actions() if not b.isSeparator()]
            for a in actions
            if a.menu() is not None
        }
        if self._choice:
            action = entry(menu, self._choice)
            assert action.isEnabled(), f"{self._choice} is disabled"
            action.trigger()

    def open(self, qtbot, widget: QWidget, at: QPoint, *choice: str) -> list[str]:
        """Right-click ``widget`` (a view's viewport, say) at ``at``; choose ``choice``."""
        self._choice = choice
        self.shown = []
        qtbot.mouseClick(widget, Qt.MouseButton.RightButton, pos=at)  # selects the row
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at))
        QApplication.sendEvent(widget, event)
        assert self.shown, "no context menu"
        return self.shown


@pytest.fixture
def context_menu(monkeypatch) -> ContextMenus:
    return ContextMenus(monkeypatch)


# ---- hovering and dropping -----------------------------------------------------------------


def hover_tip(widget: QWidget, at: QPoint) -> str:
    """What hovering over ``at`` shows: the tooltip Qt asks the widget for."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at))
    QApplication.sendEvent(widget, event)
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text


def drop(widget: QWidget, mime: QMimeData, at: QPoint) -> tuple[bool, bool]:
    """A drag entering ``widget``, moving to ``at`` and dropping there, as the events Qt sends
    during a real drag. Returns whether the entry and the drop were accepted."""
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, action, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False, False
    QApplication.sendEvent(widget, QDragMoveEvent(at, action, mime, buttons, keys))
    dropped = QDropEvent(QPointF(at), action, mime, buttons, keys)
    QApplication.sendEvent(widget, dropped)
    return True, dropped.isAccepted()
