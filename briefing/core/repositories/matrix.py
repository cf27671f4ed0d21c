"""The theme matrix's counts: a few grouped queries, so that no caller walks every passage.

Passages per source and theme, per theme, and in all; passages carrying two themes; and pairs
of overlapping passages by their themes. The overlap query finds each pair once from the
passage that starts first (ties by id), through the ``passage(source_id, start)`` index: each
passage looks only at the passages starting inside it.
"""

from __future__ import annotations

from briefing.core.database import Database
from briefing.core.matrix import MatrixSource, ThemeMatrix, ThemeOverlaps
from briefing.core.model import Theme

_SMALLER = "CASE WHEN ta.theme_id < tb.theme_id THEN ta.theme_id ELSE tb.theme_id END"
_LARGER = "CASE WHEN ta.theme_id < tb.theme_id THEN tb.theme_id ELSE ta.theme_id END"


class MatrixRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def matrix(self, themes: list[Theme]) -> ThemeMatrix:
        """Sources down (in id order), ``themes`` across."""
        cells = self._db.query(
            "SELECT p.source_id AS source_id, pt.theme_id AS theme_id, count(*) AS n"
            " FROM passage p JOIN passage_theme pt ON pt.passage_id = p.id"
            " GROUP BY p.source_id, pt.theme_id"
        )
        sources = self._db.query(
            "SELECT s.id AS id, s.title AS title, count(p.id) AS n FROM source s"
            " LEFT JOIN passage p ON p.source_id = s.id GROUP BY s.id, s.title ORDER BY s.id"
        )
        counts = {(int(r["source_id"]), int(r["theme_id"])): int(r["n"]) for r in cells}
        per_theme: dict[int, int] = {}
        for (_source, theme), n in counts.items():
            per_theme[theme] = per_theme.get(theme, 0) + n
        return ThemeMatrix(
            sources=tuple(
                MatrixSource(int(r["id"]), str(r["title"]), int(r["n"])) for r in sources
            ),
            themes=tuple(themes),
            counts=counts,
            theme_totals=per_theme,
            total=sum(int(r["n"]) for r in sources),
        )

    def overlaps(self, themes: list[Theme]) -> ThemeOverlaps:
        both = {
            (int(r["a"]), int(r["b"])): int(r["n"])
            for r in self._db.query(
                "SELECT ta.theme_id AS a, tb.theme_id AS b, count(*) AS n"
                " FROM passage_theme ta JOIN passage_theme tb"
                " ON tb.passage_id = ta.passage_id AND ta.theme_id < tb.theme_id"
                " GROUP BY ta.theme_id, tb.theme_id"
            )
        }
        for r in self._db.query(
            "SELECT theme_id, count(*) AS n FROM passage_theme GROUP BY theme_id"
        ):
            both[(int(r["theme_id"]), int(r["theme_id"]))] = int(r["n"])
        overlapping = {
            (int(r["a"]), int(r["b"])): int(r["n"])
            for r in self._db.query(
                "SELECT a, b, count(*) AS n FROM ("
                f" SELECT DISTINCT p.id AS pid, q.id AS qid, {_SMALLER} AS a, {_LARGER} AS b"
                " FROM passage p JOIN passage q ON q.source_id = p.source_id"
                ' AND q.start >= p.start AND q.start < p."end"'
                " AND (q.start > p.start OR q.id > p.id)"
                " JOIN passage_theme ta ON ta.passage_id = p.id"
                " JOIN passage_theme tb ON tb.passage_id = q.id"
                ") pairs GROUP BY a, b"
            )
        }
        return ThemeOverlaps(tuple(themes), both, overlapping)
