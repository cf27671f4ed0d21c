"""File > Export: the note to Word or Markdown, and the passages report of the current filter.

Asks for the options (showing the note's problems first), runs the export off the GUI thread,
remembers the choices, and says plainly what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from briefing.core.model import NoteBundle
from briefing.exporters.result import ExportResult

# The exporters (Markdown, python-docx) load on the first export, not at start-up.
from briefing.gui import dialogs
from briefing.gui.exporting import ExportController, ExportJobSpec

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow

NAMES = {"docx": "Word", "md": "Markdown", "csv": "CSV"}


class ExportActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = ExportController(window)
        self.controller.finished.connect(self._finished)
        self._open_when_done = False

    def _folder(self) -> Path:
        remembered = self.window.settings.text("export/folder")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return self.window.project.path.parent

    def export_note(self, fmt: str) -> bool:
        window = self.window
        window.save_now()  # the file gets what is on screen
        if window.note_id is None:
            dialogs.show_error(window, "Export", "This project has no note to export yet.")
            return False
        bundle = window.project.bundle(window.note_id)
        problems = self.problems(bundle)
        settings = window.settings
        name = _file_name(bundle.note.title) + f".{fmt}"
        reference = settings.text("export/reference_doc")
        options = dialogs.ask_export_options(
            window,
            fmt,
            self._folder() / name,
            problems,
            annex=settings.flag("export/annex", True),
            reference_doc=Path(reference) if reference else None,
            open_when_done=settings.flag("export/open", False),
        )
        if options is None:
            return False
        settings.set_text("export/folder", str(options.path.parent))
        settings.set_flag("export/annex", options.annex)
        settings.set_flag("export/open", options.open_when_done)
        if fmt == "docx":
            settings.set_text("export/reference_doc", str(options.reference_doc or ""))

        def run(out: Path) -> ExportResult:
            from briefing import exporters

            if fmt == "docx":
                author = bundle.note.metadata.sender
                return exporters.export_docx(  # (loaded on first use: python-docx is slow)
                    bundle,
                    out,
                    annex=options.annex,
                    reference_doc=options.reference_doc,
                    author=author,
                )
            return exporters.export_markdown(bundle, out, annex=options.annex)

        self._open_when_done = options.open_when_done
        return self.controller.start(ExportJobSpec(NAMES[fmt], options.path, run))

    def problems(self, bundle: NoteBundle) -> list[str]:
        """The note's problems (its checks), shown before an export; never a block."""
        from briefing.exporters import find_problems
        from briefing.exporters.checks import check_note

        found = [p.message for p in check_note(bundle)] + find_problems(bundle)
        return list(dict.fromkeys(found))

    def export_report(self) -> bool:
        """The passages the passages panel shows now, in its order."""
        window = self.window
        ids = window.passages_panel.visible_passage_ids()
        if not ids:
            dialogs.show_error(window, "Passages Report", "No passages are shown to report.")
            return False
        notes = window.project.notes()  # its marking goes on the report
        fmt = dialogs.ask_report_format(window)
        if fmt is None:
            return False
        options = dialogs.ask_export_options(
            window,
            fmt,
            self._folder() / f"{window.project.name} passages.{fmt}",
            [],
            with_annex_choice=False,
            open_when_done=window.settings.flag("export/open", False),
        )
        if options is None:
            return False
        window.settings.set_text("export/folder", str(options.path.parent))
        project = window.project
        bundle = project.bundle(notes[0].id if notes else None)
        title = f"Passages: {window.passages_panel.describe_filter()}"

        def run(out: Path) -> ExportResult:
            from briefing import exporters

            return exporters.export_passages_report(bundle, ids, out, fmt, title=title)

        self._open_when_done = options.open_when_done
        return self.controller.start(ExportJobSpec("passages report", options.path, run))

    def _finished(self, result: ExportResult | None, error: str) -> None:
        status = self.window.statusBar()
        if result is None:
            if error == "cancelled":
                status.showMessage("Export cancelled; nothing was written", 8000)
            else:
                dialogs.show_error(
                    self.window,
                    "Export failed",
                    f"The file was not written: {error}\nAny earlier copy is unchanged.",
                )
            return
        assert result.path is not None
        notes = f" ({len(result.problems)} problem(s) noted)" if result.problems else ""
        status.showMessage(f"Exported {result.path}{notes}", 10000)
        if self._open_when_done:
            dialogs.open_file(result.path)


def _file_name(title: str) -> str:
    """A file name from a note title: no characters a file system refuses."""
    cleaned = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in title)
    return " ".join(cleaned.split())[:80].strip(" .") or "Briefing note"
