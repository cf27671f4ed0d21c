"""Bringing sources in and looking after them: import (menu, drop), the clipboard, details,
deletion. The window owns the widgets; this controller does the work and the asking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QApplication

from briefing.core.errors import BriefingError, DuplicateSource
from briefing.gui import dialogs
from briefing.gui.importing import ImportController, summary
from briefing.gui.source_details import SourceDetailsDialog
from briefing.importers import read_clipboard
from briefing.importers.base import ImportFailure
from briefing.ingest import ImportOutcome, add_document

if TYPE_CHECKING:
    from briefing.core.store import Project
    from briefing.gui.main_window import MainWindow


class SourcesController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.importer = ImportController(window)
        self.importer.finished.connect(self._imported)

    @property
    def project(self) -> Project:
        return self.window.project

    def import_sources(self) -> None:
        self.import_files(dialogs.ask_import_paths(self.window, self.project.path.parent))

    def import_files(self, paths: list[Path]) -> bool:
        """Import files in the background; the window stays usable meanwhile."""
        status = self.window.statusBar()
        if self.project.readonly:
            status.showMessage("This project is open read-only: nothing imported", 6000)
            return False
        if self.importer.busy():
            status.showMessage("An import is already running", 6000)
            return False
        return self.importer.start(self.project, paths)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        head, problems = summary(outcomes)
        self.window.statusBar().showMessage(head, 10000)
        added = [o.source.id for o in outcomes if o.source is not None]
        self.window.refresh_sources(added[-1] if added else None)
        if problems:
            dialogs.show_report(self.window, "Import Sources", head, problems)

    def source_from_clipboard(self) -> None:
        if self.project.readonly:
            return
        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        if not text.strip() and not html.strip():
            dialogs.show_error(
                self.window, "New Source from Clipboard", "The clipboard holds no text."
            )
            return
        try:
            draft = read_clipboard(text, html or None)
        except ImportFailure as exc:
            dialogs.show_error(self.window, "New Source from Clipboard", str(exc))
            return
        answer = dialogs.ask_clipboard_source(self.window, draft.title)
        if answer is None:
            return
        title, origin = answer
        draft.title = title or draft.title
        draft.metadata["origin"] = origin
        try:
            source = add_document(self.project, draft)
        except DuplicateSource as exc:
            self.window.sources.select_source(exc.existing.id)
            self.window.statusBar().showMessage(f"Not added: {exc}", 8000)
            return
        except BriefingError as exc:
            dialogs.show_error(self.window, "New Source from Clipboard", str(exc))
            return
        self.window.refresh_sources(source.id)
        self.window.statusBar().showMessage(
            f"Added {source.title} ({source.chars:,} characters)", 6000
        )

    def edit_details(self) -> None:
        source_id = self.window.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        dialog = SourceDetailsDialog(self.project.source(source_id), self.window)
        if dialog.exec() != SourceDetailsDialog.DialogCode.Accepted:
            return
        self.project.update_source(source_id, **dialog.values())
        self.window.refresh_sources(source_id)

    def delete_source(self) -> None:
        source_id = self.window.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        source = self.project.source(source_id)
        message = f"Delete {source.title!r}?"
        if source.passages:
            message += f" Its {source.passages} tagged passage(s) will be deleted with it."
        message += " This cannot be undone."
        if not dialogs.confirm(self.window, "Delete Source", message, "Delete"):
            return
        self.project.delete_source(source_id)
        self.window.edits.stack.clear()  # earlier steps may point at the deleted passages
        self.window.refresh_sources(None)


def local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
