"""Theme colours as highlights: blended over the page so the text stays readable.

A theme keeps one base colour. The viewer paints it translucent over the palette's base colour;
the blend below is what the eye sees, and the tests hold every default theme to WCAG's 4.5:1
contrast against the palette's text colour, in light and dark palettes.
"""

from __future__ import annotations

LIGHT = ("#FFFFFF", "#000000")  # (page, text)
DARK = ("#1E1E1E", "#FFFFFF")
HIGHLIGHT_ALPHA = {"light": 0.30, "dark": 0.40}


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


def highlight(colour: str, *, dark: bool) -> str:
    """The colour a passage of this theme shows as, on the light or the dark palette."""
    page = DARK[0] if dark else LIGHT[0]
    return blend(colour, page, HIGHLIGHT_ALPHA["dark" if dark else "light"])
