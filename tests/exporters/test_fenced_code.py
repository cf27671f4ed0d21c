"""Fenced code blocks keep their lines, and what is inside them is not Markdown."""

from __future__ import annotations

from briefing.exporters.legacy_reading import fences_to_indented
from briefing.exporters.note_reader import markdown_to_tree


def test_fences_become_verbatim_blocks() -> None:
    tree = markdown_to_tree("Intro\n```text\n# not a heading\n**not bold**\n```\nAfter\n")
    body = tree.body
    assert [child.tag for child in body] == ["p", "pre", "p"]
    assert "".join(body[1].itertext()) == "# not a heading\n**not bold**"


def test_unclosed_fence_runs_to_the_end_and_fences_nest_in_items() -> None:
    body = markdown_to_tree("- item\n\n  ~~~\n  # in the item\n  ~~~\n\n```\nnever closed").body
    assert [child.tag for child in body] == ["ul", "pre"]
    assert [child.tag for child in body[0][0]] == ["p", "pre"]
    assert body[0][0][1].text == "# in the item"
    assert body[1].text == "never closed"


def test_old_reading_rewrote_fences_as_indented_blocks() -> None:
    """The old reader (kept to compare notes written before CommonMark) still reads fences."""
    assert fences_to_indented("~~~\ncode\n~~~\ntext") == "\n    code\n\ntext"
    assert fences_to_indented("```\nnever closed") == "\n    never closed"
    assert fences_to_indented("no fences\nat all") == "no fences\nat all"
