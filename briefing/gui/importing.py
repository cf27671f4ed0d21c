"""Importing files off the GUI thread, with a progress dialog that can cancel.

Each file is read (the slow part: parsing a PDF or a Word file) and then stored as one source
in one transaction, in a worker thread. Cancelling stops before the next file, and a file read
when the user cancelled is not stored: nothing is left half-imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot

from briefing.core.store import Project
from briefing.gui.background import BackgroundJob, BackgroundRunner

if TYPE_CHECKING:  # the importers load with the first import, not with the window
    from briefing.ingest import ImportOutcome


class ImportJob(BackgroundJob):
    """Runs in its own thread; talks to the window only through signals."""

    progress = Signal(int, str)  # files done, the file now being read
    done = Signal(list)  # list[ImportOutcome], in the order of the paths

    def __init__(self, project: Project, paths: Sequence[Path]) -> None:
        super().__init__()
        self.project = project
        self.paths = list(paths)

    @Slot()
    def run(self) -> None:
        from briefing.ingest import import_path

        outcomes: list[ImportOutcome] = []
        for number, path in enumerate(self.paths):
            if self.cancelled.is_set():
                break
            self.progress.emit(number, path.name)
            outcomes.append(import_path(self.project, path, lambda: not self.cancelled.is_set()))
        self.progress.emit(len(outcomes), "")
        self.done.emit(outcomes)


class ImportController(BackgroundRunner):
    """Starts one import at a time and reports its outcomes with ``finished``."""

    finished = Signal(list)  # list[ImportOutcome]

    def start(self, project: Project, paths: Sequence[Path]) -> bool:
        if self.busy() or not paths:
            return False
        job = ImportJob(project, paths)
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        self.launch(job, "Importing…", "Import Sources", len(paths))
        return True

    def cancel(self) -> None:
        super().cancel()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling after the current file…")

    def _on_progress(self, done: int, name: str) -> None:
        if self.progress is not None and not self.was_cancelled():
            self.progress.setValue(done)
            if name:
                self.progress.setLabelText(f"Importing {name}…")

    def _on_done(self, outcomes: list[ImportOutcome]) -> None:
        self.finish()
        self.finished.emit(outcomes)


def summary(outcomes: Sequence[ImportOutcome]) -> tuple[str, list[str]]:
    """A status-bar line for the whole import, and the lines worth a dialog (failures etc.)."""
    imported = [o for o in outcomes if o.source is not None]
    problems = [o.line() for o in outcomes if o.source is None and o.error != "cancelled"]
    problems += [f"warning: {o.path.name}: {w}" for o in outcomes for w in o.warnings]
    cancelled = sum(o.error == "cancelled" for o in outcomes)
    head = f"Imported {len(imported)} of {len(outcomes)} file{'s' * (len(outcomes) != 1)}"
    if cancelled:
        head += " (cancelled)"
    return head, problems
