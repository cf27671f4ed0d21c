"""Where a citation goes in the note body: next to an existing citation it joins that group
(``[@p1]`` then p2 gives ``[@p1; @p2]``, never ``[@p1][@p2]``); elsewhere it is a new group.

``insert_citation(body, position, passage_ids) -> (body, caret)`` is pure, with code-point
offsets. The reading work adds it to ``briefing.core.citations``; until that lands this module
carries a fallback with the same contract, and uses the core's as soon as it is there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.core import citations
from briefing.core.citations import parse_citations

Inserter = Callable[[str, int, Sequence[int]], tuple[str, int]]


def _insert_citation(body: str, position: int, passage_ids: Sequence[int]) -> tuple[str, int]:
    """The body with the passages cited at ``position`` (a code point), and where the caret
    goes after the citation. A citation touching ``position`` (or only spaces away on the
    same line, or around it) takes the new ids into its group; ids it has are not repeated."""
    wanted = list(dict.fromkeys(passage_ids))
    for citation in parse_citations(body):
        before = body[citation.end : position] if citation.end <= position else None
        after = body[position : citation.start] if position <= citation.start else None
        touching = citation.start <= position <= citation.end
        if not (touching or _spaces(before) or _spaces(after)):
            continue
        new = [pid for pid in wanted if pid not in citation.passage_ids]
        if not new:
            return body, citation.end
        group = citation.raw[:-1].rstrip() + "".join(f"; @p{pid}" for pid in new) + "]"
        return body[: citation.start] + group + body[citation.end :], citation.start + len(group)
    group = "[" + "; ".join(f"@p{pid}" for pid in wanted) + "]"
    return body[:position] + group + body[position:], position + len(group)


def _spaces(text: str | None) -> bool:
    return text is not None and text.strip(" \t") == ""


insert_citation: Inserter = getattr(citations, "insert_citation", _insert_citation)
