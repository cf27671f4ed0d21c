"""REFI-QDA from the window: File > Export > REFI-QDA Project writes the project as a .qdpx for
NVivo, ATLAS.ti, MAXQDA or QualCoder, and says what the format cannot carry.

The project is read here, on the window's thread, in one go (a consistent picture of it); the
file is made and written by the export worker, as every export is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from briefing.exporters.result import ExportResult
from briefing.gui import dialogs
from briefing.gui.export_actions import ExportActions
from briefing.gui.exporting import ExportJobSpec
from briefing.gui.notes import NoteController
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings

EXPORT_TITLE = "Export REFI-QDA Project"


class ExchangeActions(QObject):
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

    def export_project(self) -> bool:
        from briefing.exchange import exchange_project, write_qdpx

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
        content = exchange_project(project)

        def run(out: Path) -> ExportResult:
            return write_qdpx(content, out)

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
