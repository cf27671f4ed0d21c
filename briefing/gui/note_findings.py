"""What one analysis of the note finds: the page meter, word count, problems, coverage,
headings, citation colours and the preview's HTML. No widget is touched, and the inputs are
immutable, so the window runs it off the GUI thread (``analysis.NoteAnalysis``) and only shows
the result.

What depends on the project alone (each theme's passages, each passage's colour) is worked out
once per ``ProjectPart`` and kept while the passages, themes and sources stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefing.core.citations import cited_passage_ids
from briefing.core.coverage import ThemeCoverage, cited_coverage, passages_by_theme
from briefing.core.model import Note, NoteBundle, Passage
from briefing.core.spelling import count_words
from briefing.gui.outline_panel import headings

if TYPE_CHECKING:  # the exporters load with the first analysis
    from briefing.exporters.html_preview import PreviewColours


@dataclass
class ProjectPart:
    """Sources, passages and themes (no note), and what the analysis derives from them."""

    bundle: NoteBundle
    _by_theme: dict[int, tuple[int, ...]] | None = field(default=None, repr=False)
    _colours: dict[int, str | None] | None = field(default=None, repr=False)

    def by_theme(self) -> dict[int, tuple[int, ...]]:
        if self._by_theme is None:
            self._by_theme = passages_by_theme(self.bundle)
        return self._by_theme

    def colours(self) -> dict[int, str | None]:
        """Passage id -> its first theme's colour: the highlighter's citation colours."""
        if self._colours is None:
            themes = {t.id: t.colour for t in self.bundle.themes}
            self._colours = {
                pid: themes.get(p.theme_ids[0]) if p.theme_ids else None
                for pid, p in self.bundle.passages.items()
            }
        return self._colours


@dataclass(frozen=True)
class AnalysisJob:
    """Everything one analysis reads, taken on the GUI thread."""

    note: Note
    part: ProjectPart
    annex: str  # the export's annex choice: the meter counts the annex
    preview: bool  # the preview is visible: make its HTML too
    colours: PreviewColours | None = None  # the preview's, from the window's palette

    def key(self) -> tuple[object, ...]:
        """Equal keys give equal findings: the analysis runs once per change."""
        return (self.note, id(self.part), self.annex, self.preview, self.colours)


@dataclass(frozen=True)
class Findings:
    meter: str
    over_limit: bool
    words: str
    problems: list  # list[Problem]
    coverage: list[ThemeCoverage]
    passages: Mapping[int, Passage]
    headings: list[tuple[int, str, int]]
    colours: Mapping[int, str | None]
    preview_html: str | None


def find(job: AnalysisJob) -> Findings:
    # Loaded here, on the first analysis after the window is up (they bring in Markdown).
    from briefing.exporters import render_preview_html
    from briefing.exporters.annex import annex_choice
    from briefing.exporters.checks import check_note
    from briefing.exporters.html_preview import PRINT_COLOURS
    from briefing.exporters.pages import estimate, format_meter

    bundle = replace(job.part.bundle, note=job.note)
    annex = annex_choice(job.annex)
    measured = estimate(bundle, annex=annex)
    meter, over = format_meter(measured.pages, job.note.metadata.page_limit, measured.annex_pages)
    count = count_words(job.note.body)
    cited = cited_passage_ids(job.note.body)
    return Findings(
        meter=meter,
        over_limit=over,
        words=f"{count:,} word{'' if count == 1 else 's'}",
        problems=check_note(bundle),
        coverage=cited_coverage(bundle, job.part.by_theme(), cited),
        passages=bundle.passages,
        headings=headings(job.note.body),
        colours=job.part.colours(),
        preview_html=(
            render_preview_html(bundle, annex=annex, colours=job.colours or PRINT_COLOURS)
            if job.preview
            else None
        ),
    )
