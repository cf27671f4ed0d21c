"""Keyword suggestions: whole sentences that a theme's keywords point at.

Pure functions, so the GUI's suggestions panel and ``briefing autotag`` find the same candidates.
A keyword matches at the start of a word and may run on (``invest`` finds "investment"), case
and accents aside; a sentence already tagged with that theme (or overlapping a passage of it)
is not suggested again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.model import Passage, Theme

if TYPE_CHECKING:  # annotations only: suggest() and sentences() need no store
    from briefing.core.store import Project

# A sentence ends at . ! ? (with closing quotes or brackets) followed by space, or at a line end.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n""")
_MIN_SENTENCE_CHARS = 12


@dataclass(frozen=True)
class Suggestion:
    source_id: int
    start: int
    end: int
    theme_id: int
    keyword: str
    text: str

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Identifies a suggestion across refreshes (to remember the ones rejected)."""
        return (self.source_id, self.start, self.end, self.theme_id)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((begin, match.end() if match.group() != "\n" else match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start >= _MIN_SENTENCE_CHARS and not _looks_like_heading(text[start:end]):
            trimmed.append((start, end))
    return trimmed


def _looks_like_heading(line: str) -> bool:
    """A short line with no closing punctuation is a heading, not a sentence to tag."""
    return line[-1] not in ".!?…:;\"'”’)" and len(line.split()) < 10


def _fold(text: str) -> str:
    """Lower case without accents, one character per character (offsets stay valid)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({_fold(k.strip()) for k in keywords if k.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})")


def suggest(
    source_id: int,
    text: str,
    themes: Sequence[Theme],
    passages: Sequence[Passage],
    *,
    theme_id: int | None = None,
) -> list[Suggestion]:
    """Sentences of one source that themes' keywords match and that are not tagged yet."""
    folded = _fold(text)
    spans = sentences(text)
    found: list[Suggestion] = []
    for theme in themes:
        if theme_id is not None and theme.id != theme_id:
            continue
        pattern = keyword_pattern(theme.keywords)
        if pattern is None:
            continue
        tagged = [(p.start, p.end) for p in passages if theme.id in p.theme_ids]
        for start, end in spans:
            match = pattern.search(folded, start, end)
            if match is None or any(a < end and start < b for a, b in tagged):
                continue
            found.append(
                Suggestion(
                    source_id,
                    start,
                    end,
                    theme.id,
                    text[match.start() : match.end()],
                    text[start:end],
                )
            )
    found.sort(key=lambda s: (s.source_id, s.start, s.theme_id))
    return found


@dataclass(frozen=True)
class Accepted:
    """What accepting suggestions changed, so that undo can take exactly that back."""

    created: tuple[Passage, ...]
    extended: tuple[Passage, ...]  # existing passages as they were before gaining a theme
    extended_to: tuple[tuple[int, ...], ...] = ()  # their themes after, in the same order


def accept(project: Project, chosen: Sequence[Suggestion]) -> Accepted:
    """Tag the suggested sentences, as one action.

    Suggestions for the same sentence become one passage with all their themes; a sentence that
    is already a passage (same span) gains the theme instead of being tagged twice.
    """
    by_span: dict[tuple[int, int, int], list[int]] = {}
    for suggestion in chosen:
        themes = by_span.setdefault((suggestion.source_id, suggestion.start, suggestion.end), [])
        if suggestion.theme_id not in themes:
            themes.append(suggestion.theme_id)
    created: list[Passage] = []
    extended: list[Passage] = []
    extended_to: list[tuple[int, ...]] = []
    with project.transaction():
        existing = {(p.source_id, p.start, p.end): p for p in project.passages()}
        for (source_id, start, end), theme_ids in by_span.items():
            same = existing.get((source_id, start, end))
            if same is None:
                created.append(project.add_passage(source_id, start, end, theme_ids))
            elif set(theme_ids) - set(same.theme_ids):
                extended.append(same)
                after = project.set_passage_themes(same.id, [*same.theme_ids, *theme_ids])
                extended_to.append(after.theme_ids)
    return Accepted(tuple(created), tuple(extended), tuple(extended_to))


def redo_accept(project: Project, accepted: Accepted) -> None:
    """Accept again after an undo: the same passages with the same ids."""
    with project.transaction():
        for passage in accepted.created:
            project.restore_passage(passage)
        for before, after in zip(accepted.extended, accepted.extended_to, strict=True):
            project.set_passage_themes(before.id, after)


def undo_accept(project: Project, accepted: Accepted) -> None:
    with project.transaction():
        project.delete_passages([p.id for p in accepted.created])
        for before in accepted.extended:
            project.set_passage_themes(before.id, before.theme_ids)


def suggest_all(project: Project, *, theme_id: int | None = None) -> list[Suggestion]:
    """Suggestions across every source of a project."""
    themes = project.themes()
    found: list[Suggestion] = []
    for source in project.sources():
        found += suggest(
            source.id,
            project.source_text(source.id),
            themes,
            project.passages(source_id=source.id),
            theme_id=theme_id,
        )
    return found
