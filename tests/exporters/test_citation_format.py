"""The one citation formatter: its wording, mark placement, and every renderer saying the same."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from note_fixture import make_bundle

from briefing.exporters import build_document, export_docx, render_preview_html
from briefing.exporters.citation_format import (
    CitationFormatter,
    CitedPassage,
    Piece,
    mark_start,
    plain_text,
    punctuation_after_mark,
    short_title,
    source_label,
)
from briefing.exporters.markdown_export import markdown_pieces, render_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def cited(pid: int, title: str = "Report", quote: str = "", **fields: object) -> CitedPassage:
    values: dict[str, object] = {"author": "", "date": "", "page": "", "origin": ""}
    values |= {"origin_url": "", "memo": ""}
    values.update(fields)
    return CitedPassage(passage_id=pid, title=title, quote=quote, **values)  # type: ignore[arg-type]


def test_source_label_links_a_url_and_skips_what_is_unknown() -> None:
    entry = cited(1, author="A. Author", page="p. 3", origin="https://x.example/a")
    label = source_label(
        cited(1, author="A. Author", page="p. 3", origin="x", origin_url="https://x.example")
    )
    assert label[0] == Piece("title", "Report")
    assert label[-1] == Piece("link", "x", "https://x.example")
    assert plain_text(label) == "Report, A. Author, p. 3, x"
    assert plain_text(source_label(entry)) == "Report, A. Author, p. 3, https://x.example/a"
    assert source_label(entry)[-1].kind == "text"  # no origin_url: not a link


def test_footnote_names_a_source_once_for_passages_in_a_row() -> None:
    entries = [cited(1, quote="one"), cited(2, quote="two"), cited(3, "Other", quote="")]
    text = CitationFormatter().footnote(entries)
    assert plain_text(text) == "Report: “one”; “two”; Other."
    assert [p.kind for p in text].count("title") == 2


def test_footnote_ends_on_its_quote_or_a_full_stop() -> None:
    footnote = CitationFormatter().footnote
    assert plain_text(footnote([cited(1, quote="said")])) == "Report: “said”"
    assert plain_text(CitationFormatter().footnote([cited(1, date="2024")])) == "Report, 2024."


def test_inline_form_lists_sources_and_missing_passages_in_brackets() -> None:
    text = CitationFormatter().inline([cited(1, author="B", quote="q"), cited(2, "T")], [99])
    assert plain_text(text) == "(Report, B; T; [missing passage p99])"
    assert all(p.kind in ("punct", "text") for p in text)  # plain: no italics inside a note
    assert plain_text(CitationFormatter().inline([], [7])) == "([missing passage p7])"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [("word [@p1]", 5, 4), ("word \t [@p1]", 7, 4), ("[@p1]", 0, 0), ("word\n[@p1]", 5, 5)],
)
def test_mark_start_drops_spaces_and_tabs_only(text: str, start: int, expected: int) -> None:
    assert mark_start(text, start) == expected


@pytest.mark.parametrize(
    ("after", "moved"),
    [(". Next", "."), ("?!", "?!"), (", and", ","), (" .", ""), (".[link]", ""), ("(x)", "")],
)
def test_the_mark_moves_past_punctuation(after: str, moved: str) -> None:
    assert punctuation_after_mark(after) == moved
    assert punctuation_after_mark("xx" + after, 2) == moved


def test_markdown_escapes_the_projects_words_but_not_ours() -> None:
    pieces = (
        Piece("title", "*Bold* claims"),
        Piece("punct", ", "),
        Piece("text", "1. Author [x]"),
        Piece("punct", ", "),
        Piece("link", "https://x.example/a", "https://x.example/a"),
        Piece("punct", ": "),
        Piece("quote", "<b>hi</b>"),
    )
    assert markdown_pieces(pieces) == (
        "*\\*Bold\\* claims*, 1\\. Author \\[x\\], <https://x.example/a>: “\\<b\\>hi\\</b\\>”"
    )
    spaced = (Piece("link", "https://x.example/a b", "https://x.example/a b"),)
    assert markdown_pieces(spaced) == "https://x.example/a b"  # cannot be an autolink


def _markdown_footnote_texts(markdown: str) -> list[str]:
    rendered = MarkdownIt("commonmark").use(footnote_plugin).render(markdown)
    items = re.findall(r'<li id="fn\d+" class="footnote-item">(.*?)</li>', rendered, re.S)
    return [_text_of(item.replace('<a href="#fnref', "<x ")) for item in items]


def _text_of(fragment: str) -> str:
    fragment = re.sub(r"<x [^>]*>.*?</a>", "", fragment)  # the back-reference arrows
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


BODY = (
    "Claim [@p1; @p2], then [@p4, p. 3].[^a] Missing [@p99].\n\n"
    "[^a]: See [@p3] and [@p5; @p99] for more."
)


def test_word_markdown_and_preview_word_every_citation_alike(tmp_path: Path) -> None:
    bundle = make_bundle(body=BODY)
    out = tmp_path / "note.docx"
    export_docx(bundle, out, annex=False)
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    word = [
        " ".join("".join(n.itertext()).split())
        for n in root.iter(f"{W}footnote")
        if n.get(f"{W}type") is None
    ]
    markdown = _markdown_footnote_texts(render_markdown(build_document(bundle, annex=False)))
    preview_items = re.findall(r'<li id="fn-\d+">(.*?)</li>', render_preview_html(bundle), re.S)
    preview = [_text_of(item.replace('<a href="#fnref', "<x ")) for item in preview_items]
    assert len(word) == 3
    assert "(European compute and capital: a stocktake" in word[2]
    assert word[2].endswith("compute-stocktake.pdf; [missing passage p99]) for more.")
    assert word == preview
    # Markdown numbers the author's note after the citations: compare as sets of texts.
    assert sorted(markdown) == sorted(word)


def test_a_passage_cited_again_is_named_by_short_title_and_page() -> None:
    formatter = CitationFormatter()
    long_title = "European compute and capital: a stocktake"
    first = formatter.footnote([cited(1, long_title, "q", page="p. 3", source_id=2, author="A")])
    again = formatter.footnote(
        [cited(1, long_title, "q", page="p. 3", source_id=2, short_title="European compute")]
    )
    assert plain_text(first) == "European compute and capital: a stocktake, A, p. 3: “q”"
    assert plain_text(again) == "European compute, p. 3."
    assert again[0].kind == "title"  # the short title stays italic


def test_a_new_passage_of_a_named_source_is_quoted_under_its_short_title() -> None:
    formatter = CitationFormatter()
    formatter.footnote([cited(1, "Report on things", "one", source_id=1, short_title="Report")])
    second = formatter.footnote(
        [cited(2, "Report on things", "two", source_id=1, short_title="Report")]
    )
    assert plain_text(second) == "Report: “two”"


def test_sources_sharing_a_short_title_keep_their_full_titles() -> None:
    formatter = CitationFormatter()
    for sid, title in ((1, "Talks: day one"), (2, "Talks: day two")):
        formatter.footnote([cited(sid, title, "q", source_id=sid, short_title="Talks")])
    again = [
        plain_text(formatter.footnote([cited(sid, title, source_id=sid, short_title="Talks")]))
        for sid, title in ((1, "Talks: day one"), (2, "Talks: day two"))
    ]
    assert again == ["Talks.", "Talks: day two."]


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("European compute and capital: a stocktake", "European compute and capital"),
        ("US and EU open talks on access to AI models after dispute", "US and EU open talks"),
        ("Council conclusions – technological sovereignty", "Council conclusions"),
        ("A short title of six words", "A short title of six words"),
        ("Venture funding, 2020-2025", "Venture funding, 2020-2025"),
    ],
)
def test_short_title(title: str, short: str) -> None:
    assert short_title(title) == short


def test_the_sample_note_repeats_no_full_footnote(tmp_path: Path) -> None:
    """Issue 14: the sample's footnotes 1 and 3 cited the same passage in full twice."""
    from briefing.sample import build_sample

    with build_sample(tmp_path / "s.briefing") as project:
        bundle = project.bundle(project.notes()[0].id)
    texts = [plain_text(build_document(bundle).citation_text[i]) for i in range(6)]
    assert len(set(texts)) == len(texts)
    assert texts[2] == "US and EU open talks."  # p1 again: short title, no quote
    assert sum("“" in t for t in texts) == 5  # each of the five other passages quoted once
