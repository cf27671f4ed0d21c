"""Code points <-> UTF-16 units, with emoji and CJK Extension B before and inside passages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.core.offsets import OffsetMap, utf16_length

TEXT = "😀 before 𠀀𠀁 then the passage 😀 with 𠀂 inside, and after 👍🏽."


def test_every_position_maps_both_ways() -> None:
    offsets = OffsetMap(TEXT)
    units = TEXT.encode("utf-16-le")
    for index in range(len(TEXT) + 1):
        unit = offsets.to_utf16(index)
        assert units[: 2 * unit].decode("utf-16-le") == TEXT[:index]
        assert offsets.from_utf16(unit) == index


def test_a_position_inside_a_surrogate_pair_snaps_to_the_character_start() -> None:
    offsets = OffsetMap("a😀b")
    assert offsets.from_utf16(2) == 1  # between the two halves of 😀


def test_length() -> None:
    assert utf16_length(TEXT) == len(TEXT.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60), st.data())
def test_slices_agree(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    offsets = OffsetMap(text)
    units = text.encode("utf-16-le")
    piece = units[2 * offsets.to_utf16(start) : 2 * offsets.to_utf16(end)]
    assert piece.decode("utf-16-le") == text[start:end]
