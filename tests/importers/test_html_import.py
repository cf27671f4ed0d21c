"""HTML: readable text only, boilerplate dropped, nothing fetched."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.importers import ImportFailure, read_bytes, read_file

Write = Callable[[str, bytes], Path]

HOSTILE_PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>EU and US  resume &amp; widen AI talks</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-21T09:30:00+02:00">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<style>body { background: url(https://tracker.example.com/bg.png) } .secret {}</style>
<script src="https://tracker.example.com/t.js"></script>
<script>document.write("INJECTED SCRIPT TEXT")</script>
</head>
<body>
<nav><ul><li>Home<li>World<li>Business</ul></nav>
<header><div class="logo">DAILY SITE HEADER</div></header>
<aside>Most read: SIDEBAR STORY</aside>
<article>
<h1>Talks resume</h1>
<p>Negotiators met   in
Brussels&nbsp;on Tuesday.</p>
<img src="https://images.example.com/photo.jpg" alt="PHOTO ALT">
<iframe src="https://ads.example.com/frame">IFRAME FALLBACK</iframe>
<noscript>NOSCRIPT TEXT</noscript>
<svg><text>SVG TEXT</text></svg>
<p>They discussed <a href="javascript:alert(1)">export controls</a> and <b>compute</b>.</p>
<ul><li>First item</li><li>Second item</li></ul>
<table><tr><th>Country</th><th>Position</th></tr><tr><td>France</td><td>Supports</td></tr></table>
<p>Published <time datetime="2024-05-20">yesterday</time>.</p>
<form><button>SUBSCRIBE BUTTON</button><input value="FORM VALUE"></form>
</article>
<footer>FOOTER COPYRIGHT</footer>
</body></html>
"""

EXPECTED = (
    "Talks resume\n"
    "Negotiators met in Brussels\xa0on Tuesday.\n"
    "They discussed export controls and compute.\n"
    "First item\n"
    "Second item\n"
    "Country\tPosition\n"
    "France\tSupports\n"
    "Published yesterday."
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_hostile_page_keeps_only_the_article_text(write: Write, no_network: None) -> None:
    document = read_file(write("page.html", HOSTILE_PAGE.encode("utf-8")))
    assert document.text == EXPECTED
    for junk in ("INJECTED", "background", "Home", "SITE HEADER", "SIDEBAR", "PHOTO ALT",
                 "IFRAME", "NOSCRIPT", "SVG TEXT", "SUBSCRIBE", "FORM VALUE", "FOOTER",
                 "http", "javascript"):  # fmt: skip
        assert junk not in document.text
    assert document.title == "EU and US resume & widen AI talks"
    assert document.format == "html"
    assert document.metadata["author"] == "Jane Reporter"
    assert document.metadata["date"] == "2024-05-21"


def test_without_main_or_article_the_body_is_read_and_nav_dropped(no_network: None) -> None:
    page = b"<body><nav>Menu</nav><div>Para one<div>Nested</div></div><p>Para two</body>"
    document = read_bytes(page, "plain.htm")
    assert document.text == "Para one\nNested\nPara two"
    assert document.title == "plain"  # no <title> nor <h1>: the file stem


def test_title_falls_back_to_first_h1_and_date_to_time_element() -> None:
    page = b"<main><h2>Kicker</h2><h1>The headline</h1><time datetime='2023-11-02T10:00'>x</time>"
    document = read_bytes(page, "x.html")
    assert document.title == "The headline"
    assert document.metadata["date"] == "2023-11-02"


def test_no_blank_line_explosion_and_entities_decoded() -> None:
    page = b"<div>\n\n<p>A &lt;b&gt; &eacute;</p>\n\n\n<br><br><br><p>B&#x1F600;</p>\n\n</div>"
    assert read_bytes(page, "x.html").text == "A <b> é\nB😀"


def test_preformatted_text_keeps_its_indentation() -> None:
    page = b"<p>Code:</p><pre>def f():\n    return 1\n</pre><p>After</p>"
    assert read_bytes(page, "x.html").text == "Code:\ndef f():\n    return 1\nAfter"


def test_unclosed_cells_and_rows_still_give_one_line_per_row() -> None:
    page = b"<table><tr><td>a<td>b<tr><td>c<td>d</table><p>after"
    assert read_bytes(page, "x.html").text == "a\tb\nc\td\nafter"


def test_meta_charset_is_honoured() -> None:
    page = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
    document = read_bytes(page, "ru.html")
    assert document.text == "Привет"
    assert document.warnings == []


def test_latin1_page_without_charset_falls_back_with_a_warning() -> None:
    document = read_bytes("<p>Café</p>".encode("cp1252"), "fr.html")
    assert document.text == "Café"
    assert "cp1252" in document.warnings[0]


def test_page_with_only_scripts_is_refused() -> None:
    with pytest.raises(ImportFailure, match="no readable text"):
        read_bytes(b"<html><head><title>T</title></head><script>x()</script></html>", "s.html")


def test_unclosed_head_does_not_hide_the_body() -> None:
    page = b"<html><head><title>T</title><body><p>Visible body</p>"
    assert read_bytes(page, "x.html").text == "Visible body"


def test_importer_modules_do_not_import_network_code() -> None:
    source = Path(__file__).resolve().parents[2] / "briefing" / "importers"
    for module in source.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for name in ("urllib", "http.client", "socket", "requests"):
            assert f"import {name}" not in text, (module.name, name)
