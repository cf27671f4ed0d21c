"""A small project for the exporter tests: 3 themes, 2 sources (one a PDF), 5 passages, a note.

The note uses every construct the exporters handle (headings, bold, italic, code, a link, bullet
and two numbered lists, a nested list, a quote, a table, an author's footnote) and cites
passages four ways, one of them a passage that does not exist (p99). Its Background runs long
enough that the Word export takes two pages before the annex.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, Source, Theme

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"

ARTICLE = (REPO / "seeds" / "us-eu-ai-access-talks.txt").read_text(encoding="utf-8")
REPORT_PAGES = (
    "Executive summary. Compute capacity in the Union remains a fraction of that of the "
    "United States; public investment alone will not close the gap.\n",
    "Chapter 2. Export controls on advanced chips apply to allies as well as rivals when "
    "re-export rules are read broadly. Member states asked for assurances in 2024.\n",
    "Chapter 3. Venture funding for European AI laboratories doubled, led by Paris and "
    "London; <b>most</b> rounds were under EUR 50 million & [^1] *not* disclosed.",
)
REPORT = "".join(REPORT_PAGES)
PAGE_STARTS = [0, len(REPORT_PAGES[0]), len(REPORT_PAGES[0]) + len(REPORT_PAGES[1])]


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _passage(
    pid: int, source: Source, text: str, needle: str, themes: tuple[int, ...], memo: str
) -> Passage:
    start, end = _span(text, needle)
    return Passage(pid, source.id, start, end, text[start:end], themes, memo, "2025-03-14T10:00:00")


BODY = """\
# Summary

The United States and the European Union have opened talks on **access to AI models**; the
outcome bears on *export controls*, European sovereignty and investment [@p1; @p2].

# Issue

Whether to support a joint framework before the Commission's white paper is published [@p3].
See the [Commission's AI page](https://digital-strategy.ec.europa.eu/en/policies/ai) and the
unsafe [link](javascript:alert(1)) that must not become one.

# Background

{background}

Key facts:

- Talks follow a dispute involving a US AI company.
- Both sides held preliminary meetings:
    - the US Department of Commerce;
    - the European Commission.
- A `white paper` is expected later this year.

Options considered:

1. Support a joint framework now.
2. Wait for the white paper.
3. Take no position.

> Europe worries those restrictions could eventually extend to allies.[^fn]

| Thread | Lead | Risk |
|:--|:--|--:|
| Export controls | Commerce | High |
| Sovereignty | Commission | Medium |
| Investment | Member states | Low |

## Investment

Venture funds are hedging between Silicon Valley and European labs [@p4, p. 3]; one figure
remains unsourced [@p99].

# Recommendation

It is recommended that you:

1. agree to support a joint framework;
2. ask officials to report back after the white paper.

[^fn]: As reported in the press; not confirmed by officials.
"""

BACKGROUND = "\n\n".join(
    f"Paragraph {n} of the background. Officials from the US Department of Commerce and the "
    "European Commission have since held preliminary meetings, and the goal, according to one "
    "participant, is to avoid a patchwork of rules that could slow AI development on both sides "
    "of the Atlantic. European leaders have long said they want to reduce reliance on American "
    "and Chinese AI platforms, and the recent export controls have given that push new urgency."
    for n in range(1, 8)
)


def make_bundle(body: str | None = None, **meta: str) -> NoteBundle:
    """The fixture project; ``body`` and metadata fields can be swapped for a test."""
    themes = (
        Theme(1, "Export controls", "#c0392b", "Controls on chips and models", ("export",), 0),
        Theme(2, "Sovereignty", "#2e86c1", "European autonomy", ("sovereignty",), 1),
        Theme(3, "Investment", "#27ae60", "Capital flows", ("investment",), 2),
    )
    article = Source(
        1,
        "US and EU open talks on access to AI models",
        "txt",
        "https://news.example.com/2025/03/us-eu-ai-talks",
        "",
        "2025-03-12",
        "2025-03-14T09:00:00",
        "UNCLASSIFIED",
        "0" * 64,
        len(ARTICLE),
        3,
        {},
    )
    report = Source(
        2,
        "European compute and capital: a stocktake",
        "pdf",
        "/home/analyst/Downloads/compute-stocktake.pdf",
        "J. Moreau",
        "2024-11-05",
        "2025-03-14T09:05:00",
        "OFFICIAL",
        "1" * 64,
        len(REPORT),
        2,
        {"pages": PAGE_STARTS},
    )
    passages = (
        _passage(
            1,
            article,
            ARTICLE,
            "the debate centers on whether US export restrictions on advanced AI systems could "
            "push Europe to speed up its own development of the technology",
            (1, 2),
            "Core of the dispute",
        ),
        _passage(
            2,
            article,
            ARTICLE,
            "European leaders have long said they want to reduce reliance "
            "on American and Chinese AI platforms",
            (2,),
            "",
        ),
        _passage(
            3,
            article,
            ARTICLE,
            "The European Commission is expected to release a white paper "
            "on AI sovereignty later this year",
            (2, 1),
            "Timing",
        ),
        _passage(
            4,
            report,
            REPORT,
            "Venture funding for European AI laboratories doubled, led by "
            "Paris and London; <b>most</b> rounds were under EUR 50 million & [^1] *not* "
            "disclosed.",
            (3,),
            "Figures | unverified <check>",
        ),
        _passage(
            5,
            report,
            REPORT,
            "Export controls on advanced chips apply to allies as well as "
            "rivals when re-export rules are read broadly.",
            (1,),
            "",
        ),
    )
    metadata = NoteMetadata(
        marking="OFFICIAL-SENSITIVE",
        to="Minister for Digital Affairs",
        sender="Director, Technology Policy",
        date="2025-03-14",
        reference="TP-2025-031",
        purpose="decision",
        status="draft",
    )
    if meta:
        metadata = replace(metadata, **meta)
    note = Note(
        1,
        "US–EU talks on access to AI models",
        "briefing-note",
        BODY.format(background=BACKGROUND) if body is None else body,
        metadata,
        "2025-03-14T11:00:00",
    )
    return NoteBundle(
        note=note,
        sources={article.id: article, report.id: report},
        passages={p.id: p for p in passages},
        themes=themes,
    )


# The headings the fixture note has, and how many footnotes: [@p1; @p2], [@p3], [@p4, p. 3]
# and the author's [^fn]; [@p99] is missing and makes none.
HEADINGS = ["Summary", "Issue", "Background", "Investment", "Recommendation"]
FOOTNOTES = 4


def require_tool(name: str) -> str:
    """The path of an external tool; fails (never skips) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: these tests need LibreOffice (soffice), pandoc and "
            "poppler-utils (pdftotext); install them (apt-get install libreoffice-writer pandoc "
            "poppler-utils) as .ci/run does"
        )
    return path


def small_bundle() -> NoteBundle:
    """The fixture note with a one-paragraph Background: small enough for golden files."""
    return make_bundle(body=BODY.format(background="The talks began in March."))
