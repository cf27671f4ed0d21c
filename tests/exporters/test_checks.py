"""Note checks: each kind fires on its case, and stays quiet on a clean note and the sample."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.citations import citation_issues
from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, Source, Theme
from briefing.core.store import Project
from briefing.core.templates import templates
from briefing.exporters import find_problems
from briefing.exporters.checks import Problem, check_note

CLEAN = """\
## Summary

US export controls could reach allies [@p1]. It is recommended that you support a joint
framework, with a carve-out for allies.

## Issue

Whether to back a joint framework for access to AI models.

## Background

The talks follow a dispute over access to models [@p2; @p3]. See the
[Commission's page](https://example.org/ai) and the note below.[^1]

- [ ] a checkbox left from a to-do list, and [sic] in a quotation
- `[not a prompt in code]` and an escaped \\[bracket prompt here]

## Recommendation

It is recommended that you support a joint framework.

[^1]: As reported in the press.
"""


def source(sid: int, marking: str = "UNCLASSIFIED", title: str = "A source") -> Source:
    return Source(sid, title, "txt", "https://example.org", "", "", "", marking, "0" * 64, 100)


def make_bundle(body: str = CLEAN, **meta: str) -> NoteBundle:
    sources = {1: source(1), 2: source(2, "OFFICIAL", "Stocktake")}
    passages = {
        pid: Passage(pid, 1 if pid < 3 else 2, 0, 10, "Quoted text", (1,)) for pid in (1, 2, 3)
    }
    metadata = replace(NoteMetadata(marking="OFFICIAL", purpose="decision"), **meta)
    note = Note(1, "A note", "decision", body, metadata)
    return NoteBundle(note, sources, passages, (Theme(1, "Export controls", "#000000"),))


def kinds(bundle: NoteBundle) -> list[str]:
    return [p.kind for p in check_note(bundle)]


def only(bundle: NoteBundle, kind: str) -> Problem:
    found = [p for p in check_note(bundle) if p.kind == kind]
    assert len(found) == 1, check_note(bundle)
    return found[0]


def test_a_clean_note_has_no_problems() -> None:
    assert check_note(make_bundle()) == []


def test_the_sample_note_has_no_problems(sample_path: Path) -> None:
    with Project.open(sample_path, readonly=True) as project:
        bundle = project.bundle(project.notes()[0].id)
    assert bundle.note.body.strip()
    assert check_note(bundle) == []


def test_prompt_left_in_brackets() -> None:
    body = CLEAN.replace("Whether to back", "[State the issue in one sentence.] Whether to back")
    problem = only(make_bundle(body), "prompt")
    assert body[problem.start : problem.end] == "[State the issue in one sentence.]"
    assert (
        problem.message == "Template prompt still in the text: [State the issue in one sentence.]"
    )


def test_prompt_across_a_line_break_and_a_long_one_is_shortened() -> None:
    prompt = (
        "[Set out the facts the reader needs,\nciting the tagged passages, and say "
        + "why " * 20
        + "]"
    )
    problem = only(make_bundle(CLEAN + "\n" + prompt + "\n"), "prompt")
    assert problem.end - problem.start == len(prompt)
    assert len(problem.message) < 110 and "\n" not in problem.message


@pytest.mark.parametrize("template", templates(), ids=lambda t: t.name)
def test_every_template_prompt_is_found(template) -> None:  # type: ignore[no-untyped-def]
    bundle = make_bundle(template.body, purpose=template.purpose)
    found = [template.body[p.start : p.end] for p in check_note(bundle) if p.kind == "prompt"]
    expected = [line for line in template.body.split("\n") if "[" in line]
    assert found and all(any(f in line for line in expected) for f in found)
    assert len(found) == template.body.count("[")


def test_not_prompts_links_footnotes_definitions_images_citations() -> None:
    body = (
        "See [the page](https://example.org), [a reference link][ref] and ![an image](x.png).\n"
        "A note[^long note] and [@p1] and [@p1, p. 3].\n\n"
        "[ref]: https://example.org\n[^long note]: The note.\n"
    )
    assert [k for k in kinds(make_bundle(body, purpose="information")) if k == "prompt"] == []


REST = CLEAN[CLEAN.index("## Issue") :]
POINT = "- A point that takes most of one line of the page to say in full, as briefs do."


def test_summary_longer_than_four_lines() -> None:
    body = "## Summary\n\n" + "\n".join([POINT] * 6) + "\n\n" + REST
    problem = only(make_bundle(body), "summary-length")
    assert problem.message == "Summary is 6 lines; keep it to 4."
    assert body[problem.start : problem.end] == "\n".join([POINT] * 6)


def test_summary_lines_are_lines_of_the_word_page() -> None:
    sentence = "The talks on access to AI models continue between the two sides this week. "
    # Six sentences fill five lines; the footnote mark stays with the last word, as in Word,
    # and takes it onto a sixth.
    for count, expected in ((4, None), (6, "Summary is 6 lines; keep it to 4.")):
        body = f"## Summary\n\n{sentence * count}[@p1]\n\n{REST}"
        found = [p.message for p in check_note(make_bundle(body)) if p.kind == "summary-length"]
        assert found == ([expected] if expected else [])


def test_summary_of_four_lines_is_fine_and_bluf_counts_too() -> None:
    assert check_note(make_bundle("## Summary\n\n" + "\n".join([POINT] * 4) + "\n\n" + REST)) == []
    body = "## BLUF\n\n" + "\n".join([POINT] * 5) + "\n\n" + REST
    assert only(make_bundle(body), "summary-length").message == "BLUF is 5 lines; keep it to 4."


def test_decision_note_without_recommendation() -> None:
    body = CLEAN.split("## Recommendation")[0]
    problem = only(make_bundle(body), "no-recommendation")
    assert (problem.start, problem.end) == (-1, -1)
    assert check_note(make_bundle(body))[-1] == problem  # placeless problems come last
    assert "no-recommendation" not in kinds(make_bundle(body, purpose="information"))


def test_recommendation_with_only_its_prompt() -> None:
    body = CLEAN.replace(
        "It is recommended that you support a joint framework.", "[It is recommended that you ...]"
    )
    problem = only(make_bundle(body), "no-recommendation")
    assert body[problem.start : problem.end] == "## Recommendation"
    assert "prompt" in kinds(make_bundle(body))
    assert "empty-section" not in kinds(make_bundle(body))


def test_empty_section() -> None:
    body = CLEAN.replace("Whether to back a joint framework for access to AI models.\n", "")
    problem = only(make_bundle(body), "empty-section")
    assert body[problem.start : problem.end] == "## Issue"
    assert problem.message == "Section “Issue” is empty."
    nested = "# Part\n\n## Sub\n\nText.\n"
    assert "empty-section" not in kinds(make_bundle(nested + CLEAN))


def test_messages_stay_on_one_line() -> None:
    bundle = make_bundle(CLEAN + "\nSee [@p3;\n  @p98].\n", marking="UNCLASSIFIED")
    bundle.sources[2] = replace(bundle.sources[2], title="Two\nlines", marking="OFFICIAL\n")
    messages = {p.kind: p.message for p in check_note(bundle)}
    assert messages["missing-passage"] == "[@p3; @p98] cites passage p98, which does not exist."
    assert messages["marking"] == "“Two lines” is marked OFFICIAL, above this note's UNCLASSIFIED."


def test_missing_passage() -> None:
    body = CLEAN.replace("[@p1]", "[@p1; @p99]")
    problem = only(make_bundle(body), "missing-passage")
    assert body[problem.start : problem.end] == "[@p1; @p99]"
    assert problem.message == "[@p1; @p99] cites passage p99, which does not exist."


def test_source_marked_above_the_note() -> None:
    body = CLEAN.replace("[@p1]", "[@p3]") + "\nAgain [@p3].\n"
    problem = only(make_bundle(body, marking="UNCLASSIFIED"), "marking")  # once per source
    assert body[problem.start : problem.end] == "[@p3]"
    assert problem.message == "“Stocktake” is marked OFFICIAL, above this note's UNCLASSIFIED."
    assert "marking" not in kinds(make_bundle(body, marking="SECRET"))
    assert "marking" not in kinds(make_bundle(body, marking="official"))


def test_source_without_marking_is_fine() -> None:
    bundle = make_bundle(CLEAN.replace("[@p1]", "[@p3]"), marking="")
    bundle.sources[2] = replace(bundle.sources[2], marking="")
    assert check_note(bundle) == []


def test_missing_source_and_bad_citation() -> None:
    bundle = make_bundle(CLEAN + "\nSee [@p3] and [@px].\n")
    del bundle.sources[2]
    # p3 is cited twice, each a citation to fix
    assert sorted(kinds(bundle)) == ["bad-citation", "missing-source", "missing-source"]


def test_exporters_report_the_same_citation_issues() -> None:
    bundle = make_bundle(CLEAN.replace("[@p1]", "[@p1; @p99; @p3]"), marking="UNCLASSIFIED")
    issues = citation_issues(bundle, bundle.note.body)
    assert [i.kind for i in issues] == ["missing-passage", "marking"]
    assert len(find_problems(bundle)) == 2


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#[]()@p1 :^-*>`\n\\xyz!")), max_size=200))
def test_never_raises(body: str) -> None:
    for problem in check_note(make_bundle(body)):
        assert "\n" not in problem.message
        assert problem.start == problem.end == -1 or 0 <= problem.start <= problem.end <= len(body)


def test_a_body_that_is_not_text_gives_no_problems_but_no_crash() -> None:
    bundle = make_bundle()
    broken = replace(bundle, note=replace(bundle.note, body=None))  # type: ignore[arg-type]
    assert [p.kind for p in check_note(broken)] == ["no-recommendation"]


def test_spans_index_the_body_as_stored() -> None:
    """The checks read the cleaned body; their spans still point into the body as stored."""
    body = (
        "## Summary\r\n\r\nText\x07 with [@p99] and\r\n[@px] too.\r\n\r\n"
        "## Recommendation\r\n\r\nGo.\r\n"
    )
    found = {p.kind: body[p.start : p.end] for p in check_note(make_bundle(body))}
    assert found == {"missing-passage": "[@p99]", "bad-citation": "[@px]"}
