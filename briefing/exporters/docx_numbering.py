"""List numbering: two abstract definitions (bullets, numbers) and a ``w:num`` per numbered list.

Each numbered list gets its own ``w:num`` with a ``lvlOverride/startOverride`` at its level, so
a new list restarts at its first number in Word and LibreOffice alike instead of continuing the
previous one. Bullet lists share one ``w:num``.
"""

from __future__ import annotations

from docx.oxml import parse_xml

from briefing.exporters.docx_xml import NSDECL, Elem, make, w

BULLETS_NAME = "Briefing Bullets"
NUMBERS_NAME = "Briefing Numbers"
MAX_LEVEL = 8  # Word lists have nine levels
_BULLET_TEXT = ("•", "–", "▪")
_NUMBER_FORMATS = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))
_STEP = 567  # 1 cm per level
_HANG = 397  # 0.7 cm between the marker and the text


def level_indent(level: int) -> int:
    """Left indent (twips) of a list item's text at ``level``."""
    return _STEP * level + _HANG


def abstract_num_xml(abstract_id: int, name: str, nsid: str) -> str:
    levels = []
    for level in range(MAX_LEVEL + 1):
        if name == BULLETS_NAME:
            fmt, text = "bullet", _BULLET_TEXT[level % 3]
            fonts = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>'
        else:
            fmt, pattern = _NUMBER_FORMATS[level % 3]
            text, fonts = pattern.format(n=level + 1), ""
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{level_indent(level)}" w:hanging="{_HANG}"/></w:pPr>'
            f"{fonts}</w:lvl>"
        )
    return (
        f'<w:abstractNum {NSDECL} w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/><w:name w:val="{name}"/>'
        f"{''.join(levels)}</w:abstractNum>"
    )


def numbering_xml() -> str:
    """A numbering part holding Briefing's two definitions (for the reference document)."""
    return (
        f"<w:numbering {NSDECL}>{abstract_num_xml(0, BULLETS_NAME, '4B1E0001')}"
        f"{abstract_num_xml(1, NUMBERS_NAME, '4B1E0002')}</w:numbering>"
    )


class Numbering:
    """Hands out ``numId``s for the lists of one document."""

    def __init__(self, numbering: Elem) -> None:
        self.root = numbering
        abstracts = list(numbering.iterchildren(w("abstractNum")))
        ids = [int(a.get(w("abstractNumId"), "0")) for a in abstracts]
        nums = [int(n.get(w("numId"), "0")) for n in numbering.iterchildren(w("num"))]
        self.next_num = max(nums, default=0) + 1
        by_name: dict[str, int] = {}
        for a in abstracts:
            name_el = a.find(w("name"))
            label = name_el.get(w("val")) if name_el is not None else None
            if label is not None:
                by_name[label] = int(a.get(w("abstractNumId"), "0"))
        next_abstract = max(ids, default=-1) + 1
        self.abstract: dict[str, int] = {}
        for name, nsid in ((BULLETS_NAME, "4B1E0001"), (NUMBERS_NAME, "4B1E0002")):
            if name in by_name:
                self.abstract[name] = by_name[name]
                continue
            # Abstract definitions must precede every w:num in the part.
            element = parse_xml(abstract_num_xml(next_abstract, name, nsid))
            first_num = numbering.find(w("num"))
            if first_num is not None:
                first_num.addprevious(element)
            else:
                numbering.append(element)
            self.abstract[name] = next_abstract
            next_abstract += 1
        self._bullets: int | None = None

    def bullets(self) -> int:
        if self._bullets is None:
            self._bullets = self._new(self.abstract[BULLETS_NAME], None, 0)
        return self._bullets

    def ordered(self, level: int, start: int) -> int:
        """A fresh ``numId`` for a numbered list at ``level`` starting at ``start``."""
        return self._new(self.abstract[NUMBERS_NAME], level, start)

    def _new(self, abstract_id: int, level: int | None, start: int) -> int:
        num_id = self.next_num
        self.next_num += 1
        num = make("num", {"numId": str(num_id)})
        make("abstractNumId", {"val": str(abstract_id)}, num)
        if level is not None:
            override = make("lvlOverride", {"ilvl": str(level)}, num)
            make("startOverride", {"val": str(min(max(0, start), 32767))}, override)
        cleanup = self.root.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        return num_id
