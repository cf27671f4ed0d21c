"""Issue 14, point 9: a note exported to Markdown and read back is the same note: its title,
metadata and body, citations included (their passage ids ride in the footnote labels)."""

from __future__ import annotations

import pytest
from note_fixture import make_bundle

from briefing.core.citations import parse_citations
from briefing.core.front_matter import read_note_file
from briefing.core.model import Contact, NoteBundle, Signoff
from briefing.exporters import build_document
from briefing.exporters.markdown_export import render_markdown
from briefing.exporters.markdown_labels import (
    citation_label,
    parse_label,
    restore_citations,
    unique_labels,
)

SIGNED = {
    "through": ("Deputy Minister",),
    "copies_to": ("Chief of Staff", "Press Office"),
    "critical_date": "2025-12-05",
    "critical_reason": "The talks resume on 5 December",
    "contact": Contact("A. Analyst", "+44 20 7946 0000"),
    "prepared_by": Signoff("A. Analyst", "Policy Officer", "2025-03-13"),
    "cleared_by": (Signoff("B. Lead", "Director", "2025-03-14"), Signoff("C. Head", "DG")),
    "page_limit": 3,
    "status": "final",
}


def read_back(bundle: NoteBundle, annex: str = "cited") -> tuple[str | None, object, str]:
    exported = render_markdown(build_document(bundle, annex=annex))
    parsed = read_note_file(exported)
    assert parsed.warnings == ()
    return parsed.title, parsed.metadata(), restore_citations(parsed.body)


@pytest.mark.parametrize("annex", ["cited", "all", "none"])
def test_the_fixture_note_comes_back_the_same(annex: str) -> None:
    bundle = make_bundle(**SIGNED)  # type: ignore[arg-type]
    title, metadata, body = read_back(bundle, annex)
    assert title == bundle.note.title
    assert metadata == bundle.note.metadata
    assert body == bundle.note.body
    cited = [(c.passage_ids, c.locators) for c in parse_citations(body)]
    assert cited == [(c.passage_ids, c.locators) for c in parse_citations(bundle.note.body)]


@pytest.mark.parametrize(
    "body",
    [
        "Said so [@p1]. Then [@p1] again, and [@p2; @p3].\n",
        "Abbreviations stay: the U.S. [@p1] said, e.g. [@p2] more.\n",
        "A locator with odd characters [@p4, pp. 3-4; @p5, § 2_b].\n",
        "[@p1] opens a line, and (in brackets [@p2]).\n",
        "Missing [@p99], and mixed [@p1; @p98].\n",
        "Code `[@p1]` stays, <b>tags</b> stay text.[^n]\n\n[^n]: The author's note.\n",
        "# Annex A: Source passages by theme\n\nThe author's heading of that name [@p1].\n",
    ],
)
def test_bodies_in_pandoc_style_come_back_the_same(body: str) -> None:
    bundle = make_bundle(body=body)
    _title, _metadata, restored = read_back(bundle, annex="none")
    assert restored == body


def test_a_citation_comes_back_in_pandoc_style() -> None:
    """The export drops the space before a mark and moves it past punctuation; read back,
    a citation has one space before it and the punctuation after it."""
    bundle = make_bundle(body="Claim[@p1]. Other claim  [@p2]\n")
    _title, _metadata, restored = read_back(bundle, annex="none")
    assert restored == "Claim [@p1]. Other claim [@p2]\n"


def test_labels_round_trip() -> None:
    label = citation_label([4, 12], ["p. 3", "§ 2_b ü"])
    assert " " not in label and "]" not in label
    assert parse_label(label) == [(4, "p. 3"), (12, "§ 2_b ü")]
    assert unique_labels(["p1", "p1", "p1"], {"p1.2"}) == ["p1", "p1.3", "p1.4"]
    assert parse_label("p1.3") == [(1, "")]


def test_a_file_without_front_matter_is_all_body() -> None:
    parsed = read_note_file("# Heading\n\nText.\n")
    assert parsed.body == "# Heading\n\nText.\n" and parsed.title is None
    assert parsed.metadata() == make_bundle().note.metadata.__class__()
