"""The .md export: YAML front matter, the author's body with citations as footnotes, the annex.

The body is written as the author typed it, with three changes: each citation becomes a footnote
reference labelled by the passages it cites (``[^p12]``, see ``markdown_labels``: reading the
file back gives the citations again), an HTML-looking ``<`` becomes ``&lt;`` (raw HTML is text
in Briefing, and an unclosed ``<!--`` would swallow the rest of the file), and a code fence left
open is closed. Everything quoted from sources is escaped so it cannot break that structure.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from briefing.core.citations import code_ranges, unclosed_fence
from briefing.core.commonmark import block_map
from briefing.core.front_matter import FRONT_MATTER_KEYS
from briefing.core.model import NoteBundle
from briefing.core.safe_write import write_atomically
from briefing.exporters.annex import ANNEX_TITLE, SOURCES_HEADING, AnnexChoice
from briefing.exporters.citation_format import (
    Text,
    mark_start,
    missing_text,
    punctuation_after_mark,
    quoted,
    source_label,
)
from briefing.exporters.document import BriefingDocument, build_document
from briefing.exporters.markdown_labels import citation_label, unique_labels
from briefing.exporters.result import ExportResult
from briefing.exporters.text import one_line

logger = logging.getLogger(__name__)

_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>&|~^$@#{}!])")
_LEADING_MARKER_RE = re.compile(r"^(\d+)([.)])|^([-+=])")
_HTML_START_RE = re.compile(r"<[A-Za-z/!?]")
_AUTOLINK_RE = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-.]*[A-Za-z0-9])?)>"
)
_NOT_AUTOLINK_RE = re.compile(r"[\s<>]")  # a URL holding these cannot be an autolink
_USED_LABEL_RE = re.compile(r"\[\^([^\]\s]+)\]")
_YAML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ENDS_IN_PUNCTUATION_RE = re.compile(r"[.,;:!?]$")


def export_markdown(
    bundle: NoteBundle,
    out: Path,
    *,
    annex: AnnexChoice | bool = "cited",
    annex_matrix: bool = False,
) -> ExportResult:
    """Write the note as Markdown at ``out`` (atomically); ``annex`` as for the Word export;
    ``annex_matrix`` adds the theme matrix tables to the annex (``matrix_tables``)."""
    doc = build_document(bundle, annex=annex)
    text = render_markdown(doc)
    if annex_matrix:
        from briefing.exporters.matrix_tables import annex_tables, table_markdown

        text += "".join("\n" + table_markdown(table) for table in annex_tables(bundle))
    data = text.encode("utf-8")
    write_atomically(Path(out), lambda handle: handle.write(data))
    logger.info("exported %s (%d footnotes)", out, len(doc.footnotes))
    return ExportResult(path=Path(out), problems=list(doc.problems), footnotes=len(doc.footnotes))


def render_markdown(doc: BriefingDocument) -> str:
    """The whole .md file as text."""
    body, notes = _body(doc)
    parts = [front_matter(doc), body.rstrip("\n") + "\n"]
    if notes:
        parts.append("\n\n".join(notes) + "\n")
    if doc.annex:
        parts.append(_annex(doc))
    return "\n".join(parts)


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that parses back to ``value`` whatever it holds."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def front_matter(doc: BriefingDocument) -> str:
    """The note's title and metadata under the keys of DESIGN.md section 6, in their order:
    strings double-quoted, lists as YAML lists, the contact and people as mappings."""
    values = {"title": doc.fields["title"], **doc.meta.as_dict()}
    lines = ["---"]
    for key in FRONT_MATTER_KEYS:
        lines += _yaml_entry(key, values[key])
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_entry(key: str, value: object) -> list[str]:
    if isinstance(value, bool) or value is None:
        return [f"{key}: {yaml_string(str(value or ''))}"]
    if isinstance(value, int):
        return [f"{key}: {value}"]
    if isinstance(value, dict):
        return [f"{key}:"] + [f"  {k}: {yaml_string(str(v))}" for k, v in value.items()]
    if isinstance(value, list):
        if not value:
            return [f"{key}: []"]
        lines = [f"{key}:"]
        for item in value:
            if isinstance(item, dict):
                pairs = [f"{k}: {yaml_string(str(v))}" for k, v in item.items()]
                lines.append("  - " + pairs[0])
                lines += ["    " + pair for pair in pairs[1:]]
            else:
                lines.append(f"  - {yaml_string(str(item))}")
        return lines
    return [f"{key}: {yaml_string(str(value))}"]


def escape_inline(text: str) -> str:
    """Text that Markdown (CommonMark, pandoc) shows as-is, on one line."""
    escaped = _SPECIAL_RE.sub(r"\\\1", one_line(text))
    return _LEADING_MARKER_RE.sub(lambda m: _escape_marker(m), escaped, count=1)


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + "\\" + match.group(2)
    return "\\" + match.group(3)


def markdown_pieces(pieces: Text) -> str:
    """Citation text (``citation_format``) as Markdown: the project's words escaped, titles in
    italics, a URL as an autolink."""
    out: list[str] = []
    for piece in pieces:
        if piece.kind == "punct":
            out.append(piece.text)
        elif piece.kind == "title":
            title = escape_inline(piece.text)
            out.append(f"*{title}*" if title else "")
        elif piece.kind == "quote":
            out.append(quoted(escape_inline(piece.text)))
        elif piece.kind == "link" and not _NOT_AUTOLINK_RE.search(piece.url):
            out.append(f"<{piece.url}>")
        else:
            out.append(escape_inline(piece.text))
    return "".join(out)


def _missing(pids: tuple[int, ...]) -> str:
    return "".join(" " + escape_inline(missing_text(pid)) for pid in pids)


def _body(doc: BriefingDocument) -> tuple[str, list[str]]:
    """The body with citations replaced, and the footnote definitions to append."""
    body = doc.source_body
    used = set(_USED_LABEL_RE.findall(body))
    order = sorted(doc.body_footnote, key=doc.body_footnote.__getitem__)
    wanted = [
        citation_label(c.passage_ids, c.locators)
        for c in (doc.citations[index].citation for index in order)
    ]
    labels = dict(zip(order, unique_labels(wanted, used), strict=True))
    edits: list[tuple[int, int, str]] = []
    citation_spans: list[tuple[int, int]] = []
    for rc in doc.citations:
        start, end = rc.citation.start, rc.citation.end
        citation_spans.append((start, end))
        place = doc.placement.get(rc.index)
        if place == "body" and rc.index in labels:
            # As in the Word export: no space before the mark, the mark after punctuation;
            # but after punctuation of the author's own ("U.S. [@p1]") the mark keeps its
            # place and a space, so that reading the file back cannot mistake it for moved.
            mark = f"[^{labels[rc.index]}]"
            start = mark_start(body, start)
            # The last two characters are all that ``$`` can see (a final newline aside):
            # searching the whole prefix made the export quadratic in the note's length.
            if _ENDS_IN_PUNCTUATION_RE.search(body[max(0, start - 2) : start]):
                edits.append((start, end, " " + mark + _missing(rc.missing)))
                continue
            punctuation = punctuation_after_mark(body, end)
            end += len(punctuation)
            edits.append((start, end, punctuation + mark + _missing(rc.missing)))
        elif place == "body":
            edits.append((start, end, _missing(rc.missing).strip()))
        elif place == "footnote":
            edits.append((start, end, markdown_pieces(doc.citation_text[rc.index])))
    edits += _html_escapes(body, _code(body) + citation_spans)
    edits.sort()
    out: list[str] = []
    pos = 0
    for start, end, text in edits:
        out.append(body[pos:start])
        out.append(text)
        pos = end
    out.append(body[pos:])
    text = "".join(out)
    fence = unclosed_fence(body)
    if fence:
        text = text.rstrip("\n") + "\n" + fence + "\n"
    notes = [
        f"[^{labels[index]}]: {markdown_pieces(doc.citation_text[index])}"
        for index in sorted(labels, key=labels.__getitem__)
    ]
    return text, notes


def _code(body: str) -> list[tuple[int, int]]:
    """Where the body is code as CommonMark reads it: code spans, fenced and indented blocks."""
    blocks = [(b.start, b.end) for b in block_map(body) if b.kind == "code"]
    return code_ranges(body) + blocks


def _html_escapes(body: str, protected: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``<`` that would open raw HTML, outside code and citations, as ``&lt;``."""
    protected.sort()
    edits: list[tuple[int, int, str]] = []
    index = 0
    for match in _HTML_START_RE.finditer(body):
        at = match.start()
        while index < len(protected) and protected[index][1] <= at:
            index += 1
        if index < len(protected) and protected[index][0] <= at:
            continue
        first = at
        while first > 0 and body[first - 1] == "\\":
            first -= 1
        if (at - first) % 2 or _AUTOLINK_RE.match(body, at):
            continue
        edits.append((at, at + 1, "&lt;"))
    return edits


def _annex(doc: BriefingDocument) -> str:
    """Annex A: the sources named once, then each theme's passages with their short source."""
    lines = [f"# {ANNEX_TITLE}", "", doc.annex.intro, ""]  # ours: nothing to escape
    lines += [f"## {SOURCES_HEADING}", ""]
    lines += [f"-   {markdown_pieces(source_label(source))}" for source in doc.annex.sources]
    lines.append("")
    for section in doc.annex.sections:
        lines += [f"## {escape_inline(section.theme)}", ""]
        for row in section.rows:
            lines += [f"-   {quoted(escape_inline(row.entry.quote))}", ""]
            lines += [f"    Source: {markdown_pieces(row.source)}", ""]
            if row.entry.memo:
                lines += [f"    Memo: {escape_inline(row.entry.memo)}", ""]
    return "\n".join(lines)
