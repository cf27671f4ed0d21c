"""The note's block map: the blocks every reader of a note sees, with lines and offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.commonmark import Block, block_map, line_of, line_starts, note_tokens

BODY = """\
Intro text
- a
- b

2. two
   - nested

Title
=====

> 1) q [@p1]
> - - deep

```py
# not a heading
```

    indented

| a |
|---|
| 1 |

---

#hashtag

[^x]: note
"""


def kinds(body: str) -> list[tuple[str, int, int]]:
    return [(b.kind, b.start_line, b.end_line) for b in block_map(body)]


def text(body: str, block: Block) -> str:
    return body[block.start : block.end]


def test_blocks_in_reading_order_with_lines() -> None:
    found = [(k, first, last) for k, first, last in kinds(BODY) if k != "paragraph"]
    assert found == [
        ("list", 1, 3),
        ("item", 1, 2),
        ("item", 2, 3),
        ("list", 4, 6),
        ("item", 4, 6),
        ("list", 5, 6),
        ("item", 5, 6),
        ("heading", 7, 9),
        ("quote", 10, 12),
        ("list", 10, 11),
        ("item", 10, 11),
        ("list", 11, 12),
        ("item", 11, 12),
        ("list", 11, 12),
        ("item", 11, 12),
        ("code", 13, 16),
        ("code", 17, 18),
        ("table", 19, 22),
        ("rule", 23, 24),
        ("footnote", 27, 28),
    ]


def test_list_markers_levels_and_numbers() -> None:
    items = [b for b in block_map(BODY) if b.kind == "item"]
    assert [(b.marker, b.level, b.depth, b.ordered, b.number) for b in items] == [
        ("-", 0, 0, False, 0),
        ("-", 0, 0, False, 0),
        ("2.", 0, 0, True, 2),
        ("-", 1, 1, False, 0),
        ("1)", 0, 1, True, 1),
        ("-", 0, 1, False, 0),
        ("-", 1, 2, False, 0),
    ]
    for item in items:
        assert BODY[item.marker_start : item.marker_end] == item.marker
    deep = items[-2:]
    assert deep[0].marker_start < deep[1].marker_start  # "> - - deep": two items, one line
    lists = [b for b in block_map(BODY) if b.kind == "list"]
    assert [(b.ordered, b.number, b.tight) for b in lists][:3] == [
        (False, 0, True),
        (True, 2, True),
        (False, 0, True),
    ]


def test_headings_setext_and_not_hashtags() -> None:
    (heading,) = [b for b in block_map(BODY) if b.kind == "heading"]
    assert (heading.level, heading.text, heading.marker) == (1, "Title", "=")
    assert text(BODY, heading) == "Title\n====="
    assert BODY[heading.marker_start : heading.marker_end] == "====="
    paragraphs = [text(BODY, b) for b in block_map(BODY) if b.kind == "paragraph"]
    assert "#hashtag" in paragraphs  # no space after #: text
    atx = block_map("  ## Two ##\n")[0]
    assert (atx.level, atx.text, atx.marker, atx.marker_start, atx.marker_end) == (
        2,
        "Two",
        "##",
        2,
        4,
    )


def test_code_blocks_and_front_matter() -> None:
    code = [b for b in block_map(BODY) if b.kind == "code"]
    assert [(b.marker, b.text) for b in code] == [("```", "py"), ("", "")]
    assert text(BODY, code[0]) == "```py\n# not a heading\n```"
    body = "---\ntitle: x\n---\n# Head\n"
    assert kinds(body) == [("front-matter", 0, 3), ("heading", 3, 4)]


def test_offsets_are_code_points() -> None:
    body = "😀𠀀 intro\n\n- 𠀀 item\n"
    item = next(b for b in block_map(body) if b.kind == "item")
    assert body[item.marker_start] == "-"
    assert text(body, item) == "- 𠀀 item"


def test_line_helpers() -> None:
    starts = line_starts("ab\ncd\n\nef")
    assert starts == [0, 3, 6, 7, 10]
    assert [line_of(starts, offset) for offset in (0, 2, 3, 6, 7, 9)] == [0, 0, 1, 2, 3, 3]


def test_tokens_are_shared_and_cached() -> None:
    assert note_tokens(BODY) is note_tokens(BODY)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#-*>1.) \n`~|=:[]^ab\t")), max_size=120))
def test_block_map_never_fails_and_spans_are_in_the_body(body: str) -> None:
    for block in block_map(body):
        assert 0 <= block.start <= block.end <= len(body)
        assert block.start_line < block.end_line
        if block.marker_start < 0:
            continue
        marked = body[block.marker_start : block.marker_end]
        if block.kind == "heading" and block.marker in ("=", "-"):
            assert set(marked.rstrip()) == {block.marker}  # a setext underline
        else:
            assert marked == block.marker
