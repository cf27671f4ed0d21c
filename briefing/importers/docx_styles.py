"""Word's structure and properties: which paragraphs are headings or list items, and metadata.

A heading is a paragraph whose style (or a style it is based on) is named "heading N" or "Title",
or carries an outline level; a list item is a paragraph with numbering (its own w:numPr or its
style's), bulleted or numbered as numbering.xml says. Properties come from docProps/app.xml
(Company, HyperlinkBase), docProps/custom.xml, and the page headers, where a marking such as
OFFICIAL-SENSITIVE is printed.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from briefing.importers.base import HEADING, LIST_ITEM, PARAGRAPH, Line
from briefing.importers.properties import custom_metadata, find_marking

logger = logging.getLogger(__name__)

_HEADING_NAME_RE = re.compile(r"^heading\s*(\d)$")
_BULLET_FORMATS = frozenset({"bullet", "none", ""})
MAX_PART = 5 * 1024 * 1024  # a header or properties part larger than this is not read


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _attr(element: Any, name: str) -> str:
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return str(value)
    return ""


def _child(element: Any, name: str) -> Any:
    if element is None:
        return None
    return next((child for child in element if _local(child) == name), None)


def _read_xml(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        if archive.getinfo(name).file_size > MAX_PART:
            return None
        return ElementTree.fromstring(archive.read(name))
    except Exception:  # absent or damaged: the part's facts are lost, not the document
        logger.debug("part %s unreadable", name, exc_info=True)
        return None


@dataclass
class _Style:
    heading: int = 0  # 1-9, or 0
    numbering: tuple[str, int] | None = None  # (numId, ilvl)
    based_on: str = ""


@dataclass
class Styles:
    """The styles and numbering of one document, to classify its paragraphs."""

    styles: dict[str, _Style] = field(default_factory=dict)
    formats: dict[tuple[str, int], str] = field(default_factory=dict)  # (numId, ilvl) -> numFmt
    counters: dict[str, list[int]] = field(default_factory=dict)  # numId -> count per level

    @classmethod
    def read(cls, archive: zipfile.ZipFile) -> Styles:
        found = cls()
        names = set(archive.namelist())
        root = _read_xml(archive, "word/styles.xml") if "word/styles.xml" in names else None
        for style in root if root is not None else ():
            if _local(style) == "style" and _attr(style, "type") == "paragraph":
                found.styles[_attr(style, "styleId")] = _parse_style(style)
        numbering = "word/numbering.xml"
        root = _read_xml(archive, numbering) if numbering in names else None
        if root is not None:
            found.formats = _numbering_formats(root)
        return found

    def heading_level(self, style_id: str) -> int:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            if style.heading:
                return style.heading
            style_id = style.based_on
        match = _HEADING_NAME_RE.match(style_id.lower())  # styles.xml missing: Word's own ids
        return int(match.group(1)) if match else 0

    def style_numbering(self, style_id: str) -> tuple[str, int] | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            if style.numbering:
                return style.numbering
            style_id = style.based_on
        return None

    def line(self, text: str, properties: Any) -> Line:
        """The Line for a paragraph with this text and w:pPr (None if it has none)."""
        style_id = _attr(_child(properties, "pStyle"), "val") if properties is not None else ""
        outline = _child(properties, "outlineLvl")
        level = self.heading_level(style_id)
        if not level and outline is not None and _attr(outline, "val").isdigit():
            level = int(_attr(outline, "val")) + 1 if int(_attr(outline, "val")) < 9 else 0
        if level:
            return Line(text, HEADING, level=min(level, 6))
        numbering = _numbering(_child(properties, "numPr")) or self.style_numbering(style_id)
        lowered = style_id.lower()
        if numbering is None and lowered.startswith("list"):
            numbering = ("", 0)  # "List Bullet 2" without numbering.xml: python-docx's templates
        if numbering is None or numbering[0] == "0":  # numId 0 switches numbering off
            return Line(text, PARAGRAPH)
        fmt = self.formats.get(numbering, "bullet" if "number" not in lowered else "decimal")
        numbered = fmt not in _BULLET_FORMATS
        label = f"{self._count(numbering)}." if numbered else "•"
        return Line(text, LIST_ITEM, numbering[1] + 1, numbered, label)

    def _count(self, numbering: tuple[str, int]) -> int:
        """The item's number: Word counts per list and level, a higher level resetting lower."""
        num_id, level = numbering
        counts = self.counters.setdefault(num_id, [0] * 9)
        level = min(max(level, 0), 8)
        counts[level] += 1
        counts[level + 1 :] = [0] * (8 - level)
        return counts[level]


