"""Spelling: what is checked, what is skipped, UK and US English, suggestions, word count."""

from __future__ import annotations

import pytest

from briefing.core.spelling import count_words, dictionary, misspellings

NOTE = (
    "## Summary\n\nThe goverment cites [@p12; @p4] and `recieve()` at https://example.org/recieve"
    " or a.nother@exampel.org. [State the isue in one sentense.] OFFICIAL PostgreSQL seperate."
)


def found(body: str, language: str = "en_GB", extra: tuple[str, ...] = ()) -> list[str]:
    return [word for _s, _e, word in misspellings(body, language, extra)]


def test_flags_typos_but_not_citations_code_urls_prompts_or_capitals() -> None:
    assert found(NOTE) == ["goverment", "seperate"]
    start, end, word = misspellings(NOTE)[0]
    assert NOTE[start:end] == word


def test_code_blocks_are_skipped() -> None:
    assert found("```\nrecieve teh\n```\nrecieve") == ["recieve"]


def test_uk_and_us_english_differ_where_the_spelling_does() -> None:
    text = "The colour of the centre was analysed; travelled, organisation, programme, defence."
    assert found(text, "en_GB") == []
    assert set(found(text, "en_US")) >= {"colour", "centre", "analysed", "defence"}
    american = "The color of the center was analyzed; defense."
    assert found(american, "en_US") == []
    assert found(american, "en_GB") == ["color", "center", "analyzed", "defense"]


def test_project_words_and_possessives() -> None:
    assert found("Briefingly speaking, Europe's Zorblat.", extra=("Zorblat", "briefingly")) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Le gouvernement a décidé d'agir : l'économie qu'il défend."),
        ("de", "Die Regierung hat entschieden. Außenpolitik ist wichtig."),
        ("es", "El gobierno español debe actuar en la política exterior."),
    ],
)
def test_other_languages(language: str, text: str) -> None:
    assert found(text, language) == []
    assert found(text + " Xqzwv", language) == ["Xqzwv"]


def test_suggestions_come_most_likely_first_in_the_words_case() -> None:
    english = dictionary("en_GB")
    assert english.suggestions("goverment")[0] == "government"
    assert english.suggestions("Recieve")[0] == "Receive"
    assert english.suggestions("color")[0] == "colour"
    assert english.suggestions("sovereignity")[0] == "sovereignty"


def test_word_count_leaves_out_markup_citations_and_urls() -> None:
    assert count_words("## Summary\n\n**Bold** move [@p1; @p2], see https://x.org/a-b.") == 4
    assert count_words("") == 0
    assert count_words("- one\n- two-thirds\n\n1. it's") == 3
