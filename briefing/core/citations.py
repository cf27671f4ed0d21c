"""Citations in a note body: pandoc's ``[@p12]`` syntax, found by pure functions.

Grammar (a strict subset of pandoc's)::

    citation := "[" item (";" item)* "]"        spaces allowed around items and separators
    item     := "@p" DIGITS ("," LOCATOR)?      LOCATOR: any text but [ ] ; and newlines

``[@p12]``, ``[@p12; @p40]`` and ``[@p12, p. 3]`` are citations. Not citations: an escaped
``\\[@p12]``, anything inside a code span or a fenced code block, malformed forms (``[@p]``,
``[@px]``, an unclosed ``[@p1;``), prefixed forms (``[see @p12]``), and Markdown links that merely
look like one (``[@p12](url)``, ``[@p12][ref]``, a definition ``[@p12]: url``), as in pandoc.
Offsets are code points into the body, end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.model import NoteBundle, Source, marking_rank

_ITEM = r"\s*@p(\d{1,18})(?:\s*,\s*([^\[\];\n]*?))?\s*"
_CITATION_RE = re.compile(r"\[(?:" + _ITEM + r";)*" + _ITEM + r"\]")
_ITEM_RE = re.compile(_ITEM + r"(?:;|$)")
_TOKEN_RE = re.compile(r"\\.|`+|\[", re.DOTALL)
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_LINE_PREFIX_RE = re.compile(r"(?:[ \t]*>)*[ \t]{0,3}$")


@dataclass(frozen=True)
class Citation:
    """One citation in a note body."""

    start: int
    end: int
    passage_ids: tuple[int, ...]
    raw: str
    locators: tuple[str, ...] = ()  # one per passage id; "" where none was given


@dataclass(frozen=True)
class _Scan:
    citations: list[Citation]
    malformed: list[tuple[int, str]]
    code: list[tuple[int, int]]
    open_fence: str | None


def parse_citations(body: str) -> list[Citation]:
    """Every citation in ``body``, in order."""
    return _scan(body).citations


def cited_passage_ids(body: str) -> list[int]:
    """The passage ids cited in ``body``, each once, in order of first appearance."""
    seen: dict[int, None] = {}
    for citation in parse_citations(body):
        for pid in citation.passage_ids:
            seen.setdefault(pid, None)
    return list(seen)


def malformed_citations(body: str) -> list[tuple[int, str]]:
    """``[@...`` openings that are not valid citations: (offset, snippet), for warnings."""
    return _scan(body).malformed


def code_ranges(body: str) -> list[tuple[int, int]]:
    """(start, end) of fenced code blocks and code spans, where Markdown text is literal."""
    return _scan(body).code


def unclosed_fence(body: str) -> str | None:
    """The fence that would close a code block left open at the end of ``body``, if any."""
    return _scan(body).open_fence


def _fenced_blocks(body: str) -> tuple[list[tuple[int, int]], str | None]:
    """Fenced code blocks by CommonMark's rule: a closing fence of the same char, as long."""
    blocks: list[tuple[int, int]] = []
    fence: str | None = None
    block_start = 0
    offset = 0
    for line in body.split("\n"):
        match = _FENCE_RE.match(line)
        if fence is None:
            # A backtick fence's info string may not hold backticks.
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence, block_start = match.group(1), offset
        elif (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not match.group(2).strip()
        ):
            blocks.append((block_start, offset + len(line)))
            fence = None
        offset += len(line) + 1
    if fence is not None:
        blocks.append((block_start, len(body)))
    return blocks, fence


def _closing_backticks(body: str, start: int, run: int) -> int | None:
    """End of the code span opened by ``run`` backticks ending at ``start``, if it closes."""
    pattern = re.compile(rf"(?<!`)`{{{run}}}(?!`)")
    match = pattern.search(body, start)
    if match is None:
        return None
    if _BLANK_LINE_RE.search(body, start, match.start()):
        return None  # a code span never crosses a paragraph break
    return match.end()


def _is_link(body: str, start: int, end: int) -> bool:
    """Whether ``[...]`` at start..end is Markdown link syntax rather than a citation."""
    following = body[end : end + 1]
    if following in ("(", "["):
        return True
    if following == ":":
        line_start = body.rfind("\n", 0, start) + 1
        return _LINE_PREFIX_RE.match(body, line_start, start) is not None
    return False


def _make_citation(body: str, match: re.Match[str]) -> Citation:
    raw = match.group(0)
    ids: list[int] = []
    locators: list[str] = []
    for item in _ITEM_RE.finditer(raw[1:-1]):
        ids.append(int(item.group(1)))
        locators.append((item.group(2) or "").strip())
    return Citation(match.start(), match.end(), tuple(ids), raw, tuple(locators))


def _scan(body: str) -> _Scan:
    fences, open_fence = _fenced_blocks(body)
    code = list(fences)
    citations: list[Citation] = []
    malformed: list[tuple[int, str]] = []
    fence_iter = iter(fences)
    next_fence = next(fence_iter, None)
    pos = 0
    while True:
        token = _TOKEN_RE.search(body, pos)
        if token is None:
            break
        at = token.start()
        while next_fence is not None and next_fence[1] <= at:
            next_fence = next(fence_iter, None)
        if next_fence is not None and next_fence[0] <= at:
            pos = next_fence[1]
            continue
        text = token.group(0)
        if text[0] == "\\":
            pos = token.end()
        elif text[0] == "`":
            end = _closing_backticks(body, token.end(), len(text))
            if end is None:
                pos = token.end()
            else:
                code.append((at, end))
                pos = end
        else:
            match = _CITATION_RE.match(body, at)
            if match and not _is_link(body, at, match.end()):
                citations.append(_make_citation(body, match))
                pos = match.end()
            else:
                if body.startswith("[@", at) and match is None:
                    snippet = body[at : at + 30].split("\n", 1)[0]
                    snippet = snippet[: snippet.find("]") + 1] or snippet
                    malformed.append((at, snippet))
                pos = at + 1
    code.sort()
    return _Scan(citations, malformed, code, open_fence)


@dataclass(frozen=True)
class CitationIssue:
    """A cited passage that is missing, whose source is missing, or whose source is marked
    above the note (reported once per source)."""

    kind: str  # "missing-passage", "missing-source" or "marking"
    citation: Citation
    passage_id: int
    source: Source | None = None


def citation_issues(bundle: NoteBundle, body: str) -> list[CitationIssue]:
    """The citations of ``body`` that name missing passages or sources, or over-marked sources."""
    issues: list[CitationIssue] = []
    note_rank = marking_rank(bundle.note.metadata.marking)
    warned: set[int] = set()
    for citation in parse_citations(body):
        for pid in citation.passage_ids:
            passage = bundle.passages.get(pid)
            if passage is None:
                issues.append(CitationIssue("missing-passage", citation, pid))
                continue
            source = bundle.sources.get(passage.source_id)
            if source is None:
                issues.append(CitationIssue("missing-source", citation, pid))
            elif marking_rank(source.marking) > note_rank and source.id not in warned:
                warned.add(source.id)  # an empty or unknown marking ranks lowest: never warned
                issues.append(CitationIssue("marking", citation, pid, source))
    return issues
