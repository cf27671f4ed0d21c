"""Full-text search across a project's sources: SQLite FTS5 where it exists, a scan otherwise.

The index narrows the sources (and ranks them); the exact positions of the matches are then
found in those sources' text, so a hit can open its source with the match selected.
"""

from __future__ import annotations

import re
import sqlite3

from briefing.core.model import SearchHit
from briefing.core.store_content import ContentStore

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


class SearchStore(ContentStore):
    def has_search_index(self) -> bool:
        rows = self._query("SELECT 1 FROM sqlite_master WHERE name = 'source_fts'")
        return bool(rows)

    def search(self, query: str, *, max_sources: int = 50, max_hits: int = 500) -> list[SearchHit]:
        """Every place the query's words occur, best-ranked sources first."""
        terms = parse_query(query)
        if not terms:
            return []
        source_ids = self._matching_sources(terms, max_sources)
        pattern = match_pattern(terms)
        hits: list[SearchHit] = []
        for source_id in source_ids:
            rows = self._query("SELECT title, text FROM source WHERE id = ?", (source_id,))
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

    def _matching_sources(self, terms: list[str], limit: int) -> list[int]:
        if self.has_search_index():
            fts_query = " ".join(_fts_term(t) for t in terms)
            try:
                rows = self._query(
                    "SELECT rowid FROM source_fts WHERE source_fts MATCH ?"
                    " ORDER BY bm25(source_fts) LIMIT ?",
                    (fts_query, limit),
                )
                return [int(r["rowid"]) for r in rows]
            except sqlite3.OperationalError:
                pass  # a query FTS5 cannot parse: fall back to the scan
        # The scan: sources containing every term, in import order.
        clauses = " AND ".join("instr(lower(text), ?) > 0" for _ in terms)
        params = [t.rstrip("*").lower() for t in terms]
        rows = self._query(
            f"SELECT id FROM source WHERE {clauses} ORDER BY id LIMIT ?", (*params, limit)
        )
        return [int(r["id"]) for r in rows]


def _fts_term(term: str) -> str:
    """One term as an FTS5 string (quoted, so user text can never be FTS syntax)."""
    prefix = term.endswith("*")
    body = term.rstrip("*").replace('"', '""')
    return f'"{body}"' + ("*" if prefix else "")
