"""The page meter: calibrated against LibreOffice, monotonic, and the meter's wording.

The calibration notes are regenerated from the parameters stored in
``fixtures/page_calibration.json`` (by ``tools/calibrate_pages.py``), beside LibreOffice's
page count and last-page fill for each; ``-m external`` re-runs LibreOffice on three of them.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import shutil
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.model import NoteBundle
from briefing.exporters import pages
from briefing.exporters.pages import estimate_pages, format_meter

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "page_calibration.json"
# What the calibration achieved (docs/page-meter.md); the bounds leave a little room.
MAX_ERROR = 0.25  # pages, any note (achieved 0.20)
MEAN_ERROR = 0.04  # pages (achieved 0.020)
COUNT_MATCH = 0.9  # share of notes whose page count ceil(estimate) equals LibreOffice's (29/30)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "calibrate_pages", REPO / "tools" / "calibrate_pages.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("calibrate_pages", module)
    spec.loader.exec_module(module)
    return module


TOOL = _load_tool()
CALIBRATION = json.loads(FIXTURE.read_text(encoding="utf-8"))["notes"]


def with_body(bundle: NoteBundle, body: str) -> NoteBundle:
    return replace(bundle, note=replace(bundle.note, body=body))


def test_calibration_set_spans_short_and_long_notes() -> None:
    truths = [entry["truth"] for entry in CALIBRATION]
    assert len(truths) >= 20
    assert min(truths) <= 0.4 and max(truths) >= 5.5
    assert len({entry["params"]["seed"] for entry in CALIBRATION}) == len(CALIBRATION)


def test_estimate_matches_libreoffice_on_the_calibration_notes() -> None:
    errors, counts = [], 0
    for entry in CALIBRATION:
        estimate = estimate_pages(TOOL.make_bundle(entry["params"]))
        errors.append(estimate - entry["truth"])
        counts += math.ceil(estimate) == entry["pages"]
        assert abs(estimate - entry["truth"]) <= MAX_ERROR, (entry["params"], estimate)
    absolute = [abs(e) for e in errors]
    mean = sum(absolute) / len(absolute)
    print(
        f"\npage meter vs LibreOffice: mean |error| {mean:.3f} pages, max {max(absolute):.3f}, "
        f"page count right for {counts}/{len(errors)} notes"
    )
    assert mean <= MEAN_ERROR
    assert counts >= COUNT_MATCH * len(errors)


@pytest.mark.external
def test_stored_truths_still_hold_in_libreoffice(tmp_path: Path) -> None:
    for tool in ("soffice", "pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(
                f"{tool} is not installed: this test needs LibreOffice and poppler-utils "
                "(apt-get install libreoffice-writer poppler-utils), as .ci/run installs them"
            )
    chosen = [e for e in CALIBRATION if e["params"]["seed"] in (3, 7, 16)]
    assert len(chosen) == 3
    measured = TOOL.run_libreoffice([TOOL.make_bundle(e["params"]) for e in chosen], tmp_path)
    for entry, (count, fill) in zip(chosen, measured, strict=True):
        assert count == entry["pages"], entry["params"]
        assert abs(fill - entry["fill"]) <= 0.03, (entry["params"], fill)


def _fixture_bundle() -> NoteBundle:
    return TOOL.make_bundle({"seed": 3, "sections": 2, "paras": 1, "sent": [2, 3], "cite": 0.3})


def test_more_text_makes_more_pages() -> None:
    bundle = _fixture_bundle()
    paragraph = "The talks go on, and officials report no progress on access to models. " * 5
    previous = estimate_pages(bundle)
    for _ in range(12):
        bundle = with_body(bundle, bundle.note.body + "\n\n" + paragraph)
        current = estimate_pages(bundle)
        assert current > previous
        previous = current
    assert previous > 1.5


def test_footnotes_take_room() -> None:
    bundle = _fixture_bundle()
    plain = with_body(bundle, "# Issue\n\n" + "Access to models is at stake. " * 40)
    cited = with_body(bundle, "# Issue\n\n" + "Access to models is at stake [@p1]. " * 40)
    assert estimate_pages(cited) > estimate_pages(plain) + 0.5


def test_lists_tables_and_quotes_take_room() -> None:
    bundle = with_body(_fixture_bundle(), "Text.")
    base = estimate_pages(bundle)
    table = "| A | B |\n|---|---|\n" + "| cell text | more text |\n" * 10
    for block in ("- item\n" * 10, table, "> quoted words " * 60, "    code line\n" * 10):
        assert estimate_pages(with_body(bundle, "Text.\n\n" + block)) > base + 0.05, block


def test_the_annex_starts_on_a_new_page() -> None:
    bundle = _fixture_bundle()
    without = estimate_pages(bundle)
    assert estimate_pages(bundle, annex=True) > math.ceil(without)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Plain words that run on for a while.",
                "# A heading",
                "- an item\n- another [@p2]",
                "1. first\n2. second",
                "> a quote [@p1; @p3]",
                "| a | b |\n|---|---|\n| c | d |",
                "A citation [@p4] and a missing one [@p99].",
                "`code` and **bold** and *italic* with a [link](https://example.org).",
                "Text with a note.[^n]\n\n[^n]: The note.",
                "中文字符和表情符号 🙂 " * 10,
                "---",
            ]
        ),
        max_size=12,
    ),
    st.sampled_from(["Closing paragraph.", "## Closing heading", "- closing item"]),
)
def test_adding_a_block_never_shortens_the_note(blocks: list[str], last: str) -> None:
    bundle = with_body(_fixture_bundle(), "\n\n".join(blocks))
    longer = with_body(bundle, bundle.note.body + "\n\n" + last)
    assert 0 < estimate_pages(bundle) <= estimate_pages(longer)


def test_hostile_bodies_never_raise() -> None:
    bundle = _fixture_bundle()
    for body in (
        "",
        " ",
        "\x00\x1f",
        ">" * 500 + " deep",
        "- " * 300 + "x",
        "[" * 1000,
        "x" * 20_000,
    ):
        assert estimate_pages(with_body(bundle, body)) > 0


def test_the_benchmark_note_is_about_130_pages() -> None:
    # Its speed is a benchmark figure (run_meter_bench in benchmarks/startup_bench.py). It was
    # 160 pages while every citation repeated its source and quote in full (before issue 14).
    from benchmarks.export_bench import generate

    big, _markdown = generate()
    assert 120 < estimate_pages(big) < 145


@pytest.mark.parametrize(
    ("pages_", "limit", "text", "over"),
    [
        (1.6, 2, "1.6 / 2 pages", False),
        (1.63, 2, "1.7 / 2 pages", False),
        (2.0, 2, "2.0 / 2 pages", False),
        (2.01, 2, "2.1 / 2 pages", True),
        (0.02, 2, "0.1 / 2 pages", False),
        (0.9, 1, "0.9 / 1 page", False),
        (3.25, 0, "3.3 pages", False),
    ],
)
def test_format_meter(pages_: float, limit: int, text: str, over: bool) -> None:
    assert format_meter(pages_, limit) == (text, over)


def test_the_meter_counts_the_annex_apart() -> None:
    assert format_meter(0.96, 2, 1) == ("1.0 / 2 pages + annex 1", False)
    assert format_meter(2.4, 2, 3) == ("2.4 / 2 pages + annex 3", True)  # the annex is not held
    assert format_meter(1.2, 0, 2) == ("1.2 pages + annex 2", False)


def _styles() -> dict[str, ElementTree.Element]:
    with zipfile.ZipFile(REPO / "resources" / "reference.docx") as package:
        root = ElementTree.fromstring(package.read("word/styles.xml"))
    return {
        style.find(f"{W}name").get(f"{W}val", ""): style  # type: ignore[union-attr]
        for style in root.iter(f"{W}style")
    }


def _resolved(styles: dict[str, ElementTree.Element], name: str) -> dict[str, float]:
    """Size (pt), line factor and spacing (pt) of a style, following basedOn."""
    ids = {s.get(f"{W}styleId"): n for n, s in styles.items()}
    chain, current = [], styles[name]
    while current is not None:
        chain.append(current)
        based = current.find(f"{W}basedOn")
        current = styles[ids[based.get(f"{W}val")]] if based is not None else None
    values = {"size": 11.0, "line": 1.0, "before": 0.0, "after": 0.0}
    for style in reversed(chain):
        size = style.find(f"{W}rPr/{W}sz")
        if size is not None:
            values["size"] = int(size.get(f"{W}val", "22")) / 2
        spacing = style.find(f"{W}pPr/{W}spacing")
        for key, attr, scale in (
            ("line", "line", 240),
            ("before", "before", 20),
            ("after", "after", 20),
        ):
            if spacing is not None and spacing.get(f"{W}{attr}") is not None:
                values[key] = int(spacing.get(f"{W}{attr}", "0")) / scale
    return values


@pytest.mark.parametrize(
    ("style", "constant"),
    [
        ("Body Text", pages.BODY),
        ("First Paragraph", pages.BODY),
        ("Compact", pages.COMPACT),
        ("Block Text", pages.QUOTE),
        ("Source Code", pages.CODE),
        ("Footnote Text", pages.FOOTNOTE),
        ("Title", pages.TITLE),
        ("Heading 1", pages.HEADINGS[1]),
        ("Heading 2", pages.HEADINGS[2]),
        ("Heading 3", pages.HEADINGS[3]),
        ("Heading 6", pages.HEADINGS[6]),
    ],
)
def test_constants_follow_the_reference_document(style: str, constant: pages.Style) -> None:
    values = _resolved(_styles(), style)
    size = 9.5 if style == "Source Code" else values["size"]  # its size is in its rPr fonts
    assert (size, values["line"], values["before"], values["after"]) == constant


def test_block_tags_and_list_depth_follow_the_word_renderer() -> None:
    from briefing.exporters.docx_numbering import MAX_LEVEL
    from briefing.exporters.docx_render import BLOCK_TAGS

    assert pages.BLOCK_TAGS == BLOCK_TAGS
    assert pages.MAX_LIST_LEVEL == MAX_LEVEL


def test_page_geometry_follows_the_reference_document() -> None:
    with zipfile.ZipFile(REPO / "resources" / "reference.docx") as package:
        xml = package.read("word/document.xml").decode()
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', xml)
    margins = re.search(
        r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"', xml
    )
    assert size and margins
    width, height = int(size.group(1)), int(size.group(2))
    top, right, bottom, left = (int(v) for v in margins.groups())
    text_area = ((width - left - right) / 20, (height - top - bottom) / 20)
    assert text_area == (pages.TEXT_WIDTH, pages.BODY_HEIGHT)
