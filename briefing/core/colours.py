"""The window's colours: three colour schemes (light, dark, high contrast), and theme colours as
highlights blended over the page so the text stays readable.

A scheme names every colour the window draws with: the palette's own roles (page, text,
selection...) and the few it adds (the preview's headings, warnings, errors, find matches).
The GUI builds its palettes from these, and derives a scheme from the system's palette when
the user keeps it (``derive_scheme``), checking each added colour against that palette. Text
that stands on a colour keeps WCAG AA's 4.5:1; tests/core/test_colours.py computes each ratio
in each scheme, for every theme colour a project can start with.

A theme keeps one base colour. The viewer paints it translucent over the page; ``highlight`` is
what the eye sees, and ``passage_alpha`` lowers the opacity for a colour that would otherwise
leave the text under it below 4.5:1, even where two passages overlap (a pale yellow on a dark
page, say).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

AA = 4.5  # WCAG AA for body text
AA_GRAPHICS = 3.0  # WCAG AA for the parts of controls (1.4.11): the focus frame
_ALPHA_STEP = 0.02


@dataclass(frozen=True)
class Scheme:
    name: str  # "light", "dark", "high contrast"; "system" when derived from the platform's
    window: str  # panes, toolbars, the status bar
    window_text: str
    base: str  # pages and lists: the source, the note, the tables
    alternate_base: str  # every other row of a table
    text: str
    button: str
    button_text: str
    selection: str  # selected text and rows (Qt's Highlight role)
    selected_text: str
    muted: str  # placeholders and secondary text
    link: str
    heading: str  # the preview's title and headings
    warning: str  # coverage flags, the page meter over its limit
    error: str  # citations of missing passages
    find: str  # behind a find match; its text is find_text
    find_current: str
    find_text: str
    focus: str  # the frame around the pane that has the keyboard focus
    highlight_alpha: float  # a passage's theme colour over the page: at most this opaque

    @property
    def dark(self) -> bool:
        return luminance(self.base) < 0.2


LIGHT = Scheme(
    name="light",
    window="#EFEFEF",
    window_text="#000000",
    base="#FFFFFF",
    alternate_base="#F5F5F5",
    text="#000000",
    button="#EFEFEF",
    button_text="#000000",
    selection="#2A68B0",
    selected_text="#FFFFFF",
    muted="#5F5F5F",
    link="#0B57D0",
    heading="#1F3864",
    warning="#A04A00",
    error="#B00020",
    find="#FFE45C",
    find_current="#FF9F1A",
    find_text="#000000",
    focus="#2A68B0",
    highlight_alpha=0.30,
)
DARK = Scheme(
    name="dark",
    window="#2B2B2B",
    window_text="#F0F0F0",
    base="#1E1E1E",
    alternate_base="#272727",
    text="#F0F0F0",
    button="#353535",
    button_text="#F0F0F0",
    selection="#2F65A7",
    selected_text="#FFFFFF",
    muted="#ABABAB",
    link="#8AB4F8",
    heading="#9CC3FF",
    warning="#FFB74D",
    error="#FF8A80",
    find="#FFE45C",
    find_current="#FF9F1A",
    find_text="#000000",
    focus="#6FA8FF",
    highlight_alpha=0.40,
)
HIGH_CONTRAST = Scheme(
    name="high contrast",
    window="#000000",
    window_text="#FFFFFF",
    base="#000000",
    alternate_base="#141414",
    text="#FFFFFF",
    button="#000000",
    button_text="#FFFFFF",
    selection="#1AEBFF",
    selected_text="#000000",
    muted="#D0D0D0",
    link="#FFFF00",
    heading="#FFFF00",
    warning="#FFD000",
    error="#FF9090",
    find="#FFFF00",
    find_current="#1AEBFF",
    find_text="#000000",
    focus="#FFFF00",
    highlight_alpha=0.55,
)
SCHEMES = {s.name: s for s in (LIGHT, DARK, HIGH_CONTRAST)}

# Which colours stand behind which text: (text, background) pairs that must keep 4.5:1.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "base"),
    ("text", "alternate_base"),
    ("window_text", "window"),
    ("button_text", "button"),
    ("selected_text", "selection"),
    ("muted", "base"),
    ("muted", "window"),
    ("link", "base"),
    ("heading", "base"),
    ("warning", "base"),
    ("warning", "window"),
    ("error", "base"),
    ("find_text", "find"),
    ("find_text", "find_current"),
)
# Graphics that must stand out from what is around them (3:1).
GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (("focus", "window"), ("focus", "base"))
# The colours a scheme adds to a palette; derive_scheme checks each against the palette.
_ACCENTS = ("link", "heading", "warning", "error")


def parse_hex(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    if len(value) != 6:
        raise ValueError(f"not a colour: {colour!r} (use #RRGGBB)")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def blend(colour: str, page: str, alpha: float) -> str:
    """``colour`` painted with opacity ``alpha`` over ``page``."""
    top, bottom = parse_hex(colour), parse_hex(page)
    mixed = tuple(round(alpha * a + (1 - alpha) * b) for a, b in zip(top, bottom, strict=True))
    return to_hex((mixed[0], mixed[1], mixed[2]))


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = parse_hex(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=1024)  # the viewer asks for each passage it paints
def passage_alpha(colour: str, scheme: Scheme) -> float:
    """The opacity a theme colour is painted with over the scheme's page: the scheme's, or
    less where the scheme's would leave its text under 4.5:1, where two passages of the colour
    overlap too (overlaps paint one layer over the other)."""
    alpha = scheme.highlight_alpha
    while alpha > 0 and contrast(overlap(colour, scheme, alpha), scheme.text) < AA:
        alpha = round(alpha - _ALPHA_STEP, 4)
    return max(alpha, 0.0)


def overlap(colour: str, scheme: Scheme, alpha: float) -> str:
    """Two layers of ``colour`` at ``alpha`` over the scheme's page."""
    return blend(colour, blend(colour, scheme.base, alpha), alpha)


