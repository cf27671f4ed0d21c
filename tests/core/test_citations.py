"""Citation parsing: pandoc's [@p12] syntax, and everything that only looks like it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.citations import (
    Citation,
    LookAlike,
    cited_passage_ids,
    code_ranges,
    insert_citation,
    malformed_citations,
    parse_citations,
    scan_citations,
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


def test_definition_only_where_commonmark_reads_one() -> None:
    assert ids("see [@p4]: it holds") == [(4,)]
    assert ids("> [@p4]: https://example.com") == []  # a definition, in a quote
    assert ids("> [@p4]: not a definition: no valid address") == [(4,)]
    assert ids("Text\n[@p4]: https://example.com") == [(4,)]  # a paragraph goes on
    assert ids('[@p4]:\n  https://example.com "title"\n') == []


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


# ---- adjacent citations and look-alikes (issue 12.1) -------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[@p9][@p1]", [(9,), (1,)]),
        ("[@p9] [@p1]", [(9,), (1,)]),
        ("Allies.[@p1][@p2][@p3]", [(1,), (2,), (3,)]),
        ("[@p1, p. 3][@p2]", [(1,), (2,)]),
        ("[@p1][@px]", [(1,)]),  # the second is malformed, the first still cites
        ("[@p1](see p. 4)", [(1,)]),  # not a link destination: CommonMark reads no link
        ("[@p1] (https://example.com)", [(1,)]),  # a space: no link
    ],
)
def test_adjacent_citations_are_each_a_citation(body: str, expected: list[tuple[int, ...]]) -> None:
    assert ids(body) == expected


def look_alikes(body: str) -> list[tuple[str, str]]:
    return [(a.kind, a.raw) for a in scan_citations(body).look_alikes]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[@p1](https://example.com)", [("link", "[@p1](https://example.com)")]),
        ('[@p1](<a b> "title")', [("link", '[@p1](<a b> "title")')]),
        ("[@p1]()", [("link", "[@p1]()")]),
        ("[@p1][ref]", [("link", "[@p1][ref]")]),
        ("[@p1][]", [("link", "[@p1][]")]),
        ("[@p1]: https://example.com", [("link", "[@p1]: https://example.com")]),
        ("![@p1](x.png)", [("link", "[@p1](x.png)")]),
        ("[@px] and [@p]", [("malformed", "[@px]"), ("malformed", "[@p]")]),
        ("[@p1; @p2", [("malformed", "[@p1; @p2")]),
        ("`[@px]`", [("code", "[@px]")]),
        ("```\n[@p; x\n```", [("code", "[@p; x")]),
        (r"\[@px]", []),  # escaped: the author asked for the text as typed
        ("[@p1] [@p2]", []),
    ],
)
def test_what_only_looks_like_a_citation_is_reported(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert look_alikes(body) == expected


def test_look_alike_offsets_point_at_the_text() -> None:
    body = "One [@p1](u) two [@px] three"
    for alike in scan_citations(body).look_alikes:
        assert isinstance(alike, LookAlike)
        assert body[alike.start : alike.end] == alike.raw


def test_citations_in_code_are_found_apart() -> None:
    body = "Text `[@p1]` and\n\n```\n[@p2; @p3]\n```\nthen [@p4]"
    scan = scan_citations(body)
    assert [c.passage_ids for c in scan.citations] == [(4,)]
    assert [c.passage_ids for c in scan.in_code] == [(1,), (2, 3)]
    assert [body[c.start : c.end] for c in scan.in_code] == ["[@p1]", "[@p2; @p3]"]


# ---- insert_citation: what "cite" does next to a citation ---------------------------------------


@pytest.mark.parametrize(
    ("body", "position", "pids", "expected"),
    [
        ("Talks.", 5, [3], "Talks[@p3]."),
        ("Talks.", 5, [3, 4], "Talks[@p3; @p4]."),
        ("Talks[@p1].", 10, [2], "Talks[@p1; @p2]."),  # right after it
        ("Talks[@p1].", 5, [2], "Talks[@p1; @p2]."),  # right before it
        ("Talks[@p1].", 8, [2], "Talks[@p1; @p2]."),  # inside it
        ("Talks [@p1]  .", 13, [2], "Talks [@p1; @p2]  ."),  # spaces between
        ("Talks[@p1, p. 3].", 16, [2], "Talks[@p1, p. 3; @p2]."),  # the locator stays
        ("Talks[@p1; @p2].", 15, [2, 5], "Talks[@p1; @p2; @p5]."),  # no passage twice
        ("Talks[@p1].", 10, [1], "Talks[@p1]."),
        ("[@p1]\nNext", 6, [2], "[@p1]\n[@p2]Next"),  # another line: not adjacent
        ("`[@p1]` x", 7, [2], "`[@p1]`[@p2] x"),  # code is not a citation
    ],
)
def test_insert_citation_merges_or_inserts(
    body: str, position: int, pids: list[int], expected: str
) -> None:
    new_body, cursor = insert_citation(body, position, pids)
    assert new_body == expected
    citation = next(c for c in parse_citations(new_body) if set(pids) <= set(c.passage_ids))
    assert cursor == citation.end


def test_insert_citation_prefers_the_citation_before_the_cursor() -> None:
    body = "A [@p1] [@p2] b"
    new_body, cursor = insert_citation(body, 7, [3])
    assert new_body == "A [@p1; @p3] [@p2] b"
    assert new_body[:cursor].endswith("@p3]")


def test_citing_twice_in_a_row_makes_one_group() -> None:
    body, cursor = insert_citation("Allies.", 6, [9])
    body, cursor = insert_citation(body, cursor, [1])
    assert body == "Allies[@p9; @p1]."
    assert ids(body) == [(9, 1)]


def test_insert_citation_with_no_passages_changes_nothing() -> None:
    assert insert_citation("Text", 2, []) == ("Text", 2)
