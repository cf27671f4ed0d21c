"""Markdown: rendered with Python-Markdown, then read back with the HTML text extractor.

Going through HTML keeps one rule for what a paragraph, a list item or a table row becomes, and
strips every markup character (#, *, _, backticks, link URLs) the way Markdown itself reads them.
Raw HTML inside the Markdown goes through the same extractor, so scripts and styles are dropped.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from itertools import count

import markdown

from briefing.importers.base import ImportedDocument, ImportFailure, Line, build, paragraph_blocks
from briefing.importers.html_doc import extract
from briefing.importers.properties import iso_date, marking_value
from briefing.importers.text import decode_text, normalise, require_text

logger = logging.getLogger(__name__)

_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "footnotes"]
# No "↩" back-links: they would become text in the source.
_EXTENSION_CONFIGS = {"footnotes": {"BACKLINK_TEXT": ""}}
# Footnotes read as in Word imports: "[1]" in the text, "Notes" then "[1] text" at the end.
_FOOTNOTE_REF_RE = re.compile(r'<a class="footnote-ref" href="#fn:[^"]*">(\d+)</a>')
_FOOTNOTE_ITEM_RE = re.compile(r'<li id="fn:[^"]*">\s*<p>')
_BACKREF_RE = re.compile(r'(&#160;)?<a class="footnote-backref"[^>]*></a>')
_NOTES_RE = re.compile(r'<div class="footnote">\s*<hr\s*/?>')
# Python-Markdown is slow on some input and we must never hang. Measured: about 0.35 MB/s on
# ordinary Markdown; within one paragraph every inline match re-copies the rest of it (matches x
# length), each unclosed "[" or "<" scans to the paragraph's end, and deep nesting recurses.
# Past these limits the file is imported as plain text, markup included, with a warning.
MAX_RENDER_CHARS = 2_000_000  # about 6 s
_COPY_BUDGET = 5_000_000_000  # inline markers x paragraph length: about 1 s
_SCAN_BUDGET = 10_000_000  # characters scanned for missing closers: about 3 s
_MAX_PREFIX = 200  # indentation and ">" before a line's text: about 100 levels of nesting
_INLINE_MARKERS = "[<*_`&\\!~"
_TRIGGER_RE = re.compile(r"[\[\]<]")
_PREFIX_RE = re.compile(rf"(?m)^[ \t>]{{{_MAX_PREFIX + 1},}}")
_HEADING_LINE_RE = re.compile(r"(?m)^( {0,3}#{1,6}(?:[ \t][^\n]*)?)\n(?=[^\n])")
_FRONT_MATTER_MAX_LINES = 200  # how far to look for the closing fence


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple ``key: value`` front matter between ``---`` fences, and the body after it.

    Not YAML: nested values and lists are ignored; quotes around a value are removed.
    Without a closing fence the opening ``---`` is left alone (it is then a rule).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES + 1)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if not sep or line[:1].isspace() or not key.strip():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields.setdefault(key.strip().lower(), value)
    return fields, "\n".join(lines[end + 1 :])


def _next(positions: list[int], index: int, end: int) -> int:
    found = bisect_right(positions, index)
    return (positions[found] if found < len(positions) else end) - index


def scan_cost(block: str) -> int:
    """An upper estimate of the characters inline patterns scan for closers in one block."""
    if "[" not in block and "<" not in block:
        return 0
    closing_angles = [i for i, char in enumerate(block) if char == ">"]
    closing_parens = [i for i, char in enumerate(block) if char == ")"]
    opened: list[int] = []
    cost = 0
    for match in _TRIGGER_RE.finditer(block):
        index, char = match.start(), match.group()
        if char == "[":
            opened.append(index)
        elif char == "<":
            cost += _next(closing_angles, index, len(block))
        else:
            cost += index - opened.pop() if opened else 0
            if block.startswith("(", index + 1):  # a link target: scans to its ")"
                cost += _next(closing_parens, index, len(block))
    return cost + sum(len(block) - index for index in opened)


def render_risk(body: str) -> str:
    """Why rendering ``body`` with Python-Markdown could take minutes, or "" if it cannot."""
    if len(body) > MAX_RENDER_CHARS:
        return f"it is over {MAX_RENDER_CHARS:,} characters"
    if _PREFIX_RE.search(body):
        return "it is nested too deeply"
    copy_cost = scan = 0
    for block in body.split("\n\n"):  # coarser than Markdown's own blocks: over-estimates
        copy_cost += len(block) * sum(block.count(marker) for marker in _INLINE_MARKERS)
        scan += scan_cost(block)
        if copy_cost > _COPY_BUDGET or scan > _SCAN_BUDGET:
            return "a paragraph holds too much inline markup or too many unclosed brackets"
    return ""


def markdown_lines(body: str) -> tuple[list[Line], str]:
    """The readable lines of a Markdown body, and its first heading."""
    body = _HEADING_LINE_RE.sub(r"\1\n\n", body)  # same meaning, and linear to parse
    html = markdown.markdown(
        body, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
    )
    if 'class="footnote' in html:
        numbers = count(1)
        html = _FOOTNOTE_REF_RE.sub(r"[\1]", html)
        html = _FOOTNOTE_ITEM_RE.sub(lambda _m: f"<li><p>[{next(numbers)}] ", html)
        html = _NOTES_RE.sub('<p>Notes</p><div class="footnote">', _BACKREF_RE.sub("", html))
    found = extract(html, drop_boilerplate=False, prefer_main=False)
    return found.lines, found.first_heading


def read_markdown(data: bytes, title: str) -> ImportedDocument:
    if not data:
        raise ImportFailure("the file is empty")
    source, warnings = decode_text(data)
    source, more = normalise(source)
    fields, body = split_front_matter(source)
    risk = render_risk(body)
    if risk:
        text, blocks, heading = body, paragraph_blocks(body), ""
        more.append(f"imported as plain text, Markdown markup included: {risk}")
    else:
        try:
            lines, heading = markdown_lines(body)
        except Exception as exc:  # Python-Markdown on pathological input (deep nesting, ...)
            logger.debug("Markdown rendering failed", exc_info=True)
            raise ImportFailure(f"the Markdown could not be read: {type(exc).__name__}") from exc
        text, blocks = build(lines)
    require_text(text, "the file contains no readable text")
    metadata: dict[str, str] = {}
    for key in ("author", "organisation", "organization", "url"):
        if fields.get(key):
            metadata.setdefault(key.replace("organization", "organisation"), fields[key])
    marking = marking_value(fields.get("marking", "") or fields.get("classification", ""))
    if marking:
        metadata["marking"] = marking
    date = iso_date(fields.get("date", ""))
    if date:
        metadata["date"] = date
    return ImportedDocument(
        title=fields.get("title") or heading or title,
        text=text,
        format="md",
        metadata=metadata,
        warnings=warnings + more,
        blocks=blocks,
    )
