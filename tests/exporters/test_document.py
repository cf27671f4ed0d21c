"""The structured document built once from a NoteBundle, and the problem checks."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from xml.etree.ElementTree import tostring

from note_fixture import FOOTNOTES, HEADINGS, make_bundle

from briefing.exporters import BriefingDocument, build_document, find_problems
from briefing.exporters.docx_export import render_docx
from briefing.exporters.html_preview import preview_html
from briefing.exporters.markdown_export import render_markdown
from briefing.exporters.sources import page_of


def test_structure_of_the_fixture() -> None:
    doc = build_document(make_bundle())
    assert doc.title == "US–EU talks on access to AI models"
    assert doc.marking == "OFFICIAL-SENSITIVE"
    assert [label for label, _ in doc.metadata] == ["To", "From", "Date", "Reference", "Purpose"]
    assert dict(doc.metadata)["Purpose"] == "For decision"
    headings = [el for el in doc.body.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert ["".join(h.itertext()).strip() for h in headings] == HEADINGS
    assert len(doc.footnotes) == FOOTNOTES
    assert [f.number for f in doc.footnotes] == [1, 2, 3, 4]
    kinds = ["citation" if f.citation else "author" for f in doc.footnotes]
    assert kinds == ["citation", "citation", "author", "citation"]  # in reading order
    # Annex A holds the passages the note cites: p5 is tagged but not cited.
    assert [s.theme for s in doc.annex.sections] == ["Export controls", "Sovereignty", "Investment"]
    assert [[e.passage_id for e in s.entries] for s in doc.annex.sections] == [
        [1, 3],
        [1, 2, 3],
        [4],
    ]
    assert [s.title for s in doc.annex.sources] == [
        "US and EU open talks on access to AI models",
        "European compute and capital: a stocktake",
    ]
    assert all(s.page == "" for s in doc.annex.sources)  # a source is named without a page
    assert doc.themes == ("Export controls", "Sovereignty", "Investment")
    props = doc.properties
    assert props.author == "Director, Technology Policy"
    assert props.keywords == ("Export controls", "Sovereignty", "Investment")


def test_pages_come_from_pdf_offsets() -> None:
    bundle = make_bundle()
    report = bundle.sources[2]
    starts = report.metadata["pages"]
    assert page_of(report, 0) == 1
    assert page_of(report, starts[1] - 1) == 1
    assert page_of(report, starts[1]) == 2
    assert page_of(report, starts[2] + 5) == 3
    assert page_of(bundle.sources[1], 10) is None
    assert page_of(replace(report, metadata={"pages": "junk"}), 3) is None
    assert page_of(replace(report, metadata={"pages": [5, 1]}), 3) is None


def test_locator_overrides_computed_page() -> None:
    doc = build_document(make_bundle(body="See [@p5, para 12] and [@p5]."))
    pages = [f.citation.entries[0].page for f in doc.footnotes if f.citation]
    assert pages == ["para 12", "p. 2"]


def test_annex_choices() -> None:
    assert not build_document(make_bundle(), annex=False).annex
    assert not build_document(make_bundle(), annex="none").annex
    every = build_document(make_bundle(), annex="all").annex
    assert [len(s.entries) for s in every.sections] == [3, 3, 1]  # p5 too
    assert build_document(make_bundle(), annex=True).annex.choice == "cited"


def test_problems() -> None:
    body = "A [@p1] B [@p99; @p2] C [@px] D [@p3;\n\nE \\[@p77] `[@p88]`"
    problems = find_problems(make_bundle(body=body))
    assert len(problems) == 4  # the escaped [@p77] is text the author asked for
    assert problems[0].startswith("Line 1: [@p99; @p2] cites passage p99")
    assert '"[@px]" is not a valid citation' in problems[1]
    assert '"[@p3;"' in problems[2]
    assert problems[3] == "Line 3: [@p88] is inside code, so it prints as typed, not as a footnote."


def test_problems_marking_above_the_note() -> None:
    bundle = make_bundle(body="Quoted [@p4] twice [@p5].", marking="UNCLASSIFIED")
    problems = find_problems(bundle)
    assert problems == [
        'Line 1: passage p4 quotes "European compute and capital: a stocktake", marked OFFICIAL, '
        "above this note's UNCLASSIFIED."
    ]


def test_problems_missing_source() -> None:
    bundle = make_bundle(body="[@p4]")
    bundle = replace(bundle, sources={1: bundle.sources[1]})
    (problem,) = find_problems(bundle)
    assert "belongs to source 2, which is missing" in problem
    doc = build_document(bundle)
    assert doc.footnotes[0].citation is not None
    assert doc.footnotes[0].citation.entries[0].title == "Unknown source 2"


def test_missing_only_citation_makes_no_footnote() -> None:
    doc = build_document(make_bundle(body="Claim [@p99]."))
    assert doc.footnotes == []
    spans = [el for el in doc.body.iter("span") if el.get("class") == "missing"]
    assert [s.text for s in spans] == ["[missing passage p99]"]


def test_citation_mark_follows_punctuation() -> None:
    doc = build_document(make_bundle(body="One [@p1], two [@p2]. Three [@p3]"))
    paragraph = doc.body[0]
    assert paragraph.text == "One,"
    assert [el.tail or "" for el in paragraph] == [" two.", " Three", ""]


def test_citations_in_code_stay_literal() -> None:
    body = "`[@p1]` and\n\n    indented [@p2]\n\n[link](https://x.example/[@p3])"
    doc = build_document(make_bundle(body=body))
    assert doc.footnotes == []
    text = "".join(doc.body.itertext())
    assert "[@p1]" in text and "[@p2]" in text
    link = next(doc.body.iter("a"))
    assert link.get("href") == "https://x.example/[@p3]"


def _snapshot(doc: BriefingDocument) -> list[bytes]:
    """The document's body and footnotes as XML, to see whether a renderer changed them."""
    return [tostring(doc.body), *(tostring(note.content) for note in doc.footnotes)]


