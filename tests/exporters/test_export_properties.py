"""Property tests: arbitrary Unicode never crashes an export, and its output stays readable."""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from note_fixture import make_bundle

from briefing.core.model import NoteBundle, Signoff
from briefing.exporters import export_docx, export_markdown, render_preview_html
from briefing.exporters.text import one_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TOKENS = [
    "\x00",
    "\x07",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ue000",
    "\ue0011\ue001",
    "😀",
    "𠀀",
    "עברית",
    "مرحبا",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "\n\n",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    '"',
    "'",
    "\\",
    "<script>",
    "</p>",
    "<!--",
    "]]>",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "# ",
    "> ",
    "- ",
    "1. ",
    "2) ",
    "| a | b |\n|---|---|\n",
    "---",
    "===",
    "[^1]",
    "[^1]: x",
    "[@p1]",
    "[@p2; @p3]",
    "[@p4, p. 2]",
    "[@p99]",
    "[@p",
    "\\[@p1]",
    "[x](javascript:1)",
    "![i](http://e/x.png)",
    "<http://a.b>",
    "$x$",
    "^",
    "~",
    "@",
    "{#id}",
    ":",
    "\x02",
    "\x03",
]
text = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(TOKENS)), max_size=25).map("".join)
short = st.lists(st.one_of(st.text(max_size=4), st.sampled_from(TOKENS)), max_size=6).map("".join)


def hostile_bundle(
    body: str, title: str, meta: list[str], quotes: list[str], source_title: str, pages: object
) -> NoteBundle:
    bundle = make_bundle(
        body=body,
        marking=meta[0],
        to=meta[1],
        sender=meta[2],
        date=meta[3],
        reference=meta[4],
        purpose=meta[5],
        status=meta[6],
        through=(meta[1], meta[2]),
        cleared_by=(Signoff(meta[2], meta[3], meta[4]),),
    )
    passages = {
        pid: replace(p, text=quotes[i % len(quotes)], memo=quotes[(i + 1) % len(quotes)])
        for i, (pid, p) in enumerate(bundle.passages.items())
    }
    sources = {
        sid: replace(
            s, title=source_title, author=quotes[0], origin=quotes[-1], metadata={"pages": pages}
        )
        for sid, s in bundle.sources.items()
    }
    themes = tuple(replace(t, name=quotes[i % len(quotes)]) for i, t in enumerate(bundle.themes))
    return replace(
        bundle,
        note=replace(bundle.note, title=title),
        passages=passages,
        sources=sources,
        themes=themes,
    )


@settings(
    max_examples=int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    body=text,
    title=short,
    meta=st.lists(short, min_size=7, max_size=7),
    quotes=st.lists(short, min_size=1, max_size=4),
    source_title=short,
    pages=st.one_of(st.none(), st.lists(st.integers(-5, 10_000), max_size=4), short),
)
def test_exports_never_crash(
    body: str, title: str, meta: list[str], quotes: list[str], source_title: str, pages: object
) -> None:
    bundle = hostile_bundle(body, title, meta, quotes, source_title, pages)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        result = export_docx(bundle, out / "n.docx", author=quotes[0])
        document = docx.Document(str(out / "n.docx"))
        assert document.paragraphs[0].style.name == "Title"
        with zipfile.ZipFile(out / "n.docx") as archive:
            notes = etree.fromstring(archive.read("word/footnotes.xml")).findall(f"{W}footnote")
        assert result.footnotes == sum(note.get(f"{W}type") is None for note in notes)

        export_markdown(bundle, out / "n.md")
        written = (out / "n.md").read_text(encoding="utf-8")
        block = written[4 : written.index("\n---\n", 4)]
        front = yaml.safe_load(block)
        assert front["title"] == one_line(title)
        assert front["to"] == one_line(meta[1])
        assert front["through"] == [t for t in (one_line(meta[1]), one_line(meta[2])) if t]
        cleared = dict(zip(("name", "role", "date"), (one_line(v) for v in meta[2:5]), strict=True))
        assert front["cleared_by"] == ([cleared] if any(cleared.values()) else [])

        html = render_preview_html(bundle).lower()
        assert "<script" not in html and "<img" not in html and "src=" not in html
        assert sorted(p.name for p in out.iterdir()) == ["n.docx", "n.md"]
