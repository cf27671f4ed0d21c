"""Every QAction is made here: text, shortcut (the platform's standard one where it exists),
tooltip with the shortcut, and the slot, so menus and toolbars stay consistent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Shortcut = QKeySequence.StandardKey | str | None


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
        action.triggered.connect(lambda _checked=False: slot())
    return action
