"""Issue 12.1: a citation cannot break silently.

For arbitrary notes mixing valid, adjacent, missing and malformed citations (and citations in
code, link syntax and Markdown structure around them), every ``[@`` in the body is either a
citation that prints as a footnote, in the Word file and in the Markdown export, or a listed
problem, in the Problems panel (``check_note``) and in the export's warnings
(``find_problems``). A ``[@`` escaped with a backslash is text the author asked for.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from note_fixture import make_bundle

from briefing.exporters import build_document, export_docx, export_markdown, find_problems
from briefing.exporters.checks import check_note
from briefing.exporters.markdown_export import render_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CITATION_KINDS = {"missing-passage", "missing-source", "bad-citation", "code-citation"}
EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "60"))

VALID = ["[@p1]", "[@p2]", "[@p1; @p3]", "[@p4, p. 3]", "[@p5;@p2]"]
MISSING = ["[@p99]", "[@p98; @p2]", "[@p97, para 2]"]
MALFORMED = ["[@px]", "[@p]", "[@p1;", "[@ p1]", "[@P1]", "[@p1, [x]]", "[@", "[@p1; see @p2]"]
LINKS = ["[@p1](https://x.org)", "[@p2][ref]", "[@p3][]", "\n\n[@p4]: https://x.org\n\n"]
LINKS += ["![@p1](i.png)", '[@p2](<a b> "t")', "[see [@p1]](https://x.org)"]
CODE = ["`[@p1]`", "``x [@p2] y``", "\n\n```\n[@p3]\n```\n\n", "\n\n    [@p4] indented\n\n"]
CODE += ["\n\n~~~\n[@p; x\n~~~\n\n", "`[@px]`"]
TEXT = ["Allies", "talks", "and", ".", ",", "#tag", "**bold**", "*", "_", "[", "]", "(", ")"]
TEXT += ["<b>", "|", "\\", "\\[@p1]", "[^x]", "a\\", "1)"]
STRUCTURE = ["\n- ", "\n  - ", "\n1) ", "\n2. ", "\n> ", "\n## ", "\n\n", "\n", "\n    "]
SEPARATORS = ["", " ", " ", "\n"]

pieces = st.sampled_from(VALID + MISSING + MALFORMED + LINKS + CODE + TEXT + STRUCTURE)
bodies = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=24).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)


def escaped_openings(body: str) -> int:
    """``[@`` preceded by an odd run of backslashes: text the author asked for."""
    return sum(1 for m in re.finditer(r"(\\+)\[@", body) if len(m.group(1)) % 2 == 1)


def word_parts(path: Path) -> tuple[str, int]:
    """The Word file's body text and its footnote references."""
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(t.text or "" for t in document.iter(f"{W}t"))
    return text, len(list(document.iter(f"{W}footnoteReference")))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(bodies)
def test_every_opening_is_a_footnote_or_a_listed_problem(body: str) -> None:
    bundle = make_bundle(body=body, marking="SECRET")  # no marking warnings: only citations
    doc = build_document(bundle, annex=False)
    problems = [p for p in check_note(bundle) if p.kind in CITATION_KINDS]
    footnoted = {doc.citations[i].citation.start for i in doc.body_footnote} | {
        rc.citation.start for rc in doc.citations if doc.placement.get(rc.index) == "footnote"
    }
    for match in re.finditer(r"\[@", body):
        at = match.start()
        if at in footnoted:
            continue
        listed = any(p.start <= at < p.end for p in problems)
        escaped = re.search(r"(?<!\\)(?:\\\\)*\\$", body[:at]) is not None
        assert listed or escaped, (at, body[at : at + 20], problems)
    # The export's warnings list what the Problems panel lists about citations.
    assert len(find_problems(bundle)) >= len(problems)

    # What the files hold: one footnote per footnoted citation, and no "[@" printed that is
    # not a listed problem (or an escaped one the author typed).
    allowance = len(problems) + escaped_openings(body)
    with tempfile.TemporaryDirectory() as folder:
        docx_path = Path(folder) / "note.docx"
        export_docx(bundle, docx_path, annex=False)
        text, references = word_parts(docx_path)
        md_path = Path(folder) / "note.md"
        export_markdown(bundle, md_path, annex=False)
        markdown = md_path.read_text(encoding="utf-8")
    authors = sum(1 for note in doc.footnotes if note.citation is None)
    assert references == len(doc.body_footnote) + authors
    assert text.count("[@") <= allowance
    md_body = render_markdown(doc).split("\n---\n", 1)[1]
    md_text = re.split(r"^\[\^[^\]]+\]:", md_body, maxsplit=1, flags=re.M)[0]
    assert md_text.count("[@") <= allowance
    # Every footnote is defined once in the Markdown and referenced from its text (labels
    # carry the passage ids, ``[^p12]``, so that the file reads back with its citations).
    labels = re.findall(r"^\[\^([^\]]+)\]:", markdown, re.M)
    assert len(labels) == len(set(labels)) == len(doc.body_footnote) + authors
    text_part = re.split(r"^\[\^[^\]]+\]:", markdown, maxsplit=1, flags=re.M)[0]
    assert all(f"[^{label}]" in text_part for label in labels), labels


def test_adjacent_citations_from_the_command_line_example() -> None:
    """The issue's case: ``[@p1][@p2]`` is two footnotes and no warning."""
    bundle = make_bundle(body="Allies worry.[@p1][@p2]\n")
    doc = build_document(bundle, annex=False)
    assert len(doc.footnotes) == 2 and doc.problems == []
    assert "[@" not in "".join(doc.body.itertext())
