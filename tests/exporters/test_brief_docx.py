"""Issue 14 in the Word file, read back with python-docx and as XML: the header block and
sign-off, the decision block, drafts, house templates, Annex A and the file's structure.
(LibreOffice's reading of the same files: test_brief_external.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from house_templates import DEPARTMENT, FIRST_PAGE, FOOTER_TEXT, placeholder_house
from house_templates import python_docx_house as house_with_logo
from lxml import etree
from note_fixture import make_bundle

from briefing.core.model import Contact, Signoff
from briefing.core.templates import template
from briefing.exporters import export_docx
from briefing.exporters.docx_page import PageOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SIGNED = {
    "through": ("Deputy Minister", "Associate Deputy Minister"),
    "copies_to": ("Chief of Staff",),
    "critical_date": "2025-12-05",
    "critical_reason": "The talks resume on 5 December",
    "contact": Contact("A. Analyst", "+44 20 7946 0000"),
    "prepared_by": Signoff("A. Analyst", "Policy Officer", "2025-03-13"),
    "cleared_by": (Signoff("B. Lead", "Director", "2025-03-14"), Signoff("C. Head", "DG")),
}


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def export(tmp_path: Path, name: str = "n.docx", **kw: object) -> Path:
    bundle_kw = {k: v for k, v in kw.items() if k not in ("annex", "reference_doc", "page")}
    out = tmp_path / name
    options = {k: v for k, v in kw.items() if k in ("annex", "reference_doc", "page")}
    export_docx(make_bundle(**bundle_kw), out, **options)  # type: ignore[arg-type]
    return out


def rows(table: docx.table.Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# 1. metadata -------------------------------------------------------------------------------


def test_header_block_routes_the_note_and_the_sign_off_closes_it(tmp_path: Path) -> None:
    document = docx.Document(str(export(tmp_path, **SIGNED)))
    assert rows(document.tables[0]) == [
        ["To:", "Minister for Digital Affairs"],
        ["Through:", "Deputy Minister; Associate Deputy Minister"],
        ["From:", "Director, Technology Policy"],
        ["Copies to:", "Chief of Staff"],
        ["Date:", "14 March 2025"],
        ["Reference:", "TP-2025-031"],
        ["Purpose:", "For decision"],
        ["Critical date:", "5 December 2025; The talks resume on 5 December"],
    ]
    signoff = next(t for t in document.tables if t.rows[0].cells[0].text == "Contact:")
    assert rows(signoff) == [
        ["Contact:", "A. Analyst, +44 20 7946 0000"],
        ["Prepared by:", "A. Analyst, Policy Officer, 13 March 2025"],
        ["Cleared by:", "B. Lead, Director, 14 March 2025"],
        ["", "C. Head, DG"],
    ]
    body = list(document.element.body)
    annex = next(i for i, el in enumerate(body) if "Annex A" in "".join(el.itertext()))
    assert body.index(signoff._tbl) < annex  # the sign-off ends the note, before the annex


# 2. decision block -------------------------------------------------------------------------


def decision_table(document: docx.document.Document) -> docx.table.Table:
    return next(t for t in document.tables if t.rows[0].cells[-1].text == "Decision")


def test_decision_block_follows_the_recommendations_and_stays_on_one_page(
    tmp_path: Path,
) -> None:
    document = docx.Document(str(export(tmp_path)))
    table = decision_table(document)
    assert rows(table)[:3] == [
        ["", "Recommendation", "Decision"],
        ["1.", "agree to support a joint framework;", "Agreed / Not agreed"],
        ["2.", "ask officials to report back after the white paper.", "Agreed / Not agreed"],
    ]
    texts = [r[0] for r in rows(table)[3:]]
    assert texts[0].startswith("Signature: ___") and rows(table)[3][-1].startswith("Date:")
    assert texts[1:] == ["Name: Minister for Digital Affairs", "Comments:"]
    tbl = table._tbl
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in tbl.iter(f"{W}tr"))
    paragraphs = list(tbl.iter(f"{W}p"))
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in paragraphs[:-1])
    assert paragraphs[-1].find(f"{W}pPr/{W}keepNext") is None  # the comments end the block
    before = tbl.getprevious()
    assert "".join(t.text for t in before.iter(f"{W}t")) == "It is recommended that you:"
    assert before.find(f"{W}pPr/{W}keepNext") is not None  # the lead-in stays with it
    assert "agree to support" not in "\n".join(p.text for p in document.paragraphs)


def test_decision_options_come_from_the_template(tmp_path: Path) -> None:
    body = (
        "## Recommendation\n\n1. Agree to the framework.\n2. Note the timing.\n\n"
        "## Background\n\nText."
    )
    default = docx.Document(str(export(tmp_path, "a.docx", body=body)))
    assert [r[2] for r in rows(decision_table(default))[1:3]] == [
        "Agreed / Not agreed",
        "Noted / Please discuss",
    ]
    bundle = make_bundle(body=body)
    canada = bundle.note.__class__(**{**bundle.note.__dict__, "template": "canada-decision"})
    out = tmp_path / "canada.docx"
    export_docx(bundle.__class__(canada, bundle.sources, bundle.passages, bundle.themes), out)
    assert [r[2] for r in rows(decision_table(docx.Document(str(out))))[1:3]] == [
        "Agree / Disagree",
        "Agree / Disagree",
    ]


def test_a_recommendation_without_numbers_is_answered_as_one(tmp_path: Path) -> None:
    body = "## Recommendation\n\nIt is recommended that you support the framework."
    table = decision_table(docx.Document(str(export(tmp_path, body=body))))
    assert rows(table)[1] == ["", "The recommendation above", "Agreed / Not agreed"]


def test_no_decision_block_for_information(tmp_path: Path) -> None:
    document = docx.Document(str(export(tmp_path, purpose="information")))
    assert not [t for t in document.tables if t.rows[0].cells[-1].text == "Decision"]


# 3. drafts ---------------------------------------------------------------------------------


def header_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).sections[0].header.paragraphs]


def test_a_draft_says_draft_and_a_final_note_does_not(tmp_path: Path) -> None:
    draft = export(tmp_path, "d.docx", page=PageOptions(watermark=True))
    assert header_texts(draft) == ["OFFICIAL-SENSITIVE", "DRAFT"]
    header = part(draft, "word/header1.xml")
    shape = header.find(".//{urn:schemas-microsoft-com:vml}shape")
    assert shape is not None and "rotation:315" in shape.get("style", "")
    textpath = shape.find("{urn:schemas-microsoft-com:vml}textpath")
    assert textpath is not None and textpath.get("string") == "DRAFT"
    final = export(tmp_path, "f.docx", status="final", page=PageOptions(watermark=True))
    assert header_texts(final) == ["OFFICIAL-SENSITIVE"]
    assert b"DRAFT" not in zipfile.ZipFile(final).read("word/header1.xml")


def test_marking_position_and_colour(tmp_path: Path) -> None:
    out = export(tmp_path, page=PageOptions(position="right", colour="C00000"))
    paragraph = docx.Document(str(out)).sections[0].header.paragraphs[0]
    assert paragraph.alignment is not None and paragraph.alignment.name == "RIGHT"
    assert str(paragraph.runs[0].font.color.rgb) == "C00000"
    footer = docx.Document(str(out)).sections[0].footer.paragraphs
    assert footer[0].text == "OFFICIAL-SENSITIVE" and footer[0].alignment.name == "CENTER"


def test_the_templates_marking_position_is_the_default(tmp_path: Path) -> None:
    assert template("canada-decision").settings.marking_position == "right"
    bundle = make_bundle()
    note = bundle.note.__class__(**{**bundle.note.__dict__, "template": "canada-decision"})
    out = tmp_path / "c.docx"
    export_docx(bundle.__class__(note, bundle.sources, bundle.passages, bundle.themes), out)
    paragraph = docx.Document(str(out)).sections[0].header.paragraphs[0]
    assert paragraph.alignment is not None and paragraph.alignment.name == "RIGHT"


# 4. house templates ------------------------------------------------------------------------


def test_a_house_template_keeps_its_logo_name_first_page_and_page_set_up(
    tmp_path: Path,
) -> None:
    house = house_with_logo(tmp_path)
    out = export(tmp_path, reference_doc=house)
    section = docx.Document(str(out)).sections[0]
    assert round(section.page_width.cm, 2) == 21.59 and round(section.left_margin.cm, 1) == 2.0
    header = [p.text for p in section.header.paragraphs]
    assert header[0] == "OFFICIAL-SENSITIVE" and header[1] == "DRAFT"
    assert header[2].strip() == DEPARTMENT
    first = [p.text.strip() for p in section.first_page_header.paragraphs]
    assert first == ["OFFICIAL-SENSITIVE", "DRAFT", FIRST_PAGE]
    for story in (section.header, section.first_page_header):
        assert story._element.findall(f".//{W}drawing"), "the logo is gone"
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == FOOTER_TEXT and footer[1] == "OFFICIAL-SENSITIVE"
    assert footer[2].startswith("TP-2025-031 · Page ")
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


def test_placeholders_are_filled_where_the_template_puts_them(tmp_path: Path) -> None:
    out = export(tmp_path, reference_doc=placeholder_house(tmp_path))
    section = docx.Document(str(out)).sections[0]
    assert [p.text for p in section.header.paragraphs] == [
        f"{DEPARTMENT} | OFFICIAL-SENSITIVE",
        "DRAFT",
    ]
    (footer,) = section.footer.paragraphs
    assert footer.text.startswith("TP-2025-031 — page 1 of 1")
    instructions = [t.text.strip() for t in footer._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    final = export(tmp_path, "f.docx", status="final", reference_doc=placeholder_house(tmp_path))
    assert [p.text for p in docx.Document(str(final)).sections[0].header.paragraphs] == [
        f"{DEPARTMENT} | OFFICIAL-SENSITIVE"  # {draft} on a final note leaves no empty line
    ]


def test_custom_properties_carry_marking_status_reference_purpose(tmp_path: Path) -> None:
    custom = part(export(tmp_path), "docProps/custom.xml")
    values = {p.get("name"): "".join(p.itertext()) for p in custom}
    assert values == {
        "Marking": "OFFICIAL-SENSITIVE",
        "Status": "draft",
        "Reference": "TP-2025-031",
        "Purpose": "For decision",
    }


def test_a_templates_own_custom_properties_are_kept(tmp_path: Path) -> None:
    first = export(tmp_path, "first.docx", status="final")
    again = export(tmp_path, "again.docx", reference_doc=first)  # its properties are there
    values = [(p.get("name"), "".join(p.itertext())) for p in part(again, "docProps/custom.xml")]
    assert sorted(values) == sorted(
        [
            ("Marking", "OFFICIAL-SENSITIVE"),
            ("Status", "draft"),
            ("Reference", "TP-2025-031"),
            ("Purpose", "For decision"),
        ]
    )


# 7. Annex A --------------------------------------------------------------------------------


def test_annex_a_rows_never_split_headers_repeat_tables_are_described(tmp_path: Path) -> None:
    document = docx.Document(str(export(tmp_path, annex="all")))
    annex = [t for t in document.tables if t.rows[0].cells[0].text == "Passage"]
    assert [len(t.rows) - 1 for t in annex] == [3, 3, 1]  # every passage with "all"
    for table in annex:
        trs = list(table._tbl.iter(f"{W}tr"))
        assert trs[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in trs)
        props = table._tbl.find(f"{W}tblPr")
        assert props.find(f"{W}tblCaption").get(f"{W}val").startswith("Passages on ")
        assert "passage" in props.find(f"{W}tblDescription").get(f"{W}val")
    texts = [p.text for p in document.paragraphs]
    sources = texts[texts.index("Sources") + 1 : texts.index("Export controls")]
    assert len(sources) == 2 and sources[1].startswith("European compute and capital: a stock")
    assert annex[2].rows[1].cells[1].text == "European compute and capital, p. 3"


# 8. structure ------------------------------------------------------------------------------


def test_title_and_top_sections_make_the_outline(tmp_path: Path) -> None:
    body = template("decision").body
    document = docx.Document(str(export(tmp_path, body=body)))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "US–EU talks on access to AI models")
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings[:3] == ["Summary", "Issue", "Background"]  # "##" in the template
    settings = part(tmp_path / "n.docx", "word/settings.xml")
    modes = [
        s.get(f"{W}val")
        for s in settings.iter(f"{W}compatSetting")
        if s.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]


def test_right_to_left_paragraphs_are_marked(tmp_path: Path) -> None:
    body = "مرحبا بالعالم [@p1]\n\nEnglish first, then עברית in a run.\n\nPlain English."
    document = part(export(tmp_path, body=body), "word/document.xml")
    paragraphs = {"".join(p.itertext()): p for p in document.iter(f"{W}p") if "".join(p.itertext())}
    arabic = next(p for text, p in paragraphs.items() if text.startswith("مرحبا"))
    assert arabic.find(f"{W}pPr/{W}bidi") is not None
    assert arabic.find(f"{W}r/{W}rPr/{W}rtl") is not None
    mixed = next(p for text, p in paragraphs.items() if text.startswith("English first"))
    assert mixed.find(f"{W}pPr/{W}bidi") is None  # starts left to right
    assert [r.find(f"{W}rPr/{W}rtl") is not None for r in mixed.iter(f"{W}r")] == [True]
    plain = paragraphs["Plain English."]
    assert not list(plain.iter(f"{W}bidi")) and not list(plain.iter(f"{W}rtl"))


def test_a_table_too_wide_for_the_page_is_warned_about_and_narrowed(tmp_path: Path) -> None:
    head = "| " + " | ".join(f"Indicator{n}" for n in range(12)) + " |"
    rule = "|" + "---|" * 12
    cells = "| " + " | ".join("interoperability" for _ in range(12)) + " |"
    out = tmp_path / "wide.docx"
    result = export_docx(make_bundle(body=f"{head}\n{rule}\n{cells}\n"), out)
    (warning,) = [p for p in result.problems if "table" in p]
    assert 'The table beginning "Indicator0" has 12 columns' in warning and "8 pt" in warning
    table = docx.Document(str(out)).tables[1]
    sizes = {
        r.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    }
    assert sizes == {8.0}
    narrow = tmp_path / "narrow.docx"
    result = export_docx(make_bundle(body="| a | b |\n|---|---|\n| c | d |\n"), narrow)
    assert not [p for p in result.problems if "table" in p]
