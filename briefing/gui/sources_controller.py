"""Bringing sources in and looking after them: import (menu, drop), an e-mail's attachments,
the clipboard, details, deletion, the OCR language. It works on the session's project and the
sources list, and asks its questions over the parent widget; ``session.sources_did_change``
tells the rest of the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.errors import BriefingError, DuplicateSource, NotFound
from briefing.core.model import Source
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.folders import chosen_folder, start_folder
from briefing.gui.importing import (
    AttachmentsOf,
    ImportController,
    offered_attachments,
    readable_name,
    summary,
)
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings
from briefing.gui.source_details import SourceDetailsDialog
from briefing.gui.sources_panel import SourcesPanel
from briefing.importers import read_clipboard
from briefing.importers.base import ImportFailure
from briefing.ingest import ImportOutcome, add_document, ocr_language, set_ocr_language


class SourcesController(QObject):
    exchange_requested = Signal(list)  # .qdpx paths: REFI-QDA projects, imported elsewhere

    def __init__(
        self,
        session: ProjectSession,
        sources: SourcesPanel,
        status: StatusSink,
        settings: Settings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.sources, self.status, self.parent_widget = (
            session,
            sources,
            status,
            parent,
        )
        self.settings = settings
        self.importer = ImportController(parent)
        self.importer.finished.connect(self._imported)
        sources.doubleClicked.connect(lambda _index: self.edit_details())

    @property
    def project(self) -> Project:
        return self.session.project

    def import_sources(self) -> None:
        folder = start_folder(self.settings.import_folder)
        paths = dialogs.ask_import_paths(self.parent_widget, folder)
        if paths:
            self.settings.import_folder = chosen_folder(paths[0]) or self.settings.import_folder
        self.import_files(paths)

    def import_files(self, paths: list[Path]) -> bool:
        """Import files in the background; the window stays usable meanwhile."""
        status = self.status
        if self.project.readonly:
            status.showMessage("This project is open read-only: nothing imported", 6000)
            return False
        exchange = [p for p in paths if p.suffix.lower() == ".qdpx"]
        if exchange:
            self.exchange_requested.emit(exchange)
            paths = [p for p in paths if p not in exchange]
            if not paths:
                return True
        if self.importer.busy():
            status.showMessage("An import is already running", 6000)
            return False
        return self.importer.start(self.project, paths, ocr_language(self.project))

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        """The summary; when messages carry attachments, it offers to import them too."""
        head, problems = summary(outcomes)
        self.status.showMessage(head, 10000)
        added = [o.source.id for o in outcomes if o.source is not None]
        self.session.sources_did_change(added[-1] if added else None)
        offers = offered_attachments(outcomes)
        if offers:
            lines = [
                f"{o.parent.title}: {', '.join(a.name for a in o.attachments)}" for o in offers
            ]
            if dialogs.ask_import_attachments(self.parent_widget, head, problems, lines):
                self.import_attachments(offers)
        elif problems:
            dialogs.show_report(self.parent_widget, "Import Sources", head, problems)

    def import_attachments(self, offers: list[AttachmentsOf]) -> bool:
        if self.project.readonly or self.importer.busy():
            return False
        return self.importer.start_attachments(self.project, offers, ocr_language(self.project))

    def choose_ocr_language(self) -> None:
        """The project's OCR language, for the scanned pages of the next imports."""
        if self.project.readonly:
            return
        answer = dialogs.ask_ocr_language(self.parent_widget, ocr_language(self.project))
        if answer is None:
            return
        try:
            chosen = set_ocr_language(self.project, answer)
        except BriefingError as exc:
            dialogs.show_error(self.parent_widget, "OCR Language", str(exc))
            return
        self.status.showMessage(f"Scanned pages will be read as {chosen}", 6000)

    def source_from_clipboard(self) -> None:
        if self.project.readonly:
            return
        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        if not text.strip() and not html.strip():
            dialogs.show_error(
                self.parent_widget, "New Source from Clipboard", "The clipboard holds no text."
            )
            return

        try:
            draft = read_clipboard(text, html or None)
        except ImportFailure as exc:
            dialogs.show_error(self.parent_widget, "New Source from Clipboard", str(exc))
            return
        answer = dialogs.ask_clipboard_source(self.parent_widget, draft.title)
        if answer is None:
            return
        title, origin = answer
        draft.title = title or draft.title
        draft.metadata["origin"] = origin
        try:
            source = add_document(self.project, draft)
        except DuplicateSource as exc:
            self.sources.select_source(exc.existing.id)
            self.status.showMessage(f"Not added: {exc}", 8000)
            return
        except BriefingError as exc:
            dialogs.show_error(self.parent_widget, "New Source from Clipboard", str(exc))
            return
        self.session.sources_did_change(source.id)
        self.status.showMessage(f"Added {source.title} ({source.chars:,} characters)", 6000)

    def edit_details(self) -> None:
        source_id = self.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        source = self.project.source(source_id)
        dialog = SourceDetailsDialog(
            source,
            self.parent_widget,
            attachments_importable=not self.importer.busy() and _file_still_there(source),
            came_from=self._came_from(source),
        )
        if dialog.exec() != SourceDetailsDialog.DialogCode.Accepted:
            return
        try:
            source = self.project.update_source(source_id, **dialog.values())
        except BriefingError as exc:
            dialogs.show_error(self.parent_widget, "Source Details", str(exc))
            return
        self.session.sources_did_change(source_id)
        if dialog.import_attachments_requested:
            self.import_attachments([AttachmentsOf(source)])

    def _came_from(self, source: Source) -> str:
        """The message an attachment came from, as Source Details names it."""
        parent_id = source.metadata.get("attachment_of")
        if not isinstance(parent_id, int):
            return ""
        try:
            return f"{self.project.source(parent_id).title} (source {parent_id})"
        except NotFound:
            return f"source {parent_id}, since deleted"

    def delete_source(self) -> None:
        source_id = self.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        source = self.project.source(source_id)
        message = f"Delete {source.title!r}?"
        if source.passages:
            message += f" Its {source.passages} tagged passage(s) will be deleted with it."
        message += " This cannot be undone."
        if not dialogs.confirm(self.parent_widget, "Delete Source", message, "Delete"):
            return
        self.project.delete_source(source_id)
        self.session.edits.stack.clear()  # earlier steps may point at the deleted passages
        self.session.sources_did_change(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on the window it is installed on are imported."""
        if isinstance(event, QDropEvent):  # drag enter and move events are drop events too
            paths = local_files(event.mimeData())
            if paths and not (event.type() == QEvent.Type.DragEnter and self.project.readonly):
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.import_files(paths)
                return True
        return super().eventFilter(watched, event)


def _file_still_there(source: Source) -> bool:
    """A message whose attachments can be read again: its file is where it was imported from."""
    listed = source.metadata.get("attachments")
    if not isinstance(listed, list):
        return False
    names = [str(a.get("name", "")) for a in listed if isinstance(a, dict)]
    return any(map(readable_name, names)) and Path(source.origin or ".").is_file()


def local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
