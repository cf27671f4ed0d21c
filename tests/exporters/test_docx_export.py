"""The Word export read back with python-docx and as raw XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from note_fixture import FOOTNOTES, HEADINGS, make_bundle

from briefing.core.model import Note, NoteBundle
from briefing.exporters import ExportError, export_docx
from briefing.exporters.docx_footnotes import register_part_class

THEMES = ["Export controls", "Sovereignty", "Investment"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "note.docx"
    result = export_docx(make_bundle(), out, author="A. Clerk")
    assert result.path == out
    assert result.footnotes == FOOTNOTES
    assert any("p99" in problem for problem in result.problems)
    return out


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def styles_used(document: docx.document.Document) -> list[str]:
    return [p.style.name for p in document.paragraphs]


def test_reopens_with_expected_styles(exported: Path) -> None:
    document = docx.Document(str(exported))
    used = styles_used(document)
    assert used[0] == "Title"
    assert document.paragraphs[0].text == "US–EU talks on access to AI models"
    for name in ("Heading 1", "Heading 2", "First Paragraph", "Body Text", "Block Text", "Compact"):
        assert name in used, name
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert headings == [*HEADINGS, "Annex A: Source passages by theme", "Sources", *THEMES]
    # First Paragraph straight after a heading, Body Text after that.
    summary = used.index("Heading 1")
    assert used[summary + 1] == "First Paragraph"


def test_header_and_footer_carry_the_marking_and_page_fields(exported: Path) -> None:
    document = docx.Document(str(exported))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL-SENSITIVE", "DRAFT"]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == "OFFICIAL-SENSITIVE"
    assert footer[1].startswith("TP-2025-031 · Page ")  # the reference beside the page
    header_p = section.header.paragraphs[0]
    assert header_p.alignment is not None and header_p.alignment.name == "CENTER"
    assert all(run.bold for run in header_p.runs)
    instructions = [t.text.strip() for t in section.footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_page_setup_is_a4_with_25mm_margins(exported: Path) -> None:
    section = docx.Document(str(exported)).sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.5


def test_metadata_block_under_the_title(exported: Path) -> None:
    document = docx.Document(str(exported))
    metadata = document.tables[0]
    rows = [[c.text for c in row.cells] for row in metadata.rows]
    assert rows == [
        ["To:", "Minister for Digital Affairs"],
        ["From:", "Director, Technology Policy"],
        ["Date:", "14 March 2025"],
        ["Reference:", "TP-2025-031"],
        ["Purpose:", "For decision"],
    ]
    body = document.element.body
    assert body[0].tag == f"{W}p" and body[1].tag == f"{W}tbl"


def test_footnotes_part(exported: Path) -> None:
    register_part_class()
    document = docx.Document(str(exported))
    footnotes = document.part.part_related_by(RT.FOOTNOTES)
    assert footnotes.content_type.endswith("footnotes+xml")
    notes = part(exported, "word/footnotes.xml").findall(f"{W}footnote")
    kinds = [n.get(f"{W}type") for n in notes]
    assert kinds[:2] == ["separator", "continuationSeparator"]
    real = [n for n in notes if n.get(f"{W}type") is None]
    assert len(real) == FOOTNOTES
    texts = ["".join(n.itertext()) for n in real]
    assert "US and EU open talks on access to AI models" in texts[0]
    assert "“European leaders have long said" in texts[0]  # [@p1; @p2]: one note, two quotes
    assert "p. 3" in texts[3] and "compute-stocktake.pdf" in texts[3]
    assert "/home/analyst" not in "".join(texts)
    assert "As reported in the press" in texts[2]  # the author's own [^fn]
    refs = part(exported, "word/document.xml").findall(f".//{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == [n.get(f"{W}id") for n in real]
    for ref in refs:
        style = ref.getparent().find(f"{W}rPr/{W}rStyle")
        assert style is not None and style.get(f"{W}val") == "FootnoteReference"
    settings = part(exported, "word/settings.xml")
    assert [f.get(f"{W}id") for f in settings.findall(f"{W}footnotePr/{W}footnote")] == ["-1", "0"]


def test_missing_passage_is_visible(exported: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(exported)).paragraphs)
    assert "[missing passage p99]" in text


def test_annex_tables(exported: Path) -> None:
    document = docx.Document(str(exported))
    annex = [t for t in document.tables if t.rows[0].cells[0].text == "Passage"]
    assert len(annex) == 3
    assert [c.text for c in annex[0].rows[0].cells] == ["Passage", "Source", "Memo"]
    assert len(annex[0].rows) == 1 + 2  # export controls: the cited p1 and p3, not p5
    assert annex[2].rows[1].cells[2].text == "Figures | unverified <check>"
    assert annex[0].style.name == "Table"
    heading = next(p for p in document.paragraphs if p.text.startswith("Annex A"))
    assert heading.paragraph_format.page_break_before


def test_lists_restart_and_nest(exported: Path) -> None:
    doc = part(exported, "word/document.xml")
    numbering = part(exported, "word/numbering.xml")
    items = []
    for p in doc.iter(f"{W}p"):
        num = p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            items.append(
                (num.find(f"{W}numId").get(f"{W}val"), num.find(f"{W}ilvl").get(f"{W}val"))
            )
    levels = [lvl for _, lvl in items]
    assert levels.count("1") == 2  # the nested bullets
    ordered = {n.get(f"{W}numId"): n for n in numbering.findall(f"{W}num")}
    restarts = [
        n for n in ordered.values() if n.find(f"{W}lvlOverride/{W}startOverride") is not None
    ]
    # "Options considered"; the Recommendation's list is the decision block now
    assert len(restarts) == 1
    assert all(n.find(f".//{W}startOverride").get(f"{W}val") == "1" for n in restarts)


def test_inline_formatting_and_links(exported: Path) -> None:
    doc = part(exported, "word/document.xml")
    runs = doc.iter(f"{W}r")
    bold = ["".join(r.itertext()) for r in runs if r.find(f"{W}rPr/{W}b") is not None]
    assert "access to AI models" in bold
    links = doc.findall(f".//{W}hyperlink")
    texts = ["".join(link.itertext()) for link in links]
    assert texts[0] == "Commission's AI page"
    assert "link" not in texts  # the javascript: one is plain text
    assert set(texts[1:]) == {"https://news.example.com/2025/03/us-eu-ai-talks"}  # the annex
    document = docx.Document(str(exported))
    rid = links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rel = document.part.rels[rid]
    assert rel.is_external
    assert rel.target_ref == "https://digital-strategy.ec.europa.eu/en/policies/ai"
    code = [
        r
        for r in doc.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}rStyle[@{W}val='VerbatimChar']") is not None
    ]
    assert ["".join(r.itertext()) for r in code] == ["white paper"]


def test_core_properties(exported: Path) -> None:
    core = docx.Document(str(exported)).core_properties
    assert core.title == "US–EU talks on access to AI models"
    assert core.author == "Director, Technology Policy"
    assert core.last_modified_by == "A. Clerk"
    assert core.subject == "For decision – TP-2025-031"
    assert core.keywords == "Export controls, Sovereignty, Investment"
    assert core.category == "OFFICIAL-SENSITIVE"


def test_no_annex(tmp_path: Path) -> None:
    out = tmp_path / "short.docx"
    export_docx(make_bundle(), out, annex=False)
    document = docx.Document(str(out))
    # the metadata block, the note's own table, the decision block
    assert len(document.tables) == 3
    assert not [p.text for p in document.paragraphs if "Annex A" in p.text]


def test_xml_illegal_characters_are_removed(tmp_path: Path) -> None:
    nasty = "A\x00B\x0bC\x1f\ufffe\uffffD\ud800E\x7f\x85"
    bundle = make_bundle(body=f"# Head{nasty}\n\nText {nasty} [@p1]", to=nasty)
    out = tmp_path / "nasty.docx"
    export_docx(bundle, out)
    document = docx.Document(str(out))
    assert document.paragraphs[2].text == "HeadABCDE"
    assert document.tables[0].rows[0].cells[1].text == "ABCDE"


def test_house_style_reference_without_our_styles(tmp_path: Path) -> None:
    """A bare Word document as the reference: missing styles and parts are added."""
    house = tmp_path / "house.docx"
    docx.Document().save(str(house))
    out = tmp_path / "styled.docx"
    result = export_docx(make_bundle(), out, reference_doc=house)
    assert result.footnotes == FOOTNOTES
    document = docx.Document(str(out))
    used = set(styles_used(document))
    assert {"First Paragraph", "Compact", "Block Text", "Heading 1"} <= used
    notes = part(out, "word/footnotes.xml").findall(f"{W}footnote")
    assert len(notes) == FOOTNOTES + 2
    assert round(document.sections[0].page_width.inches, 1) == 8.5  # the house page size stays


def test_house_style_with_different_first_page(tmp_path: Path) -> None:
    house = tmp_path / "house.docx"
    template = docx.Document()
    template.sections[0].different_first_page_header_footer = True
    template.save(str(house))
    out = tmp_path / "first.docx"
    export_docx(make_bundle(), out, reference_doc=house)
    section = docx.Document(str(out)).sections[0]
    assert section.first_page_header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.first_page_footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_bad_reference_document(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ExportError, match="reference document"):
        export_docx(make_bundle(), tmp_path / "x.docx", reference_doc=bad)
    assert not (tmp_path / "x.docx").exists()


def test_empty_note(tmp_path: Path) -> None:
    bundle = NoteBundle(Note(1, "", "", "", make_bundle().note.metadata), {}, {}, ())
    out = tmp_path / "empty.docx"
    result = export_docx(bundle, out)
    assert result.footnotes == 0 and result.problems == []
    assert docx.Document(str(out)).paragraphs[0].text == "Untitled note"
