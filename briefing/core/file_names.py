"""The name an exported note is offered under: its reference, then a short clean title.

A note's title is written for a reader ("US-EU talks on access to AI models: our position"); a
file name is read in a folder listing, beside other notes' files, and must be accepted by every
file system. So the reference comes first (notes sort by it), the title loses its subtitle (what
follows a colon or a dash between spaces) and any character a file system refuses, and the
whole is cut at a word to stay short. ``export_stem("BN-14", "Talks: our position")`` is
``"BN-14 Talks"``.
"""

from __future__ import annotations

import re

FALLBACK = "Briefing note"
TITLE_LIMIT = 60  # characters of title, cut at a word
_REFUSED = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # by Windows, and "/" everywhere
_SUBTITLE = re.compile(r":|\s[-–—]\s")  # "Title: subtitle", "Title – subtitle"
_MIN_HEAD = 12  # a head shorter than this says too little alone: keep the subtitle


def clean(text: str) -> str:
    """``text`` with the characters a file system refuses turned to spaces, runs of spaces
    collapsed, and no trailing dot, dash or space (Windows drops a trailing dot)."""
    return " ".join(_REFUSED.sub(" ", text).split()).strip(" .-–—")


def short_title(title: str, limit: int = TITLE_LIMIT) -> str:
    """The title without its subtitle, cleaned, at most ``limit`` characters cut at a word."""
    head = _SUBTITLE.split(title, maxsplit=1)[0]
    chosen = clean(head) if len(clean(head)) >= _MIN_HEAD else clean(title)
    if len(chosen) <= limit:
        return chosen
    cut = chosen[: limit + 1].rsplit(" ", 1)[0] if " " in chosen[:limit] else chosen[:limit]
    return cut.rstrip(" .-–—,;")


def export_stem(reference: str, title: str) -> str:
    """The file name, without its extension, offered for a note's export."""
    ref = clean(reference.replace("/", "-").replace("\\", "-"))
    name = short_title(title)
    if ref and name.casefold().startswith(ref.casefold()):
        ref = ""  # the title already begins with the reference
    return " ".join(part for part in (ref, name) if part) or FALLBACK
