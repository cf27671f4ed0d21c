"""Citation parsing: pandoc's [@p12] syntax, and everything that only looks like it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.citations import (
    Citation,
    cited_passage_ids,
    code_ranges,
    malformed_citations,
    parse_citations,
    unclosed_fence,
)


def ids(body: str) -> list[tuple[int, ...]]:
    return [c.passage_ids for c in parse_citations(body)]


def test_single_citation_with_offsets() -> None:
    body = "Talks opened [@p12]."
    (citation,) = parse_citations(body)
    assert citation == Citation(13, 19, (12,), "[@p12]", ("",))
    assert body[citation.start : citation.end] == citation.raw


def test_several_passages_and_spacing() -> None:
    assert ids("[@p12; @p40]") == [(12, 40)]
    assert ids("[@p12;@p40 ;  @p7 ]") == [(12, 40, 7)]
    assert ids("[ @p1 ]") == [(1,)]


def test_locator() -> None:
    (citation,) = parse_citations("[@p12, p. 3; @p40, para 4]")
    assert citation.passage_ids == (12, 40)
    assert citation.locators == ("p. 3", "para 4")


def test_offsets_are_code_points() -> None:
    body = "😀𠀀 é [@p3] then [@p4]"
    starts = [c.start for c in parse_citations(body)]
    assert [body[s : s + 5] for s in starts] == ["[@p3]", "[@p4]"]


@pytest.mark.parametrize(
    "body",
    [
        r"\[@p1]",  # escaped
        "[@p]",
        "[@px]",
        "[@p1;",
        "[@p1; @p2",
        "[@P1]",
        "[@q1]",
        "[@p1 p2]",
        "[see @p12]",
        "[@p-1]",
        "@p1",
        "[@p1](https://example.com)",  # a link
        "[@p1][ref]",  # a reference link
        "[@p1]: https://example.com",  # a link definition
        "`[@p1]`",  # a code span
        "``a ` [@p1] ``",
        "```\n[@p1]\n```",  # a fenced block
        "~~~~\n[@p1]\n~~~\n~~~~",
        "[@p1, a [b]]",  # brackets in a locator
    ],
)
def test_not_citations(body: str) -> None:
    assert parse_citations(body) == []


def test_escaped_backslash_leaves_a_citation() -> None:
    assert ids(r"\\[@p5]") == [(5,)]


def test_definition_only_at_line_start() -> None:
    assert ids("see [@p4]: it holds") == [(4,)]
    assert ids("> [@p4]: a quoted definition") == []


def test_unclosed_code_span_is_literal_backticks() -> None:
    assert ids("a ` lone backtick [@p2]") == [(2,)]
    assert ids("`a\n\n[@p3]`") == [(3,)]  # a code span never crosses a blank line


def test_citations_after_a_fence_closes() -> None:
    body = "```python\nx = '[@p1]'\n```\nAfter [@p2]."
    assert ids(body) == [(2,)]
    assert code_ranges(body) == [(0, 25)]


def test_unclosed_fence() -> None:
    assert unclosed_fence("text\n````\ncode [@p1]") == "````"
    assert unclosed_fence("```\ncode\n```") is None
    assert parse_citations("```\ncode [@p1]") == []


def test_cited_passage_ids_first_appearance_order() -> None:
    body = "[@p3] [@p1; @p3] [@p2] [@p1]"
    assert cited_passage_ids(body) == [3, 1, 2]


def test_malformed_reported_with_offsets() -> None:
    body = "ok [@p1] bad [@px] and [@p] and [@p2;"
    found = malformed_citations(body)
    assert [snippet for _, snippet in found] == ["[@px]", "[@p]", "[@p2;"]
    assert [body[offset : offset + 2] for offset, _ in found] == ["[@"] * 3
    assert malformed_citations(r"\[@px]") == []


def test_huge_numbers_are_not_citations() -> None:
    assert ids("[@p" + "9" * 30 + "]") == []


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("[]@p0123456789;,. `\\\n~abc"), max_size=60))
def test_parse_never_crashes_and_raw_matches(body: str) -> None:
    last_end = 0
    for citation in parse_citations(body):
        assert body[citation.start : citation.end] == citation.raw
        assert citation.start >= last_end
        assert len(citation.passage_ids) == len(citation.locators) >= 1
        last_end = citation.end
