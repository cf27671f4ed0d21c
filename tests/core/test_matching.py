"""The one matching rule of Find and Search All Sources (core.matching), and the store's
search built on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.matching import (
    WHOLE_WORDS,
    MatchOptions,
    compile_query,
    count_matches,
    find_matches,
    index_terms,
    query_words,
)
from briefing.core.resources import default_themes
from briefing.core.store import Project

PARTS = MatchOptions(whole_words=False)
CASE = MatchOptions(match_case=True)

TEXT = (
    "US export controls reach allies. The export\ncontrol regime, an export control list and "
    "exports of chips: Canada’s view. EXPORT CONTROL is the heading."
)


def matched(text: str, query: str, options: MatchOptions = WHOLE_WORDS) -> list[str]:
    return [text[start:end] for start, end in find_matches(text, query, options)]


def test_a_phrase_is_one_match_across_spaces_and_line_breaks() -> None:
    assert matched(TEXT, "export control") == [
        "export\ncontrol",
        "export control",
        "EXPORT CONTROL",
    ]
    assert count_matches(TEXT, "export control") == 3  # not one per word
    assert matched("an export\u00a0 control", "export control") == ["export\u00a0 control"]


def test_whole_words_by_default_parts_of_words_as_an_option() -> None:
    assert matched(TEXT, "port") == []
    assert matched(TEXT, "port", PARTS) == ["port", "port", "port", "port", "PORT"]
    assert matched(TEXT, "export") == ["export", "export", "export", "EXPORT"]  # not "exports"
    assert matched(TEXT, "export*") == ["export", "export", "export", "exports", "EXPORT"]
    assert matched(TEXT, "contr* list") == ["control list"]


def test_match_case_as_an_option() -> None:
    assert matched(TEXT, "EXPORT CONTROL", CASE) == ["EXPORT CONTROL"]
    assert matched(TEXT, "Export", CASE) == []
    assert matched(TEXT, "xport", MatchOptions(whole_words=False, match_case=True)) == [
        "xport",
        "xport",
        "xport",
        "xport",
    ]


def test_quotes_and_apostrophes_match_as_typed_or_as_word_writes_them() -> None:
    assert matched(TEXT, "Canada's view") == ["Canada’s view"]
    assert matched("He said “no” twice", 'said "no"') == ["said “no”"]
    assert matched(TEXT, '"export control"') == matched(TEXT, "export control")
    assert matched("chips: Canada", "chips:") == ["chips:"]  # punctuation needs no word edge


def test_queries_without_words_find_nothing() -> None:
    for query in ("", "   ", "*", '""', "* *"):
        assert query_words(query) == [] or query == '""'
        assert find_matches(TEXT, query) == []
    assert compile_query("*") is None


@given(
    st.text(alphabet="abc ABÇç’'😀\n\u0130", max_size=80),
    st.sampled_from(["a", "ab", "b*", '"a b"', "ç", "ab c", "a'b", "’c", "aa", "b a*"]),
    st.booleans(),
    st.booleans(),
)
def test_the_fast_finder_agrees_with_the_pattern(
    text: str, query: str, whole_words: bool, match_case: bool
) -> None:
    options = MatchOptions(whole_words, match_case)
    pattern = compile_query(query, options)
    assert pattern is not None
    assert find_matches(text, query, options) == [m.span() for m in pattern.finditer(text)]


def test_what_a_word_index_is_asked_for() -> None:
    assert index_terms("export control") == ["export control"]
    assert index_terms('"export control"') == ["export control"]
    assert index_terms("export contr*") == ["export contr*"]
    assert index_terms("exp* control") == ["exp*", "control"]  # a phrase cannot hold it
    assert index_terms("port", PARTS) is None  # an index of words cannot find parts of them
    assert index_terms("— …") is None  # nothing a word index holds


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "p.briefing", default_themes()) as project:
        project.add_source("One", TEXT, "txt")
        project.add_source("Two", "Exporters export. Control of exports; export controls.", "txt")
        project.add_source("Three", "Nothing about trade at all.", "txt")
        yield project


QUERIES = ["export control", "export", "export*", "port", "EXPORT", "control", "Canada's"]
OPTIONS = [MatchOptions(w, c) for w in (True, False) for c in (False, True)]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_search_all_sources_finds_what_find_finds_in_each(
    project: Project, options: MatchOptions
) -> None:
    for query in QUERIES:
        hits = project.search(query, options=options)
        for source in project.sources():
            text = project.source_text(source.id)
            mine = [h for h in hits if h.source_id == source.id]
            assert [(h.start, h.end) for h in mine] == find_matches(text, query, options)
            assert all(text[h.start : h.end] == h.match for h in mine)


def test_search_parts_of_words_reads_every_source(project: Project) -> None:
    hits = project.search("xport", options=PARTS)
    assert {h.source_id for h in hits} == {1, 2}
    assert len(hits) == 5 + 4
    assert project.search("xport") == []  # not a word of either


def test_search_stops_at_its_limits(project: Project) -> None:
    assert len(project.search("export*", max_hits=3)) == 3
    hits = project.search("export", options=PARTS, max_sources=1)
    assert {h.source_id for h in hits} == {1}
