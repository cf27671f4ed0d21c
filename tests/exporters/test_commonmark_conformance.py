"""CommonMark conformance of the Word file and the preview, on a fixed subset of the spec.

``benchmarks/conformance.py`` runs all 652 examples of the CommonMark spec 0.31.2 beside pandoc;
this test runs 40 of them, from every section but raw HTML (shown as text in Briefing), and
asserts that each reads back, through pandoc, as the spec's own HTML does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from note_fixture import require_tool

from benchmarks.conformance import Example, briefing_preview, briefing_word, examples, expected

SUBSET = (6, 9, 12, 25, 34, 42, 44, 49, 62, 70, 80, 90, 107, 113, 119, 133, 192, 206, 219, 227)
SUBSET += (231, 242, 253, 281, 302, 312, 327, 328, 338, 350, 414, 482, 528, 572, 583, 594)
SUBSET += (633, 639, 648, 650)
BY_NUMBER = {example.number: example for example in examples()}


def test_the_subset_spans_the_spec() -> None:
    sections = {BY_NUMBER[number].section for number in SUBSET}
    assert len(SUBSET) == 40 and len(sections) >= 20
    assert not sections & {"HTML blocks", "Raw HTML"}


@pytest.mark.external
@pytest.mark.parametrize("number", SUBSET)
def test_example_reads_back_as_the_spec_says(number: int, tmp_path: Path) -> None:
    require_tool("pandoc")
    example: Example = BY_NUMBER[number]
    want = expected(example)
    assert briefing_word(example, tmp_path) == want, example.markdown
    assert briefing_preview(example) == want, example.markdown
