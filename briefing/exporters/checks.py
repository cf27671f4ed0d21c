"""Checks on a draft note, for the editor: what to fix before the note goes out.

``check_note`` is pure and never raises; each ``Problem`` carries a one-line message and the
span of the body (code points, end exclusive) to highlight, or -1 when it has no place.
Citations are resolved against the project by ``briefing.core.citations.citation_issues``;
the exporters' ``find_problems`` words the same findings for the export report.

Kinds: ``prompt`` (a template prompt left in brackets), ``summary-length``, ``no-recommendation``,
``empty-section``, ``missing-passage``, ``missing-source``, ``marking`` (a cited source marked
above the note) and ``bad-citation`` (``[@...`` that is not a valid citation).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefing.core.citations import citation_issues, code_ranges, malformed_citations
from briefing.core.model import NoteBundle
from briefing.exporters.pages import LIST_HANG, TEXT_WIDTH, count_lines

logger = logging.getLogger(__name__)

SUMMARY_LINES = 4  # BLUF: "at most four lines" (BRIEFING-NOTES.md)
_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.M)
# A bracketed span that stays within one paragraph and holds no brackets itself.
_BRACKET_RE = re.compile(r"\[([^\[\]\n]*(?:\n(?![ \t]*\n)[^\[\]\n]*)*)\]")
_LINE_PREFIX_RE = re.compile(r"[ \t>]*")
_CITATION_TEXT_RE = re.compile(r"\s*\[@[^\]]*\]")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"[*_`]+|^[ \t]*>[ \t]*", re.M)
_DEFINITION_RE = re.compile(r" {0,3}\[[^\]]+\]:")
_ITEM_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
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


@dataclass(frozen=True)
class _Note:
    """What the checks read: the bundle, its body, the body's code and its sections."""

    bundle: NoteBundle
    body: str
    code: list[tuple[int, int]]
    sections: list[_Section]


def check_note(bundle: NoteBundle) -> list[Problem]:
    """Everything worth fixing in the note, in body order (problems with no place last)."""
    problems: list[Problem] = []
    try:
        body = bundle.note.body if isinstance(bundle.note.body, str) else ""
        code = code_ranges(body)
        note = _Note(bundle, body, code, _sections(body, code))
    except Exception:  # a check must never take the editor down
        logger.exception("could not read the note")
        return []
    checks: tuple[Callable[[_Note], list[Problem]], ...] = (
        _prompts,
        _summary_length,
        _recommendation,
        _empty_sections,
        _citations,
    )
    for check in checks:
        try:
            found = check(note)
        except Exception:
            logger.exception("note check %s failed", check.__name__)
            continue
        # One line each, whatever the titles and citations quoted in them hold.
        problems += [replace(p, message=" ".join(p.message.split())) for p in found]
    return sorted(problems, key=lambda p: (p.start < 0, p.start, p.end))


def _sections(body: str, code: list[tuple[int, int]]) -> list[_Section]:
    found = [
        m
        for m in _HEADING_RE.finditer(body)
        if not any(start <= m.start() < end for start, end in code)
    ]
    sections = []
    for i, match in enumerate(found):
        level = len(match.group(1))
        later = found[i + 1 :]
        end = next((m.start() for m in later if len(m.group(1)) <= level), len(body))
        following = later[0].start() if later else len(body)
        title = (match.group(2) or "").strip().strip("*_").rstrip(":").strip()
        sections.append(_Section(level, title, match.start(), match.end(), end, following))
    return sections


def _prompt_spans(note: _Note, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Bracketed template prompts: not citations, links, footnotes, checkboxes or code."""
    body, spans = note.body, []
    for match in _BRACKET_RE.finditer(body, start, len(body) if end is None else end):
        at, after = match.start(), match.end()
        inside = match.group(1).strip()
        if inside[:1] in ("@", "^") or len(re.findall(r"\w+", inside)) < 2:
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


def _prompts(note: _Note) -> list[Problem]:
    problems = []
    for start, end in _prompt_spans(note):
        text = " ".join(note.body[start:end].split())
        shown = text if len(text) <= 60 else text[:57] + "…]"
        problems.append(
            Problem("prompt", f"Template prompt still in the text: {shown}", start, end)
        )
    return problems


def _plain(markdown: str) -> list[tuple[str, bool]]:
    """The paragraphs and list items of a Markdown fragment as plain text: (text, is item)."""
    text = _CITATION_TEXT_RE.sub("", markdown)  # a footnote mark takes next to no room
    text = _LINK_RE.sub(r"\1", text)
    blocks: list[list[str]] = []  # [text, "item" or ""]
    for block in re.split(r"\n[ \t]*\n", text):
        current: list[str] | None = None
        for line in block.split("\n"):
            if _HEADING_RE.fullmatch(line) or _DEFINITION_RE.match(line):
                current = None  # headings, and footnote or link definitions, are not text
                continue
            item = _ITEM_RE.match(line)
            clean = _MARKUP_RE.sub("", line[item.end() :] if item else line).strip()
            if item or current is None:
                current = [clean, "item" if item else ""]
                blocks.append(current)
            else:
                current[0] = f"{current[0]} {clean}"
    return [(t.strip(), bool(item)) for t, item in blocks if t.strip()]


def _summary_length(note: _Note) -> list[Problem]:
    """The Summary (or BLUF) in lines of the Word export: 11 pt Arial over 16 cm, which is
    about 95 characters of prose; list items are narrower by their indent."""
    problems, body = [], note.body
    for section in note.sections:
        if not _SUMMARY_RE.fullmatch(section.title):
            continue
        content = body[section.heading_end : section.next_heading]
        lines = sum(
            count_lines(text, TEXT_WIDTH - (LIST_HANG if item else 0.0))
            for text, item in _plain(content)
        )
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


def _has_text(note: _Note, start: int, end: int) -> bool:
    """Whether body[start:end] holds anything but prompts, headings, markup and whitespace."""
    kept, pos = [], start
    for s, e in _prompt_spans(note, start, end):
        kept.append(note.body[pos:s])
        pos = e
    kept.append(note.body[pos:end])
    return any(text for text, _item in _plain("".join(kept)))


def _recommendation(note: _Note) -> list[Problem]:
    if note.bundle.note.metadata.purpose.strip().lower() != "decision":
        return []
    found = [s for s in note.sections if _RECOMMENDATION_RE.fullmatch(s.title)]
    if not found:
        message = "A note for decision needs a Recommendation section."
        return [Problem("no-recommendation", message, -1, -1)]
    if any(_has_text(note, s.heading_end, s.end) for s in found):
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


def _citations(note: _Note) -> list[Problem]:
    problems = []
    note_marking = note.bundle.note.metadata.marking.strip().upper() or "UNCLASSIFIED"
    for issue in citation_issues(note.bundle, note.body):
        c, pid = issue.citation, issue.passage_id
        if issue.kind == "missing-passage":
            message = f"{c.raw} cites passage p{pid}, which does not exist."
        elif issue.kind == "missing-source":
            message = f"Passage p{pid} cited here belongs to a source no longer in the project."
        else:
            source = issue.source
            title = " ".join(source.title.split()) if source else ""
            marking = source.marking.strip().upper() if source else ""
            message = f"“{title}” is marked {marking}, above this note's {note_marking}."
        problems.append(Problem(issue.kind, message, c.start, c.end))
    for offset, snippet in malformed_citations(note.body):
        message = f"{snippet} is not a valid citation (write [@p12] or [@p12; @p40])."
        problems.append(Problem("bad-citation", message, offset, offset + len(snippet)))
    return problems


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without the blank lines around it."""
    text = body[start:end]
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())
