"""The window by keyboard alone: F6 and Shift+F6 move between the panes, the pane holding the
focus is framed, and Shift+F10 (or the Menu key) opens the focused widget's context menu where
its current item or caret is.

The panes, in F6's order: sources, themes, the source, the note's form, the note, its outline,
coverage or problems (whichever tab is up), passages and Search All Sources. A pane that is hidden
(the sources column turned off, a dock closed) is passed over; a dock's tab is raised on arrival.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from briefing.gui.panes import Pane

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow


@dataclass(frozen=True)
class Stop:
    """One place F6 stops: the pane it marks, and the widget that takes the focus there."""

    name: str
    pane: Pane
    target: Callable[[], QWidget | None]  # None: passed over (hidden, closed)
    arrive: Callable[[], None] = lambda: None  # raise its dock's tab first


class PaneCycle(QObject):
    """F6's stops in order, and the frame on the pane that holds the focus (of ``panes``)."""

    def __init__(
        self, stops: Sequence[Stop], panes: Sequence[Pane], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.stops = list(stops)
        self.panes = list(panes)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def next(self) -> None:
        self._move(+1)

    def previous(self) -> None:
        self._move(-1)

    def current(self) -> int:
        """The stop holding the focus: the innermost whose target or pane contains it."""
        focus = QApplication.focusWidget()
        if focus is None:
            return -1
        for index, stop in enumerate(self.stops):
            target = stop.target()
            if target is not None and (focus is target or target.isAncestorOf(focus)):
                return index
        for index, stop in enumerate(self.stops):
            if stop.pane.isAncestorOf(focus):
                return index
        return -1

    def _move(self, step: int) -> None:
        start = self.current()
        count = len(self.stops)
        here = start if start >= 0 else (-1 if step > 0 else 0)
        for offset in range(1, count + 1):
            stop = self.stops[(here + step * offset) % count]
            stop.arrive()
            target = stop.target()
            if target is None or not target.isVisible() or not target.isEnabled():
                continue
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        holder = None
        if new is not None:
            holder = next((p for p in self.panes if p.isAncestorOf(new)), None)
        for pane in self.panes:
            pane.set_active(pane is holder)


def window_stops(window: MainWindow) -> list[Stop]:
    """F6's stops in the window, in order. A dock the user closed is passed over; arriving in
    the bottom dock raises the tab of the stop's panel."""
    w, docks, panes = window, window.docks, window.panes

    def opened(name: str, widget: QWidget) -> Callable[[], QWidget | None]:
        return lambda: widget if docks[name].toggleViewAction().isChecked() else None

    def raise_tab(name: str) -> Callable[[], None]:
        def arrive() -> None:
            if docks[name].toggleViewAction().isChecked():
                docks[name].raise_()

        return arrive

    def column(widget: QWidget) -> Callable[[], QWidget | None]:
        return lambda: widget if w.left.isVisible() else None  # View > Sources and Themes

    def note_side() -> QWidget | None:
        """The outline, coverage or problems list, whichever tab is up."""
        views = {
            "outline": w.outline_panel.tree,
            "coverage": w.coverage_panel.tree,
            "problems": w.problems_panel.list,
        }
        shown = [view for name, view in views.items() if tab_is_up(docks[name])]
        return shown[0] if shown else None

    return [
        Stop("sources", panes["sources"], column(w.sources)),
        Stop("themes", panes["themes"], column(w.themes_panel.view)),
        Stop("source", panes["source"], lambda: w.viewer),
        Stop("note form", panes["note"], w.note_panel.metadata.first_field),
        Stop("note", panes["note"], lambda: w.editor),
        Stop("outline, coverage, problems", panes["coverage"], note_side),
        Stop(
            "passages",
            panes["passages"],
            opened("passages", w.passages_panel.view),
            raise_tab("passages"),
        ),
        Stop(
            "search", panes["search"], opened("search", w.search_panel.field), raise_tab("search")
        ),
    ]


def tab_is_up(dock: QWidget) -> bool:
    """Whether the dock is open and its tab the one shown (a dock behind another's tab stays
    "visible" to Qt, with nothing of it on screen)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def open_context_menu() -> None:
    """Shift+F10 or the Menu key: the focused widget's context menu, where its current item
    or its caret is, as a right-click there would open it."""
    widget = QApplication.focusWidget()
    if widget is None:
        return
    target, at = _menu_place(widget)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, target.mapToGlobal(at))
    QApplication.sendEvent(target, event)


def _menu_place(widget: QWidget) -> tuple[QWidget, QPoint]:
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        rect = widget.visualRect(index) if index.isValid() else widget.viewport().rect()
        return widget.viewport(), rect.center()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        cursor = widget.textCursor()  # at a selection's start: what it begins with
        cursor.setPosition(cursor.selectionStart())
        return widget.viewport(), widget.cursorRect(cursor).center()
    if isinstance(widget, QLineEdit):
        return widget, widget.cursorRect().center()
    if isinstance(widget, QAbstractScrollArea):
        return widget.viewport(), widget.viewport().rect().center()
    return widget, widget.rect().center()
