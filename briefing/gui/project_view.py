"""What the project shows on the left and in the middle: the sources list, the themes list, the
passages table, the source viewer with its ruler and caption. ``ProjectView`` reads the project
and fills them, after a step of the undo stack, an import, a deletion or another project.

It emits ``themes_changed`` (the Tag menu and the suggestions' theme list follow) and
``passages_changed`` (the note's analysis reads the passages again) and ``shown_changed`` (the
suggestions, which depend on the source shown and on the passages, are due again).
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from briefing.core.errors import NotFound
from briefing.core.model import Passage, Source, Theme
from briefing.gui.commands import PASSAGES, THEMES, Change
from briefing.gui.find_bar import FindBar
from briefing.gui.overview_ruler import OverviewRuler
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.session import ProjectSession
from briefing.gui.source_viewer import SourceViewer
from briefing.gui.sources_panel import SourcesPanel
from briefing.gui.themes_panel import ThemesPanel


class ProjectView(QObject):
    themes_changed = Signal(list)  # list[Theme], in their order
    passages_changed = Signal()
    shown_changed = Signal()

    def __init__(
        self,
        session: ProjectSession,
        sources: SourcesPanel,
        themes: ThemesPanel,
        passages: PassagesPanel,
        viewer: SourceViewer,
        ruler: OverviewRuler,
        find_bar: FindBar,
        caption: QLabel,
    ) -> None:
        super().__init__(session)
        self.session = session
        self.sources, self.themes, self.passages = sources, themes, passages
        self.viewer, self.ruler, self.find_bar, self.caption = viewer, ruler, find_bar, caption
        # A passage step paints the viewer at once and updates the panels right after.
        self._panels_due = QTimer(self)
        self._panels_due.setSingleShot(True)
        self._panels_due.setInterval(0)
        self._panels_due.timeout.connect(self._refresh_counts)
        self._pending: list[tuple[list[Passage], tuple[int, ...]]] = []
        self._fill_due = QTimer(self)  # after the first paint of a project
        self._fill_due.setSingleShot(True)
        self._fill_due.setInterval(0)
        self._fill_due.timeout.connect(self._fill_passages)
        self._loaded: tuple[list[Source], list[Theme]] = ([], [])  # read by ``load``
        # The project's passages by id, as last read: the window's one copy, shared with the
        # note's analysis. Replaced on each change, never changed in place (a worker reads it).
        self.passages_by_id: dict[int, Passage] = {}
        session.edits.changed.connect(self.apply_change)
        session.sources_changed.connect(self.refresh_sources)
        sources.source_chosen.connect(self.show_source)

    def load(self) -> None:
        """Another project: nothing of the last one stays on screen. What the first paint
        shows (the sources, the themes and their counts, the first source) is filled now; the
        passages table, which reads every passage, right after that paint."""
        self._fill_due.stop()
        self._pending.clear()
        self.viewer.show_source(None, "", [], [])
        self.passages_by_id = {}
        project = self.session.project
        themes = project.themes()
        self.themes_changed.emit(themes)
        self.themes.set_themes(themes, project.theme_counts())
        self.passages.set_data([], [], themes)
        sources = project.sources()
        self.refresh_sources(None, passages=False, listed=sources)
        self._loaded = (sources, themes)
        self._fill_due.start()

    def _fill_passages(self) -> None:
        """The passages table and the analysis' copy of the passages (deferred by ``load``)."""
        project = self.session.project
        passages = project.passages()
        self.passages_by_id = {p.id: p for p in passages}
        self.passages_changed.emit()
        self.passages.set_data(passages, *self._loaded)
        self.shown_changed.emit()

    def stop(self) -> None:
        self._panels_due.stop()
        self._fill_due.stop()

    def apply_change(self, change: Change) -> None:
        """Show a step's effect: the viewer at once, the panels right after it has painted."""
        if not change.local:
            self.refresh(set(change.kinds))
            return
        present = []
        for passage_id in change.passages:
            with suppress(NotFound):  # changed and then removed within one macro
                present.append(self.session.project.passage(passage_id))
        self.viewer.update_passages(present, change.removed)
        self.viewer.viewport().repaint()  # the analyst sees the tag now; the rest follows
        self._pending.append((present, change.removed))
        self._panels_due.start()

    def _refresh_counts(self) -> None:
        """The window's passages, counts and overview after a passage step (deferred: the
        viewer paints first)."""
        if self._pending:  # (else a full refresh read everything since)
            by_id = dict(self.passages_by_id)  # a new dict: the analysis may read the old
            for present, removed in self._pending:
                for passage_id in removed:
                    by_id.pop(passage_id, None)
                by_id.update((p.id, p) for p in present)
                self.passages.update_passages(present, removed)
            self._pending.clear()
            self.passages_by_id = by_id
            self.passages_changed.emit()
        project = self.session.project
        self.themes.set_themes(project.themes(), project.theme_counts())
        self.sources.update_sources(project.sources())
        self.ruler.refresh()
        self.shown_changed.emit()

    def refresh(self, kinds: set[str]) -> None:
        """Show what a step changed, everywhere it shows."""
        self._pending.clear()  # everything is read again below
        project = self.session.project
        themes = project.themes()
        passages = project.passages()
        self.passages_by_id = {p.id: p for p in passages}
        self.passages_changed.emit()
        if THEMES in kinds:
            self.themes_changed.emit(themes)
        counts = Counter(t for p in passages for t in p.theme_ids)
        self.themes.set_themes(themes, counts)
        self.passages.set_data(passages, project.sources(), themes)
        if self.viewer.source_id is not None:
            here = [p for p in passages if p.source_id == self.viewer.source_id]
            self.viewer.set_passages(here, themes)
        self.ruler.refresh()
        self.sources.update_sources(project.sources())
        self.shown_changed.emit()

    def refresh_sources(
        self, select: int | None, *, passages: bool = True, listed: list[Source] | None = None
    ) -> None:
        """The list of sources changed (an import, a deletion): show it, and its passages
        (``listed``: the sources, when just read)."""
        project = self.session.project
        sources = project.sources() if listed is None else listed
        current = select if select is not None else self.sources.current_source_id()
        if current not in {s.id for s in sources}:
            current = sources[0].id if sources else None
        self.sources.set_sources(sources, current)
        if current is None:
            self.viewer.show_source(None, "", [], [])
            self.caption.setText("Source")
            self.ruler.refresh()
        elif current == self.viewer.source_id:
            self.caption.setText(project.source(current).title)
        if passages:
            every = project.passages()
            self.passages_by_id = {p.id: p for p in every}
            self.passages.set_data(every, sources, project.themes())

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another writer committed changes to these tables (a server project): show them."""
        if "source" in tables:
            self.session.sources_did_change(None)
        if tables & {"theme", "passage", "passage_theme", "source"}:
            self.refresh({THEMES, PASSAGES} if "theme" in tables else {PASSAGES})

    def show_source(self, source_id: int) -> None:
        if source_id == self.viewer.source_id:
            return
        project = self.session.project
        self.viewer.show_source(
            source_id,
            project.source_text(source_id),
            project.passages(source_id=source_id),
            project.themes(),
            project.source_blocks(source_id),
        )
        self.caption.setText(project.source(source_id).title)
        self.ruler.refresh()
        if self.find_bar.isVisible():
            self.find_bar.search()
        self.shown_changed.emit()

    def show_span(self, source_id: int, start: int, end: int, *, focus: bool = True) -> None:
        """Open a source with ``start:end`` selected (a passage, a search hit); ``focus``:
        the source takes the focus (not while arrow keys browse a list of suggestions)."""
        self.sources.select_source(source_id)
        self.show_source(source_id)
        self.viewer.select_range(start, end)
        if focus:
            self.viewer.setFocus()

    def show_passage(self, passage_id: int) -> None:
        passage = self.session.project.passage(passage_id)
        self.show_span(passage.source_id, passage.start, passage.end)