def highlight(colour: str, *, dark: bool = False, scheme: Scheme | None = None) -> str:
    """The colour a passage of this theme shows as, on the scheme's page (the light or the
    dark one when no scheme is given)."""
    chosen = scheme or (DARK if dark else LIGHT)
    return blend(colour, chosen.base, passage_alpha(colour, chosen))


def readable(colour: str, backgrounds: tuple[str, ...], fallback: str, ratio: float = AA) -> str:
    """``colour`` if it keeps ``ratio`` (text: 4.5:1) on each of ``backgrounds``, else
    ``fallback``."""
    return colour if all(contrast(colour, b) >= ratio for b in backgrounds) else fallback


def derive_scheme(**palette: str) -> Scheme:
    """The scheme of a palette the platform gave (the user kept the system's colours): its
    own colours where it has them, the added ones from the light or dark scheme, each kept
    only where it reads on this palette's backgrounds (else the palette's text colour)."""
    known = {f.name for f in fields(Scheme)} - {"name", "highlight_alpha"}
    unknown = set(palette) - known
    if unknown:
        raise ValueError(f"not colours of a scheme: {sorted(unknown)}")
    base = palette.get("base", LIGHT.base)
    model = DARK if luminance(base) < 0.2 else LIGHT
    given: dict[str, Any] = dict(palette)  # (replace() types each field; these are colours)
    derived = replace(model, name="system", **given)
    checked: dict[str, Any] = {}
    for name in (*_ACCENTS, "muted"):
        backgrounds = tuple(getattr(derived, bg) for fg, bg in TEXT_PAIRS if fg == name)
        checked[name] = readable(getattr(derived, name), backgrounds, derived.text)
    frames = (derived.window, derived.base)
    checked["focus"] = readable(derived.focus, frames, derived.window_text, AA_GRAPHICS)
    return replace(derived, **checked)
