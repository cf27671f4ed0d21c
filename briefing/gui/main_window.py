"""The main window: sources and themes, the source viewer and the note editor side by side,
with the passages, suggestions and search panels docked below and the note's outline, coverage
and problems beside it.

This module only assembles: it makes the widgets, lays them out, makes the controllers (each
given the session and the widgets it works on) and connects their signals. The window holds one
open project at a time (``session``). Every change goes to the project file at once (the note
within a second of a pause), so there is no Save and nothing to lose on quit.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QWidget,
)

from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.accessibility import describe_window
from briefing.gui.actions import actions_context_menu
from briefing.gui.analysis import NoteAnalysis, NoteViews
from briefing.gui.appearance import apply_theme
from briefing.gui.commands import PASSAGES, THEMES
from briefing.gui.coverage_panel import CoveragePanel
from briefing.gui.exchange_actions import ExchangeActions
from briefing.gui.export_actions import ExportActions
from briefing.gui.find_bar import FindBar, MatchChoices
from briefing.gui.keyboard import PaneCycle, open_context_menu, window_stops
from briefing.gui.live_updates import LiveUpdates
from briefing.gui.matrix_controller import MatrixController
from briefing.gui.matrix_panel import MatrixPanel
from briefing.gui.menus import WindowMenus
from briefing.gui.note_editor import NoteEditor
from briefing.gui.note_panel import NotePanel
from briefing.gui.notes import NoteController
from briefing.gui.outline_panel import OutlinePanel
from briefing.gui.overview_ruler import OverviewRuler
from briefing.gui.panes import LayoutMemory, Pane, add_dock, arrange_docks, is_narrow, titled
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.problems_panel import ProblemsPanel
from briefing.gui.project_view import ProjectView
from briefing.gui.projects import ProjectsController
from briefing.gui.reading_controls import ReadingControls
from briefing.gui.search_panel import SearchPanel
from briefing.gui.session import ProjectSession
from briefing.gui.settings import Settings
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.sources_controller import SourcesController
from briefing.gui.sources_panel import SourcesPanel
from briefing.gui.spelling import SpellingController
from briefing.gui.suggestions import SuggestionsController
from briefing.gui.suggestions_panel import SuggestionsPanel
from briefing.gui.tagging import TaggingController
from briefing.gui.themes_panel import ThemesPanel


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, project: Project) -> None:
        super().__init__()
        self.settings = settings
        self.session = ProjectSession(project, self)
        self.edits = self.session.edits  # the undo stack of tagging and themes
        self.sources = SourcesPanel()
        self.themes_panel = ThemesPanel()
        self.viewer = SourceViewer()
        self.ruler = OverviewRuler(self.viewer)
        self.match_choices = MatchChoices(settings, self)  # Find and Search agree on them
        self.find_bar = FindBar(self.viewer, self.match_choices)
        self.find_bar.hide()
        self.editor = NoteEditor()
        self.note_panel = NotePanel(self.editor)
        self.highlighter = self.editor.highlighter
        self.outline_panel = OutlinePanel()
        self.coverage_panel = CoveragePanel()
        self.problems_panel = ProblemsPanel()
        self.page_meter = QLabel()
        self.word_count = QLabel()
        self.status = QLabel()  # the note's state: saved, not saved, read-only
        self.passages_panel = PassagesPanel()
        self.suggestions_panel = SuggestionsPanel()
        self.search_panel = SearchPanel(self.session.search, self.match_choices)
        self.matrix_panel = MatrixPanel()
        self._build_layout()
        self.menus = WindowMenus(self, settings, self.edits.stack, list(self.docks.values()))
        self.menus.tag_key_widget = self.viewer
        apply_theme(settings.colour_theme)
        self.menus.show_colours(settings.colour_theme)
        self._make_controllers()
        self._connect()
        self._keyboard()
        describe_window(self)
        self.layout_memory = LayoutMemory(
            self, self.splitter, self.left, settings, self._default_sizes
        )
        self.layout_memory.restore()
        self.session.opened.connect(self._show_project)
        self._show_project()

    @property
    def project(self) -> Project:
        return self.session.project

    # ---- assembly -----------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.panes: dict[str, Pane] = {}
        self.left = QSplitter(Qt.Orientation.Vertical)
        for name, title, widget in (
            ("sources", "Sources", self.sources),
            ("themes", "Themes", self.themes_panel),
        ):
            self.panes[name] = titled(title, widget, name=name)[0]
            self.left.addWidget(self.panes[name])
        text_row = QWidget()
        row = QHBoxLayout(text_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.viewer, 1)
        row.addWidget(self.ruler)
        self.panes["source"], self.viewer_caption = titled(
            "Source", text_row, self.find_bar, name="source"
        )
        self.panes["note"] = titled("Note", self.note_panel, name="note")[0]
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        for pane in (self.left, self.panes["source"], self.panes["note"]):
            self.splitter.addWidget(pane)
        for index, stretch in enumerate((1, 3, 3)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.docks: dict[str, QDockWidget] = {
            name: add_dock(self, name, title, widget)
            for name, title, widget in (
                ("passages", "Passages", self.passages_panel),
                ("suggestions", "Suggestions", self.suggestions_panel),
                ("search", "Search All Sources", self.search_panel),
                ("matrix", "Theme Matrix", self.matrix_panel),
                # What the note tells its writer: one tabbed dock.
                ("outline", "Outline", self.outline_panel),
                ("coverage", "Coverage", self.coverage_panel),
                ("problems", "Problems", self.problems_panel),
            )
        }
        for name, dock in self.docks.items():
            dock_pane = dock.widget()
            assert isinstance(dock_pane, Pane)
            self.panes[name] = dock_pane
        arrange_docks(self, self.docks, is_narrow(self))
        self.statusBar().addPermanentWidget(self.word_count)
        self.statusBar().addPermanentWidget(self.page_meter)
        self.statusBar().addPermanentWidget(self.status)

    def _make_controllers(self) -> None:
        session, status = self.session, self.statusBar()
        self.view = ProjectView(
            session,
            self.sources,
            self.themes_panel,
            self.passages_panel,
            self.viewer,
            self.ruler,
            self.find_bar,
            self.viewer_caption,
        )
        self.tagging = TaggingController(session, self.viewer, status, self)
        self.sources_ui = SourcesController(session, self.sources, status, self.settings, self)
        self.projects = ProjectsController(session, status, self.settings, self)
        self.live = LiveUpdates(self)  # other writers' changes, on a server project
        self.suggestions = SuggestionsController(
            session, self.suggestions_panel, self.docks["suggestions"], self.viewer
        )
        self.notes = NoteController(
            session, self.editor, self.note_panel, self.passages_panel, status, self
        )
        views = NoteViews(
            self.page_meter,
            self.problems_panel,
            self.coverage_panel,
            self.outline_panel,
            self.highlighter,
            self.note_panel,
            self.word_count,
        )
        self.analysis = NoteAnalysis(
            session,
            self.notes.live_note,
            views,
            lambda: self.settings.export_annex,
            lambda: self.view.passages_by_id,  # the window's one copy of the passages
        )
        self.spelling = SpellingController(session, self.editor, status, self)
        self.exports = ExportActions(
            session, self.notes, self.passages_panel, self.settings, status, self
        )
        self.exchange = ExchangeActions(
            session, self.notes, self.exports, self.settings, status, self
        )
        self.matrix = MatrixController(
            session,
            self.matrix_panel,
            self.docks["matrix"],
            self.passages_panel,
            self.exports,
            self.settings,
            status,
            self,
        )
        self.reading = ReadingControls(
            self.viewer, self.editor, self.settings, self.menus.action("reading_width"), self
        )

    def _connect(self) -> None:
        view, tagging, notes = self.view, self.tagging, self.notes
        analysis, menus = self.analysis, self.menus
        sources, projects, exports = self.sources_ui, self.projects, self.exports
        preview = menus.action("preview")
        menus.bind(
            {
                "new_note": notes.new_note,
                "new_project": projects.new_project,
                "open": projects.choose_project,
                "open_server": projects.open_server_project,
                "author": projects.choose_author,
                "restore_backup": projects.restore_from_backup,
                "import": sources.import_sources,
                "clipboard": sources.source_from_clipboard,
                "ocr_language": sources.choose_ocr_language,
                "zoom_in": self.reading.zoom_in,
                "zoom_out": self.reading.zoom_out,
                "zoom_reset": self.reading.zoom_reset,
                "export_word": lambda: exports.export_note("docx"),
                "export_md": lambda: exports.export_note("md"),
                "export_report": exports.export_report,
                "export_matrix": self.matrix.export,
                "export_qdpx": self.exchange.export_project,
                "save": notes.save_now,
                "quit": self.close,
                "undo": notes.undo,
                "redo": notes.redo,
                "find": self.find_bar.open,
                "search": self.open_search,
                "details": sources.edit_details,
                "delete_source": sources.delete_source,
                "new_theme": tagging.new_theme_from_selection,
                "suggest": self.suggestions.show,
                "rename_note": notes.rename_note,
                "delete_note": notes.delete_note,
                "add_template": notes.add_template,
                "cite": notes.cite_selected,
                "quote_passage": notes.quote_selected,
                "preview": lambda: analysis.set_preview_visible(preview.isChecked()),
                **self.editor.formatting(),
                "show_markup": lambda: self.editor.set_show_markup(
                    menus.action("show_markup").isChecked()
                ),
                "spell_check": lambda: self.spelling.set_enabled(
                    menus.action("spell_check").isChecked()
                ),
                "toggle_sources": lambda: self.left.setVisible(
                    menus.action("toggle_sources").isChecked()
                ),
            }
        )
        self.editor.addActions(menus.formatting_actions())
        formatting: list[QAction | None] = [menus.action(n) for n in ("bold", "italic")]
        formatting += [None, *(menus.action(f"h{n}") for n in (1, 2, 3)), None]
        formatting += [menus.action(n) for n in ("bullets", "numbers", "quote")]
        self.note_panel.set_format_actions([*formatting, None, menus.action("cite")])
        menus.spelling_menu.aboutToShow.connect(
            lambda: self.spelling.language_menu(menus.spelling_menu)
        )
        self.sources.addActions([menus.action("details"), menus.action("delete_source")])
        actions_context_menu(self.sources)
        menus.tag_requested.connect(tagging.tag_selection)
        menus.colours_chosen.connect(self.set_colours)
        menus.recent_chosen.connect(projects.open_project)
        view.themes_changed.connect(menus.set_themes)
        view.themes_changed.connect(self.suggestions_panel.set_themes)
        view.passages_changed.connect(analysis.project_changed)
        view.shown_changed.connect(self.suggestions.refresh)
        self.setAcceptDrops(True)
        self.viewer.setAcceptDrops(False)  # dropped files go to the window, which imports them
        self.installEventFilter(sources)
        self.viewer.menu_hook = tagging.fill_viewer_menu
        tagging.cite_requested.connect(notes.cite_passage)

        tagging.serve(self.themes_panel, self.passages_panel, self.suggestions_panel)
        self.passages_panel.passage_activated.connect(view.show_passage)
        self.passages_panel.cite_requested.connect(notes.cite_passages)
        self.passages_panel.quote_requested.connect(notes.quote_passage)
        self.themes_panel.filter_requested.connect(self.show_theme_passages)
        self.suggestions.span_requested.connect(  # browsing them keeps the focus in the list
            lambda source, start, end: view.show_span(source, start, end, focus=False)
        )
        self.search_panel.hit_activated.connect(self.show_search_hit)
        self.search_panel.cleared.connect(self.close_search)
        for changed in (view.passages_changed, view.themes_changed, self.session.sources_changed):
            changed.connect(self.matrix.stale)
        self.matrix.passages_requested.connect(lambda: self._raise_dock("passages"))
        sources.exchange_requested.connect(self.exchange.import_projects)
        self.exchange.imported.connect(self._show_imported)

        analysis.analysed.connect(self._count_problems)
        notes.note_shown.connect(analysis.note_shown)
        notes.metadata_edited.connect(analysis.schedule)
        notes.save_state.connect(self.status.setText)
        self.editor.edited.connect(analysis.schedule)
        self.editor.describe_passage = analysis.describe_passage
        self.editor.citation_activated.connect(view.show_passage)
        self.outline_panel.heading_activated.connect(
            lambda offset: self.editor.select_span(offset, offset)
        )
        self.coverage_panel.passage_activated.connect(view.show_passage)
        self.coverage_panel.cite_requested.connect(notes.cite_passage)
        self.problems_panel.problem_activated.connect(self.editor.select_span)
        self.edits.failed.connect(lambda message: dialogs.show_error(self, "Not done", message))
        self.live.changed.connect(view.others_changed)
        self.live.changed.connect(notes.others_changed)
        self.live.trouble.connect(
            lambda message: self.statusBar().showMessage(f"Live updates paused: {message}", 5000)
        )
        self.session.closing.connect(self.live.stop)

    def _keyboard(self) -> None:
        """F6 and Shift+F6 between the panes; Tab out of every list and table (their arrow
        keys move within); Shift+F10 and the Menu key open context menus."""
        self.pane_cycle = PaneCycle(window_stops(self), list(self.panes.values()), self)
        self.menus.bind(
            {
                "next_pane": self.pane_cycle.next,
                "previous_pane": self.pane_cycle.previous,
                "context_menu": open_context_menu,
            }
        )
        for view in self.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        self.viewer.setTabChangesFocus(True)  # read-only: Tab has nothing to type

    def _show_project(self) -> None:
        """Show the session's project (at start, and after another was opened)."""
        project = self.session.project
        self.settings.add_recent(project.location)
        project.set_author(self.settings.author_name)
        suffix = " [read-only]" if project.readonly else ""
        where = " (server)" if project.on_server else ""
        self.setWindowTitle(f"{project.name}{where}{suffix} — Briefing")
        self.setWindowFilePath("" if project.on_server else str(project.path))
        self.menus.set_read_only(project.readonly)
        self.themes_panel.set_read_only(project.readonly)
        self.note_panel.set_read_only(project.readonly)
        self.search_panel.reset()
        self.suggestions.reset()
        self.view.load()
        self.notes.load()
        self.spelling.load()
        self.live.listen(project)

    def _show_imported(self, source_id: int | None) -> None:
        """A REFI-QDA import brought sources, themes, passages and notes: show them all."""
        self.view.refresh({PASSAGES, THEMES})
        self.session.sources_did_change(source_id)
        notes = self.project.notes()
        if self.notes.note_id is None and notes:
            self.notes.show_note(notes[0].id)
        else:
            self.note_panel.set_notes(notes, self.notes.note_id)

    def set_colours(self, choice: str) -> None:
        """View > Theme: the window in these colours from now on, and next time."""
        self.settings.colour_theme = choice
        apply_theme(choice)

    def _count_problems(self) -> None:
        """The Problems tab says how many there are, whichever tab is up."""
        count = self.problems_panel.count()
        self.docks["problems"].setWindowTitle(f"Problems ({count})" if count else "Problems")

    def _default_sizes(self, available: QRect) -> None:
        """The panes' sizes on a screen of this size seen for the first time."""
        width = self.width()
        left = max(260, width * 18 // 100)
        side = 0 if is_narrow(self) else 280  # the note's outline, coverage and problems
        rest = max(0, width - left - side)
        self.splitter.setSizes([left, rest * 46 // 100, rest - rest * 46 // 100])
        self.left.setSizes([self.height() * 40 // 100, self.height() * 60 // 100])
        # The passages: nine rows on a tall screen, a third of a short one.
        row = self.passages_panel.view.verticalHeader().defaultSectionSize()
        tall = available.height() >= 900
        bottom = 9 * row + 120 if tall else self.height() * 32 // 100
        docks = self.docks
        self.resizeDocks([docks["passages"]], [bottom], Qt.Orientation.Vertical)
        if side:
            self.resizeDocks([docks["outline"]], [side], Qt.Orientation.Horizontal)
        else:
            self.resizeDocks(
                [docks["passages"], docks["outline"]],
                [width * 64 // 100, width * 36 // 100],
                Qt.Orientation.Horizontal,
            )

    # ---- docks --------------------------------------------------------------------------

    def show_source(self, source_id: int) -> None:
        self.view.show_source(source_id)

    def show_theme_passages(self, theme_id: int) -> None:
        self.passages_panel.set_theme_filter(theme_id)
        self._raise_dock("passages")

    def open_search(self) -> None:
        self._raise_dock("search")
        self.search_panel.open()

    def show_search_hit(self, source_id: int, start: int, end: int) -> None:
        """Open the hit's source with every match of the search highlighted, this one current."""
        self.view.show_span(source_id, start, end)
        self.find_bar.show_query(self.search_panel.query, start)

    def close_search(self, query: str) -> None:
        """Escape in Search All Sources: its highlights go too, and the source has the focus."""
        if self.find_bar.isVisible() and self.find_bar.field.text() == query:
            self.find_bar.close_bar()
        self.viewer.setFocus()
        self._raise_dock("passages")

    def _raise_dock(self, name: str) -> None:
        self.docks[name].show()
        self.docks[name].raise_()

    # ---- window -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.layout_memory.shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sources_ui.importer.stop()
        self.exchange.importer.stop()
        self.exports.controller.stop()
        if not self.editor.save() and not dialogs.ask_quit_unsaved(self):
            event.ignore()
            return
        self.layout_memory.save()
        self.analysis.stop()
        self.view.stop()
        self.live.stop()
        self.session.close()
        event.accept()
