"""The colour schemes and theme highlights hold WCAG AA (4.5:1) for every text they stand
behind, computed for each colour in light, dark and high contrast."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.colours import (
    AA,
    AA_GRAPHICS,
    DARK,
    GRAPHIC_PAIRS,
    HIGH_CONTRAST,
    LIGHT,
    SCHEMES,
    TEXT_PAIRS,
    Scheme,
    blend,
    contrast,
    derive_scheme,
    highlight,
    overlap,
    passage_alpha,
    to_hex,
)
from briefing.core.resources import default_themes, theme_palette

THEME_COLOURS = sorted({t["colour"].upper() for t in default_themes()} | set(theme_palette()))
SCHEME_LIST = [LIGHT, DARK, HIGH_CONTRAST]


def ids(scheme: Scheme) -> str:
    return scheme.name


@pytest.mark.parametrize("scheme", SCHEME_LIST, ids=ids)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS, ids=lambda v: v)
def test_every_text_of_a_scheme_reads_on_what_it_stands_on(
    scheme: Scheme, text: str, background: str
) -> None:
    ratio = contrast(getattr(scheme, text), getattr(scheme, background))
    assert ratio >= AA, f"{text} on {background} in {scheme.name}: {ratio:.2f}"


@pytest.mark.parametrize("scheme", SCHEME_LIST, ids=ids)
@pytest.mark.parametrize(("graphic", "background"), GRAPHIC_PAIRS, ids=lambda v: v)
def test_the_focus_frame_stands_out(scheme: Scheme, graphic: str, background: str) -> None:
    ratio = contrast(getattr(scheme, graphic), getattr(scheme, background))
    assert ratio >= AA_GRAPHICS, f"{graphic} on {background} in {scheme.name}: {ratio:.2f}"


@pytest.mark.parametrize("scheme", SCHEME_LIST, ids=ids)
@pytest.mark.parametrize("colour", THEME_COLOURS)
def test_text_over_each_theme_colour_keeps_aa(scheme: Scheme, colour: str) -> None:
    shown = highlight(colour, scheme=scheme)
    assert contrast(shown, scheme.text) >= AA
    # Two passages of the colour overlapping (the viewer paints one layer over the other).
    assert contrast(overlap(colour, scheme, passage_alpha(colour, scheme)), scheme.text) >= AA
    # Readable is not enough: the highlight must also stand out from the bare page.
    assert contrast(shown, scheme.base) > 1.15


@given(st.tuples(*[st.integers(0, 255)] * 3), st.sampled_from(SCHEME_LIST))
def test_any_colour_a_user_picks_is_painted_readable(rgb, scheme: Scheme) -> None:
    colour = to_hex(rgb)
    alpha = passage_alpha(colour, scheme)
    assert 0 <= alpha <= scheme.highlight_alpha
    assert contrast(blend(colour, scheme.base, alpha), scheme.text) >= AA


def test_a_pale_colour_on_a_dark_page_is_painted_fainter() -> None:
    assert passage_alpha("#FFFF80", DARK) < DARK.highlight_alpha
    assert passage_alpha("#3F7FD9", DARK) == DARK.highlight_alpha


def test_the_note_headings_and_preview_colours_differ_by_scheme() -> None:
    # Dark navy headings on a dark page were the bug: each scheme has its own.
    assert contrast(LIGHT.heading, DARK.base) < AA <= contrast(DARK.heading, DARK.base)
    assert highlight("#E0702E", dark=True) == highlight("#E0702E", scheme=DARK)
    assert set(SCHEMES) == {"light", "dark", "high contrast"}


@pytest.mark.parametrize(
    "palette",
    [
        {"base": "#FFFFFF", "text": "#000000", "window": "#F0F0F0", "window_text": "#000000"},
        {"base": "#202830", "text": "#E6E6E6", "window": "#2A3440", "window_text": "#E6E6E6"},
        # A palette whose page is mid grey: the added colours cannot all read on it.
        {"base": "#8A8A8A", "text": "#000000", "window": "#8A8A8A", "window_text": "#000000"},
    ],
)
def test_a_system_palette_keeps_only_added_colours_that_read_on_it(palette: dict) -> None:
    scheme = derive_scheme(**palette)
    assert scheme.name == "system" and scheme.base == palette["base"]
    for name in ("link", "heading", "warning", "error", "muted"):
        colour = getattr(scheme, name)
        model = DARK if scheme.dark else LIGHT
        assert colour in (getattr(model, name), scheme.text)
        assert contrast(colour, scheme.base) >= AA
    assert contrast(scheme.focus, scheme.window) >= AA_GRAPHICS
    with pytest.raises(ValueError, match="not colours"):
        derive_scheme(page="#FFFFFF")
