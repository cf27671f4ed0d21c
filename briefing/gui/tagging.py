"""Tagging and theme actions: from a shortcut, a button or a menu to an undoable command.

The window owns the widgets; this controller turns what the user asks for into commands on the
project's undo stack, and asks the questions that need asking (a theme's details, a memo, a
confirmation before deleting a theme with passages).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from briefing.core.model import Theme
from briefing.core.resources import theme_palette
from briefing.core.suggest import Suggestion
from briefing.gui import dialogs
from briefing.gui.actions import make_action
from briefing.gui.commands import (
    AcceptSuggestions,
    AddPassage,
    AddTheme,
    DeletePassage,
    DeleteTheme,
    EditTheme,
    ReorderThemes,
    SetMemo,
    SetPassageThemes,
)

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow

MAX_SHORTCUT_THEMES = 9


class TaggingController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tag_actions: list[QAction] = []
        self.extra_actions: list[QAction] = []  # the window's own, listed after the themes
        self.tag_menu = QMenu("&Tag", window)
        self.new_theme_action = make_action(
            window, "New Theme from Selection…", self.new_theme_from_selection, "Ctrl+Shift+T"
        )

    @property
    def themes(self) -> list[Theme]:
        return self.window.project.themes()

    # ---- the Tag menu -------------------------------------------------------------------

    def rebuild_tag_menu(self, themes: Sequence[Theme]) -> None:
        """One action per theme, Ctrl+1..9 for the first nine, in the themes' order."""
        for action in self.tag_actions:
            self.window.removeAction(action)
            action.deleteLater()
        self.tag_menu.clear()
        self.tag_actions = []
        for index, theme in enumerate(themes):
            key = f"Ctrl+{index + 1}" if index < MAX_SHORTCUT_THEMES else None
            action = make_action(
                self.window,
                theme.name,
                partial(self.tag_selection, theme.id),
                key,
                f"Tag the selected text as {theme.name}",
            )
            action.setIcon(dialogs.colour_icon(theme.colour))
            self.window.addAction(action)  # shortcuts work wherever the focus is
            self.tag_actions.append(action)
            self.tag_menu.addAction(action)
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.new_theme_action)
        if self.extra_actions:
            self.tag_menu.addSeparator()
            self.tag_menu.addActions(self.extra_actions)
        for action in [*self.tag_actions, self.new_theme_action]:
            action.setEnabled(not self.window.project.readonly)

    # ---- tagging ------------------------------------------------------------------------

    def tag_selection(self, theme_id: int) -> bool:
        viewer = self.window.viewer
        span = viewer.selection_range()
        if viewer.source_id is None or span is None:
            self.window.statusBar().showMessage("Select text in the source first", 5000)
            return False
        text = viewer.source_text()[span[0] : span[1]]
        start = span[0] + (len(text) - len(text.lstrip()))  # no stray spaces at either end
        end = span[1] - (len(text) - len(text.rstrip()))
        if end <= start:
            return False
        return self.window.edits.push(
            AddPassage(self.window.edits, viewer.source_id, start, end, [theme_id])
        )

    def new_theme_from_selection(self) -> None:
        span = self.window.viewer.selection_range()
        selected = ""
        if span is not None:
            selected = " ".join(self.window.viewer.source_text()[span[0] : span[1]].split())
        values = self._ask_theme(None, suggested_name=selected[:40])
        if values is None:
            return
        edits = self.window.edits
        with edits.macro(f"New Theme {values['name']!r}"):
            command = AddTheme(edits, values)
            if edits.push(command) and command.theme is not None and span is not None:
                self.tag_selection(command.theme.id)

    def add_theme(self) -> None:
        values = self._ask_theme(None)
        if values is not None:
            self.window.edits.push(AddTheme(self.window.edits, values))

    def edit_theme(self, theme_id: int) -> None:
        values = self._ask_theme(self.window.project.theme(theme_id))
        if values is not None:
            self.window.edits.push(EditTheme(self.window.edits, theme_id, values))

    def _ask_theme(self, theme: Theme | None, suggested_name: str = "") -> dict | None:
        used = {t.colour.upper() for t in self.themes}
        free = [c for c in theme_palette() if c.upper() not in used]
        colour = free[0] if free else theme_palette()[len(used) % len(theme_palette())]
        return dialogs.ask_theme(self.window, theme, suggested_name, colour)

    def move_theme(self, theme_id: int, delta: int) -> None:
        order = [t.id for t in self.themes]
        index = order.index(theme_id)
        target = index + delta
        if 0 <= target < len(order):
            order[index], order[target] = order[target], order[index]
            self.window.edits.push(ReorderThemes(self.window.edits, order))

    def delete_theme(self, theme_id: int) -> None:
        theme = self.window.project.theme(theme_id)
        total, alone = self.window.project.theme_usage(theme_id)
        message = f"Delete the theme {theme.name!r}?"
        if total:
            message += (
                f" It tags {total} passage(s): {alone} tagged only with it will be deleted,"
                f" {total - alone} will keep their other themes. You can undo this."
            )
        if dialogs.confirm(self.window, "Delete Theme", message, "Delete Theme"):
            self.window.edits.push(DeleteTheme(self.window.edits, theme_id))

    def merge_themes(self, theme_id: int, into_id: int) -> None:
        self.window.edits.push(DeleteTheme(self.window.edits, theme_id, into=into_id))

    # ---- passages -----------------------------------------------------------------------

    def set_passage_themes(self, passage_id: int, theme_ids: Sequence[int]) -> None:
        self.window.edits.push(SetPassageThemes(self.window.edits, passage_id, theme_ids))

    def edit_memo(self, passage_id: int) -> None:
        passage = self.window.project.passage(passage_id)
        memo = dialogs.ask_memo(self.window, passage.memo)
        if memo is not None and memo != passage.memo:
            self.window.edits.push(SetMemo(self.window.edits, passage_id, memo))

    def delete_passage(self, passage_id: int) -> None:
        self.window.edits.push(DeletePassage(self.window.edits, passage_id))

    def accept_suggestions(self, chosen: list[Suggestion]) -> None:
        if chosen:
            self.window.edits.push(AcceptSuggestions(self.window.edits, chosen))

    # ---- the source viewer's context menu -------------------------------------------------

    def fill_viewer_menu(self, menu: QMenu, offset: int, span: tuple[int, int] | None) -> None:
        if self.window.project.readonly:
            return
        themes = self.themes
        menu.addSeparator()
        tag_as = menu.addMenu("Tag &as")
        tag_as.setEnabled(span is not None)
        for theme in themes:
            tag_as.addAction(
                dialogs.colour_icon(theme.colour), theme.name, partial(self.tag_selection, theme.id)
            )
        new_theme = menu.addAction("New Theme from Selection…", self.new_theme_from_selection)
        new_theme.setEnabled(span is not None)
        for passage in self.window.viewer.passages_at(offset):
            names = ", ".join(t.name for t in themes if t.id in passage.theme_ids)
            sub = menu.addMenu(f"Passage p{passage.id} ({names})")
            sub.addAction("Cite in Note", partial(self.window.cite_passage, passage.id))
            add = sub.addMenu("Add Theme")
            remove = sub.addMenu("Remove Theme")
            for theme in themes:
                if theme.id in passage.theme_ids:
                    act = remove.addAction(
                        theme.name,
                        partial(
                            self.set_passage_themes,
                            passage.id,
                            [t for t in passage.theme_ids if t != theme.id],
                        ),
                    )
                    act.setEnabled(len(passage.theme_ids) > 1)  # the last one: delete instead
                else:
                    add.addAction(
                        dialogs.colour_icon(theme.colour),
                        theme.name,
                        partial(
                            self.set_passage_themes, passage.id, [*passage.theme_ids, theme.id]
                        ),
                    )
            sub.addAction("Edit Memo…", partial(self.edit_memo, passage.id))
            sub.addAction("Delete Passage", partial(self.delete_passage, passage.id))
