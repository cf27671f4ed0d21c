"""Annex A: the passages behind the note, by theme, with their sources listed once.

``cited`` (the default) holds the passages the note cites; ``all`` every passage of the
project (the evidence base); ``none`` leaves the annex out. The sources come first, each named
in full once; the rows name a passage's source by its short title and page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from briefing.core.model import NoteBundle, Passage
from briefing.exporters.citation_format import CitedPassage, ShortTitles, short_label
from briefing.exporters.citation_format import Text as CitationText
from briefing.exporters.sources import ResolvedCitation, describe
from briefing.exporters.text import one_line

AnnexChoice = Literal["cited", "all", "none"]
ANNEX_CHOICES: tuple[AnnexChoice, ...] = ("cited", "all", "none")
ANNEX_TITLE = "Annex A: Source passages by theme"
ANNEX_INTROS = {
    "cited": "The passages this note cites, by theme. Their sources are named in full once, "
    "below; the tables name each by its short title.",
    "all": "Every passage tagged in the project's sources, by theme. Their sources are named "
    "in full once, below; the tables name each by its short title.",
}
SOURCES_HEADING = "Sources"
COLUMNS = ("Passage", "Source", "Memo")
OTHER_THEME = "Other passages"


def annex_choice(value: bool | str) -> AnnexChoice:
    """``True``/``False`` (the old flag) or a choice's name; raises ValueError for others."""
    if value is True:
        return "cited"
    if value is False:
        return "none"
    for choice in ANNEX_CHOICES:
        if choice == str(value).strip().lower():
            return choice
    raise ValueError(f"the annex is one of {', '.join(ANNEX_CHOICES)}, not {value!r}")


@dataclass(frozen=True)
class AnnexRow:
    entry: CitedPassage
    source: CitationText  # the short form: short title and page


@dataclass(frozen=True)
class AnnexSection:
    theme: str
    rows: tuple[AnnexRow, ...]

    @property
    def entries(self) -> tuple[CitedPassage, ...]:
        return tuple(row.entry for row in self.rows)


@dataclass(frozen=True)
class Annex:
    choice: AnnexChoice
    sources: tuple[CitedPassage, ...]  # one entry a source, without page: named in full
    sections: tuple[AnnexSection, ...]

    @property
    def intro(self) -> str:
        return ANNEX_INTROS.get(self.choice, "")

    def __bool__(self) -> bool:
        return bool(self.sections)


def table_description(theme: str, rows: int) -> str:
    """What a screen reader announces for a theme's table (``w:tblDescription``)."""
    return (
        f"{rows} passage{'s' * (rows != 1)} on {theme}: each passage quoted, its source by "
        "short title and page, and the analyst's memo."
    )


def build_annex(
    bundle: NoteBundle, citations: list[ResolvedCitation], choice: AnnexChoice
) -> Annex:
    if choice == "none":
        return Annex(choice, (), ())
    passages = sorted(bundle.passages.values(), key=lambda p: (p.source_id, p.start, p.id))
    if choice == "cited":
        cited = {e.passage_id for rc in citations for e in rc.entries}
        passages = [p for p in passages if p.id in cited]
    known = {t.id for t in bundle.themes}
    groups: list[tuple[str, list[Passage]]] = [
        (one_line(t.name) or "Untitled theme", [p for p in passages if t.id in p.theme_ids])
        for t in bundle.themes
    ]
    groups.append((OTHER_THEME, [p for p in passages if not known.intersection(p.theme_ids)]))
    shorts = ShortTitles()
    sources: dict[int | str, CitedPassage] = {}
    sections: list[AnnexSection] = []
    for theme, members in groups:
        rows = []
        for passage in members:
            entry = describe(passage, bundle.sources.get(passage.source_id))
            sources.setdefault(entry.source_key, replace(entry, page=""))
            rows.append(AnnexRow(entry, short_label(entry, shorts(entry))))
        if rows:
            sections.append(AnnexSection(theme, tuple(rows)))
    ordered = sorted(sources.values(), key=lambda e: (e.source_id, e.title))
    return Annex(choice, tuple(ordered), tuple(sections))
