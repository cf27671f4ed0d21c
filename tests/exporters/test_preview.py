"""The preview HTML: the note as the Word export shows it, and nothing that can run or load."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from note_fixture import FOOTNOTES, make_bundle

from briefing.exporters import render_preview_html

HOSTILE = """\
# Title <script>alert(1)</script>

<script>alert("x")</script>

<iframe src="https://evil.example/"></iframe>

<img src="https://evil.example/pixel.png" onerror="alert(1)">

![remote](http://evil/x.png) ![local](file:///etc/passwd) ![](data:image/png;base64,AAAA)

[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [tab](java\tscript:alert(1))
[data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [file](file:///etc/passwd)
[rel](notes/other.md) [ok](https://example.org/a?b=1&c=2)
[mail](mailto:a@example.org) [top](#summary)
<javascript:alert(1)> <https://auto.example/> <a href="javascript:alert(1)">raw</a>

[ref]: javascript:alert(1)
[refd][ref] `<script>` &lt;script&gt; &#60;script&#62;

<style>body{background:url(https://evil/)}</style> <object data="x"></object>
"""


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append(name)
            if name == "href":
                self.hrefs.append(value or "")


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


@pytest.fixture
def hostile_html() -> str:
    return render_preview_html(make_bundle(body=HOSTILE))


def test_no_script_no_images_no_sources(hostile_html: str) -> None:
    lowered = hostile_html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<iframe" not in lowered and "<object" not in lowered
    assert "src=" not in lowered
    assert "onerror=" not in lowered
    tags = parse(hostile_html).tags
    assert tags.count("style") == 1  # ours, with fixed content
    assert not {"script", "img", "iframe", "object", "embed", "link", "meta"} & set(tags)


def test_only_safe_links(hostile_html: str) -> None:
    hrefs = parse(hostile_html).hrefs
    assert "https://example.org/a?b=1&c=2" in hrefs
    assert "mailto:a@example.org" in hrefs
    assert "#summary" in hrefs
    assert "https://auto.example/" in hrefs
    for href in hrefs:
        assert re.match(r"(https?://|mailto:|#)", href), href
    lowered = hostile_html.lower()
    assert 'href="javascript' not in lowered and "href=javascript" not in lowered
    assert "vbscript:" not in lowered and 'href="data:' not in lowered


def test_hostile_markup_shows_as_text(hostile_html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert "&lt;iframe" in hostile_html
    for text in ("remote", "local", ">js<", "vb", ">rel<"):
        assert text.strip("<>") in hostile_html


def test_preview_shape() -> None:
    html = render_preview_html(make_bundle())
    marking = html.index("OFFICIAL-SENSITIVE")
    assert marking < html.index("US–EU talks on access to AI models") < html.index("Minister for")
    assert html.index("Minister for") < html.index("<h1>Summary</h1>")
    assert html.count('class="fnref"') == FOOTNOTES
    assert '<a href="#fn-1" id="fnref-1">1</a>' in html
    assert '<li id="fn-1">' in html and '<li id="fn-4">' in html
    assert "[missing passage p99]" in html
    assert "<table" in html and "<blockquote>" in html and "<ol start" not in html


def test_preview_shows_the_brief_as_the_word_file_does() -> None:
    """Issue 14, point 10: the marking, DRAFT, the decision block and the annex."""
    html = render_preview_html(make_bundle())
    marking, draft = html.index("OFFICIAL-SENSITIVE"), html.index(">DRAFT<")
    assert marking < draft < html.index("US–EU talks on access to AI models")
    decision = html.index('<table class="decision"')
    assert html.index("<h1>Recommendation</h1>") < decision < html.index("Annex A: Source")
    block = html[decision : html.index("</table>", decision)]
    assert "agree to support a joint framework;" in block
    assert block.count("Agreed / Not agreed") == 2
    assert "Name: Minister for Digital Affairs" in block and "Comments:" in block
    annex = html[html.index("Annex A: Source passages by theme") :]
    assert "<h2>Sources</h2>" in annex and "<h2>Investment</h2>" in annex
    assert "<em>European compute and capital</em>, p. 3" in annex  # the short form in rows
    final = render_preview_html(make_bundle(status="final"), annex="none")
    assert ">DRAFT<" not in final and "Annex A" not in final
    right = render_preview_html(make_bundle(body="Text.", purpose="information"))
    assert '<table class="decision"' not in right


def test_empty_body() -> None:
    html = render_preview_html(make_bundle(body=""))
    assert "US–EU talks" in html and 'class="footnotes"' not in html


def test_an_image_shows_its_description_in_brackets_as_in_word() -> None:
    html = render_preview_html(make_bundle(body="See ![the *chart*](chart.png) here."))
    assert '<span class="image">[the chart]</span>' in html
