"""Checks on a draft note, for the editor: what to fix before the note goes out.

``check_note`` is pure and never raises; each ``Problem`` carries a one-line message and the
span of the body (code points, end exclusive) to highlight, or -1 when it has no place.
The note is read as every export reads it: its sections are the headings of the CommonMark
block map (``core.commonmark``) outside quotes and lists, a section's length is measured on the
document the Word export draws (``build_document``, laid out by the page meter), and what the
citations lead to comes from that document's findings (``findings.py``), which the exports'
``find_problems`` words for the export report.

Kinds: ``prompt`` (a template prompt left in brackets), ``summary-length``, ``no-recommendation``,
``empty-section``, ``missing-passage``, ``missing-source``, ``marking`` (a cited source marked
above the note), ``bad-citation`` (``[@...`` that cites nothing: malformed, read as a link, in
a link's address), ``code-citation`` (``[@...`` inside code, printed as typed) and
``reading-changed`` (a note written before notes were read as CommonMark reads differently).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

from briefing.core.citations import code_ranges
from briefing.core.commonmark import Block, block_map, line_starts
from briefing.core.model import NoteBundle
from briefing.exporters.document import BriefingDocument, shared_document
from briefing.exporters.pages import text_lines
from briefing.exporters.sources import clean_body

logger = logging.getLogger(__name__)

SUMMARY_LINES = 4  # BLUF: "at most four lines" (BRIEFING-NOTES.md)
# A bracketed span that stays within one paragraph and holds no brackets itself.
_BRACKET_RE = re.compile(r"\[([^\[\]\n]*(?:\n(?![ \t]*\n)[^\[\]\n]*)*)\]")
_LINE_PREFIX_RE = re.compile(r"[ \t>]*")
_SUMMARY_RE = re.compile(r"((executive\s+)?summary|bluf|bottom line up front)(\s*[(/].*)?", re.I)
_RECOMMENDATION_RE = re.compile(r"recommendations?", re.I)


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str  # one line, for the user
    start: int  # span in the note body to highlight, or -1
    end: int


@dataclass(frozen=True)
class _Section:
    level: int
    title: str
    start: int  # of the heading line
    heading_end: int
    end: int  # where the next heading of the same or a higher level starts
    next_heading: int  # where the next heading of any level starts
    blocks: tuple[Element, ...]  # the document's blocks up to the next heading of any level
    all_blocks: tuple[Element, ...]  # ... up to the next heading of the same or a higher level


@dataclass(frozen=True)
class _Note:
    """What the checks read: the bundle, its body, the body's code, its sections, its document."""

    bundle: NoteBundle
    body: str
    code: list[tuple[int, int]]
    sections: list[_Section]
    doc: BriefingDocument


def check_note(bundle: NoteBundle) -> list[Problem]:
    """Everything worth fixing in the note, in body order (problems with no place last)."""
    problems: list[Problem] = []
    try:
        raw = bundle.note.body if isinstance(bundle.note.body, str) else ""
        body = clean_body(raw)
        doc = shared_document(bundle)  # reads the body cleaned, as ``body`` is
        blocks = block_map(body)
        code = sorted(code_ranges(body) + [(b.start, b.end) for b in blocks if b.kind == "code"])
        note = _Note(bundle, body, code, _sections(body, blocks, doc), doc)
    except Exception:  # a check must never take the editor down
        logger.exception("could not read the note")
        return []
    checks: tuple[Callable[[_Note], list[Problem]], ...] = (
        _prompts,
        _summary_length,
        _recommendation,
        _empty_sections,
        _findings,
    )
    for check in checks:
        try:
            found = check(note)
        except Exception:
            logger.exception("note check %s failed", check.__name__)
            continue
        # One line each, whatever the titles and citations quoted in them hold.
        problems += [replace(p, message=" ".join(p.message.split())) for p in found]
    if body != raw:  # spans index the body as stored, control characters and all
        positions = _offsets(raw, body)
        problems = [_in_raw(p, positions) for p in problems]
    return sorted(problems, key=lambda p: (p.start < 0, p.start, p.end))


def find_problems(bundle: NoteBundle) -> list[str]:
    """What an export warns about, one line each ("Line 3: ..."): the document's findings.
    Pure: the window calls it before exporting, and every export returns the same list."""
    return list(shared_document(bundle).problems)


def _offsets(raw: str, body: str) -> list[int]:
    """For each offset of the cleaned body (and its end), the offset in the raw one."""
    positions: list[int] = []
    i = 0
    for ch in body:
        while i < len(raw) and raw[i] != ch and not (ch == "\n" and raw[i] == "\r"):
            i += 1  # a character cleaning removed
        positions.append(i)
        i += 2 if raw.startswith("\r\n", i) and ch == "\n" else 1
    positions.append(len(raw) if i >= len(raw) else i)
    return positions


def _in_raw(problem: Problem, positions: list[int]) -> Problem:
    if problem.start < 0:
        return problem
    return replace(problem, start=positions[problem.start], end=positions[problem.end])


