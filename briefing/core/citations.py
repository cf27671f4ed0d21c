"""Citations in a note body: pandoc's ``[@p12]`` syntax, found by pure functions.

Grammar (a strict subset of pandoc's)::

    citation := "[" item (";" item)* "]"        spaces allowed around items and separators
    item     := "@p" DIGITS ("," LOCATOR)?      LOCATOR: any text but [ ] ; and newlines

``[@p12]``, ``[@p12; @p40]`` and ``[@p12, p. 3]`` are citations, and so is each of two
adjacent ones (``[@p1][@p2]``, ``[@p1] [@p2]``). An escaped ``\\[@p12]`` is text the author
chose to print as typed. Everything else that opens with ``[@`` looks like a citation without
being one, and ``scan_citations`` reports it as a ``LookAlike`` so that it is never printed raw
without a warning: malformed forms (``[@p]``, ``[@px]``, an unclosed ``[@p1;``), Markdown link
syntax that CommonMark reads as a link (``[@p12](url)``, ``[@p12][ref]``, a definition
``[@p12]: url``), and anything inside a code span or a fenced code block, which prints as typed.
``parse_citations`` returns the citations outside code and links, which is what the editor
tints; the exporters also place the ones found in code and learn from the CommonMark reading
whether each really landed in code. Offsets are code points into the body, end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.model import NoteBundle, Source, marking_rank

_ITEM = r"\s*@p(\d{1,18})(?:\s*,\s*([^\[\];\n]*?))?\s*"
_CITATION_RE = re.compile(r"\[(?:" + _ITEM + r";)*" + _ITEM + r"\]")
_ITEM_RE = re.compile(_ITEM + r"(?:;|$)")
_TOKEN_RE = re.compile(r"\\.|`+|\[", re.DOTALL)
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_LINE_PREFIX_RE = re.compile(r"(?:[ \t]*>)*[ \t]{0,3}$")
_QUOTE_PREFIX_RE = re.compile(r"(?:[ \t]*>)*[ \t]*")
_ATX_LINE_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_DEFINITION_LINE_RE = re.compile(r" {0,3}\[[^\]]+\]:")
_OPENING = "[@"


@dataclass(frozen=True)
class Citation:
    """One citation in a note body."""

    start: int
    end: int
    passage_ids: tuple[int, ...]
    raw: str
    locators: tuple[str, ...] = ()  # one per passage id; "" where none was given


@dataclass(frozen=True)
class LookAlike:
    """Text opening with ``[@`` that is not a citation the note prints as a footnote.

    ``kind``: ``malformed`` (not the citation grammar), ``link`` (CommonMark reads it as a link,
    a reference link or a link definition) or ``code`` (malformed, inside code).
    """

    kind: str
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class CitationScan:
    """Everything in a body that is, or looks like, a citation."""

    citations: tuple[Citation, ...]  # outside code and links: footnotes in every export
    in_code: tuple[Citation, ...]  # well-formed, but inside a code span or fenced block
    look_alikes: tuple[LookAlike, ...]


@dataclass(frozen=True)
class _Scan:
    scan: CitationScan
    code: list[tuple[int, int]]
    open_fence: str | None


def parse_citations(body: str) -> list[Citation]:
    """Every citation in ``body``, in order (not those in code, nor link syntax)."""
    return list(_scan(body).scan.citations)


def scan_citations(body: str) -> CitationScan:
    """The citations of ``body``, those inside code, and what only looks like one."""
    return _scan(body).scan


def cited_passage_ids(body: str) -> list[int]:
    """The passage ids cited in ``body``, each once, in order of first appearance."""
    seen: dict[int, None] = {}
    for citation in parse_citations(body):
        for pid in citation.passage_ids:
            seen.setdefault(pid, None)
    return list(seen)


def malformed_citations(body: str) -> list[tuple[int, str]]:
    """``[@...`` openings outside code that are not valid citations: (offset, snippet)."""
    return [(a.start, a.raw) for a in _scan(body).scan.look_alikes if a.kind == "malformed"]


def code_ranges(body: str) -> list[tuple[int, int]]:
    """(start, end) of fenced code blocks and code spans, where Markdown text is literal.

    Read from ``body`` alone: an indented code block needs the lines around it to be told from
    a list's continuation, so it is left to the CommonMark reader (``core.commonmark``).
    """
    return _scan(body).code


def unclosed_fence(body: str) -> str | None:
    """The fence that would close a code block left open at the end of ``body``, if any."""
    return _scan(body).open_fence


def insert_citation(body: str, position: int, passage_ids: Sequence[int]) -> tuple[str, int]:
    """Cite ``passage_ids`` at ``position``: (the new body, where the cursor goes).

    A citation that holds or touches ``position``, or is separated from it by spaces on the
    same line only, gains the passages it does not cite yet (``[@p1]`` becomes ``[@p1; @p2]``,
    locators kept), so citing twice in a row never writes ``[@p1][@p2]``; the one before the
    cursor is preferred. Otherwise ``[@p1; @p2]`` is inserted at ``position``. The cursor goes
    after the citation. Offsets are code points.
    """
    position = max(0, min(position, len(body)))
    wanted = list(dict.fromkeys(passage_ids))
    if not wanted:
        return body, position
    target = _citation_near(body, position)
    if target is None:
        text = "[" + "; ".join(f"@p{pid}" for pid in wanted) + "]"
        return body[:position] + text + body[position:], position + len(text)
    added = [pid for pid in wanted if pid not in target.passage_ids]
    inner = target.raw[1:-1].rstrip()
    text = "[" + "; ".join([inner, *(f"@p{pid}" for pid in added)]) + "]" if added else target.raw
    return body[: target.start] + text + body[target.end :], target.start + len(text)


def _citation_near(body: str, position: int) -> Citation | None:
    """The citation ``insert_citation`` merges with, if any."""
    line_start = body.rfind("\n", 0, position) + 1
    line_end = body.find("\n", position)
    line_end = len(body) if line_end < 0 else line_end
    before = body[line_start:position]
    after = body[position:line_end]
    reach_back = position - (len(before) - len(before.rstrip(" \t")))
    reach_on = position + (len(after) - len(after.lstrip(" \t")))
    found = [c for c in parse_citations(body) if c.start <= reach_on and c.end >= reach_back]
    ending = [c for c in found if c.start < position]
    if ending:
        return ending[-1]  # the one before the cursor
    return found[0] if found else None


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


def _link_end(body: str, start: int, end: int) -> int | None:
    """Where the link ends if ``[...]`` at start..end is CommonMark link syntax, not a citation.

    An inline link ``[@p1](url "title")`` (by markdown-it's own rule), a reference link
    ``[@p1][ref]`` or ``[@p1][]`` (but ``[@p1][@p2]`` is two citations), a link definition
    ``[@p1]: url`` opening a line that a paragraph does not continue.
    """
    following = body[end : end + 1]
    if following == "(":
        return _inline_link_end(body, end)
    if following == "[":
        if body.startswith(_OPENING, end):
            return None
        close = body.find("]", end + 1)
        label_end = close + 1 if close >= 0 and "[" not in body[end + 1 : close] else None
        return label_end
    if following == ":":
        line_start = body.rfind("\n", 0, start) + 1
        if _LINE_PREFIX_RE.match(body, line_start, start) and _opens_block(body, line_start):
            return _definition_end(body, end + 1)
    return None


def _paragraph_end(body: str, pos: int) -> int:
    blank = _BLANK_LINE_RE.search(body, pos)
    return blank.start() if blank else len(body)


def _skip_space(body: str, pos: int, limit: int) -> int:
    while pos < limit and body[pos] in " \t\n":
        pos += 1
    return pos


def _inline_link_end(body: str, paren: int) -> int | None:
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    limit = _paragraph_end(body, paren)
    pos = _skip_space(body, paren + 1, limit)
    if pos >= limit:
        return None
    destination = parseLinkDestination(body, pos, limit)
    if destination.ok:
        pos = start = _skip_space(body, destination.pos, limit)
        title = parseLinkTitle(body, pos, limit)
        if pos < limit and start != destination.pos and title.ok:
            pos = _skip_space(body, title.pos, limit)
    if pos >= limit or body[pos] != ")":
        return None
    return pos + 1


def _opens_block(body: str, line_start: int) -> bool:
    """Whether a paragraph cannot be continuing onto this line (a definition needs that)."""
    if line_start == 0:
        return True
    previous = body[body.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    rest = previous[_QUOTE_PREFIX_RE.match(previous).end() :]  # type: ignore[union-attr]
    return not rest.strip() or bool(_ATX_LINE_RE.match(rest) or _DEFINITION_LINE_RE.match(rest))


def _definition_end(body: str, pos: int) -> int | None:
    """The end of a link definition's destination and title after ``[label]:``, if valid."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    from briefing.core.commonmark import note_parser

    limit = _paragraph_end(body, pos)
    newline = body.find("\n", pos, limit)
    pos = _skip_space(body, pos, limit if newline < 0 else body.find("\n", newline + 1, limit))
    destination = parseLinkDestination(body, pos, limit)
    parser = note_parser()
    if not destination.ok or not parser.validateLink(parser.normalizeLink(destination.str)):
        return None
    end = destination.pos
    line_end = body.find("\n", end, limit)
    line_end = limit if line_end < 0 else line_end
    after = _skip_space(body, end, limit)
    title = parseLinkTitle(body, after, limit)
    if after > end and title.ok:
        title_line_end = body.find("\n", title.pos, limit)
        title_line_end = limit if title_line_end < 0 else title_line_end
        if not body[title.pos : title_line_end].strip(" \t"):
            return title_line_end
    return line_end if not body[end:line_end].strip(" \t") else None


def _make_citation(match: re.Match[str]) -> Citation:
    raw = match.group(0)
    ids: list[int] = []
    locators: list[str] = []
    for item in _ITEM_RE.finditer(raw[1:-1]):
        ids.append(int(item.group(1)))
        locators.append((item.group(2) or "").strip())
    return Citation(match.start(), match.end(), tuple(ids), raw, tuple(locators))


def _snippet(body: str, at: int, limit: int | None = None) -> str:
    snippet = body[at : min(at + 30, len(body) if limit is None else limit)].split("\n", 1)[0]
    return snippet[: snippet.find("]") + 1] or snippet


def _in_code(body: str, start: int, end: int, found: list[Citation], odd: list[LookAlike]) -> None:
    """The citation-like text inside a code span or fenced block."""
    at = body.find(_OPENING, start, end)
    while at >= 0:
        match = _CITATION_RE.match(body, at, end)
        if match:
            found.append(_make_citation(match))
            at = body.find(_OPENING, match.end(), end)
        else:
            snippet = _snippet(body, at, end)
            odd.append(LookAlike("code", at, at + len(snippet), snippet))
            at = body.find(_OPENING, at + 2, end)


def _scan(body: str) -> _Scan:
    fences, open_fence = _fenced_blocks(body)
    code = list(fences)
    citations: list[Citation] = []
    in_code: list[Citation] = []
    odd: list[LookAlike] = []
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
            _in_code(body, next_fence[0], next_fence[1], in_code, odd)
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
                _in_code(body, at, end, in_code, odd)
                pos = end
        else:
            pos = _bracket(body, at, citations, odd)
    code.sort()
    in_code.sort(key=lambda c: c.start)
    odd.sort(key=lambda a: a.start)
    return _Scan(CitationScan(tuple(citations), tuple(in_code), tuple(odd)), code, open_fence)


def _bracket(body: str, at: int, citations: list[Citation], odd: list[LookAlike]) -> int:
    """Read the ``[`` at ``at``; where scanning goes on."""
    match = _CITATION_RE.match(body, at)
    if match is None:
        if body.startswith(_OPENING, at):
            snippet = _snippet(body, at)
            odd.append(LookAlike("malformed", at, at + len(snippet), snippet))
        return at + 1
    link_end = _link_end(body, at, match.end())
    if link_end is None:
        citations.append(_make_citation(match))
        return match.end()
    raw = body[at:link_end].split("\n", 1)[0]
    odd.append(LookAlike("link", at, at + len(raw), raw))
    return match.end()


@dataclass(frozen=True)
class CitationIssue:
    """A cited passage that is missing, whose source is missing, or whose source is marked
    above the note (reported once per source)."""

    kind: str  # "missing-passage", "missing-source" or "marking"
    citation: Citation
    passage_id: int
    source: Source | None = None


def citation_issues(
    bundle: NoteBundle, body: str, citations: Sequence[Citation] | None = None
) -> list[CitationIssue]:
    """The citations of ``body`` that name missing passages or sources, or over-marked sources.

    ``citations``: the ones to look at, when the caller knows better than ``parse_citations``
    which of them the note prints (the exporters leave out those that landed in code)."""
    issues: list[CitationIssue] = []
    note_rank = marking_rank(bundle.note.metadata.marking)
    warned: set[int] = set()
    for citation in parse_citations(body) if citations is None else citations:
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
