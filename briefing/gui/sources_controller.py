"""Bringing sources in and looking after them: import (menu, drop), the clipboard, details,
deletion. It works on the session's project and the sources list, and asks its questions over
the parent widget; ``session.sources_did_change`` tells the rest of the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.errors import BriefingError, DuplicateSource
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.importing import ImportController, summary
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.source_details import SourceDetailsDialog
from briefing.gui.sources_panel import SourcesPanel

if TYPE_CHECKING:  # the importers load with the first import, not with the window
    from briefing.ingest import ImportOutcome


class SourcesController(QObject):
    exchange_requested = Signal(list)  # .qdpx paths: REFI-QDA projects, imported elsewhere

    def __init__(
        self,
        session: ProjectSession,
        sources: SourcesPanel,
        status: StatusSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.sources, self.status, self.parent_widget = (
            session,
            sources,
            status,
            parent,
        )
        self.importer = ImportController(parent)
        self.importer.finished.connect(self._imported)
        sources.doubleClicked.connect(lambda _index: self.edit_details())

    @property
    def project(self) -> Project:
        return self.session.project

    def import_sources(self) -> None:
        project = self.project
        folder = Path.home() if project.on_server else project.path.parent
        self.import_files(dialogs.ask_import_paths(self.parent_widget, folder))

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
        return self.importer.start(self.project, paths)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        head, problems = summary(outcomes)
        self.status.showMessage(head, 10000)
        added = [o.source.id for o in outcomes if o.source is not None]
        self.session.sources_did_change(added[-1] if added else None)
        if problems:
            dialogs.show_report(self.parent_widget, "Import Sources", head, problems)

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
        from briefing.importers import read_clipboard
        from briefing.importers.base import ImportFailure
        from briefing.ingest import add_document

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
        dialog = SourceDetailsDialog(self.project.source(source_id), self.parent_widget)
        if dialog.exec() != SourceDetailsDialog.DialogCode.Accepted:
            return
        self.project.update_source(source_id, **dialog.values())
        self.session.sources_did_change(source_id)

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


def local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
