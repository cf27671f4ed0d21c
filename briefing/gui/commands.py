"""Undoable edits: every tagging and theme action is one QUndoCommand on one stack.

Each command calls one store operation (one transaction) and its inverse. Deleted things come
back with their old ids, so citations of a restored passage in a note still resolve.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.core.errors import BriefingError, EditConflict
from briefing.core.model import Passage, RemovedTheme, Theme
from briefing.core.store import Project
from briefing.core.suggest import Accepted, Suggestion, accept, redo_accept, undo_accept

PASSAGES, THEMES = "passages", "themes"


@dataclass(frozen=True)
class Change:
    """What one step changed. Steps that touch only a few passages name them, so the window
    updates those alone (a long report has thousands); anything about themes redraws all."""

    kinds: frozenset[str]
    passages: tuple[int, ...] = ()  # passages added or changed (ids to read again)
    removed: tuple[int, ...] = ()  # passages that are gone

    @property
    def local(self) -> bool:
        return THEMES not in self.kinds and bool(self.passages or self.removed)


class ProjectEditor(QObject):
    """The undo stack of one open project, and the news of what each step changed."""

    changed = Signal(object)  # a Change
    failed = Signal(str)  # a one-line reason; the step was not taken

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.stack = QUndoStack(self)

    def push(self, command: EditCommand) -> bool:
        """Do a step; False (and ``failed``) when the store refused it."""
        self.stack.push(command)
        return command.error == ""

    def macro(self, text: str) -> _Macro:
        """Several steps that undo as one (a new theme and the passage tagged with it)."""
        return _Macro(self.stack, text)


class _Macro:
    def __init__(self, stack: QUndoStack, text: str) -> None:
        self.stack, self.text = stack, text

    def __enter__(self) -> None:
        self.stack.beginMacro(self.text)

    def __exit__(self, *exc: object) -> None:
        self.stack.endMacro()


class EditCommand(QUndoCommand):
    touches: frozenset[str] = frozenset({PASSAGES})

    def __init__(self, editor: ProjectEditor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.project = editor.project
        self.error = ""

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_it)

    def _run(self, step: Any) -> None:
        try:
            step()
        except BriefingError as exc:
            # Refused by the store (a read-only project, a clash of names): drop the step.
            self.error = str(exc)
            self.setObsolete(True)
            self.editor.failed.emit(self.error)
            return
        self.editor.changed.emit(self.change(step == self.do))

    def change(self, forward: bool) -> Change:
        """What the step just done (or undone, when not ``forward``) changed."""
        return Change(frozenset(self.touches))

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


def delete_if_unchanged(project: Project, passage: Passage) -> None:
    """Delete a passage only as this step left it: if another writer has since changed its
    themes or memo, deleting it would throw their work away, so the step is refused."""

    def delete(p: Project) -> None:
        now = p.passage(passage.id)
        if set(now.theme_ids) != set(passage.theme_ids) or now.memo != passage.memo:
            raise EditConflict(f"passage p{passage.id} was changed by someone else meanwhile")
        p.delete_passage(passage.id)

    project.run_action(delete)


class AddPassage(EditCommand):
    def __init__(
        self, editor: ProjectEditor, source_id: int, start: int, end: int, theme_ids: Sequence[int]
    ) -> None:
        super().__init__(editor, "Tag Passage")
        self.spec = (source_id, start, end, tuple(theme_ids))
        self.passage: Passage | None = None

    def do(self) -> None:
        if self.passage is None:
            self.passage = self.project.add_passage(*self.spec)
        else:
            self.project.restore_passage(self.passage)

    def undo_it(self) -> None:
        assert self.passage is not None
        delete_if_unchanged(self.project, self.passage)

    def change(self, forward: bool) -> Change:
        assert self.passage is not None
        ids = (self.passage.id,)
        return Change(frozenset(self.touches), ids if forward else (), () if forward else ids)


class DeletePassage(EditCommand):
    def __init__(self, editor: ProjectEditor, passage_id: int) -> None:
        super().__init__(editor, "Delete Passage")
        self.passage_id = passage_id
        self.removed: Passage | None = None

    def do(self) -> None:
        if self.removed is None:
            self.removed = self.project.delete_passage(self.passage_id)
        else:  # redone: as the undo left it, or not at all
            delete_if_unchanged(self.project, self.removed)

    def undo_it(self) -> None:
        assert self.removed is not None
        self.project.restore_passage(self.removed)

    def change(self, forward: bool) -> Change:
        ids = (self.passage_id,)
        return Change(frozenset(self.touches), () if forward else ids, ids if forward else ())


class SetPassageThemes(EditCommand):
    def __init__(self, editor: ProjectEditor, passage_id: int, theme_ids: Sequence[int]) -> None:
        super().__init__(editor, "Change Passage Themes")
        self.passage_id = passage_id
        self.new = tuple(theme_ids)
        self.old = editor.project.passage(passage_id).theme_ids

    # Each way, only from the state the step left: another writer's change in between makes
    # the step fail with a message rather than be overwritten.
    def do(self) -> None:
        self.project.set_passage_themes(self.passage_id, self.new, expected=self.old)

    def undo_it(self) -> None:
        self.project.set_passage_themes(self.passage_id, self.old, expected=self.new)

    def change(self, forward: bool) -> Change:
        return Change(frozenset(self.touches), (self.passage_id,))


class SetMemo(EditCommand):
    def __init__(self, editor: ProjectEditor, passage_id: int, memo: str) -> None:
        super().__init__(editor, "Edit Memo")
        self.passage_id, self.new = passage_id, memo
        self.old = editor.project.passage(passage_id).memo

    def do(self) -> None:
        self.project.set_memo(self.passage_id, self.new, expected=self.old)

    def undo_it(self) -> None:
        self.project.set_memo(self.passage_id, self.old, expected=self.new)

    def change(self, forward: bool) -> Change:
        return Change(frozenset(self.touches), (self.passage_id,))


class AddTheme(EditCommand):
    touches = frozenset({THEMES})

    def __init__(self, editor: ProjectEditor, values: dict[str, Any]) -> None:
        super().__init__(editor, f"New Theme {values['name']!r}")
        self.values = values
        self.theme: Theme | None = None

    def do(self) -> None:
        v = self.values
        if self.theme is None:
            self.theme = self.project.add_theme(
                v["name"], v["colour"], v.get("description", ""), v.get("keywords", ())
            )
        else:
            t = self.theme
            self.project.add_theme(
                t.name, t.colour, t.description, t.keywords, position=t.order, theme_id=t.id
            )

    def undo_it(self) -> None:
        assert self.theme is not None
        theme_id, name = self.theme.id, self.theme.name

        def delete(p: Project) -> None:
            # Others may have tagged with the new theme meanwhile: their passages would go.
            if p.theme_usage(theme_id)[0]:
                raise EditConflict(f"others have tagged passages as {name!r}")
            p.delete_theme(theme_id)

        self.project.run_action(delete)


class EditTheme(EditCommand):
    touches = frozenset({THEMES, PASSAGES})  # a new colour repaints the passages

    def __init__(self, editor: ProjectEditor, theme_id: int, values: dict[str, Any]) -> None:
        super().__init__(editor, "Edit Theme")
        old = editor.project.theme(theme_id)
        self.theme_id = theme_id
        self.new = dict(values)
        self.old = {
            "name": old.name,
            "colour": old.colour,
            "description": old.description,
            "keywords": old.keywords,
        }
        self.old = {k: v for k, v in self.old.items() if k in self.new}

    def do(self) -> None:
        self.project.update_theme(self.theme_id, self.old, **self.new)

    def undo_it(self) -> None:
        self.project.update_theme(self.theme_id, self.new, **self.old)


class ReorderThemes(EditCommand):
    touches = frozenset({THEMES, PASSAGES})

    def __init__(self, editor: ProjectEditor, order: Sequence[int]) -> None:
        super().__init__(editor, "Reorder Themes")
        self.new = tuple(order)
        self.old = tuple(t.id for t in editor.project.themes())

    def do(self) -> None:
        self.project.reorder_themes(self.new)

    def undo_it(self) -> None:
        self.project.reorder_themes(self.old)


class DeleteTheme(EditCommand):
    touches = frozenset({THEMES, PASSAGES})

    def __init__(self, editor: ProjectEditor, theme_id: int, into: int | None = None) -> None:
        name = editor.project.theme(theme_id).name
        super().__init__(editor, f"Merge Theme {name!r}" if into else f"Delete Theme {name!r}")
        self.theme_id, self.into = theme_id, into
        self.removed: RemovedTheme | None = None

    def do(self) -> None:
        if self.into is None:
            self.removed = self.project.delete_theme(self.theme_id)
        else:
            self.removed = self.project.merge_themes(self.theme_id, self.into)

    def undo_it(self) -> None:
        assert self.removed is not None
        self.project.restore_theme(self.removed)


class AcceptSuggestions(EditCommand):
    def __init__(self, editor: ProjectEditor, chosen: Sequence[Suggestion]) -> None:
        count = len(chosen)
        super().__init__(
            editor, "Accept Suggestion" if count == 1 else f"Accept {count} Suggestions"
        )
        self.chosen = tuple(chosen)
        self.accepted: Accepted | None = None

    def do(self) -> None:
        if self.accepted is None:
            self.accepted = accept(self.project, self.chosen)
            return
        redo_accept(self.project, self.accepted)

    def undo_it(self) -> None:
        assert self.accepted is not None
        undo_accept(self.project, self.accepted)
