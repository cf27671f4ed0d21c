"""Code points (the store) <-> UTF-16 units (Qt's QTextCursor) for the same text.

Characters outside the Basic Multilingual Plane (emoji, CJK Extension B) are one code point but
two UTF-16 units, so every position after one differs. The GUI converts at its edge with these.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts positions in one text; built once per source (O(number of astral chars))."""

    def __init__(self, text: str) -> None:
        # Code-point positions of the characters that take two UTF-16 units (a regex: a Python
        # loop over a 3 MB source took half a second).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 positions of the same characters, for the reverse direction.
        self._astral16 = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of code-point position ``index``."""
        return index + bisect_left(self._astral, index)

    def from_utf16(self, index: int) -> int:
        """The code-point position of UTF-16 position ``index``.

        A position inside a surrogate pair (between its two halves) maps to the character's
        start, so a selection never splits a character.
        """
        before = bisect_left(self._astral16, index)  # astral characters starting before
        if before and self._astral16[before - 1] + 1 == index:
            return self._astral16[before - 1] - (before - 1)
        return index - before


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


__all__ = ["OffsetMap", "utf16_length"]
