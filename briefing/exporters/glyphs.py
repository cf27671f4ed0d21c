"""Glyph widths of Liberation Sans (Arial's metric twin), for the page meter's line breaking.

Printed by ``python tools/calibrate_pages.py --font-table`` from the fonts themselves.
"""

from __future__ import annotations

SPACE, FALLBACK = 278, 556  # widths (1/1000 em) of a space and of a letter the tables lack
REG, BLD, MONO = 0, 1, 2  # the fonts of a run
# Liberation Sans advance widths (1/1000 em) by width; italic has the regular widths.
# Printed by: python tools/calibrate_pages.py --font-table
# fmt: off
_REGULAR = {
    191: "'", 222: "ijl‘’", 260: "|¦", 278: " !,./:;I[\\]ft\xa0ÌÍÎÏìíîï", 333: "()-`r¡¨²³´·¸¹“”‐",
    334: "{}", 350: "•", 355: "\"", 365: "º", 370: "ª", 389: "*", 400: "°", 469: "^",
    500: "Jcksvxyzçýÿ", 537: "¶", 549: "±÷", 552: "¯",
    556: "#$0123456789?L_abdeghnopqu¢£¤¥§«»àáâãäåèéêëðñòóôõöùúûüþ–€", 576: "µ", 584: "+<=>~¬×",
    611: "FTZ¿ßø", 667: "&ABEKPSVXYÀÁÂÃÄÅÈÉÊËÝÞ", 722: "CDHNRUwÇÐÑÙÚÛÜ", 737: "©®",
    778: "GOQÒÓÔÕÖØ", 833: "Mm", 834: "¼½¾", 889: "%æ", 944: "W", 1000: "Æ—…→", 1015: "@",
}
_BOLD = {
    238: "'", 278: " ,./I\\ijl\xa0ÌÍÎÏìíîï‘’", 280: "|¦", 333: "!()-:;[]`ft¡¨²³´·¸¹‐", 350: "•",
    365: "º", 370: "ª", 389: "*r{}", 400: "°", 474: "\"", 500: "z“”", 549: "±÷", 552: "¯",
    556: "#$0123456789J_aceksvxy¢£¤¥§«¶»àáâãäåçèéêëýÿ–€", 576: "µ", 584: "+<=>^~¬×",
    611: "?FLTZbdghnopqu¿ßðñòóôõöøùúûüþ", 667: "EPSVXYÈÉÊËÝÞ", 722: "&ABCDHKNRUÀÁÂÃÄÅÇÐÑÙÚÛÜ",
    737: "©®", 778: "GOQwÒÓÔÕÖØ", 833: "M", 834: "¼½¾", 889: "%mæ", 944: "W", 975: "@",
    1000: "Æ—…→",
}
# fmt: on
_WIDTHS = (
    {c: w for w, chars in _REGULAR.items() for c in chars},
    {c: w for w, chars in _BOLD.items() for c in chars},
)
_EMS: tuple[dict[str, int], dict[str, int]] = ({}, {})  # word widths, by font


def em(text: str, font: int) -> int:
    """Width of ``text`` in 1/1000 em; East Asian wide characters take a full em."""
    if font == MONO:
        return 600 * len(text)
    total = _EMS[font].get(text)
    if total is None:
        if len(_EMS[font]) > 100_000:
            _EMS[font].clear()
        table = _WIDTHS[font]
        total = _EMS[font][text] = sum(
            table.get(c) or (1000 if "\u2e80" <= c <= "\uffdc" or c >= "\U00020000" else FALLBACK)
            for c in text
        )
    return total
