"""Keyword suggestions for the source shown (or all sources), computed only while their dock
can be seen, and drawn in the viewer as dashed underlines."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget

from briefing.core.suggest import Suggestion, suggest, suggest_all
from briefing.gui.session import ProjectSession
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.suggestions_panel import SuggestionsPanel


class SuggestionsController(QObject):
    span_requested = Signal(int, int, int)  # source id, start, end: show the suggestion

    def __init__(
        self,
        session: ProjectSession,
        panel: SuggestionsPanel,
        dock: QDockWidget,
        viewer: SourceViewer,
    ) -> None:
        super().__init__(session)
        self.session, self.panel, self.dock, self.viewer = session, panel, dock, viewer
        panel.scope_changed.connect(self.refresh)
        panel.suggestion_shown.connect(self._show)
        dock.visibilityChanged.connect(lambda _visible: self.refresh())

    def reset(self) -> None:
        """Another project: rejections were for the last one."""
        self.panel.rejected.clear()

    def show(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def refresh(self) -> None:
        dock = self.dock
        if not dock.isVisible() or dock.visibleRegion().isEmpty():
            self.viewer.set_suggestions([])  # (costs nothing when none are shown)
            return
        project, panel = self.session.project, self.panel
        theme_id = panel.theme_id()
        found: list[Suggestion]
        if panel.all_sources():
            found = suggest_all(project, theme_id=theme_id)
        elif self.viewer.source_id is not None:
            found = suggest(
                self.viewer.source_id,
                self.viewer.source_text(),
                project.themes(),
                self.viewer.passages(),
                theme_id=theme_id,
            )
        else:
            found = []
        titles = {s.id: s.title for s in project.sources()}
        panel.set_suggestions(found, project.themes(), titles)
        self.viewer.set_suggestions(panel.visible())

    def _show(self, suggestion: Suggestion) -> None:
        self.span_requested.emit(suggestion.source_id, suggestion.start, suggestion.end)
