"""The main window: sources list, source viewer and note editor side by side.

The window holds one open project at a time. Every change goes to the project file at once (the
note within a second of a pause), so there is no Save and nothing to lose on quit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing import __version__
from briefing.core.errors import BriefingError, DuplicateSource, ProjectLocked
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.actions import make_action
from briefing.gui.importing import ImportController, summary
from briefing.gui.source_details import SourceDetailsDialog
from briefing.importers import read_clipboard
from briefing.importers.base import ImportFailure
from briefing.ingest import ImportOutcome, add_document
from briefing.gui.note_editor import NoteEditor
from briefing.gui.settings import Settings
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.sources_panel import SourcesPanel

logger = logging.getLogger(__name__)


def _titled(title: str, widget: QWidget) -> tuple[QWidget, QLabel]:
    """A pane: a small bold caption over the widget."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    caption = QLabel(title)
    caption.setContentsMargins(6, 4, 6, 0)
    font = caption.font()
    font.setBold(True)
    caption.setFont(font)
    caption.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    # A long source title must not set the window's minimum width.
    caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    layout.addWidget(caption)
    layout.addWidget(widget, 1)
    return pane, caption


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, project: Project) -> None:
        super().__init__()
        self.settings = settings
        self.project = project
        self.note_id: int | None = None

        self.sources = SourcesPanel()
        self.viewer = SourceViewer()
        self.editor = NoteEditor()
        sources_pane, _ = _titled("Sources", self.sources)
        viewer_pane, self.viewer_caption = _titled("Source", self.viewer)
        editor_pane, self.editor_caption = _titled("Note", self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        for pane in (sources_pane, viewer_pane, editor_pane):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self.sources.source_chosen.connect(self.show_source)
        self.sources.doubleClicked.connect(lambda _index: self.edit_source_details())
        self.importer = ImportController(self)
        self.importer.finished.connect(self._imported)
        self.setAcceptDrops(True)
        self.viewer.setAcceptDrops(False)  # dropped files go to the window, which imports them
        self.editor.saved.connect(lambda: self.status.setText("All changes saved"))
        self.editor.save_failed.connect(self._note_not_saved)

        self._build_menus()
        self._restore_layout()
        self._load_project()

    # ---- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(
            make_action(self, "&New Project…", self.new_project, QKeySequence.StandardKey.New)
        )
        file_menu.addAction(
            make_action(self, "&Open…", self.choose_project, QKeySequence.StandardKey.Open)
        )
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.import_action = make_action(self, "&Import Sources…", self.import_sources, "Ctrl+I")
        file_menu.addAction(self.import_action)
        self.clipboard_action = make_action(
            self, "New Source from &Clipboard…", self.source_from_clipboard, "Ctrl+Shift+V"
        )
        file_menu.addAction(self.clipboard_action)
        file_menu.addSeparator()
        file_menu.addAction(
            make_action(
                self,
                "&Save",
                self.save_now,
                QKeySequence.StandardKey.Save,
                "Changes are saved as you work; this writes the note at once",
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit, fallback="Ctrl+Q")
        )

        edit_menu = bar.addMenu("&Edit")
        std = QKeySequence.StandardKey
        groups: tuple[tuple[tuple[str, QKeySequence.StandardKey, str], ...], ...] = (
            (("&Undo", std.Undo, "undo"), ("&Redo", std.Redo, "redo")),
            (("Cu&t", std.Cut, "cut"), ("&Copy", std.Copy, "copy"), ("&Paste", std.Paste, "paste")),
            (("Select &All", std.SelectAll, "selectAll"),),
        )
        for group in groups:
            if not edit_menu.isEmpty():
                edit_menu.addSeparator()
            for text, key, method in group:
                edit_menu.addAction(make_action(self, text, self._on_focused(method), key))

        edit_menu.addSeparator()
        self.details_action = make_action(
            self, "Source &Details…", self.edit_source_details, "Ctrl+Shift+D"
        )
        self.delete_source_action = make_action(self, "Delete Source…", self.delete_source)
        edit_menu.addAction(self.details_action)
        edit_menu.addAction(self.delete_source_action)
        self.sources.addActions([self.details_action, self.delete_source_action])
        self.sources.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        view_menu = bar.addMenu("&View")
        self.toggle_sources = make_action(
            self, "&Sources List", self._toggle_sources, "Ctrl+Shift+L", checkable=True
        )
        self.toggle_sources.setChecked(True)
        view_menu.addAction(self.toggle_sources)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(make_action(self, "&About Briefing", self.about))
        help_menu.addAction(make_action(self, "About &Qt", QApplication.aboutQt))

    def _on_focused(self, method: str) -> Callable[[], None]:
        """Edit actions act on whichever text widget has the focus."""

        def run() -> None:
            widget = QApplication.focusWidget()
            if widget is not None and hasattr(widget, method):
                getattr(widget, method)()

        return run

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent_projects() if p.exists()]
        for path in recent:
            self.recent_menu.addAction(
                make_action(self, path.name, partial(self.open_project, path), tip=str(path))
            )
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    # ---- the project ----------------------------------------------------------------------

    def _load_project(self) -> None:
        project = self.project
        self.settings.add_recent(project.path)
        suffix = " [read-only]" if project.readonly else ""
        self.setWindowTitle(f"{project.name}{suffix} — Briefing")
        self.setWindowFilePath(str(project.path))
        for action in (
            self.import_action,
            self.clipboard_action,
            self.details_action,
            self.delete_source_action,
        ):
            action.setEnabled(not project.readonly)
        sources = project.sources()
        self.sources.set_sources(sources)
        if sources:
            self.sources.select_source(sources[0].id)
        else:
            self.viewer.show_source(None, "", [], [])
            self.viewer_caption.setText("Source")
        notes = project.notes()
        self.show_note(notes[0].id if notes else None)
        self.status.setText(
            "Read-only: changes are not saved" if project.readonly else "All changes saved"
        )

    def show_source(self, source_id: int) -> None:
        source = self.project.source(source_id)
        self.viewer.show_source(
            source_id,
            self.project.source_text(source_id),
            self.project.passages(source_id=source_id),
            self.project.themes(),
        )
        self.viewer_caption.setText(source.title)

    def show_note(self, note_id: int | None) -> None:
        self.note_id = note_id
        if note_id is None:
            self.editor.load("", None)
            self.editor_caption.setText("Note")
            return
        note = self.project.note(note_id)
        writer = None if self.project.readonly else self._write_note
        self.editor.load(note.body, writer)
        self.editor_caption.setText(note.title)

    def _write_note(self, body: str) -> None:
        if self.note_id is not None:
            self.project.update_note(self.note_id, body=body)

    def _note_not_saved(self, message: str) -> None:
        self.status.setText(f"Note NOT saved: {message}")

    def save_now(self) -> None:
        if self.editor.save():
            self.status.setText("All changes saved")

    def open_project(self, path: Path) -> bool:
        """Close the current project (its note written first) and open another."""
        opened = open_with_prompts(self, path)
        if opened is None:
            return False
        self.editor.save()
        self.project.close()
        self.project = opened
        self._load_project()
        return True

    def choose_project(self) -> None:
        path = dialogs.ask_open_project(self, self.project.path.parent)
        if path is not None:
            self.open_project(path)

    def new_project(self) -> None:
        path = dialogs.ask_new_project(self, self.project.path.parent)
        if path is None:
            return
        from briefing.core.resources import default_themes

        try:
            Project.create(path, default_themes()).close()
        except (BriefingError, OSError) as exc:
            dialogs.show_error(self, "New Project", str(exc))
            return
        self.open_project(path)

    # ---- sources ------------------------------------------------------------------------

    def import_sources(self) -> None:
        self.import_files(dialogs.ask_import_paths(self, self.project.path.parent))

    def import_files(self, paths: list[Path]) -> bool:
        """Import files in the background; the window stays usable meanwhile."""
        if self.project.readonly:
            self.statusBar().showMessage("This project is open read-only: nothing imported", 6000)
            return False
        if self.importer.busy():
            self.statusBar().showMessage("An import is already running", 6000)
            return False
        return self.importer.start(self.project, paths)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        head, problems = summary(outcomes)
        self.statusBar().showMessage(head, 10000)
        added = [o.source.id for o in outcomes if o.source is not None]
        self.sources.set_sources(self.project.sources(), added[-1] if added else None)
        if problems:
            dialogs.show_report(self, "Import Sources", head, problems)

    def source_from_clipboard(self) -> None:
        if self.project.readonly:
            return
        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else ""
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        if not text.strip() and not html.strip():
            dialogs.show_error(self, "New Source from Clipboard", "The clipboard holds no text.")
            return
        try:
            draft = read_clipboard(text, html or None)
        except ImportFailure as exc:
            dialogs.show_error(self, "New Source from Clipboard", str(exc))
            return
        answer = dialogs.ask_clipboard_source(self, draft.title)
        if answer is None:
            return
        title, origin = answer
        draft.title = title or draft.title
        draft.metadata["origin"] = origin
        try:
            source = add_document(self.project, draft)
        except DuplicateSource as exc:
            self.sources.select_source(exc.existing.id)
            self.statusBar().showMessage(f"Not added: {exc}", 8000)
            return
        except BriefingError as exc:
            dialogs.show_error(self, "New Source from Clipboard", str(exc))
            return
        self.sources.set_sources(self.project.sources(), source.id)
        self.statusBar().showMessage(f"Added {source.title} ({source.chars:,} characters)", 6000)

    def edit_source_details(self) -> None:
        source_id = self.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        dialog = SourceDetailsDialog(self.project.source(source_id), self)
        if dialog.exec() != SourceDetailsDialog.DialogCode.Accepted:
            return
        source = self.project.update_source(source_id, **dialog.values())
        self.sources.set_sources(self.project.sources(), source_id)
        self.viewer_caption.setText(source.title)

    def delete_source(self) -> None:
        source_id = self.sources.current_source_id()
        if source_id is None or self.project.readonly:
            return
        source = self.project.source(source_id)
        message = f"Delete {source.title!r}?"
        if source.passages:
            message += f" Its {source.passages} tagged passage(s) will be deleted with it."
        if not dialogs.confirm(self, "Delete Source", message, "Delete"):
            return
        self.project.delete_source(source_id)
        remaining = self.project.sources()
        self.sources.set_sources(remaining, remaining[0].id if remaining else None)
        if not remaining:
            self.viewer.show_source(None, "", [], [])
            self.viewer_caption.setText("Source")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if _local_files(event.mimeData()) and not self.project.readonly:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = _local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # ---- window ---------------------------------------------------------------------------

    def _toggle_sources(self) -> None:
        self.splitter.widget(0).setVisible(self.toggle_sources.isChecked())  # type: ignore[union-attr]

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Briefing",
            f"<b>Briefing {__version__}</b><p>Tag passages of your sources by theme, draft a"
            " briefing note that cites them, and export it to Word or Markdown.</p>",
        )

    def _restore_layout(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        self.splitter.setSizes([260, 570, 570])
        # The splitter's sizes only hold once the window has its size: apply them on show.
        self._splitter_state = self.settings.bytes("window/splitter")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
            self._splitter_state = None

    def save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", QByteArray(self.saveGeometry()))
        self.settings.set_bytes("window/splitter", QByteArray(self.splitter.saveState()))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editor.save():
            answer = QMessageBox.warning(
                self,
                "Note not saved",
                "The note could not be written to the project. Quit anyway and lose the last"
                " changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        self.save_layout()
        self.project.close()
        event.accept()


def open_with_prompts(parent: QWidget | None, path: Path) -> Project | None:
    """Open a project, explaining refusals; a project in use may be opened read-only."""
    try:
        return Project.open(path)
    except ProjectLocked as exc:
        if dialogs.ask_open_read_only(parent, str(exc)):
            try:
                return Project.open(path, readonly=True)
            except BriefingError as again:
                dialogs.show_error(parent, "Open Project", str(again))
        return None
    except (BriefingError, OSError) as exc:
        dialogs.show_error(parent, "Open Project", str(exc))
        return None


def _local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
