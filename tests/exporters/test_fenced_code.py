"""Fenced code blocks keep their lines, and what is inside them is not Markdown."""

from __future__ import annotations

from briefing.exporters.markdown_tree import fences_to_indented, markdown_to_tree


def test_fences_become_verbatim_blocks() -> None:
    tree = markdown_to_tree("Intro\n```text\n# not a heading\n**not bold**\n```\nAfter\n")
    body = tree.body
    assert [child.tag for child in body] == ["p", "pre", "p"]
    assert "".join(body[1].itertext()) == "# not a heading\n**not bold**"


def test_unclosed_fence_and_tildes() -> None:
    assert fences_to_indented("~~~\ncode\n~~~\ntext") == "\n    code\n\ntext"
    assert fences_to_indented("```\nnever closed") == "\n    never closed"
    assert fences_to_indented("no fences\nat all") == "no fences\nat all"
