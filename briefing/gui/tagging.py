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

from briefing.core.model import Passage, Theme
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
        """The theme key (Ctrl+1..9), the Tag menu or the themes list's Tag button.

        On a selection that is exactly a passage's span, or with the caret in a passage and
        nothing selected, the theme is toggled on that passage; on any other selection a new
        passage is tagged. Afterwards the selection clears, so the new colour shows, and the
        status bar says what happened and that Ctrl+Z undoes it."""
        viewer = self.viewer
        if viewer.source_id is None:
            self.status.showMessage("Select text in the source first", 5000)
            return False
        span = viewer.selection_range()
        passage = self._passage_to_toggle(span)
        if passage is not None:
            done = self.toggle_theme(passage, theme_id)
        elif span is None:
            self.status.showMessage("Select text in the source first", 5000)
            return False
        else:
            start, end = trimmed(viewer.source_text(), *span)
            if end <= start:
                return False
            edits = self.session.edits
            done = self._push(AddPassage(edits, viewer.source_id, start, end, [theme_id]))
            if done:
                self._say(f"Tagged as {self._name(theme_id)}")
        if done:
            viewer.clear_selection()
        return done

    def _passage_to_toggle(self, span: tuple[int, int] | None) -> Passage | None:
        viewer = self.viewer
        if span is None:
            inside = viewer.passages_at(viewer.caret_offset())
            return min(inside, key=lambda p: p.end - p.start) if inside else None
        start, end = trimmed(viewer.source_text(), *span)
        return next((p for p in viewer.passages() if (p.start, p.end) == (start, end)), None)

    def toggle_theme(self, passage: Passage, theme_id: int) -> bool:
        """Add the theme to the passage, or take it away; taking the last one deletes the
        passage (one step, undone by Ctrl+Z like any other: no question asked)."""
        name = self._name(theme_id)
        edits = self.session.edits
        if theme_id not in passage.theme_ids:
            themes = [*passage.theme_ids, theme_id]
            done = self._push(SetPassageThemes(edits, passage.id, themes))
            message = f"Tagged as {name}"
        elif len(passage.theme_ids) > 1:
            themes = [t for t in passage.theme_ids if t != theme_id]
            done = self._push(SetPassageThemes(edits, passage.id, themes))
            message = f"Removed {name} from p{passage.id}"
        else:
            done = self._push(DeletePassage(edits, passage.id))
            message = f"Removed {name}: passage p{passage.id} deleted"
        if done:
            self._say(message)
        return done

    def _name(self, theme_id: int) -> str:
        return self.session.project.theme(theme_id).name

    def _say(self, what: str) -> None:
        self.status.showMessage(f"{what} (Ctrl+Z undoes)", 8000)

    def new_theme_from_selection(self) -> None:
        span = self.viewer.selection_range()
        selected = ""
        if span is not None:
            selected = self.viewer.source_text()[span[0] : span[1]]
        values = self._ask_theme(None, suggested_name=suggested_theme_name(selected))
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
        under = sorted(self.viewer.passages_at(offset), key=lambda p: p.end - p.start)
        if under:
            # The innermost passage's themes at the top level: one click adds or removes one.
            passage = under[0]
            menu.addSection(f"Themes of p{passage.id}")
            for theme in themes:
                toggle = menu.addAction(
                    colour_icon(theme.colour),
                    theme.name,
                    partial(self.toggle_theme, passage, theme.id),
                )
                toggle.setCheckable(True)
                toggle.setChecked(theme.id in passage.theme_ids)
        for passage in under:
            names = ", ".join(t.name for t in themes if t.id in passage.theme_ids)
            sub = menu.addMenu(f"Passage p{passage.id} ({names})")
            sub.addAction("Cite in Note", partial(self.cite_requested.emit, passage.id))
            sub.addAction("Edit Memo…", partial(self.edit_memo, passage.id))
            sub.addAction("Delete Passage", partial(self.delete_passage, passage.id))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the spaces and line breaks at either end."""
    chosen = text[start:end]
    return start + len(chosen) - len(chosen.lstrip()), end - len(chosen) + len(chosen.rstrip())


def suggested_theme_name(selected: str, limit: int = 40) -> str:
    """The selection as a theme's name: whole words only, up to ``limit`` characters."""
    name = ""
    for word in selected.split():
        longer = f"{name} {word}" if name else word
        if name and len(longer) > limit:
            break
        name = longer
    return name if len(name) <= limit else ""
