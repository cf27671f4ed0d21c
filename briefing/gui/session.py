"""The open project: one ``ProjectSession`` owns it and its undo stack, and tells the window's
parts when another project is opened or the list of sources changed.

Controllers are given the session (and the few widgets they work on) instead of the window; they
read ``session.project`` when they act, so a project opened later is the one they act on.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from briefing.core.matching import WHOLE_WORDS, MatchOptions
from briefing.core.model import SearchHit
from briefing.core.store import Project
from briefing.gui.commands import ProjectEditor


class StatusSink(Protocol):
    """Where a controller says what just happened, for a few seconds (the status bar)."""

    def showMessage(self, text: str, timeout: int = 0) -> None: ...


class ProjectSession(QObject):
    opened = Signal()  # ``project`` is another project now: show everything again
    closing = Signal()  # the project is about to close: write what is pending (the note)
    sources_changed = Signal(object)  # int | None: sources came or went; the one to show

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits = ProjectEditor(project, self)  # the undo stack of tagging and themes

    @property
    def project(self) -> Project:
        return self.edits.project

    def replace(self, project: Project) -> None:
        """Close the open project (its note written first) and take ``project`` in its place."""
        self.closing.emit()
        self.edits.project.close()
        self.edits.project = project
        self.edits.stack.clear()
        self.opened.emit()

    def close(self) -> None:
        self.edits.project.close()

    def search(self, query: str, options: MatchOptions = WHOLE_WORDS) -> list[SearchHit]:
        return self.project.search(query, options=options)

    def sources_did_change(self, select: int | None = None) -> None:
        """Sources were imported, edited or deleted: ``select`` is the one to show, if any."""
        self.sources_changed.emit(select)
