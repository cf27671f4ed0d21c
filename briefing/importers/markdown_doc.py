"""Markdown: rendered with Python-Markdown, then read back with the HTML text extractor.

Going through HTML keeps one rule for what a paragraph, a list item or a table row becomes, and
strips every markup character (#, *, _, backticks, link URLs) the way Markdown itself reads them.
Raw HTML inside the Markdown goes through the same extractor, so scripts and styles are dropped.
"""

from __future__ import annotations

import logging
import re
from itertools import count

import markdown

from briefing.importers.base import ImportedDocument, ImportFailure
from briefing.importers.html_doc import extract, iso_date
from briefing.importers.text import decode_text, normalise, require_text

logger = logging.getLogger(__name__)

_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "footnotes"]
# No "↩" back-links: they would become text in the source.
_EXTENSION_CONFIGS = {"footnotes": {"BACKLINK_TEXT": ""}}
# Footnotes read as in Word imports: "[1]" in the text, "Notes" then "[1] text" at the end.
_FOOTNOTE_REF_RE = re.compile(r'<a class="footnote-ref" href="#fn:[^"]*">(\d+)</a>')
_FOOTNOTE_ITEM_RE = re.compile(r'<li id="fn:[^"]*">\s*<p>')
_BACKREF_RE = re.compile(r'(&#160;)?<a class="footnote-backref"[^>]*></a>')
_NOTES_RE = re.compile(r'<div class="footnote">\s*<hr\s*/?>')
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


def markdown_lines(body: str) -> tuple[list[str], str]:
    """The readable lines of a Markdown body, and its first heading."""
    html = markdown.markdown(
        body, extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
    )
    if 'class="footnote' in html:
        numbers = count(1)
        html = _FOOTNOTE_REF_RE.sub(r"[\1]", html)
        html = _FOOTNOTE_ITEM_RE.sub(lambda _m: f"<li><p>[{next(numbers)}] ", html)
        html = _NOTES_RE.sub('<div class="footnote"><p>Notes</p>', _BACKREF_RE.sub("", html))
    found = extract(html, drop_boilerplate=False, prefer_main=False)
    return found.lines, found.first_heading


def read_markdown(data: bytes, title: str) -> ImportedDocument:
    if not data:
        raise ImportFailure("the file is empty")
    source, warnings = decode_text(data)
    source, more = normalise(source)
    fields, body = split_front_matter(source)
    try:
        lines, heading = markdown_lines(body)
    except Exception as exc:  # Python-Markdown on pathological input (deep nesting, ...)
        logger.debug("Markdown rendering failed", exc_info=True)
        raise ImportFailure(f"the Markdown could not be read: {type(exc).__name__}") from exc
    text = "\n".join(lines)
    require_text(text, "the file contains no readable text")
    metadata: dict[str, str] = {}
    if fields.get("author"):
        metadata["author"] = fields["author"]
    date = iso_date(fields.get("date", ""))
    if date:
        metadata["date"] = date
    return ImportedDocument(
        title=fields.get("title") or heading or title,
        text=text,
        format="md",
        metadata=metadata,
        warnings=warnings + more,
    )