def test_rendering_leaves_the_document_unchanged() -> None:
    """The renderers share one document (the GUI renders the preview again and again): none
    may change it, so every rendering of it is the same."""
    doc = build_document(make_bundle())
    before = _snapshot(doc)
    preview = preview_html(doc)
    markdown = render_markdown(doc)
    word = render_docx(doc)
    assert _snapshot(doc) == before
    assert "US and EU open talks on access to AI models" in preview
    assert "[^p1_p2]: *US and EU open talks on access to AI models*" in markdown
    assert preview_html(doc) == preview
    assert render_markdown(doc) == markdown
    with (
        zipfile.ZipFile(io.BytesIO(word)) as first,
        zipfile.ZipFile(io.BytesIO(render_docx(doc))) as second,
    ):
        for part in ("word/document.xml", "word/footnotes.xml"):
            assert first.read(part) == second.read(part), part


def test_too_deep_a_body_is_exported_as_plain_paragraphs() -> None:
    body = "".join("> " * depth + "- item\n" for depth in range(200))
    doc = build_document(make_bundle(body=body))
    assert any("nested too deeply" in problem for problem in doc.problems)
    assert [el.tag for el in doc.body] == ["p"]


def test_one_bundle_is_read_once_for_the_meter_checks_and_preview() -> None:
    from briefing.exporters.document import shared_document

    bundle = make_bundle()
    doc = shared_document(bundle)
    assert shared_document(bundle) is doc
    assert not doc.annex and [e.tag for e in doc.body] == [
        e.tag for e in build_document(bundle, annex=False).body
    ]
    with_annex = shared_document(bundle, "cited")  # the same reading, Annex A added
    assert with_annex.body is doc.body and with_annex.annex
    assert with_annex.annex == build_document(bundle, annex="cited").annex
    typed = replace(bundle, note=replace(bundle.note, body=bundle.note.body + "More."))
    assert shared_document(typed) is not doc
    del bundle.passages[5]  # a bundle changed in place is read again
    assert shared_document(bundle) is not doc
