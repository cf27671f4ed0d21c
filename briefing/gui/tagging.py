"""Tagging and theme actions: from a shortcut, a button or a menu to an undoable command.

This controller turns what the user asks for (in the viewer, the themes list, the Tag menu, the
suggestions) into commands on the session's undo stack, and asks the questions that need
asking (a theme's details, a memo, a confirmation before deleting a theme with passages).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from briefing.core.model import Theme
from briefing.core.resources import theme_palette
from briefing.core.suggest import Suggestion
from briefing.gui import dialogs
from briefing.gui.commands import (
    AcceptSuggestions,
    AddPassage,
    AddTheme,
    DeletePassage,
    DeleteTheme,
    EditCommand,
    EditTheme,
    ReorderThemes,
    SetMemo,
    SetPassageThemes,
)
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.suggestions_panel import SuggestionsPanel
from briefing.gui.swatches import colour_icon
from briefing.gui.themes_panel import ThemesPanel


class TaggingController(QObject):
    cite_requested = Signal(int)  # passage id: "Cite in Note" from the viewer's menu

    def __init__(
        self, session: ProjectSession, viewer: SourceViewer, status: StatusSink, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session, self.viewer, self.status, self.parent_widget = session, viewer, status, parent

    def serve(
        self, themes: ThemesPanel, passages: PassagesPanel, suggestions: SuggestionsPanel
    ) -> None:
        """Answer the requests these panels make about themes, passages and suggestions."""
        themes.tag_requested.connect(self.tag_selection)
        themes.add_requested.connect(self.add_theme)
        themes.edit_requested.connect(self.edit_theme)
        themes.delete_requested.connect(self.delete_theme)
        themes.merge_requested.connect(self.merge_themes)
        themes.move_requested.connect(self.move_theme)
        passages.memo_edit_requested.connect(self.edit_memo)
        passages.delete_requested.connect(self.delete_passage)
        suggestions.accept_requested.connect(self.accept_suggestions)

    @property
    def themes(self) -> list[Theme]:
        return self.session.project.themes()

    def _push(self, command: EditCommand) -> bool:
        return self.session.edits.push(command)

    # ---- tagging ------------------------------------------------------------------------

    def tag_selection(self, theme_id: int) -> bool:
        viewer = self.viewer
        span = viewer.selection_range()
        if viewer.source_id is None or span is None:
            self.status.showMessage("Select text in the source first", 5000)
            return False
        text = viewer.source_text()[span[0] : span[1]]
        start = span[0] + (len(text) - len(text.lstrip()))  # no stray spaces at either end
        end = span[1] - (len(text) - len(text.rstrip()))
        if end <= start:
            return False
        edits = self.session.edits
        return self._push(AddPassage(edits, viewer.source_id, start, end, [theme_id]))

    def new_theme_from_selection(self) -> None:
        span = self.viewer.selection_range()
        selected = ""
        if span is not None:
            selected = " ".join(self.viewer.source_text()[span[0] : span[1]].split())
        values = self._ask_theme(None, suggested_name=selected[:40])
        if values is None:
            return
        edits = self.session.edits
        with edits.macro(f"New Theme {values['name']!r}"):
            command = AddTheme(edits, values)
            if edits.push(command) and command.theme is not None and span is not None:
                self.tag_selection(command.theme.id)

    def add_theme(self) -> None:
        values = self._ask_theme(None)
        if values is not None:
            self._push(AddTheme(self.session.edits, values))

    def edit_theme(self, theme_id: int) -> None:
        values = self._ask_theme(self.session.project.theme(theme_id))
        if values is not None:
            self._push(EditTheme(self.session.edits, theme_id, values))

    def _ask_theme(self, theme: Theme | None, suggested_name: str = "") -> dict[str, Any] | None:
        used = {t.colour.upper() for t in self.themes}
        free = [c for c in theme_palette() if c.upper() not in used]
        colour = free[0] if free else theme_palette()[len(used) % len(theme_palette())]
        return dialogs.ask_theme(self.parent_widget, theme, suggested_name, colour)

    def move_theme(self, theme_id: int, delta: int) -> None:
        order = [t.id for t in self.themes]
        index = order.index(theme_id)
        target = index + delta
        if 0 <= target < len(order):
            order[index], order[target] = order[target], order[index]
            self._push(ReorderThemes(self.session.edits, order))

    def delete_theme(self, theme_id: int) -> None:
        project = self.session.project
        theme = project.theme(theme_id)
        total, alone = project.theme_usage(theme_id)
        message = f"Delete the theme {theme.name!r}?"
        if total:
            message += (
                f" It tags {total} passage(s): {alone} tagged only with it will be deleted,"
                f" {total - alone} will keep their other themes. You can undo this."
            )
        if dialogs.confirm(self.parent_widget, "Delete Theme", message, "Delete Theme"):
            self._push(DeleteTheme(self.session.edits, theme_id))

    def merge_themes(self, theme_id: int, into_id: int) -> None:
        self._push(DeleteTheme(self.session.edits, theme_id, into=into_id))

    # ---- passages -----------------------------------------------------------------------

    def set_passage_themes(self, passage_id: int, theme_ids: Sequence[int]) -> None:
        self._push(SetPassageThemes(self.session.edits, passage_id, theme_ids))

    def edit_memo(self, passage_id: int) -> None:
        passage = self.session.project.passage(passage_id)
        memo = dialogs.ask_memo(self.parent_widget, passage.memo)
        if memo is not None and memo != passage.memo:
            self._push(SetMemo(self.session.edits, passage_id, memo))

    def delete_passage(self, passage_id: int) -> None:
        self._push(DeletePassage(self.session.edits, passage_id))

    def accept_suggestions(self, chosen: list[Suggestion]) -> None:
        if chosen:
            self._push(AcceptSuggestions(self.session.edits, chosen))

    # ---- the source viewer's context menu -------------------------------------------------

    def fill_viewer_menu(self, menu: QMenu, offset: int, span: tuple[int, int] | None) -> None:
        if self.session.project.readonly:
            return
        themes = self.themes
        menu.addSeparator()
        tag_as = menu.addMenu("Tag &as")
        tag_as.setEnabled(span is not None)
        for theme in themes:
            tag_as.addAction(
                colour_icon(theme.colour), theme.name, partial(self.tag_selection, theme.id)
            )
        new_theme = menu.addAction("New Theme from Selection…", self.new_theme_from_selection)
        new_theme.setEnabled(span is not None)
        for passage in self.viewer.passages_at(offset):
            names = ", ".join(t.name for t in themes if t.id in passage.theme_ids)
            sub = menu.addMenu(f"Passage p{passage.id} ({names})")
            sub.addAction("Cite in Note", partial(self.cite_requested.emit, passage.id))
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
                        colour_icon(theme.colour),
                        theme.name,
                        partial(
                            self.set_passage_themes, passage.id, [*passage.theme_ids, theme.id]
                        ),
                    )
            sub.addAction("Edit Memo…", partial(self.edit_memo, passage.id))
            sub.addAction("Delete Passage", partial(self.delete_passage, passage.id))
