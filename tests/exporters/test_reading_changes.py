"""Notes written before notes were read as CommonMark: each place that now reads differently is
listed once; unambiguous notes read (and export) as before; saving the note ends the comparison.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import tostring

import pytest
from note_fixture import make_bundle, small_bundle

from briefing.core.model import COMMONMARK, PYTHON_MARKDOWN, NoteBundle, NoteMetadata
from briefing.core.store import Project
from briefing.core.templates import templates
from briefing.exporters import build_document, find_problems
from briefing.exporters.checks import Problem, check_note

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures"

ROWS = {
    "Intro text\n- a\n- b": "a paragraph is now a paragraph and a list of 2 items",
    "- item\n  - sub": "a list item at list level 1 is now a list item at list level 2",
    "2. two\n   - nested": "a list item is now a nested list of 2 items",
    "- a\n\n  continued para\n- b": (
        "a paragraph is now a paragraph inside a list item and a list item"
    ),
    "#hashtag is not a heading": "a heading is now a paragraph",
    "1) one\n2) two": "a paragraph is now a list of 2 items",
    "line one\\\nline two": "a line ending in a backslash printed as text is now a line break",
}


def legacy(bundle: NoteBundle) -> NoteBundle:
    return replace(bundle, note=replace(bundle.note, dialect=PYTHON_MARKDOWN))


def changes(bundle: NoteBundle) -> list[Problem]:
    return [p for p in check_note(bundle) if p.kind == "reading-changed"]


@pytest.mark.parametrize("typed", ROWS, ids=range(len(ROWS)))
def test_each_changed_place_is_listed_once(typed: str) -> None:
    body = f"## Issue\n\nBefore.\n\n{typed}\n\nAfter.\n"
    (problem,) = changes(legacy(make_bundle(body=body)))
    assert body[problem.start : problem.end] == typed
    assert problem.message.endswith(f"{ROWS[typed]}.")
    line = body[: problem.start].count("\n") + 1
    assert f"Line {line}: {problem.message}" in find_problems(legacy(make_bundle(body=body)))


def test_two_places_in_a_row_are_two_problems() -> None:
    body = "Intro\n- a\n- b\n\n#tag\n"
    found = changes(legacy(make_bundle(body=body)))
    assert [body[p.start : p.end] for p in found] == ["Intro\n- a\n- b", "#tag"]


def test_a_note_written_for_commonmark_is_not_compared() -> None:
    assert changes(make_bundle(body="#hashtag is not a heading\n")) == []


def test_unambiguous_notes_read_as_before(sample_path: Path) -> None:
    with Project.open(sample_path, readonly=True) as project:
        sample = project.bundle(project.notes()[0].id)
    bundles = [sample, make_bundle(), small_bundle()]
    bundles += [make_bundle(body=t.body, purpose=t.purpose) for t in templates()]
    for bundle in bundles:
        assert changes(legacy(bundle)) == [], bundle.note.body[:40]


def test_the_comparison_changes_no_output() -> None:
    body = "## Issue\n\n#hashtag is not a heading\n\nIntro\n- a [@p1]\n"
    before = build_document(make_bundle(body=body))
    after = build_document(legacy(make_bundle(body=body)))
    assert tostring(after.body) == tostring(before.body)
    assert [tostring(n.content) for n in after.footnotes] == [
        tostring(n.content) for n in before.footnotes
    ]
    # The brief's top sections are Heading 1 whatever level they were typed at (issue 14).
    assert [e.tag for e in after.body] == ["h1", "p", "p", "ul"]
    assert len(after.problems) == len(before.problems) + 2


def test_saving_the_body_marks_an_old_note(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    shutil.copy(FIXTURES / "v1.briefing", path)  # made by the first release
    with Project.open(path) as project:
        assert project.note(1).dialect == PYTHON_MARKDOWN
        project.update_note(1, title="Renamed", metadata=NoteMetadata(marking="SECRET"))
        assert project.note(1).dialect == PYTHON_MARKDOWN  # the body was not written
        assert project.note(1).metadata.marking == "SECRET"
        project.update_note(1, body="#tag\n")
        assert project.note(1).dialect == COMMONMARK
        assert project.note(1).metadata.marking == "SECRET"
        project.update_note(1, metadata=NoteMetadata(marking="OFFICIAL"))
        assert project.note(1).dialect == COMMONMARK
        new = project.add_note("New", body="#tag\n")
        assert new.dialect == COMMONMARK
    with Project.open(path, readonly=True) as project:
        assert [n.dialect for n in project.notes()] == [COMMONMARK, COMMONMARK]
