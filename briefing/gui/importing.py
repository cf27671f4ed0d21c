"""Importing files off the GUI thread, with a progress dialog that can cancel.

Each file is read (the slow part: parsing a PDF or a Word file) and then stored as one source
in one transaction, in a worker thread. Cancelling stops before the next file, and a file read
when the user cancelled is not stored: nothing is left half-imported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing.core.store import Project
from briefing.ingest import ImportOutcome, import_path

logger = logging.getLogger(__name__)


class ImportJob(QObject):
    """Runs in its own thread; talks to the window only through signals."""

    progress = Signal(int, str)  # files done, the file now being read
    done = Signal(list)  # list[ImportOutcome], in the order of the paths

    def __init__(self, project: Project, paths: Sequence[Path]) -> None:
        super().__init__()
        self.project = project
        self.paths = list(paths)
        self.cancelled = threading.Event()

    @Slot()
    def run(self) -> None:
        outcomes: list[ImportOutcome] = []
        for number, path in enumerate(self.paths):
            if self.cancelled.is_set():
                break
            self.progress.emit(number, path.name)
            outcomes.append(self._import_one(path))
        self.progress.emit(len(outcomes), "")
        self.done.emit(outcomes)

    def _import_one(self, path: Path) -> ImportOutcome:
        return import_path(self.project, path, lambda: not self.cancelled.is_set())


class ImportController(QObject):
    """Starts one import at a time and reports its outcomes with ``finished``."""

    finished = Signal(list)  # list[ImportOutcome]

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self._job: ImportJob | None = None
        self._dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self._thread is not None

    def start(self, project: Project, paths: Sequence[Path]) -> bool:
        if self.busy() or not paths:
            return False
        self._job = ImportJob(project, paths)
        self._thread = QThread(self)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progress.connect(self._on_progress)
        self._job.done.connect(self._on_done)

        dialog = QProgressDialog("Importing…", "Cancel", 0, len(paths), self._parent)
        dialog.setWindowTitle("Import Sources")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick import shows no dialog at all
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled.set()
            if self._dialog is not None:
                self._dialog.setLabelText("Cancelling after the current file…")

    def wait(self, milliseconds: int = 30000) -> None:
        """Block until the worker thread ends (closing the window waits for it)."""
        if self._thread is not None:
            self._thread.wait(milliseconds)

    def _on_progress(self, done: int, name: str) -> None:
        if self._dialog is not None and not self._job_cancelled():
            self._dialog.setValue(done)
            if name:
                self._dialog.setLabelText(f"Importing {name}…")

    def _job_cancelled(self) -> bool:
        return self._job is not None and self._job.cancelled.is_set()

    def _on_done(self, outcomes: list[ImportOutcome]) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)  # closing emits canceled
            self._dialog.close()
            self._dialog.deleteLater()
        if self._job is not None:
            self._job.deleteLater()
        self._thread, self._job, self._dialog = None, None, None
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
