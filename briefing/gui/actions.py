"""Every QAction is made here: text, shortcut (the platform's standard one where it exists),
tooltip with the shortcut, and the slot, so menus and toolbars stay consistent. Widgets whose
actions are their context menu show it through ``dialogs.popup_menu``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QWidget

from briefing.gui import dialogs

Shortcut = QKeySequence.StandardKey | str | None

# Tagging with the theme in row n of the themes list (the first nine themes).
TAG_SHORTCUTS: tuple[str, ...] = tuple(f"Ctrl+{n}" for n in range(1, 10))


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object] | None = None,
    shortcut: Shortcut = None,
    tip: str = "",
    *,
    checkable: bool = False,
    fallback: str = "",
) -> QAction:
    """``fallback`` is the shortcut where the platform defines none for a standard key
    (Quit has none on Windows or under the offscreen platform, for example)."""
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
        if action.shortcut().isEmpty() and fallback:
            action.setShortcut(QKeySequence(fallback))
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    label = tip or text.replace("&", "").rstrip(".…")
    action.setToolTip(f"{label} ({keys})" if keys else label)
    action.setStatusTip(label)
    action.setCheckable(checkable)
    if slot is not None:
        connect(action, slot)
    return action


def connect(action: QAction, slot: Callable[[], object]) -> None:
    """Run ``slot`` (which takes no argument) when the action is triggered."""
    action.triggered.connect(lambda _checked=False: slot())


def separator(parent: QObject) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action


def actions_context_menu(widget: QWidget) -> None:
    """The widget's own actions (``addAction``) as its context menu, as Qt's
    ActionsContextMenu shows them, but through the seam in ``dialogs``."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    # A scroll area reports the position in its viewport's coordinates.
    origin = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget

    def show(position: QPoint) -> None:
        if not widget.actions():
            return
        menu = QMenu(widget)
        menu.addActions(widget.actions())
        dialogs.popup_menu(menu, origin.mapToGlobal(position))
        menu.deleteLater()

    widget.customContextMenuRequested.connect(show)
