"""What the note tells its writer: the page meter, its problems, theme coverage, the outline,
citation colours and the preview.

The analysis runs a moment after typing pauses, on the text as it is on screen, against the
project's passages (read once, then kept until a passage, theme or source changes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from briefing.core.colours import Scheme
from briefing.core.model import Note, NoteBundle
from briefing.core.spelling import count_words
from briefing.gui.appearance import scheme_of
from briefing.gui.coverage_panel import CoveragePanel
from briefing.gui.markdown_highlighter import MarkdownHighlighter
from briefing.gui.note_panel import NotePanel
from briefing.gui.outline_panel import OutlinePanel
from briefing.gui.problems_panel import ProblemsPanel
from briefing.gui.session import ProjectSession

if TYPE_CHECKING:
    from briefing.exporters.html_preview import PreviewColours

ANALYSIS_DELAY_MS = 400


@dataclass(frozen=True)
class NoteViews:
    """Where the analysis shows: the widgets it fills."""

    page_meter: QLabel
    problems: ProblemsPanel
    coverage: CoveragePanel
    outline: OutlinePanel
    highlighter: MarkdownHighlighter
    note_panel: NotePanel  # its preview
    word_count: QLabel


class NoteAnalysis(QObject):
    analysed = Signal()  # the views show the note as it is now

    def __init__(
        self,
        session: ProjectSession,
        live_note: Callable[[], Note | None],
        views: NoteViews,
        annex_choice: Callable[[], str] = lambda: "cited",
    ) -> None:
        super().__init__(session)
        self.session, self.live_note, self.views = session, live_note, views
        self.annex_choice = annex_choice  # the export's last choice: the meter counts its annex
        self._project_part: NoteBundle | None = None  # sources, passages, themes; no note
        self._stopped = False
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(ANALYSIS_DELAY_MS)
        self._due.timeout.connect(self.analyse)
        session.sources_changed.connect(lambda _select: self.project_changed())
        # Another palette (View > Theme): the meter, coverage and preview take its colours.
        views.note_panel.preview.palette_changed.connect(self.schedule)

    def schedule(self) -> None:
        """Analyse the note soon (a pause in typing, a switch of note)."""
        if not self._stopped:
            self._due.start()

    def note_shown(self) -> None:
        """Another note is shown: analyse it once the window has painted, or clear the views
        at once when there is no note."""
        if self.live_note() is None:
            self.analyse()
        else:
            self.schedule()

    def project_changed(self) -> None:
        """Passages, themes or sources changed: read them again at the next analysis."""
        self._project_part = None
        self.schedule()

    def stop(self) -> None:
        """The window is closing: no analysis after the project is gone."""
        self._stopped = True
        self._due.stop()

    def project_part(self) -> NoteBundle:
        if self._project_part is None:
            self._project_part = self.session.project.bundle(None)
        return self._project_part

    def describe_passage(self, passage_id: int) -> str:
        """A citation's hover: the passage, its themes and its source."""
        part = self.project_part()
        passage = part.passages.get(passage_id)
        if passage is None:
            return f"p{passage_id}: no such passage (deleted?)"
        source = part.sources.get(passage.source_id)
        themes = ", ".join(part.theme_names(passage))
        text = " ".join(passage.text.split())
        text = text if len(text) < 400 else text[:399] + "…"
        where = source.title if source else f"source {passage.source_id}"
        return f"p{passage_id} ({themes}) — {where}\n“{text}”"

    def analyse(self) -> None:
        views = self.views
        note = self.live_note()
        if note is None:
            views.page_meter.setText("")
            views.word_count.setText("")
            views.problems.set_problems([])
            views.outline.set_body("")
            self.analysed.emit()
            return
        bundle = replace(self.project_part(), note=note)
        # Loaded here, on the first analysis after the window is up (they bring in Markdown).
        from briefing.core.coverage import coverage
        from briefing.exporters import render_preview_html
        from briefing.exporters.annex import annex_choice
        from briefing.exporters.checks import check_note
        from briefing.exporters.pages import estimate, format_meter

        annex = annex_choice(self.annex_choice())
        measured = estimate(bundle, annex=annex)
        limit = bundle.note.metadata.page_limit
        text, over = format_meter(measured.pages, limit, measured.annex_pages)
        views.page_meter.setText(text)
        count = count_words(note.body)
        views.word_count.setText(f"{count:,} word{'' if count == 1 else 's'}")
        # Past the limit the meter turns red, the way a word-count target does in Scrivener.
        red = scheme_of(views.page_meter.palette()).error
        views.page_meter.setStyleSheet(f"color: {red}; font-weight: bold;" if over else "")
        views.problems.set_problems(check_note(bundle))
        views.coverage.set_coverage(coverage(bundle), bundle.passages)
        views.outline.set_body(bundle.note.body)
        colours = {}
        themes = {t.id: t.colour for t in bundle.themes}
        for pid, passage in bundle.passages.items():
            colours[pid] = themes.get(passage.theme_ids[0]) if passage.theme_ids else None
        views.highlighter.set_citation_colours(colours)
        preview = views.note_panel.preview
        if preview.isVisible():
            styled = preview_colours(scheme_of(preview.palette()))
            preview.show_html(render_preview_html(bundle, annex=annex, colours=styled))
        self.analysed.emit()

    def set_preview_visible(self, visible: bool) -> None:
        self.views.note_panel.set_preview_visible(visible)
        if visible:
            self.analyse()


def preview_colours(scheme: Scheme) -> PreviewColours:
    """The preview's headings, quotes and warnings in the window's scheme (checked against
    its page by ``core.colours``), so the title and headings read in dark and high contrast."""
    from briefing.exporters.html_preview import PreviewColours

    return PreviewColours(
        heading=scheme.heading,
        quote=scheme.muted,
        error=scheme.error,
        muted=scheme.muted,
        draft=scheme.error,
        rule=scheme.muted,
    )
