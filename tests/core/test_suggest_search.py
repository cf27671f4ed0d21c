"""Keyword suggestions and full-text search."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.model import Theme
from briefing.core.resources import default_themes
from briefing.core.schema import migrate
from briefing.core.store import Project
from briefing.core.suggest import accept, sentences, suggest, suggest_all, undo_accept

TEXT = (
    "Why the talks matter\n"
    "The Commission will INVEST heavily in computing. Nothing here concerns us at all.\n"
    "😀 𠀀 Export restrictions on chips could reach allies. Investors worry about export controls."
)
THEMES = (
    Theme(1, "Investment", "#2E9E57", keywords=("invest", "venture capital")),
    Theme(2, "Export controls", "#E0702E", keywords=("export control", "export restriction")),
)


def test_sentences_are_whole_and_skip_headings() -> None:
    found = [TEXT[a:b] for a, b in sentences(TEXT)]
    assert found[0] == "The Commission will INVEST heavily in computing."
    assert "Why the talks matter" not in found
    assert found[-1] == "Investors worry about export controls."


def test_suggest_matches_keyword_starts_any_case_and_keeps_offsets() -> None:
    found = suggest(7, TEXT, THEMES, [])
    spans = {(s.theme_id, TEXT[s.start : s.end]) for s in found}
    assert (1, "The Commission will INVEST heavily in computing.") in spans
    assert (2, "😀 𠀀 Export restrictions on chips could reach allies.") in spans
    assert (1, "Investors worry about export controls.") in spans  # invest -> Investors
    assert (2, "Investors worry about export controls.") in spans
    assert all(s.text == TEXT[s.start : s.end] and s.source_id == 7 for s in found)
    assert not any("Nothing here" in s.text for s in found)
    assert {s.theme_id for s in suggest(7, TEXT, THEMES, [], theme_id=2)} == {2}


def test_accept_merges_themes_and_undo_takes_it_back(project: Project) -> None:
    source = project.add_source("S", TEXT, "txt")
    first = suggest_all(project)
    assert first
    accepted = accept(project, first)
    both = [p for p in project.passages() if len(p.theme_ids) == 2]
    assert [p.text for p in both] == ["Investors worry about export controls."]
    assert suggest_all(project) == []  # nothing suggested twice
    for passage in project.passages():
        assert passage.text == project.source_text(source.id)[passage.start : passage.end]
    undo_accept(project, accepted)
    assert project.passages() == []


@pytest.fixture
def searchable(new_location):  # type: ignore[no-untyped-def]
    """On both engines: FTS5 in a file, PostgreSQL's full-text search on a server; the places
    are found by the same code either way."""
    with Project.create(new_location(), default_themes()) as project:
        project.add_source("One", "Export controls on chips. Chips again 😀 chips.", "txt")
        project.add_source("Two", "Digital Europe programme funds investment in Europe.", "txt")
        yield project


def test_search_finds_every_occurrence_with_context(searchable: Project) -> None:
    hits = searchable.search("chips")
    assert [(h.source_id, h.match) for h in hits] == [(1, "chips"), (1, "Chips"), (1, "chips")]
    text = searchable.source_text(1)
    assert all(text[h.start : h.end] == h.match for h in hits)
    assert hits[2].before.endswith("again 😀 ")


def test_search_phrases_prefixes_and_hostile_syntax(searchable: Project) -> None:
    assert [h.match for h in searchable.search('"digital europe"')] == ["Digital Europe"]
    assert [h.match for h in searchable.search("invest*")] == ["investment"]
    assert searchable.search("europe chips") == []  # the words, not the phrase
    for hostile in ['"', "AND OR NOT", "chips)", "NEAR(", "*", "col:chips"]:
        searchable.search(hostile)  # never an error from FTS syntax


def test_search_without_fts_falls_back_to_a_scan(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "nofts.briefing"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, to_version=1)
    conn.execute("PRAGMA user_version = 2")  # as written by a SQLite without FTS5
    conn.close()
    with Project.open(path) as project:
        assert not project.has_search_index()
        project.add_theme("T", "#000000")
        project.add_source("S", "Sovereignty and autonomy. More sovereignty.", "txt")
        assert [h.match for h in project.search("SOVEREIGNTY")] == ["Sovereignty", "sovereignty"]
