"""Pieces of the window's layout: panes (a caption over a widget, framed in the focus colour
while the focus is inside), docks, and the layout remembered for each size of screen.

A layout is kept per screen size (the available geometry, "1366x728"): a laptop's narrow
arrangement is not forced onto the office monitor, nor the reverse. On a screen without a saved
layout the window starts from the default for its size: below ``WIDE`` logical pixels (a
1366x768 laptop at 125 % is 1093x614) the note's outline, coverage and problems sit in the bottom
dock beside the passages, so the source and the note keep their width.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.appearance import scheme_of
from briefing.gui.settings import Settings, WindowLayout

FRAME = 2  # pixels of the focus frame around the pane that has the focus
WIDE = 1400  # logical pixels: narrower screens get the laptop arrangement
STATE_VERSION = 2  # Qt's dock state: 2 since Outline, Coverage and Problems share one dock


class ElidedLabel(QLabel):
    """A caption that ends in … when it does not fit, the whole text in its tooltip; ``text()``
    stays the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(area, int(align), shown)
        painter.end()
        tip = self.text() if shown != self.text() else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)


class Pane(QWidget):
    """A part of the window the focus can be in: its caption (if any) over its widget, framed
    in the scheme's focus colour while it holds the focus (``set_active``)."""

    def __init__(self, name: str, caption: QLabel | None = None) -> None:
        super().__init__()
        self.name = name
        self.active = False
        self.caption = caption
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(FRAME, FRAME, FRAME, FRAME)
        self.box.setSpacing(2)
        if caption is not None:
            self.box.addWidget(caption)

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.active:
            return
        painter = QPainter(self)
        pen = QPen(QColor(scheme_of(self.palette()).focus))
        pen.setWidth(FRAME)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = FRAME // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


def titled(
    title: str, widget: QWidget, extra: QWidget | None = None, name: str = ""
) -> tuple[Pane, QLabel]:
    """A pane: a small bold caption over the widget (``extra`` between them)."""
    caption = ElidedLabel(title)
    caption.setContentsMargins(6, 2, 6, 0)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    caption.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    pane = Pane(name or title.lower(), caption)
    if extra is not None:
        pane.box.addWidget(extra)
    pane.box.addWidget(widget, 1)
    return pane, caption


def add_dock(window: QMainWindow, name: str, title: str, widget: QWidget) -> QDockWidget:
    """A dock (bottom area; ``arrange_docks`` places them) holding a pane around ``widget``."""
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock_{name}")  # saveState needs a name to restore it by
    pane = Pane(name)
    pane.box.addWidget(widget)
    dock.setWidget(pane)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    return dock


def available_geometry(window: QWidget) -> QRect:
    """The part of the window's screen that windows may use (no task bar, no menu bar)."""
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1400, 900)


def is_narrow(window: QWidget) -> bool:
    """A laptop's screen (or one like it): the note's panels go beside the passages."""
    return available_geometry(window).width() < WIDE


def screen_key(window: QWidget) -> str:
    """The size of screen a layout is kept for: the available part of the window's screen."""
    size = available_geometry(window).size()
    return f"{size.width()}x{size.height()}"


def arrange_docks(window: QMainWindow, docks: dict[str, QDockWidget], narrow: bool) -> None:
    """Passages, Suggestions, Search and the Theme Matrix share the bottom dock, tabbed;
    Outline, Coverage and Problems share another: beside the note on a wide screen, beside the
    passages on a narrow one, where the source and the note need the width."""
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
    if narrow:
        window.splitDockWidget(docks["passages"], docks["outline"], Qt.Orientation.Horizontal)
    else:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["outline"])
    for first, second in (
        ("passages", "suggestions"),
        ("suggestions", "search"),
        ("search", "matrix"),
        ("outline", "coverage"),
        ("coverage", "problems"),
    ):
        window.tabifyDockWidget(docks[first], docks[second])
    docks["passages"].raise_()
    docks["coverage"].raise_()


def hide_stale_tab_bars(window: QMainWindow) -> None:
    """Hide the tab bars Qt left behind. Making a second group of three tabbed docks, or
    restoring a saved state, gives a group a new tab bar and leaves the old one on screen with
    some of the same tabs (seen with Qt 6 here: a strip at the top of the note, a duplicate
    behind the source). The bar in use is the newer one, which holds every tab of the old."""
    bars = window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    tabs = [{bar.tabText(i) for i in range(bar.count())} for bar in bars]
    for index, bar in enumerate(bars):
        if not tabs[index] or any(tabs[index] <= later for later in tabs[index + 1 :]):
            bar.hide()


class LayoutMemory:
    """The window's geometry, docks and splitters, as the user left them on this size of
    screen; on a screen seen for the first time, the default for its size."""

    def __init__(
        self,
        window: QMainWindow,
        main: QSplitter,
        left: QSplitter,
        settings: Settings,
        default: Callable[[QRect], None],
    ) -> None:
        self.window, self.main, self.left, self.settings = window, main, left, settings
        self.default = default  # sizes the splitters and docks for a screen of this size
        self._pending: tuple[QByteArray | None, QByteArray | None] = (None, None)
        self._defaults_due = False

    def saved(self) -> WindowLayout:
        return self.settings.layout(screen_key(self.window))

    def restore(self) -> None:
        layout = self.saved()
        geometry = layout.geometry
        if geometry is None or not self.window.restoreGeometry(geometry):
            place_window(self.window, available_geometry(self.window))
        state = layout.state
        restored = state is not None and self.window.restoreState(state, STATE_VERSION)
        # The splitters' and docks' sizes only hold once the window has its size: on show.
        self._pending = (layout.main_splitter, layout.left_splitter)
        self._defaults_due = not restored
        hide_stale_tab_bars(self.window)

    def shown(self) -> None:
        """The window is shown: now the splitters and docks can take their sizes."""
        if self._defaults_due:
            self.default(available_geometry(self.window))
            self._defaults_due = False
        main, left = self._pending
        if main is not None:
            self.main.restoreState(main)
        if left is not None:
            self.left.restoreState(left)
        self._pending = (None, None)
        hide_stale_tab_bars(self.window)

    def save(self) -> None:
        layout = self.saved()
        layout.geometry = QByteArray(self.window.saveGeometry())
        layout.state = QByteArray(self.window.saveState(STATE_VERSION))
        layout.main_splitter = QByteArray(self.main.saveState())
        layout.left_splitter = QByteArray(self.left.saveState())
        self.settings.sync()


def place_window(window: QMainWindow, available: QRect) -> None:
    """A first window on this size of screen: 1600x1000 centred where there is room for it,
    else the whole screen (a laptop's)."""
    if available.width() < 1600 or available.height() < 1000:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        window.setGeometry(available)
        return
    rect = QRect(0, 0, 1600, 1000)
    rect.moveCenter(available.center())
    window.setGeometry(rect)
