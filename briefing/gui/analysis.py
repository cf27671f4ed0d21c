"""What the note tells its writer: the page meter, its problems, theme coverage, the outline,
citation colours and the preview.

The analysis runs a moment after typing pauses, on the text as it is on screen, against the
project's passages (the window's one copy of them, with what is derived from them kept until a
passage, theme or source changes). It runs once per change, on a worker thread, so typing never
waits for it: one run at a time, and a change made during a run starts another when it ends,
the stale result never shown (latest wins). Only showing the findings is on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from briefing.core.colours import Scheme
from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage
from briefing.gui.appearance import scheme_of
from briefing.gui.coverage_panel import CoveragePanel
from briefing.gui.markdown_highlighter import MarkdownHighlighter
from briefing.gui.note_findings import AnalysisJob, Findings, ProjectPart, find
from briefing.gui.note_panel import NotePanel
from briefing.gui.outline_panel import OutlinePanel
from briefing.gui.problems_panel import ProblemsPanel
from briefing.gui.session import ProjectSession

if TYPE_CHECKING:
    from briefing.exporters.html_preview import PreviewColours

logger = logging.getLogger(__name__)

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
    _found = Signal(object, object)  # from the worker: AnalysisJob, Findings | None

    def __init__(
        self,
        session: ProjectSession,
        live_note: Callable[[], Note | None],
        views: NoteViews,
        annex_choice: Callable[[], str] = lambda: "cited",
        passages: Callable[[], dict[int, Passage]] | None = None,
    ) -> None:
        super().__init__(session)
        self.session, self.live_note, self.views = session, live_note, views
        self.annex_choice = annex_choice  # the export's last choice: the meter counts its annex
        # The window's passages by id (shared, never copied); by default read from the project.
        self.passages = passages or (lambda: {p.id: p for p in session.project.passages()})
        self.runs = 0  # analyses run (a test counts them: one per change)
        self._project_part: ProjectPart | None = None
        self._shown_key: tuple[object, ...] | None = None  # of the findings on screen
        self._worker: threading.Thread | None = None
        self._again = False  # the pause came during the run: run again when it ends
        self._changes = 0  # requests so far: findings for an older one are stale
        self._stopped = False
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(ANALYSIS_DELAY_MS)
        self._due.timeout.connect(self._start)
        self._found.connect(self._on_found)
        session.sources_changed.connect(lambda _select: self.project_changed())
        # Another palette (View > Theme): the meter, coverage and preview take its colours.
        views.note_panel.preview.palette_changed.connect(self.schedule)

    def schedule(self, delay_ms: int = ANALYSIS_DELAY_MS) -> None:
        """Analyse the note after a pause in typing (or ``delay_ms``: 0 is once the window has
        painted and handled what is queued)."""
        if not self._stopped:
            self._changes += 1
            self._due.start(delay_ms)

    def note_shown(self) -> None:
        """Another note is shown: analyse it once the window has painted, or clear the views
        at once when there is no note."""
        if self.live_note() is None:
            self.analyse()
        else:
            self.schedule(0)

    def project_changed(self) -> None:
        """Passages, themes or sources changed: read them again at the next analysis, after a
        pause in tagging (or sooner, if a run was due sooner: the first one at start)."""
        self._project_part = None
        if self._stopped:
            return
        self._changes += 1
        if not (self._due.isActive() and self._due.remainingTime() <= ANALYSIS_DELAY_MS):
            self._due.start(ANALYSIS_DELAY_MS)

    def stop(self) -> None:
        """The window is closing: no analysis after the project is gone."""
        self._stopped = True
        self._due.stop()
        if self._worker is not None:
            self._worker.join()  # it touches no widget; let it end before the views go

    def project_part(self) -> NoteBundle:
        return self._part().bundle

    def _part(self) -> ProjectPart:
        if self._project_part is None:
            project = self.session.project
            self._project_part = ProjectPart(
                NoteBundle(
                    note=Note(0, "", "", "", NoteMetadata()),
                    sources={s.id: s for s in project.sources()},
                    passages=self.passages(),  # replaced on change, never changed in place
                    themes=tuple(project.themes()),
                )
            )
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

    # ---- running ------------------------------------------------------------------------

    def _job(self) -> AnalysisJob | None:
        note = self.live_note()
        if note is None:
            return None
        preview = self.views.note_panel.preview
        # The preview's colours are the window's scheme's: a palette change is a change too.
        colours = preview_colours(scheme_of(preview.palette()))
        return AnalysisJob(note, self._part(), self.annex_choice(), preview.isVisible(), colours)

    def analyse(self) -> None:
        """Analyse now, on this thread (a picture of the window, the preview opened), unless
        the views already show the note as it is."""
        self._due.stop()
        job = self._job()
        if job is None:
            self._clear()
            return
        if job.key() != self._shown_key:
            self.runs += 1
            self._show(job, find(job))

    def _start(self) -> None:
        """A pause in typing: analyse on the worker, unless nothing changed since the last."""
        if self._stopped:
            return
        if self._worker is not None:
            self._again = True
            return
        job = self._job()
        if job is None:
            self._clear()
            return
        if job.key() == self._shown_key:
            return
        self.runs += 1
        self._worker = threading.Thread(
            target=self._work, args=(job, self._changes), name="note-analysis", daemon=True
        )
        self._worker.start()

    def _work(self, job: AnalysisJob, changes: int) -> None:
        try:
            findings: Findings | None = find(job)
        except Exception:  # a bug must not end the thread silently: log it, show nothing
            logger.exception("the note's analysis failed")
            findings = None
        self._found.emit(job, (changes, findings))

    def _on_found(self, job: AnalysisJob, result: tuple[int, Findings | None]) -> None:
        changes, findings = result
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        if self._stopped:
            return
        if self._again:  # the pause after a change came during the run: analyse again
            self._again = False
            self._start()
        elif findings is not None and changes == self._changes:  # else stale: the timer runs
            self._show(job, findings)

    def _clear(self) -> None:
        views = self.views
        views.page_meter.setText("")
        views.word_count.setText("")
        views.problems.set_problems([])
        views.outline.set_headings([])
        self._shown_key = None
        self.analysed.emit()

    def _show(self, job: AnalysisJob, found: Findings) -> None:
        views = self.views
        views.page_meter.setText(found.meter)
        views.word_count.setText(found.words)
        # Past the limit the meter turns red, the way a word-count target does in Scrivener.
        red = scheme_of(views.page_meter.palette()).error
        views.page_meter.setStyleSheet(
            f"color: {red}; font-weight: bold;" if found.over_limit else ""
        )
        views.problems.set_problems(found.problems)
        views.coverage.set_coverage(found.coverage, found.passages)
        views.outline.set_headings(found.headings)
        views.highlighter.set_citation_colours(found.colours)
        if found.preview_html is not None and views.note_panel.preview.isVisible():
            views.note_panel.preview.show_html(found.preview_html)
        self._shown_key = job.key()
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
