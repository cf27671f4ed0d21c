"""Pieces of the window's layout: captioned panes, docks, and the layout remembered between
sessions (geometry, docks, splitters) in the settings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.gui.settings import Settings


def titled(title: str, widget: QWidget, extra: QWidget | None = None) -> tuple[QWidget, QLabel]:
    """A pane: a small bold caption over the widget."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    caption = QLabel(title)
    caption.setContentsMargins(6, 4, 6, 0)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    caption.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    # A long source title must not set the window's minimum width.
    caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    layout.addWidget(caption)
    if extra is not None:
        layout.addWidget(extra)
    layout.addWidget(widget, 1)
    return pane, caption


def add_dock(
    window: QMainWindow, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock_{name}")  # saveState needs a name to restore it by
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


class LayoutMemory:
    """The window's geometry, docks and splitters, as the user left them last time."""

    def __init__(
        self, window: QMainWindow, main: QSplitter, left: QSplitter, settings: Settings
    ) -> None:
        self.window, self.main, self.left, self.settings = window, main, left, settings
        self._pending: tuple[QByteArray | None, QByteArray | None] = (None, None)

    def restore(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is None or not self.window.restoreGeometry(geometry):
            self.window.resize(1400, 900)
        self.main.setSizes([260, 570, 570])
        state = self.settings.window_state
        if state is not None:
            self.window.restoreState(state)
        # The splitters' sizes only hold once the window has its size: applied on show.
        self._pending = (self.settings.main_splitter, self.settings.left_splitter)

    def shown(self) -> None:
        """The window is shown: now the splitters can take their sizes."""
        main, left = self._pending
        if main is not None:
            self.main.restoreState(main)
        if left is not None:
            self.left.restoreState(left)
        self._pending = (None, None)

    def save(self) -> None:
        settings = self.settings
        settings.window_geometry = QByteArray(self.window.saveGeometry())
        settings.window_state = QByteArray(self.window.saveState())
        settings.main_splitter = QByteArray(self.main.saveState())
        settings.left_splitter = QByteArray(self.left.saveState())
        settings.sync()
