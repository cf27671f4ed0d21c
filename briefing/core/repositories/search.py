"""Full-text search across a project's sources.

The engine's index narrows the sources and ranks them (``Backend.matching_sources``); the exact
places of the matches are then found here in those sources' text, by the same rules on every
engine, so a hit can open its source with the match selected.
"""

from __future__ import annotations

import re

from briefing.core.database import Database
from briefing.core.model import SearchHit

_WORD = re.compile(r'"[^"]+"|[^\s"]+')
CONTEXT = 50  # characters shown on each side of a match


def parse_query(query: str) -> list[str]:
    """Words and "quoted phrases" of a query; a trailing * keeps its meaning of a prefix."""
    return [t.strip('"') for t in _WORD.findall(query) if t.strip('"').strip("*")]


def match_pattern(terms: list[str]) -> re.Pattern[str]:
    """Where the terms occur in a text: whole-word starts, any case."""
    parts = []
    for term in terms:
        prefix = term.endswith("*")
        words = term.rstrip("*").split()
        body = r"\s+".join(re.escape(w) for w in words)
        parts.append(rf"(?<!\w){body}" + (r"\w*" if prefix else r"(?!\w)"))
    return re.compile("|".join(parts), re.IGNORECASE)


def find_spans(text: str, terms: list[str], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where ``pattern`` matches, in order. A case-insensitive regex over megabytes is slow
    (80 ms for a phrase across 50 reports), so each term's first word is found with
    ``str.find`` in a lower-cased copy and the pattern only confirms at those places."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length in lower case
        return [m.span() for m in pattern.finditer(text)]
    spans: set[tuple[int, int]] = set()
    for term in terms:
        first = term.rstrip("*").split()[0].lower() if term.rstrip("*").split() else ""
        if not first:
            continue
        at = lowered.find(first)
        while at >= 0:
            found = pattern.match(text, at)
            if found is not None:
                spans.add(found.span())
            at = lowered.find(first, at + 1)
    return sorted(spans)


class SearchRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def has_index(self) -> bool:
        return self._db.has_search_index()

    def search(self, query: str, *, max_sources: int = 50, max_hits: int = 500) -> list[SearchHit]:
        terms = parse_query(query)
        if not terms:
            return []
        pattern = match_pattern(terms)
        hits: list[SearchHit] = []
        for source_id in self._db.matching_sources(terms, max_sources):
            rows = self._db.query("SELECT title, text FROM source WHERE id = ?", (source_id,))
            if not rows:
                continue
            title, text = rows[0]["title"], rows[0]["text"]
            for start, end in find_spans(text, terms, pattern):
                hits.append(
                    SearchHit(
                        source_id,
                        title,
                        start,
                        end,
                        text[max(0, start - CONTEXT) : start],
                        text[start:end],
                        text[end : end + CONTEXT],
                    )
                )
                if len(hits) >= max_hits:
                    return hits
        return hits
