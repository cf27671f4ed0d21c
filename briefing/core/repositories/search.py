"""Full-text search across a project's sources.

The engine's index narrows the sources and ranks them (``Backend.matching_sources``); the exact
places of the matches are then found in those sources' text by ``core.matching.find_matches``,
the rule the find bar uses too, so Search All Sources and Find agree on every engine. A search
for parts of words, which an index of whole words cannot narrow, reads every source in turn.
"""

from __future__ import annotations

from briefing.core.database import Database
from briefing.core.matching import (
    WHOLE_WORDS,
    MatchOptions,
    find_matches,
    index_terms,
    query_words,
)
from briefing.core.model import SearchHit

CONTEXT = 50  # characters shown on each side of a match


class SearchRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def has_index(self) -> bool:
        return self._db.has_search_index()

    def search(
        self,
        query: str,
        *,
        options: MatchOptions = WHOLE_WORDS,
        max_sources: int = 50,
        max_hits: int = 500,
    ) -> list[SearchHit]:
        if not query_words(query):
            return []
        terms = index_terms(query, options)
        if terms is not None:
            candidates = self._db.matching_sources(terms, max_sources)
        else:  # parts of words: every source, in import order, until enough have matched
            candidates = [int(r["id"]) for r in self._db.query("SELECT id FROM source ORDER BY id")]
        hits: list[SearchHit] = []
        sources = 0
        for source_id in candidates:
            rows = self._db.query("SELECT title, text FROM source WHERE id = ?", (source_id,))
            if not rows:
                continue
            title, text = rows[0]["title"], rows[0]["text"]
            spans = find_matches(text, query, options)
            sources += bool(spans)
            if sources > max_sources:
                break
            for start, end in spans:
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
