"""Theme coverage of a note: which themes have evidence (tagged passages) the note does not cite.

Pure, for the draft view's coverage list: one entry per theme, in the project's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.core.citations import cited_passage_ids
from briefing.core.model import NoteBundle, Theme


@dataclass(frozen=True)
class ThemeCoverage:
    theme: Theme
    passage_ids: tuple[int, ...]  # every passage tagged with the theme, by id
    cited_ids: tuple[int, ...]  # those the note body cites, by id
    flagged: bool  # the theme has passages but none is cited


def coverage(bundle: NoteBundle) -> list[ThemeCoverage]:
    """For each theme (in order): its passages, those cited, and whether it is left uncited.

    Citations of passages that no longer exist count for no theme; citations inside code or
    escaped (``\\[@p1]``) are not citations, as in the exports.
    """
    return cited_coverage(bundle, passages_by_theme(bundle), cited_passage_ids(bundle.note.body))


def passages_by_theme(bundle: NoteBundle) -> dict[int, tuple[int, ...]]:
    """Each theme's passages, by id: the part of the coverage that depends on the project only
    (kept by the window between keystrokes)."""
    by_theme: dict[int, list[int]] = {theme.id: [] for theme in bundle.themes}
    for pid in sorted(bundle.passages):
        for theme_id in dict.fromkeys(bundle.passages[pid].theme_ids):
            if theme_id in by_theme:
                by_theme[theme_id].append(pid)
    return {theme_id: tuple(ids) for theme_id, ids in by_theme.items()}


def cited_coverage(
    bundle: NoteBundle, by_theme: dict[int, tuple[int, ...]], cited: Iterable[int]
) -> list[ThemeCoverage]:
    """The coverage from ``passages_by_theme`` and the cited ids: work in proportion to the
    citations, not to the passages."""
    cited_by_theme: dict[int, set[int]] = {theme.id: set() for theme in bundle.themes}
    for pid in cited:
        passage = bundle.passages.get(pid)
        for theme_id in passage.theme_ids if passage else ():
            if theme_id in cited_by_theme:
                cited_by_theme[theme_id].add(pid)
    result = []
    for theme in bundle.themes:
        ids = by_theme.get(theme.id, ())
        cited_ids = tuple(sorted(cited_by_theme[theme.id]))
        result.append(ThemeCoverage(theme, ids, cited_ids, bool(ids) and not cited_ids))
    return result
