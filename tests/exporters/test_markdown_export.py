"""The Markdown export: front matter as YAML, footnotes, annex, escaping; read by CommonMark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from note_fixture import FOOTNOTES, HEADINGS, make_bundle

from briefing.core.model import Contact, Signoff
from briefing.exporters import build_document, export_markdown
from briefing.exporters.markdown_export import escape_inline, render_markdown, yaml_string

ANNEX_TITLE = "Annex A: Source passages by theme"
ANNEX_HEADINGS = [ANNEX_TITLE, "Sources", "Export controls", "Sovereignty", "Investment"]


def front_matter(text: str) -> dict[str, Any]:
    assert text.startswith("---\n")
    block = text[4 : text.index("\n---\n", 4)]
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


def commonmark(text: str) -> dict[str, Any]:
    """Headings, footnote references and definitions, and annex items as CommonMark sees them."""
    md = MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
    tokens = md.parse(text)
    headings: list[str] = []
    refs = defs = annex_items = 0
    in_annex = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[i + 1]
            title = "".join(
                c.content for c in inline.children or [] if c.type in ("text", "code_inline")
            )
            headings.append(title)
            in_annex = in_annex or title == ANNEX_TITLE
        elif token.type == "inline":
            refs += sum(1 for c in token.children or [] if c.type == "footnote_ref")
        elif token.type == "footnote_open":
            defs += 1
        elif token.type == "list_item_open" and in_annex and token.level == 1:
            annex_items += 1
    return {"headings": headings, "refs": refs, "defs": defs, "annex_items": annex_items}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("md") / "note.md"
    result = export_markdown(make_bundle(), out)
    assert result.footnotes == FOOTNOTES
    assert any("p99" in p for p in result.problems)
    return out.read_text(encoding="utf-8")


def test_front_matter(exported: str) -> None:
    assert front_matter(exported) == {
        "title": "US–EU talks on access to AI models",
        "marking": "OFFICIAL-SENSITIVE",
        "to": "Minister for Digital Affairs",
        "from": "Director, Technology Policy",
        "date": "2025-03-14",
        "reference": "TP-2025-031",
        "purpose": "decision",
        "status": "draft",
        "through": [],
        "copies_to": [],
        "page_limit": 2,
        "critical_date": "",
        "critical_reason": "",
        "contact": {"name": "", "phone": ""},
        "prepared_by": {"name": "", "role": "", "date": ""},
        "cleared_by": [],
    }
    keys = [line.split(":")[0] for line in exported.split("\n---\n")[0].splitlines()[1:]]
    assert [k for k in keys if not k.startswith(" ")] == [
        "title",
        "marking",
        "to",
        "from",
        "through",
        "copies_to",
        "date",
        "reference",
        "purpose",
        "status",
        "page_limit",
        "critical_date",
        "critical_reason",
        "contact",
        "prepared_by",
        "cleared_by",
    ]


def test_front_matter_lists_and_people(tmp_path: Path) -> None:
    bundle = make_bundle(
        through=("Deputy Minister", "Associate Deputy Minister"),
        copies_to=("Chief of Staff",),
        critical_date="2025-12-05",
        critical_reason="The talks resume on 5 December",
        contact=Contact("A. Analyst", "+44 20 7946 0000"),
        prepared_by=Signoff("A. Analyst", "Policy Officer", "2025-03-13"),
        cleared_by=(Signoff("B. Lead", "Director", "2025-03-14"), Signoff("C. Head", "DG")),
    )
    out = tmp_path / "n.md"
    export_markdown(bundle, out)
    data = front_matter(out.read_text(encoding="utf-8"))
    assert data["through"] == ["Deputy Minister", "Associate Deputy Minister"]
    assert data["copies_to"] == ["Chief of Staff"]
    assert data["critical_date"] == "2025-12-05"
    assert data["contact"] == {"name": "A. Analyst", "phone": "+44 20 7946 0000"}
    assert data["prepared_by"] == {
        "name": "A. Analyst",
        "role": "Policy Officer",
        "date": "2025-03-13",
    }
    assert data["cleared_by"] == [
        {"name": "B. Lead", "role": "Director", "date": "2025-03-14"},
        {"name": "C. Head", "role": "DG", "date": ""},
    ]


def test_commonmark_sees_headings_footnotes_and_annex(exported: str) -> None:
    seen = commonmark(exported)
    assert seen["headings"] == HEADINGS + ANNEX_HEADINGS
    assert seen["refs"] == seen["defs"] == FOOTNOTES
    # two sources named once; the cited passages: 2 export controls, 3 sovereignty, 1 investment
    assert seen["annex_items"] == 2 + 6


def test_citations_become_footnotes_labelled_by_their_passages(exported: str) -> None:
    assert "investment.[^p1_p2]" in exported  # the mark after the full stop, no space before
    assert "[^p1_p2]: *US and EU open talks on access to AI models*, news.example.com" in exported
    assert (
        "[^p4~p%2E%203]: *European compute and capital: a stocktake*, J. Moreau, "
        "5 November 2024, p. 3" in exported
    )
    assert "compute-stocktake.pdf" in exported and "/home/analyst" not in exported
    assert "\\[missing passage p99\\]" in exported
    assert "[@p" not in exported


def test_source_text_is_escaped(exported: str) -> None:
    line = next(x for x in exported.splitlines() if x.startswith("[^p4"))
    assert "\\<b\\>most\\</b\\>" in line and "\\[\\^1\\]" in line and "\\*not\\*" in line
    md = MarkdownIt("commonmark").use(footnote_plugin)
    html = md.render(exported)
    assert "&lt;b&gt;most&lt;/b&gt;" in html and "<b>most" not in html


def test_no_annex(tmp_path: Path) -> None:
    out = tmp_path / "short.md"
    export_markdown(make_bundle(), out, annex=False)
    seen = commonmark(out.read_text(encoding="utf-8"))
    assert seen["headings"] == HEADINGS


def test_raw_html_in_the_body_stays_text() -> None:
    body = (
        "Para <script>alert(1)</script> and <!-- open comment\n\n`<code>` and <https://ok.example>"
    )
    text = render_markdown(build_document(make_bundle(body=body), annex="all"))
    assert "&lt;script>alert(1)&lt;/script>" in text
    assert "&lt;!-- open comment" in text
    assert "`<code>`" in text and "<https://ok.example>" in text
    html = MarkdownIt("commonmark").render(text)
    assert "<script>" not in html and ANNEX_TITLE in html


def test_code_blocks_keep_their_angle_brackets() -> None:
    """Code as CommonMark reads it (indented in a list item too) is written as typed."""
    body = "- item\n\n      <b>code</b>\n\n```\n<i>fenced</i>\n```\n\nText <b>x</b>\n"
    text = render_markdown(build_document(make_bundle(body=body)))
    assert "      <b>code</b>\n" in text and "<i>fenced</i>" in text
    assert "Text &lt;b>x&lt;/b>" in text
    html = MarkdownIt("commonmark").render(text)
    assert "<code>&lt;b&gt;code&lt;/b&gt;\n</code>" in html


def test_unclosed_fence_is_closed_before_the_annex() -> None:
    text = render_markdown(build_document(make_bundle(body="```\ncode [@p1]\n"), annex="all"))
    seen = commonmark(text)
    assert seen["headings"][0] == ANNEX_TITLE


def test_author_footnote_labels_are_not_reused() -> None:
    body = "A claim [@p1] and a note.[^p1]\n\n[^p1]: The author's own note."
    text = render_markdown(build_document(make_bundle(body=body)))
    assert "claim[^p1.2] and" in text
    seen = commonmark(text)
    assert seen["refs"] == seen["defs"] == 2


def test_citation_in_an_author_footnote_is_inline() -> None:
    body = "Text.[^a]\n\n[^a]: See [@p3] for more."
    text = render_markdown(build_document(make_bundle(body=body)))
    assert "[^a]: See (US and EU open talks on access to AI models, news.example.com" in text


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'with "quotes" and \\ backslash',
        "multi\nline",
        "tab\there",
        "#comment: yes",
        "- dash",
        "@at",
        "null",
        "123",
        "yes",
        "ü 😀 עברית",
        "\u2028sep\u0085",
    ],
)
def test_yaml_string_round_trips(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_string(value)}") == {"key": value}


def test_escape_inline_shows_text_as_is() -> None:
    hostile = "*a* _b_ `c` [d](e) <f> &amp; #g ![h] ~i~ ^j^ $k$ @l \\m | n"
    html = MarkdownIt("commonmark").render(escape_inline(hostile))
    assert html == "<p>*a* _b_ `c` [d](e) &lt;f&gt; &amp;amp; #g ![h] ~i~ ^j^ $k$ @l \\m | n</p>\n"
    assert escape_inline("1. not a list") == "1\\. not a list"
    assert escape_inline("- not a list") == "\\- not a list"
