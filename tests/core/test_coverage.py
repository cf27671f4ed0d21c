"""Theme coverage: which themes have tagged passages the note does not cite yet."""

from __future__ import annotations

from pathlib import Path

from briefing.core.coverage import ThemeCoverage, coverage
from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, Source, Theme
from briefing.core.store import Project

THEMES = (
    Theme(3, "Export controls", "#c0392b", order=0),
    Theme(1, "Sovereignty", "#2e86c1", order=1),
    Theme(2, "Investment", "#27ae60", order=2),
    Theme(4, "Security", "#7f8c8d", order=3),
)


def make_bundle(body: str) -> NoteBundle:
    source = Source(1, "Article", "txt", "", "", "", "", "", "0" * 64, 1000)
    passages = {
        5: Passage(5, 1, 0, 10, "a", (3,)),
        2: Passage(2, 1, 10, 20, "b", (3, 1)),  # two themes
        7: Passage(7, 1, 20, 30, "c", (2,)),
        8: Passage(8, 1, 30, 40, "d", (2, 2)),  # a theme listed twice counts once
        9: Passage(9, 1, 40, 50, "e", (99,)),  # a theme that is not in the project
    }
    note = Note(1, "Note", "decision", body, NoteMetadata())
    return NoteBundle(note, {1: source}, passages, THEMES)


def test_themes_in_order_with_passages_and_citations() -> None:
    result = coverage(make_bundle("Controls [@p2]. Missing [@p42]. Code `[@p7]`, escaped \\[@p8]."))
    assert [c.theme.name for c in result] == [t.name for t in THEMES]
    assert result[0] == ThemeCoverage(THEMES[0], (2, 5), (2,), False)
    assert result[1] == ThemeCoverage(THEMES[1], (2,), (2,), False)  # cited through p2
    assert result[2] == ThemeCoverage(THEMES[2], (7, 8), (), True)  # evidence, none cited
    assert result[3] == ThemeCoverage(THEMES[3], (), (), False)  # no evidence: not flagged


def test_an_empty_note_flags_every_theme_with_evidence() -> None:
    assert [c.flagged for c in coverage(make_bundle(""))] == [True, True, True, False]


def test_citing_everything_flags_nothing() -> None:
    result = coverage(make_bundle("[@p5; @p7] and [@p8, p. 2], then [@p2]"))
    assert not any(c.flagged for c in result)
    assert result[2].cited_ids == (7, 8)


def test_the_sample_project_cites_every_theme(sample_path: Path) -> None:
    with Project.open(sample_path, readonly=True) as project:
        bundle = project.bundle(project.notes()[0].id)
    result = coverage(bundle)
    assert {c.theme.name for c in result} >= {"Export controls", "Sovereignty", "Investment"}
    assert all(c.cited_ids for c in result if c.passage_ids)
    assert not any(c.flagged for c in result)
