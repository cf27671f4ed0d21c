"""The name an export is offered under: the reference and a short clean title."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.file_names import FALLBACK, TITLE_LIMIT, export_stem, short_title


@pytest.mark.parametrize(
    ("reference", "title", "expected"),
    [
        (
            "BN-2026-014",
            "US-EU talks on access to AI models: our position",
            "BN-2026-014 US-EU talks on access to AI models",
        ),
        (
            "",
            "US-EU talks on access to AI models: our position",
            "US-EU talks on access to AI models",
        ),
        ("MIN/2026/14", "Export controls – the options", "MIN-2026-14 Export controls"),
        ("", "Budget: 2027", "Budget 2027"),  # a head too short to stand alone keeps the rest
        ("", 'Why "dual use" <matters>?', "Why dual use matters"),
        ("BN 7", "BN 7 Sanctions", "BN 7 Sanctions"),  # not twice
        ("", "  ...  ", FALLBACK),
        ("Q3.", "", "Q3"),
    ],
)
def test_export_stem(reference: str, title: str, expected: str) -> None:
    assert export_stem(reference, title) == expected


def test_a_long_title_is_cut_at_a_word() -> None:
    title = "The implications of the new semiconductor export control regime for our allies"
    short = short_title(title)
    assert len(short) <= TITLE_LIMIT
    assert title.startswith(short) and title[len(short)] == " "


@given(st.text(max_size=120), st.text(max_size=30))
def test_any_title_gives_a_name_every_file_system_accepts(title: str, reference: str) -> None:
    stem = export_stem(reference, title)
    assert stem and stem == stem.strip() and not stem.endswith(".")
    assert not set(stem) & set('<>:"/\\|?*')
    assert all(ord(ch) >= 32 for ch in stem)
    assert len(stem) <= TITLE_LIMIT + 1 + len(reference) or stem == FALLBACK
