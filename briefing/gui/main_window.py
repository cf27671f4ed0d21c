"""The main window: sources and themes, the source viewer and the note editor side by side,
with the passages, suggestions and search panels docked below.

The window holds one open project at a time. Every change goes to the project file at once (the
note within a second of a pause), so there is no Save and nothing to lose on quit.
"""

from __future__ import annotations

import logging
from collections import Counter
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.core.errors import BriefingError, DamagedProject, NotFound, ProjectLocked
from briefing.core.model import Note, Passage, SearchHit
from briefing.core.store import Project
from briefing.core.suggest import Suggestion, suggest, suggest_all
from briefing.gui import dialogs
from briefing.gui.backups_ui import offer_recovery, start_backup
from briefing.gui.commands import PASSAGES, THEMES, Change, ProjectEditor
from briefing.gui.coverage_panel import CoveragePanel
from briefing.gui.export_actions import ExportActions
from briefing.gui.find_bar import FindBar
from briefing.gui.importing import ImportController
from briefing.gui.markdown_highlighter import MarkdownHighlighter
from briefing.gui.menus import build_menus
from briefing.gui.note_actions import NoteActions
from briefing.gui.note_editor import NoteEditor
from briefing.gui.note_panel import NotePanel
from briefing.gui.outline_panel import OutlinePanel
from briefing.gui.overview_ruler import OverviewRuler
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.problems_panel import ProblemsPanel
from briefing.gui.search_panel import SearchPanel
from briefing.gui.settings import Settings
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.sources_controller import SourcesController, local_files
from briefing.gui.sources_panel import SourcesPanel
from briefing.gui.suggestions_panel import SuggestionsPanel
from briefing.gui.tagging import TaggingController
from briefing.gui.themes_panel import ThemesPanel

logger = logging.getLogger(__name__)


def _titled(title: str, widget: QWidget, extra: QWidget | None = None) -> tuple[QWidget, QLabel]:
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
    if extra is not None:
        layout.addWidget(extra)
    layout.addWidget(widget, 1)
    return pane, caption