def _sections(body: str, blocks: tuple[Block, ...], doc: BriefingDocument) -> list[_Section]:
    """The headings outside quotes, lists and footnotes, with the document's blocks under each."""
    headings = [b for b in blocks if b.kind == "heading" and b.depth == 0]
    starts = line_starts(body)
    elements = list(doc.body) if len(doc.block_lines) == len(doc.body) else []
    first_lines = [lines[0] for lines in doc.block_lines] if elements else []
    sections = []
    for i, heading in enumerate(headings):
        later = headings[i + 1 :]
        same = next((h for h in later if h.level <= heading.level), None)
        following = later[0] if later else None
        end = same.start if same else len(body)
        next_heading = following.start if following else len(body)
        stop_all = same.start_line if same else len(starts)
        stop = following.start_line if following else len(starts)
        inside = [
            (line, elem)
            for line, elem in zip(first_lines, elements, strict=True)
            if heading.end_line <= line < stop_all
        ]
        title = heading.text.strip().strip("*_").rstrip(":").strip()
        sections.append(
            _Section(
                heading.level,
                title,
                heading.start,
                heading.end,
                end,
                next_heading,
                tuple(elem for line, elem in inside if line < stop),
                tuple(elem for _line, elem in inside),
            )
        )
    return sections


def _prompt_spans(note: _Note) -> list[tuple[int, int]]:
    """Bracketed template prompts: not citations, links, footnotes, checkboxes or code."""
    body, spans = note.body, []
    for match in _BRACKET_RE.finditer(body):
        at, after = match.start(), match.end()
        if not _is_prompt(match.group(1)):
            continue  # citations and footnotes; checkboxes, [sic], [...] and the like
        if body[at - 1 : at] in ("\\", "!", "]") or body[after : after + 1] in ("(", "["):
            continue  # escaped, an image, a link or a reference link
        line_start = body.rfind("\n", 0, at) + 1
        if body[after : after + 1] == ":" and _LINE_PREFIX_RE.fullmatch(body, line_start, at):
            continue  # a link reference definition
        if any(s <= at < e for s, e in note.code):
            continue
        spans.append((at, after))
    return spans


def _is_prompt(inside: str) -> bool:
    """Whether a bracket's text reads as a prompt: words, not a citation or a footnote."""
    inside = inside.strip()
    return inside[:1] not in ("@", "^") and len(re.findall(r"\w+", inside)) >= 2


def _prompts(note: _Note) -> list[Problem]:
    problems = []
    for start, end in _prompt_spans(note):
        text = " ".join(note.body[start:end].split())
        shown = text if len(text) <= 60 else text[:57] + "…]"
        problems.append(
            Problem("prompt", f"Template prompt still in the text: {shown}", start, end)
        )
    return problems


def _summary_length(note: _Note) -> list[Problem]:
    """The Summary (or BLUF) in lines of the Word export, as the page meter lays them out."""
    problems, body = [], note.body
    for section in note.sections:
        if not _SUMMARY_RE.fullmatch(section.title):
            continue
        lines = text_lines(list(section.blocks))
        if lines > SUMMARY_LINES:
            start, end = _trimmed(body, section.heading_end, section.next_heading)
            problems.append(
                Problem(
                    "summary-length",
                    f"{section.title} is {lines} lines; keep it to {SUMMARY_LINES}.",
                    start,
                    end,
                )
            )
    return problems


def _has_text(blocks: tuple[Element, ...]) -> bool:
    """Whether the blocks print anything but headings and template prompts."""
    for block in blocks:
        if block.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            continue
        text = "".join(block.itertext())
        for match in reversed(list(_BRACKET_RE.finditer(text))):
            if _is_prompt(match.group(1)):
                text = text[: match.start()] + text[match.end() :]
        if re.search(r"\w", text):
            return True
    return False


def _recommendation(note: _Note) -> list[Problem]:
    if note.bundle.note.metadata.purpose.strip().lower() != "decision":
        return []
    found = [s for s in note.sections if _RECOMMENDATION_RE.fullmatch(s.title)]
    if not found:
        message = "A note for decision needs a Recommendation section."
        return [Problem("no-recommendation", message, -1, -1)]
    if any(_has_text(s.all_blocks) for s in found):
        return []
    section = found[0]
    message = "The Recommendation is not written yet; say what you recommend."
    return [Problem("no-recommendation", message, section.start, section.heading_end)]


def _empty_sections(note: _Note) -> list[Problem]:
    problems, sections = [], note.sections
    decision = note.bundle.note.metadata.purpose.strip().lower() == "decision"
    for i, section in enumerate(sections):
        nested = i + 1 < len(sections) and sections[i + 1].level > section.level
        if nested or note.body[section.heading_end : section.next_heading].strip():
            continue
        if decision and _RECOMMENDATION_RE.fullmatch(section.title):
            continue  # reported as no-recommendation
        message = (
            f"Section “{section.title}” is empty." if section.title else "A heading has no text."
        )
        problems.append(Problem("empty-section", message, section.start, section.heading_end))
    return problems


def _findings(note: _Note) -> list[Problem]:
    """What the document found about citations and the note's reading (``findings.py``)."""
    return [Problem(f.kind, f.message, f.start, f.end) for f in note.doc.findings]


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without the blank lines around it."""
    text = body[start:end]
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())