def _numbering(num_pr: Any) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = _attr(_child(num_pr, "numId"), "val") if _child(num_pr, "numId") is not None else ""
    ilvl = _child(num_pr, "ilvl")
    level = _attr(ilvl, "val") if ilvl is not None else "0"
    if not num_id:
        return None
    return num_id, int(level) if level.isdigit() else 0


def _parse_style(style: Any) -> _Style:
    found = _Style()
    name = _attr(_child(style, "name"), "val").lower() if _child(style, "name") is not None else ""
    match = _HEADING_NAME_RE.match(name)
    if match:
        found.heading = int(match.group(1))
    elif name == "title":
        found.heading = 1
    properties = _child(style, "pPr")
    outline = _child(properties, "outlineLvl")
    if not found.heading and outline is not None and _attr(outline, "val").isdigit():
        value = int(_attr(outline, "val"))
        found.heading = value + 1 if value < 9 else 0
    found.numbering = _numbering(_child(properties, "numPr"))
    based = _child(style, "basedOn")
    found.based_on = _attr(based, "val") if based is not None else ""
    return found


def _numbering_formats(root: Any) -> dict[tuple[str, int], str]:
    abstract: dict[str, dict[int, str]] = {}
    for element in root:
        if _local(element) == "abstractNum":
            levels: dict[int, str] = {}
            for level in element:
                if _local(level) == "lvl" and _attr(level, "ilvl").isdigit():
                    fmt = _child(level, "numFmt")
                    levels[int(_attr(level, "ilvl"))] = _attr(fmt, "val") if fmt is not None else ""
            abstract[_attr(element, "abstractNumId")] = levels
    formats: dict[tuple[str, int], str] = {}
    for element in root:
        if _local(element) == "num":
            link = _child(element, "abstractNumId")
            levels = abstract.get(_attr(link, "val") if link is not None else "", {})
            for level, fmt in levels.items():
                formats[(_attr(element, "numId"), level)] = fmt
    return formats


def _texts(root: Any) -> str:
    return " ".join(
        (element.text or "") for element in root.iter() if _local(element) in ("t", "p", "span")
    )


def package_metadata(archive: zipfile.ZipFile, known: dict[str, Any]) -> dict[str, str]:
    """organisation, url and marking from app.xml, custom.xml and the page headers/footers."""
    found: dict[str, str] = {}
    names = archive.namelist()
    app = _read_xml(archive, "docProps/app.xml") if "docProps/app.xml" in names else None
    for element in app if app is not None else ():
        value = " ".join((element.text or "").split())
        if _local(element) == "Company" and value:
            found["organisation"] = value
        elif _local(element) == "HyperlinkBase" and value.lower().startswith(("http:", "https:")):
            found["url"] = value
    custom = _read_xml(archive, "docProps/custom.xml") if "docProps/custom.xml" in names else None
    if custom is not None:
        pairs = [
            (_attr(prop, "name"), " ".join(child.text or "" for child in prop))
            for prop in custom
            if _local(prop) == "property"
        ]
        for key, value in custom_metadata(pairs).items():
            found.setdefault(key, value)
    if "marking" not in found and "marking" not in known:
        for name in sorted(names):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                root = _read_xml(archive, name)
                marking = find_marking(_texts(root)) if root is not None else ""
                if marking:
                    found["marking"] = marking
                    break
    return found