class MainWindow(QMainWindow):
    # Made by build_menus (menus.py):
    clipboard_action: QAction
    delete_source_action: QAction
    details_action: QAction
    export_md_action: QAction
    export_report_action: QAction
    export_word_action: QAction
    find_action: QAction
    import_action: QAction
    recent_menu: QMenu
    redo_action: QAction
    search_action: QAction
    suggest_action: QAction
    toggle_sources: QAction
    undo_action: QAction

    def __init__(self, settings: Settings, project: Project) -> None:
        super().__init__()
        self.settings = settings
        self.project = project
        self.edits = ProjectEditor(project, self)
        self.note_id: int | None = None
        self._panels_due = QTimer(self)
        self._panels_due.setSingleShot(True)
        self._panels_due.setInterval(0)
        self._panels_due.timeout.connect(self._refresh_counts)
        self._pending: list[tuple[list[Passage], tuple[int, ...]]] = []

        self.sources = SourcesPanel()
        self.themes_panel = ThemesPanel()
        self.viewer = SourceViewer()
        self.ruler = OverviewRuler(self.viewer)
        self.find_bar = FindBar(self.viewer)
        self.find_bar.hide()
        self.editor = NoteEditor()
        self.note_panel = NotePanel(self.editor)
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.outline_panel = OutlinePanel()
        self.coverage_panel = CoveragePanel()
        self.problems_panel = ProblemsPanel()
        self.page_meter = QLabel()
        self.passages_panel = PassagesPanel()
        self.suggestions_panel = SuggestionsPanel()
        self.search_panel = SearchPanel(self._search)
        self.tagging = TaggingController(self)
        self.source_actions = SourcesController(self)
        self.exports = ExportActions(self)
        self.notes_ui = NoteActions(self)
        self._build_layout()
        self._connect()
        build_menus(self)
        self._restore_layout()
        self._load_project()

    @property
    def importer(self) -> ImportController:
        return self.source_actions.importer

    # ---- layout -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        sources_pane, _ = _titled("Sources", self.sources)
        themes_pane, _ = _titled("Themes", self.themes_panel)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(sources_pane)
        self.left.addWidget(themes_pane)
        self.left.setSizes([300, 300])
        text_row = QWidget()
        row = QHBoxLayout(text_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.viewer, 1)
        row.addWidget(self.ruler)
        viewer_pane, self.viewer_caption = _titled("Source", text_row, self.find_bar)
        editor_pane, _ = _titled("Note", self.note_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        for pane in (self.left, viewer_pane, editor_pane):
            self.splitter.addWidget(pane)
        for index, stretch in enumerate((1, 3, 3)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.docks: dict[str, QDockWidget] = {}
        bottom, right = (
            Qt.DockWidgetArea.BottomDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self._add_dock("passages", "Passages", self.passages_panel, bottom)
        self._add_dock("suggestions", "Suggestions", self.suggestions_panel, bottom)
        self._add_dock("search", "Search All Sources", self.search_panel, bottom)
        self.tabifyDockWidget(self.docks["passages"], self.docks["suggestions"])
        self.tabifyDockWidget(self.docks["suggestions"], self.docks["search"])
        self.docks["passages"].raise_()
        # What the note tells its writer, beside it.
        self._add_dock("outline", "Outline", self.outline_panel, right)
        self._add_dock("coverage", "Coverage", self.coverage_panel, right)
        self._add_dock("problems", "Problems", self.problems_panel, right)
        self.tabifyDockWidget(self.docks["coverage"], self.docks["problems"])
        self.docks["coverage"].raise_()
        self.resizeDocks([self.docks["outline"]], [230], Qt.Orientation.Horizontal)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.page_meter)
        self.statusBar().addPermanentWidget(self.status)

    def _add_dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")  # saveState needs a name to restore it by
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _connect(self) -> None:
        self.sources.source_chosen.connect(self.show_source)
        self.sources.doubleClicked.connect(lambda _index: self.source_actions.edit_details())
        self.editor.saved.connect(lambda: self.status.setText("All changes saved"))
        self.editor.save_failed.connect(self._note_not_saved)
        self.viewer.menu_hook = self.tagging.fill_viewer_menu
        self.setAcceptDrops(True)
        self.viewer.setAcceptDrops(False)  # dropped files go to the window, which imports them

        panel = self.passages_panel
        panel.passage_activated.connect(self.show_passage)
        panel.cite_requested.connect(self.cite_passage)
        panel.quote_requested.connect(self.quote_passage)
        panel.memo_edit_requested.connect(self.tagging.edit_memo)
        panel.delete_requested.connect(self.tagging.delete_passage)

        themes = self.themes_panel
        themes.tag_requested.connect(self.tagging.tag_selection)
        themes.add_requested.connect(self.tagging.add_theme)
        themes.edit_requested.connect(self.tagging.edit_theme)
        themes.delete_requested.connect(self.tagging.delete_theme)
        themes.merge_requested.connect(self.tagging.merge_themes)
        themes.move_requested.connect(self.tagging.move_theme)
        themes.filter_requested.connect(self.show_theme_passages)

        suggestions = self.suggestions_panel
        suggestions.accept_requested.connect(self.tagging.accept_suggestions)
        suggestions.scope_changed.connect(self.refresh_suggestions)
        suggestions.suggestion_shown.connect(self._show_suggestion)
        self.docks["suggestions"].visibilityChanged.connect(lambda _v: self.refresh_suggestions())
        self.search_panel.hit_activated.connect(self.show_span)

        self.edits.changed.connect(self.apply_change)

        notes = self.notes_ui
        self.note_panel.note_chosen.connect(self.show_note)
        self.note_panel.new_requested.connect(notes.new_note)
        self.note_panel.rename_requested.connect(notes.rename_note)
        self.note_panel.delete_requested.connect(notes.delete_note)
        self.note_panel.metadata.changed.connect(notes.metadata_changed)
        self.note_panel.preview.link_clicked.connect(dialogs.open_url)
        self.editor.describe_passage = notes.describe_passage
        self.editor.citation_activated.connect(self.show_passage)
        self.outline_panel.heading_activated.connect(
            lambda offset: self.editor.select_span(offset, offset)
        )
        self.coverage_panel.passage_activated.connect(self.show_passage)
        self.coverage_panel.cite_requested.connect(self.cite_passage)
        self.problems_panel.problem_activated.connect(self.editor.select_span)
        self.edits.failed.connect(lambda message: dialogs.show_error(self, "Not done", message))

    def undo(self) -> None:
        """The note keeps its own undo while it has the focus; elsewhere, tagging's."""
        if self.editor.hasFocus():
            self.editor.undo()
        else:
            self.edits.stack.undo()

    def redo(self) -> None:
        if self.editor.hasFocus():
            self.editor.redo()
        else:
            self.edits.stack.redo()

    def _update_undo_texts(self, _index: int = 0) -> None:
        stack = self.edits.stack
        self.undo_action.setText(f"&Undo {stack.undoText()}" if stack.canUndo() else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redoText()}" if stack.canRedo() else "&Redo")

    # ---- the project --------------------------------------------------------------------

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
        self.themes_panel.set_read_only(project.readonly)
        self.note_panel.set_read_only(project.readonly)
        self.search_panel.set_searcher(self._search)
        self.suggestions_panel.rejected.clear()
        self.viewer.show_source(None, "", [], [])
        self.refresh({PASSAGES, THEMES})
        self.refresh_sources(None, passages=False)
        notes = project.notes()
        self.note_id = None
        self.show_note(notes[0].id if notes else None)
        self.status.setText(
            "Read-only: changes are not saved" if project.readonly else "All changes saved"
        )

    def apply_change(self, change: Change) -> None:
        """Show a step's effect: the viewer at once, the panels right after it has painted."""
        if not change.local:
            self.refresh(set(change.kinds))
            return
        present = []
        for passage_id in change.passages:
            with suppress(NotFound):  # changed and then removed within one macro
                present.append(self.project.passage(passage_id))
        self.notes_ui.project_changed()
        self.viewer.update_passages(present, change.removed)
        self.viewer.viewport().repaint()  # the analyst sees the tag now; panels follow
        self._pending.append((present, change.removed))
        self._panels_due.start()

    def _refresh_counts(self) -> None:
        """Counts and overview after a passage step (deferred: the viewer paints first)."""
        for present, removed in self._pending:
            self.passages_panel.update_passages(present, removed)
        self._pending.clear()
        themes = self.project.themes()
        counts = self.project.theme_counts()
        self.themes_panel.set_themes(themes, counts)
        self.sources.update_sources(self.project.sources())
        self.ruler.refresh()
        self.refresh_suggestions()

    def refresh(self, kinds: set[str]) -> None:
        """Show what a step changed, everywhere it shows."""
        self.notes_ui.project_changed()
        self._pending.clear()  # everything is read again below
        project = self.project
        themes = project.themes()
        if THEMES in kinds:
            self.tagging.rebuild_tag_menu(themes)
            self.suggestions_panel.set_themes(themes)
        passages = project.passages()
        counts = Counter(t for p in passages for t in p.theme_ids)
        self.themes_panel.set_themes(themes, counts)
        self.passages_panel.set_data(passages, project.sources(), themes)
        if self.viewer.source_id is not None:
            here = [p for p in passages if p.source_id == self.viewer.source_id]
            self.viewer.set_passages(here, themes)
        self.ruler.refresh()
        self.sources.update_sources(project.sources())
        self.refresh_suggestions()

    def refresh_sources(self, select: int | None, *, passages: bool = True) -> None:
        """The list of sources changed (an import, a deletion): show it, and its passages."""
        sources = self.project.sources()
        current = select if select is not None else self.sources.current_source_id()
        if current not in {s.id for s in sources}:
            current = sources[0].id if sources else None
        self.sources.set_sources(sources, current)
        if current is None:
            self.viewer.show_source(None, "", [], [])
            self.viewer_caption.setText("Source")
            self.ruler.refresh()
        elif current == self.viewer.source_id:
            self.viewer_caption.setText(self.project.source(current).title)
        if passages:
            self.passages_panel.set_data(self.project.passages(), sources, self.project.themes())

    def show_source(self, source_id: int) -> None:
        if source_id == self.viewer.source_id:
            return
        source = self.project.source(source_id)
        self.viewer.show_source(
            source_id,
            self.project.source_text(source_id),
            self.project.passages(source_id=source_id),
            self.project.themes(),
        )
        self.viewer_caption.setText(source.title)
        self.ruler.refresh()
        if self.find_bar.isVisible():
            self.find_bar.search()
        self.refresh_suggestions()

    def show_span(self, source_id: int, start: int, end: int) -> None:
        """Open a source with ``start:end`` selected (a passage, a search hit)."""
        self.sources.select_source(source_id)
        self.show_source(source_id)
        self.viewer.select_range(start, end)
        self.viewer.setFocus()

    def show_passage(self, passage_id: int) -> None:
        passage = self.project.passage(passage_id)
        self.show_span(passage.source_id, passage.start, passage.end)

    def show_theme_passages(self, theme_id: int) -> None:
        self.passages_panel.set_theme_filter(theme_id)
        self.docks["passages"].show()
        self.docks["passages"].raise_()

    # ---- suggestions and search -----------------------------------------------------------

    def show_suggestions(self) -> None:
        self.docks["suggestions"].show()
        self.docks["suggestions"].raise_()
        self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        dock = self.docks["suggestions"]
        if not dock.isVisible() or dock.visibleRegion().isEmpty():
            self.viewer.set_suggestions([])  # (costs nothing when none are shown)
            return
        panel = self.suggestions_panel
        theme_id = panel.theme_id()
        found: list[Suggestion]
        if panel.all_sources():
            found = suggest_all(self.project, theme_id=theme_id)
        elif self.viewer.source_id is not None:
            found = suggest(
                self.viewer.source_id,
                self.viewer.source_text(),
                self.project.themes(),
                self.viewer.passages(),
                theme_id=theme_id,
            )
        else:
            found = []
        titles = {s.id: s.title for s in self.project.sources()}
        panel.set_suggestions(found, self.project.themes(), titles)
        self.viewer.set_suggestions(panel.visible())

    def _show_suggestion(self, suggestion: Suggestion) -> None:
        self.show_span(suggestion.source_id, suggestion.start, suggestion.end)

    def _search(self, query: str) -> list[SearchHit]:
        return self.project.search(query)

    def open_search(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search_panel.open()

    # ---- the note -----------------------------------------------------------------------

    def current_note(self) -> Note | None:
        if self.note_id is None:
            return None
        try:
            return self.project.note(self.note_id)
        except NotFound:
            return None

    def show_note(self, note_id: int | None) -> None:
        """Switch the right-hand side to a note (the one shown is written first)."""
        if note_id != self.note_id:
            self.editor.save()
        self.note_id = note_id
        self.note_panel.set_notes(self.project.notes(), note_id)
        note = self.current_note()
        if note is None:
            self.editor.load("", None)
            self.notes_ui.analyse()
            return
        writer = None if self.project.readonly else self._write_note
        self.note_panel.metadata.set_metadata(note.metadata)
        self.editor.load(note.body, writer)
        self.notes_ui.schedule()  # after the window has painted

    def cite_passage(self, passage_id: int) -> None:
        """Insert a citation of the passage at the note's cursor."""
        if self.editor.isReadOnly():
            return
        self.editor.insertPlainText(f"[@p{passage_id}]")
        self.editor.setFocus()

    def quote_passage(self, passage_id: int) -> None:
        """Insert the passage as a block quote followed by its citation."""
        if self.editor.isReadOnly():
            return
        text = " ".join(self.project.passage(passage_id).text.split())
        cursor = self.editor.textCursor()
        lead = "\n\n" if cursor.positionInBlock() else ""
        self.editor.insertPlainText(f"{lead}> {text} [@p{passage_id}]\n\n")
        self.editor.setFocus()

    def _write_note(self, body: str) -> None:
        if self.note_id is not None:
            self.project.update_note(self.note_id, body=body)

    def _note_not_saved(self, message: str) -> None:
        self.status.setText(f"Note NOT saved: {message}")

    def save_now(self) -> None:
        if self.editor.save():
            self.status.setText("All changes saved")

    # ---- opening and creating projects -----------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Close the current project (its note written first) and open another."""
        opened = open_with_prompts(self, path)
        if opened is None:
            return False
        self.editor.save()
        self.project.close()
        self.project = opened
        self.edits.project = opened
        self.edits.stack.clear()
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

    def import_files(self, paths: list[Path]) -> bool:
        return self.source_actions.import_files(paths)

    # ---- window -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and not self.project.readonly:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def _toggle_sources(self) -> None:
        self.left.setVisible(self.toggle_sources.isChecked())

    def _restore_layout(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        self.splitter.setSizes([260, 570, 570])
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)
        # The splitters' sizes only hold once the window has its size: apply them on show.
        self._splitter_states = (
            self.settings.bytes("window/splitter"),
            self.settings.bytes("window/left_splitter"),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        main, left = self._splitter_states
        if main is not None:
            self.splitter.restoreState(main)
        if left is not None:
            self.left.restoreState(left)
        self._splitter_states = (None, None)

    def save_layout(self) -> None:
        self.settings.set_bytes("window/geometry", QByteArray(self.saveGeometry()))
        self.settings.set_bytes("window/state", QByteArray(self.saveState()))
        self.settings.set_bytes("window/splitter", QByteArray(self.splitter.saveState()))
        self.settings.set_bytes("window/left_splitter", QByteArray(self.left.saveState()))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importer.busy():
            self.importer.cancel()
            self.importer.wait()
        if self.exports.controller.busy():
            self.exports.controller.cancel()
            self.exports.controller.wait()
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
        self.notes_ui.stop()
        self._panels_due.stop()
        self.project.close()
        event.accept()


def open_with_prompts(parent: QWidget | None, path: Path) -> Project | None:
    """Open a project, explaining refusals: one in use may be opened read-only, a damaged one
    recovered from its newest good backup. A project opened for writing is backed up."""
    try:
        project = Project.open(path)
        start_backup(path)
        return project
    except DamagedProject as exc:
        return offer_recovery(parent, path, str(exc))
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
