"""Errors the store raises. Each message is one line, fit to show a user as it is."""

from __future__ import annotations

from typing import Any


class BriefingError(Exception):
    """Base class: anything the command line prints as ``briefing: error: <message>``."""


class NotAProject(BriefingError):
    """The file is not a Briefing project (or is damaged beyond opening)."""


class DamagedProject(NotAProject):
    """A project file that fails its checks (truncated, corrupt): never written to."""

    def __init__(self, message: str, path: Any = None) -> None:
        super().__init__(message)
        self.path = path


class NewerVersion(BriefingError):
    """The file was written by a newer Briefing; opening it could lose data."""


class ProjectLocked(BriefingError):
    """Another Briefing instance has the project open for writing."""


class ReadOnlyProject(BriefingError):
    """A write was attempted on a project opened read-only."""


class ProjectNotWritable(ReadOnlyProject):
    """The project's file or folder cannot be written by this user: it may be opened
    read-only, never for writing."""


class NotFound(BriefingError):
    """A source, theme, passage or note id that the project does not hold."""


class InvalidInput(BriefingError):
    """A value the model cannot hold (empty theme name, offsets outside the text, ...)."""


class DuplicateSource(BriefingError):
    """The same text is already a source of this project."""

    def __init__(self, existing: Any) -> None:
        super().__init__(f"already imported as source {existing.id} ({existing.title!r})")
        self.existing = existing


class StorageError(BriefingError):
    """The project's database failed underneath an action (disk full, I/O error, a lost
    server): the action was not written. Wraps the driver's own error, so that no layer above
    the store needs to know which database it talks to."""


class WriteConflict(StorageError):
    """Another writer's transaction got in the way of this one (a serialization failure, a
    deadlock). The store runs the action again; this reaches a caller only when that kept
    failing."""


class EditConflict(BriefingError):
    """What a step expected to find was changed or removed by another writer meanwhile: the
    step is not taken, so nobody's change is overwritten silently."""


class NoteConflict(EditConflict):
    """The note was saved by someone else since this writer loaded it. ``theirs`` is the note as
    it is now stored (its body, author and version), for the writer to choose or merge."""

    def __init__(self, theirs: Any) -> None:
        who = f" by {theirs.author}" if getattr(theirs, "author", "") else ""
        super().__init__(f"the note {theirs.title!r} was changed{who} since you opened it")
        self.theirs = theirs
