"""REFI-QDA from the window: File > Export > REFI-QDA Project writes the project as a .qdpx for
NVivo, ATLAS.ti, MAXQDA or QualCoder, and says what the format cannot carry; a .qdpx chosen in
File > Import Sources (or dropped on the window) is imported, and its summary lists what could
not come in.

An export reads the project and makes the file in the export worker, as every export does (a
project of a thousand sources takes seconds to read: the window stays responsive, and its
progress dialog keeps edits out meanwhile). An import runs in a worker of its own, one
transaction per file: cancelled or failed, nothing of it stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from briefing.core.store import Project
from briefing.exporters.result import ExportResult
from briefing.gui import dialogs
from briefing.gui.background import BackgroundJob, BackgroundRunner
from briefing.gui.export_actions import ExportActions
from briefing.gui.exporting import ExportJobSpec
from briefing.gui.notes import NoteController
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings

EXPORT_TITLE = "Export REFI-QDA Project"
IMPORT_TITLE = "Import REFI-QDA Project"

if TYPE_CHECKING:  # the exchange (lxml) loads on first use, not at start-up
    from briefing.exchange import QdpxOutcome


class QdpxImportJob(BackgroundJob):
    progress = Signal(int, str)  # files done, the file now being read
    done = Signal(list)  # list[QdpxOutcome]

    def __init__(self, project: Project, paths: Sequence[Path]) -> None:
        super().__init__()
        self.project, self.paths = project, list(paths)

    @Slot()
    def run(self) -> None:
        from briefing.exchange import import_qdpx

        outcomes: list[QdpxOutcome] = []
        for number, path in enumerate(self.paths):
            if self.cancelled.is_set():
                break
            self.progress.emit(number, path.name)
            keep_going = lambda: not self.cancelled.is_set()  # noqa: E731
            outcomes.append(import_qdpx(self.project, path, keep_going))
        self.done.emit(outcomes)


class QdpxImportController(BackgroundRunner):
    finished = Signal(list)  # list[QdpxOutcome]

    def start(self, project: Project, paths: Sequence[Path]) -> bool:
        if self.busy() or not paths:
            return False
        job = QdpxImportJob(project, paths)
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        self.launch(job, "Importing…", IMPORT_TITLE, len(paths))
        return True

    def _on_progress(self, done: int, name: str) -> None:
        if self.progress is not None and not self.was_cancelled():
            self.progress.setValue(done)
            self.progress.setLabelText(f"Importing {name}…")

    def _on_done(self, outcomes: list[QdpxOutcome]) -> None:
        self.finish()
        self.finished.emit(outcomes)


class ExchangeActions(QObject):
    imported = Signal(object)  # int | None: themes, passages and notes came in; a source to show

    def __init__(
        self,
        session: ProjectSession,
        notes: NoteController,
        exports: ExportActions,
        settings: Settings,
        status: StatusSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.notes, self.exports = session, notes, exports
        self.settings, self.status, self.parent_widget = settings, status, parent
        self._exporting = False
        exports.controller.finished.connect(self._exported)
        self.importer = QdpxImportController(parent)
        self.importer.finished.connect(self._imported)

    def import_projects(self, paths: list[Path]) -> bool:
        """Import .qdpx files in the background, each whole or not at all."""
        if self.session.project.readonly:
            self.status.showMessage("This project is open read-only: nothing imported", 6000)
            return False
        if self.importer.busy():
            self.status.showMessage("A REFI-QDA import is already running", 6000)
            return False
        self.notes.save_now()  # the notes list will be read again
        return self.importer.start(self.session.project, paths)

    def _imported(self, outcomes: list[QdpxOutcome]) -> None:
        done = [o for o in outcomes if not o.error]
        head = "; ".join(o.line() for o in outcomes) or "Nothing imported (cancelled)"
        self.status.showMessage(head, 10000)
        if done:
            first = next((o.first_source for o in done if o.first_source is not None), None)
            self.imported.emit(first)
        lines = [line for o in outcomes for line in o.lines()]
        if lines or len(done) < len(outcomes):
            dialogs.show_report(self.parent_widget, IMPORT_TITLE, head, lines)

    def export_project(self) -> bool:
        self.notes.save_now()  # the file gets the note as it is on screen
        project = self.session.project
        options = dialogs.ask_export_options(
            self.parent_widget,
            "qdpx",
            self.exports.suggested_path(f"{project.name}.qdpx"),
            [],
            with_annex_choice=False,
            open_when_done=self.settings.export_open_when_done,
        )
        if options is None:
            return False

        def run(out: Path) -> ExportResult:
            from briefing.exchange import export_qdpx  # lxml: loaded on first use

            return export_qdpx(project, out)

        spec = ExportJobSpec("REFI-QDA project", options.path, run)
        self._exporting = self.exports.run_export(spec, open_when_done=options.open_when_done)
        return self._exporting

    def _exported(self, result: ExportResult | None, _error: str) -> None:
        """What REFI-QDA has no place for, listed once the file is written (its spec, 7)."""
        if not self._exporting:
            return
        self._exporting = False
        if result is not None and result.path is not None and result.problems:
            dialogs.show_report(
                self.parent_widget,
                EXPORT_TITLE,
                f"Exported {result.path.name}. REFI-QDA has no place for some of the project:",
                result.problems,
            )
