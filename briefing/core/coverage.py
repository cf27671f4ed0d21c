"""Theme coverage of a note: which themes have evidence (tagged passages) the note does not cite.

Pure, for the draft view's coverage list: one entry per theme, in the project's order.
"""

from __future__ import annotations

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
    cited = set(cited_passage_ids(bundle.note.body))
    by_theme: dict[int, list[int]] = {theme.id: [] for theme in bundle.themes}
    for pid in sorted(bundle.passages):
        for theme_id in dict.fromkeys(bundle.passages[pid].theme_ids):
            if theme_id in by_theme:
                by_theme[theme_id].append(pid)
    result = []
    for theme in bundle.themes:
        ids = tuple(by_theme[theme.id])
        cited_ids = tuple(pid for pid in ids if pid in cited)
        result.append(ThemeCoverage(theme, ids, cited_ids, bool(ids) and not cited_ids))
    return result
