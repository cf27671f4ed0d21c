"""The theme matrix: how many passages each source holds of each theme, and how themes overlap.

Plain data, built by the store from grouped queries (``Project.theme_matrix``,
``Project.theme_overlaps``) or, for an export that already holds every passage, from the
passages themselves (``matrix_from_passages``, ``overlaps_from_passages``); the tests hold the
two ways to the same result.

A row's total is the number of distinct passages of the source, a column's the number of
passages of the theme: a passage with two themes counts once in its source's total and once in
each of its two themes' columns, so a row's cells may add up to more than its total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from briefing.core.colours import blend, contrast
from briefing.core.model import Passage, Source, Theme

Pair = tuple[int, int]  # two theme ids, the smaller first (a theme with itself: (t, t))


@dataclass(frozen=True)
class MatrixSource:
    id: int
    title: str
    passages: int  # distinct passages of the source: the row's total


@dataclass(frozen=True)
class ThemeMatrix:
    """Sources down, themes across; each cell the number of passages."""

    sources: tuple[MatrixSource, ...]
    themes: tuple[Theme, ...]  # in the project's order
    counts: Mapping[Pair, int] = field(default_factory=dict)  # (source id, theme id) -> n
    theme_totals: Mapping[int, int] = field(default_factory=dict)  # theme id -> passages
    total: int = 0  # distinct passages in the project

    def count(self, source_id: int, theme_id: int) -> int:
        return self.counts.get((source_id, theme_id), 0)

    def theme_total(self, theme_id: int) -> int:
        return self.theme_totals.get(theme_id, 0)

    @cached_property
    def largest(self) -> int:
        """The largest cell (0 when there is none), for shading relative to it."""
        return max(self.counts.values(), default=0)

    def records(self) -> list[dict[str, Any]]:
        """Every cell as ``{source_id, source, theme, passages}`` (DESIGN.md section 6), source
        by source and theme by theme, zeros included: the list is the whole table."""
        return [
            {
                "source_id": source.id,
                "source": source.title,
                "theme": theme.name,
                "passages": self.count(source.id, theme.id),
            }
            for source in self.sources
            for theme in self.themes
        ]


@dataclass(frozen=True)
class ThemeOverlaps:
    """Themes down and across. ``both``: passages that carry both themes (with itself: the
    theme's passages). ``overlapping``: pairs of different passages, in one source, whose text
    shares at least a character, one carrying each theme (with itself: both carry it)."""

    themes: tuple[Theme, ...]
    both: Mapping[Pair, int] = field(default_factory=dict)
    overlapping: Mapping[Pair, int] = field(default_factory=dict)

    def count(self, measure: str, first: int, second: int) -> int:
        table = self.both if measure == "both" else self.overlapping
        return table.get(pair(first, second), 0)


MEASURES = {
    "both": "Passages with both themes",
    "overlapping": "Overlapping passages",
}


def pair(first: int, second: int) -> Pair:
    return (first, second) if first <= second else (second, first)


def matrix_from_passages(
    sources: Sequence[Source], themes: Sequence[Theme], passages: Iterable[Passage]
) -> ThemeMatrix:
    """The matrix of these passages (an export's bundle holds them all already)."""
    counts: Counter[Pair] = Counter()
    per_source: Counter[int] = Counter()
    per_theme: Counter[int] = Counter()
    total = 0
    for passage in passages:
        total += 1
        per_source[passage.source_id] += 1
        for theme_id in set(passage.theme_ids):
            counts[(passage.source_id, theme_id)] += 1
            per_theme[theme_id] += 1
    return ThemeMatrix(
        sources=tuple(MatrixSource(s.id, s.title, per_source[s.id]) for s in sources),
        themes=tuple(themes),
        counts=dict(counts),
        theme_totals=dict(per_theme),
        total=total,
    )


def overlaps_from_passages(themes: Sequence[Theme], passages: Iterable[Passage]) -> ThemeOverlaps:
    """The overlaps of these passages, by a sweep over each source's passages in order."""
    both: Counter[Pair] = Counter()
    by_source: dict[int, list[Passage]] = defaultdict(list)
    for passage in passages:
        tags = sorted(set(passage.theme_ids))
        for i, first in enumerate(tags):
            for second in tags[i:]:
                both[(first, second)] += 1
        by_source[passage.source_id].append(passage)
    overlapping: Counter[Pair] = Counter()
    for group in by_source.values():
        group.sort(key=lambda p: (p.start, p.id))
        for i, earlier in enumerate(group):
            for later in group[i + 1 :]:
                if later.start >= earlier.end:
                    break
                overlapping.update(_theme_pairs(earlier, later))
    return ThemeOverlaps(tuple(themes), dict(both), dict(overlapping))


def _theme_pairs(first: Passage, second: Passage) -> set[Pair]:
    """The theme pairs two overlapping passages make, each pair once."""
    return {pair(a, b) for a in first.theme_ids for b in second.theme_ids}


def shade(
    count: int, largest: int, accent: str, page: str, inks: Sequence[str], *, minimum: float = 4.5
) -> tuple[str, str]:
    """A cell's background (``accent`` over ``page``, deeper for larger counts) and the ink of
    ``inks`` that reads best on it. The shade backs off until that ink has ``minimum``
    contrast (WCAG), so every cell stays readable whatever the palette."""
    alpha = 0.0 if count <= 0 or largest <= 0 else 0.15 + 0.55 * min(1.0, count / largest)
    while True:
        background = blend(accent, page, alpha) if alpha > 0 else page
        ink = max(inks, key=lambda colour: contrast(colour, background))
        if alpha <= 0 or contrast(ink, background) >= minimum:
            return background, ink
        alpha = max(0.0, alpha - 0.05)
