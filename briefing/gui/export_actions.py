"""File > Export: the note to Word or Markdown, and the passages report of the current filter.

Asks for the options (showing the note's problems first), runs the export off the GUI thread,
remembers the choices, and says plainly what happened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from briefing.core.file_names import export_stem
from briefing.core.model import NoteBundle
from briefing.exporters.result import ExportResult

# The exporters (Markdown, python-docx) load on the first export, not at start-up.
from briefing.gui import dialogs
from briefing.gui.export_dialog import FORMAT_NAMES
from briefing.gui.exporting import ExportController, ExportJobSpec
from briefing.gui.folders import chosen_folder, start_folder
from briefing.gui.notes import NoteController
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings


class ExportActions(QObject):
    def __init__(
        self,
        session: ProjectSession,
        notes: NoteController,
        passages: PassagesPanel,
        settings: Settings,
        status: StatusSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.notes, self.passages, self.settings = session, notes, passages, settings
        self.status, self.parent_widget = status, parent
        self.controller = ExportController(parent)
        self.controller.finished.connect(self._finished)
        self._open_when_done = False

    def _folder(self) -> Path:
        return start_folder(self.settings.export_folder)

    def export_note(self, fmt: str) -> bool:
        parent, settings = self.parent_widget, self.settings
        self.notes.save_now()  # the file gets what is on screen
        if self.notes.note_id is None:
            dialogs.show_error(parent, "Export", "This project has no note to export yet.")
            return False
        bundle = self.session.project.bundle(self.notes.note_id)
        problems = self.problems(bundle)
        name = export_stem(bundle.note.metadata.reference, bundle.note.title) + f".{fmt}"
        options = dialogs.ask_export_options(
            parent,
            fmt,
            self._folder() / name,
            problems,
            annex=settings.export_annex,
            annex_matrix=settings.export_annex_matrix,
            reference_doc=settings.export_reference_doc,
            open_when_done=settings.export_open_when_done,
            marking_position=settings.export_marking_position,
            marking_colour=settings.export_marking_colour,
            watermark=settings.export_watermark,
        )
        if options is None:
            return False
        settings.export_folder = chosen_folder(options.path) or settings.export_folder
        settings.export_annex = options.annex
        settings.export_annex_matrix = options.annex_matrix
        settings.export_open_when_done = options.open_when_done
        if fmt == "docx":
            settings.export_reference_doc = options.reference_doc
            settings.export_marking_position = options.marking_position
            settings.export_marking_colour = options.marking_colour
            settings.export_watermark = options.watermark

        def run(out: Path) -> ExportResult:
            from briefing import exporters
            from briefing.core.templates import template_settings
            from briefing.exporters.annex import annex_choice
            from briefing.exporters.docx_page import PageOptions

            annex = annex_choice(options.annex)
            if fmt == "docx":
                position = options.marking_position or (
                    template_settings(bundle.note.template).marking_position
                )
                page = PageOptions(position, options.marking_colour, options.watermark)
                return exporters.export_docx(  # (loaded on first use: python-docx is slow)
                    bundle,
                    out,
                    annex=annex,
                    reference_doc=options.reference_doc,
                    author=bundle.note.metadata.sender,
                    page=page,
                    annex_matrix=options.annex_matrix,
                )
            return exporters.export_markdown(
                bundle, out, annex=annex, annex_matrix=options.annex_matrix
            )

        self._open_when_done = options.open_when_done
        return self.controller.start(ExportJobSpec(FORMAT_NAMES[fmt], options.path, run))

    def suggested_path(self, name: str) -> Path:
        """Where an export of ``name`` goes unless the user says otherwise."""
        return self._folder() / name

    def run_export(self, spec: ExportJobSpec, *, open_when_done: bool) -> bool:
        """An export made elsewhere (the theme matrix, REFI-QDA), run and reported as these."""
        self.settings.export_folder = spec.target.parent
        self._open_when_done = open_when_done
        return self.controller.start(spec)

    def problems(self, bundle: NoteBundle) -> list[str]:
        """The note's problems (its checks, the Problems panel's list, citations included), each
        with its line, shown before an export; never a block."""
        from briefing.exporters.checks import check_note

        body = bundle.note.body
        found = [
            f"Line {body.count(chr(10), 0, p.start) + 1}: {p.message}"
            if p.start >= 0
            else p.message
            for p in check_note(bundle)
        ]
        return list(dict.fromkeys(found))

    def export_report(self) -> bool:
        """The passages the passages panel shows now, in its order."""
        parent, project = self.parent_widget, self.session.project
        ids = self.passages.visible_passage_ids()
        if not ids:
            dialogs.show_error(parent, "Passages Report", "No passages are shown to report.")
            return False
        notes = project.notes()  # its marking goes on the report
        fmt = dialogs.ask_report_format(parent)
        if fmt is None:
            return False
        options = dialogs.ask_export_options(
            parent,
            fmt,
            self._folder() / f"{project.name} passages.{fmt}",
            [],
            with_annex_choice=False,
            open_when_done=self.settings.export_open_when_done,
        )
        if options is None:
            return False
        remembered = chosen_folder(options.path) or self.settings.export_folder
        self.settings.export_folder = remembered
        bundle = project.bundle(notes[0].id if notes else None)
        title = f"Passages: {self.passages.describe_filter()}"

        def run(out: Path) -> ExportResult:
            from briefing import exporters

            return exporters.export_passages_report(bundle, ids, out, fmt, title=title)

        self._open_when_done = options.open_when_done
        return self.controller.start(ExportJobSpec("passages report", options.path, run))

    def _finished(self, result: ExportResult | None, error: str) -> None:
        status = self.status
        if result is None:
            if error == "cancelled":
                status.showMessage("Export cancelled; nothing was written", 8000)
            else:
                dialogs.show_error(
                    self.parent_widget,
                    "Export failed",
                    f"The file was not written: {error}\nAny earlier copy is unchanged.",
                )
            return
        assert result.path is not None
        notes = f" ({len(result.problems)} problem(s) noted)" if result.problems else ""
        status.showMessage(f"Exported {result.path}{notes}", 10000)
        if self._open_when_done:
            dialogs.open_file(result.path)
