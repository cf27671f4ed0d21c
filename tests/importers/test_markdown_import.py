"""Markdown: readable text without markup, front matter as metadata."""

from __future__ import annotations

import pytest

import briefing.importers.markdown_doc as markdown_doc
from briefing.importers import ImportFailure, read_bytes
from briefing.importers.markdown_doc import split_front_matter

SOURCE = """---
title: "Chips: the state of play"
date: 2024-05-21
author: 'Policy Unit'
tags: [a, b]
---
# Export *controls* update

Ministers **met** on _Tuesday_ with `ASML` and [the Commission](https://ec.europa.eu).
This sentence is soft-wrapped.

- First item
- Second item with ![a chart](https://img.example.com/c.png)

1. Numbered one
2. Numbered two

> A quoted line.

| Country | Measure |
|---------|---------|
| NL      | Licence |

```
raw   code
```

<script>alert("x")</script>
[click me](javascript:alert(1)) and a note[^n].

[^n]: The footnote text.
"""

EXPECTED = (
    "Export controls update\n"
    "Ministers met on Tuesday with ASML and the Commission. This sentence is soft-wrapped.\n"
    "First item\n"
    "Second item with\n"
    "Numbered one\n"
    "Numbered two\n"
    "A quoted line.\n"
    "Country\tMeasure\n"
    "NL\tLicence\n"
    "raw   code\n"
    "click me and a note[1].\n"
    "Notes\n"
    "[1] The footnote text."
)


def test_markdown_reads_as_plain_lines_with_metadata() -> None:
    document = read_bytes(SOURCE.encode("utf-8"), "update.md")
    assert document.text == EXPECTED
    assert document.format == "md"
    assert document.title == "Chips: the state of play"
    assert document.metadata["date"] == "2024-05-21"
    assert document.metadata["author"] == "Policy Unit"
    for markup in ("#", "**", "`", "](", "https://", "javascript", "alert", "---"):
        assert markup not in document.text


def test_title_falls_back_to_first_heading_then_stem() -> None:
    assert read_bytes(b"Intro para\n\n## Second-level title\n\nText", "n.md").title == (
        "Second-level title"
    )
    assert read_bytes(b"Just text, no heading.", "my-notes.markdown").title == "my-notes"


def test_front_matter_without_closing_fence_is_not_metadata() -> None:
    fields, body = split_front_matter("---\ntitle: x\nno closing fence")
    assert fields == {}
    assert body.startswith("---")


def test_crlf_markdown_with_bom_and_emoji() -> None:
    document = read_bytes("\ufeff# Title 😀\r\n\r\nText 𠀀 here\r\n".encode(), "e.md")
    assert document.text == "Title 😀\nText 𠀀 here"


def test_markdown_with_only_front_matter_is_refused() -> None:
    with pytest.raises(ImportFailure, match="no readable text"):
        read_bytes(b"---\ntitle: Empty\n---\n\n", "empty.md")


@pytest.mark.parametrize(
    "source",
    [
        "[" * 100_000,  # unclosed brackets: each scans to the end of the paragraph
        "<span>x" * 100_000,  # inline HTML: every match re-copies the paragraph
        "".join("  " * depth + "- item\n" for depth in range(300)),  # deep nesting
    ],
)
def test_pathological_markdown_is_read_as_plain_text_unrendered(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(body: str) -> None:
        raise AssertionError("the risky Markdown reached the renderer")

    monkeypatch.setattr(markdown_doc, "markdown_lines", never)
    document = read_bytes(source.encode(), "hostile.md")
    assert document.text == source
    assert document.warnings[0].startswith("imported as plain text, Markdown markup included")


def test_long_ordinary_markdown_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "# Part\n\nSome *emphasis* and [a link](http://x.org).\n\n" * 200
    document = read_bytes(source.encode(), "long.md")
    assert document.text.count("Some emphasis and a link.") == 200
    assert document.warnings == []
    monkeypatch.setattr(markdown_doc, "MAX_RENDER_CHARS", 1000)
    document = read_bytes(source.encode(), "long.md")
    assert document.warnings[0].endswith("it is over 1,000 characters")
    assert "*emphasis*" in document.text
