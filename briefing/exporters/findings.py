"""What reading a note found to warn about: citations that do not resolve, text that only looks
like a citation, and places a note written before CommonMark now reads differently.

Every ``[@`` of a body ends in one of two places: a citation the exports print (a footnote in
the body, the bracketed source in an author's footnote), or a ``Finding`` here. The findings are
made once per document (``build_document``) from where the CommonMark reading put each citation,
so the Problems panel (``checks.check_note``), the export dialog and the export's warnings
(``checks.find_problems``) and ``briefing check`` list the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.citations import Citation, CitationScan, LookAlike, citation_issues
from briefing.core.commonmark import line_of, line_starts
from briefing.exporters.citation_format import missing_text
from briefing.exporters.text import one_line

if TYPE_CHECKING:
    from briefing.core.model import NoteBundle
    from briefing.exporters.sources import ResolvedCitation

# Kinds (checks.Problem.kind): missing-passage, missing-source, marking, bad-citation (does not
# resolve and is not code), code-citation (inside code: printed as typed), reading-changed.
CITE_HINT = "(write [@p12] or [@p12; @p40])"


@dataclass(frozen=True)
class Finding:
    """One thing to warn about, with its span in the body (-1 when it has none)."""

    kind: str
    message: str  # for the Problems panel: one line, no line number
    start: int
    end: int
    report: str = ""  # for the export's warnings, when worded otherwise (else ``message``)


def report_lines(body: str, findings: list[Finding]) -> list[str]:
    """The findings as the export words them, each with its line number."""
    starts = line_starts(body)
    lines = []
    for finding in findings:
        text = finding.report or finding.message
        lines.append(
            f"Line {line_of(starts, finding.start) + 1}: {text}" if finding.start >= 0 else text
        )
    return lines


def citation_findings(
    bundle: NoteBundle,
    body: str,
    citations: list[ResolvedCitation],
    placement: dict[int, str],
    scan: CitationScan,
) -> list[Finding]:
    """Findings about citations, from where the reading placed each one (``placement``: index
    -> "body", "footnote", "code", "address" or absent when it did not print at all)."""
    findings: list[Finding] = []
    printed = [rc.citation for rc in citations if placement.get(rc.index) in ("body", "footnote")]
    findings += _issues(bundle, body, printed)
    for rc in citations:
        where = placement.get(rc.index)
        if where in ("body", "footnote"):
            continue
        c = rc.citation
        if where == "code":
            message = f"{c.raw} is inside code, so it prints as typed, not as a footnote."
            findings.append(Finding("code-citation", message, c.start, c.end))
        elif where == "address":
            message = f"{c.raw} is inside a link's address, so it is not a citation."
            findings.append(Finding("bad-citation", message, c.start, c.end))
        else:
            message = (
                f"{c.raw} is in a part of the note that does not print (front matter, or a "
                "footnote nothing refers to), so it cites nothing."
            )
            findings.append(Finding("bad-citation", message, c.start, c.end))
    findings += [_look_alike(alike) for alike in scan.look_alikes]
    return sorted(findings, key=lambda f: (f.start, f.end))


def _issues(bundle: NoteBundle, body: str, printed: list[Citation]) -> list[Finding]:
    findings = []
    note_marking = one_line(bundle.note.metadata.marking).upper() or "UNCLASSIFIED"
    for issue in citation_issues(bundle, body, printed):
        c, pid, source = issue.citation, issue.passage_id, issue.source
        if issue.kind == "missing-passage":
            message = f"{c.raw} cites passage p{pid}, which does not exist."
            report = (
                f"{c.raw} cites passage p{pid}, which does not exist; "
                f'the export shows "{missing_text(pid)}".'
            )
        elif issue.kind == "missing-source":
            message = f"Passage p{pid} cited here belongs to a source no longer in the project."
            report = (
                f"passage p{pid} belongs to source {bundle.passages[pid].source_id}, "
                "which is missing from the project."
            )
        else:
            title = one_line(source.title) if source else ""
            marking = one_line(source.marking).upper() if source else ""
            message = f"“{title}” is marked {marking}, above this note's {note_marking}."
            report = (
                f'passage p{pid} quotes "{title}", marked {marking}, above this note\'s '
                f"{note_marking}."
            )
        findings.append(Finding(issue.kind, message, c.start, c.end, report))
    return findings


def _look_alike(alike: LookAlike) -> Finding:
    raw = alike.raw
    if alike.kind == "code":
        message = f"{raw} is inside code, so it prints as typed, not as a footnote."
        return Finding("code-citation", message, alike.start, alike.end)
    if alike.kind == "link":
        after = raw[raw.find("]") + 1 : raw.find("]") + 2]
        if after == ":":
            message = (
                f"{raw} is a link definition, not a citation, and does not print; "
                "put text before the [@ to cite."
            )
        else:
            message = f"{raw} reads as a link, not a citation; put a space after the ] to cite."
        return Finding("bad-citation", message, alike.start, alike.end)
    message = f"{raw} is not a valid citation {CITE_HINT}."
    report = f'"{raw}" is not a valid citation {CITE_HINT}.'
    return Finding("bad-citation", message, alike.start, alike.end, report)
