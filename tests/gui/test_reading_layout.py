"""The display of a source with blocks: inserted characters only, and a map that always leads
back to the stored offsets (plain Python, no widget)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.core.model import Block
from briefing.gui.reading_layout import EM_SPACE, EN_SPACE, build_layout, plain
from briefing.importers.base import Line, build

KINDS = ("heading", "paragraph", "list_item", "table_row", "footnote")


def _stored_chars(layout, length: int) -> str:
    """The display text without its inserted characters."""
    return "".join(ch for at, ch in enumerate(layout.text) if not layout.is_inserted(at))[:length]


lines = st.lists(
    st.tuples(
        st.text(alphabet="ab c\t😀𠀀ع", min_size=0, max_size=12),
        st.sampled_from(KINDS),
        st.integers(1, 3),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@given(lines)
def test_the_display_only_inserts_and_the_map_leads_back(spec) -> None:
    text, blocks = build([Line(t, kind=k, level=lv, numbered=n) for t, k, lv, n in spec])
    layout = build_layout(text, blocks, measure=lambda s: 7.0 * len(s), tab=14.0)
    assert _stored_chars(layout, len(layout.text)) == text
    positions = [layout.to_display(offset) for offset in range(len(text) + 1)]
    assert positions == sorted(positions)
    for offset in range(len(text) + 1):
        assert layout.to_stored(layout.to_display(offset)) == offset
        assert layout.to_stored(layout.to_display(offset, end=True)) == offset
        assert layout.to_display(offset, end=True) <= layout.to_display(offset)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            a, b = layout.to_display(start), layout.to_display(end, end=True)
            shown = "".join(
                ch for at, ch in enumerate(layout.text[a:b], a) if not layout.is_inserted(at)
            )
            assert shown == text[start:end]


def test_headings_lists_and_tables_get_their_room() -> None:
    text, blocks = build(
        [
            Line("Export controls", "heading", level=1),
            Line("Ministers met.", "paragraph"),
            Line("First", "list_item", level=1, label="•"),
            Line("Nested", "list_item", level=2, label="◦"),
            Line("One", "list_item", level=1, numbered=True),
            Line("Two", "list_item", level=1, numbered=True),
            Line("Country\tMeasure", "table_row"),
            Line("Netherlands\tLicence", "table_row"),
        ]
    )
    layout = build_layout(text, blocks, measure=lambda s: 10.0 * len(s), tab=20.0)
    shown = layout.text.split("\n")
    assert shown[:3] == ["Export controls", "", "Ministers met."]  # a spacer line
    assert shown[3:8] == [
        "",  # before the list
        f"{EM_SPACE}•{EN_SPACE}First",
        f"{EM_SPACE * 2}◦{EN_SPACE}Nested",
        f"{EM_SPACE}1.{EN_SPACE}One",  # numbered where the importer gave no label
        f"{EM_SPACE}2.{EN_SPACE}Two",
    ]
    # "Netherlands" is 110 px wide: the column is 7 stops of 20 px (a stop to spare), so the
    # second column starts at 140 px: "Country" (70 px) needs 4 tabs to reach it, "Netherlands"
    # 2; the stored tab is one of them.
    assert shown[8:] == ["", "Country" + "\t" * 4 + "Measure", "Netherlands" + "\t" * 2 + "Licence"]
    assert layout.headings == [(0, 15, 1)]
    assert [s.size for s in layout.spacers] == [0.5, 0.5, 0.5]


def test_blank_lines_already_there_need_no_spacer() -> None:
    text = "First paragraph.\n\nSecond paragraph."
    blocks = [Block("paragraph", 0, 16), Block("paragraph", 18, 35)]
    layout = build_layout(text, blocks)
    assert layout.text == text and not layout.changed
    assert plain(text).to_display(5) == 5
