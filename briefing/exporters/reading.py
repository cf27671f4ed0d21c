"""The reading step of the pipeline: a note body -> its citations and its element tree.

The body is cleaned, every citation (``core.citations.scan_citations``: those in the text and
those inside code) is replaced by a private-use placeholder, and the CommonMark reader
(``note_reader``) builds the tree. ``build_document`` then numbers the placeholders it finds in
the text; those it finds in code or a link's address print as typed, and the findings say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.citations import CitationScan, scan_citations
from briefing.core.model import PYTHON_MARKDOWN, NoteBundle
from briefing.exporters.findings import Finding, citation_findings, report_lines
from briefing.exporters.note_reader import MarkdownTree, markdown_to_tree
from briefing.exporters.reading_changes import reading_changes
from briefing.exporters.sources import ResolvedCitation, clean_body, resolve_citations


@dataclass(frozen=True)
class NoteReading:
    """A body read for one document: cleaned, its citations resolved, its tree."""

    body: str  # cleaned: what every exporter reads, and what offsets index
    scan: CitationScan
    citations: list[ResolvedCitation]  # index i is the placeholder i in the tree
    tree: MarkdownTree
    changes: list[Finding]  # where a note written before CommonMark now reads differently

    def findings(self, bundle: NoteBundle, placement: dict[int, str]) -> list[Finding]:
        """What to warn about, given where each citation landed (index -> body, footnote,
        code, address; absent: nowhere)."""
        found = citation_findings(bundle, self.body, self.citations, placement, self.scan)
        return sorted(found + self.changes, key=lambda f: (f.start, f.end))

    def report(self, findings: list[Finding]) -> list[str]:
        return report_lines(self.body, findings)


def read_body(bundle: NoteBundle) -> NoteReading:
    """Read the note of ``bundle`` (a new tree each time: the document changes it in place)."""
    body = clean_body(bundle.note.body)
    scan = scan_citations(body)
    placed = sorted(scan.citations + scan.in_code, key=lambda c: c.start)
    citations = resolve_citations(bundle, placed)
    parts: list[str] = []
    pos = 0
    shifts: list[tuple[int, int]] = []  # (line of the marked body, lines removed before it)
    line = removed = 0
    for rc in citations:
        parts.append(body[pos : rc.citation.start])
        line += body.count("\n", pos, rc.citation.start)
        parts.append(rc.placeholder)
        pos = rc.citation.end
        if "\n" in rc.citation.raw:  # a citation across lines is one placeholder
            removed += rc.citation.raw.count("\n")
            shifts.append((line + 1, removed))
    parts.append(body[pos:])
    marked = "".join(parts)
    tree = markdown_to_tree(marked)
    if shifts:
        tree.lines = [
            (_unshift(first, shifts), _unshift(last, shifts)) for first, last in tree.lines
        ]
    changes: list[Finding] = []
    if bundle.note.dialect == PYTHON_MARKDOWN:  # read before the tree is numbered
        changes = reading_changes(marked, body, tree)
    return NoteReading(body, scan, citations, tree, changes)


def _unshift(line: int, shifts: list[tuple[int, int]]) -> int:
    """A line of the body with placeholders as a line of the body as typed."""
    removed = 0
    for after, total in shifts:
        if line >= after:
            removed = total
    return line + removed
