"""Word (.docx): python-docx opens the package; one walker reads the body XML in order.

The walker matches local names only, so the same code reads Transitional documents (through
python-docx) and Strict OOXML (http://purl.oclc.org/ooxml/..., which python-docx 1.2 cannot
open; we parse its document.xml with ElementTree instead). Footnotes and endnotes, which
python-docx has no API for, are read from their parts and appended under a "Notes" line.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

import docx

from briefing.importers.base import (
    FOOTNOTE,
    PARAGRAPH,
    TABLE_ROW,
    ImportedDocument,
    ImportFailure,
    Line,
    build,
)
from briefing.importers.detect import main_part_name, open_package
from briefing.importers.docx_styles import Styles, package_metadata
from briefing.importers.properties import iso_date
from briefing.importers.text import normalise_count, removed_warning, require_text

logger = logging.getLogger(__name__)

# Containers whose children are read as if they were in the parent.
_TRANSPARENT = frozenset(
    {"sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "fldSimple"}
)
# Never text: properties, deleted or moved-away revisions, field codes, the note's own number mark.
_SKIP = frozenset(
    {"pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "del", "moveFrom", "delText",
     "instrText", "footnoteRef", "endnoteRef", "commentReference", "sdtPr", "sdtEndPr"}
)  # fmt: skip
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""  # lxml comments have no str tag


def _attr(element: Any, name: str) -> str:
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return str(value)
    return ""


def _alternate(element: Any) -> Iterable[Any]:
    """mc:AlternateContent: the first mc:Choice, else the mc:Fallback; never both."""
    children = [child for child in element if _local(child) in ("Choice", "Fallback")]
    choices = [child for child in children if _local(child) == "Choice"]
    return choices[:1] or children[:1]


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


class _Walker:
    """Body XML -> lines: a line per paragraph, a tab-separated line per table row."""

    def __init__(self, styles: Styles | None = None) -> None:
        self.notes: dict[tuple[str, str], str] = {}  # (kind, id) -> label, in reference order
        self.styles = styles or Styles()

    def blocks(self, parent: Any, out: list[Line]) -> None:
        for child in parent:
            name = _local(child)
            if name == "p":
                self.paragraph(child, out)
            elif name == "tbl":
                self.table(child, out)
            elif name in _TRANSPARENT:
                self.blocks(child, out)
            elif name == "AlternateContent":
                for branch in _alternate(child):
                    self.blocks(branch, out)

    def paragraph(self, para: Any, out: list[Line]) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        self.inline(para, parts, boxes)
        text = "".join(parts).strip(" \t\n")
        if text:
            out.append(self.styles.line(text, _properties(para)))
        for box in boxes:  # text boxes anchored here: their paragraphs follow this one
            self.blocks(box, out)

    def inline(self, element: Any, parts: list[str], boxes: list[Any]) -> None:
        for child in element:
            name = _local(child)
            if name == "t":
                parts.append(child.text or "")
            elif name in ("tab", "ptab"):
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name in ("footnoteReference", "endnoteReference"):
                parts.append(f"[{self.label(name[:-9], _attr(child, 'id'))}]")
            elif name == "txbxContent":
                boxes.append(child)
            elif name == "AlternateContent":
                for branch in _alternate(child):
                    self.inline(branch, parts, boxes)
            elif name and name not in _SKIP:
                self.inline(child, parts, boxes)

    def table(self, table: Any, out: list[Line]) -> None:
        for row in _children(table, "tr"):
            cells = []
            for cell in _children(row, "tc"):
                lines: list[Line] = []
                self.blocks(cell, lines)
                text = " ".join(line.text for line in lines)
                cells.append(text.replace("\t", " ").replace("\n", " "))
            if any(cell.strip() for cell in cells):
                out.append(Line("\t".join(cells), TABLE_ROW if len(cells) > 1 else PARAGRAPH))

    def label(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.notes:
            number = 1 + sum(1 for other, _ in self.notes if other == kind)
            self.notes[key] = str(number) if kind == "footnote" else _roman(number)
        return self.notes[key]


def _properties(para: Any) -> Any:
    return next((child for child in para if _local(child) == "pPr"), None)


def _children(parent: Any, name: str) -> Iterator[Any]:
    """Children with a local name, looking through content controls and custom XML."""
    for child in parent:
        local = _local(child)
        if local == name:
            yield child
        elif local in _TRANSPARENT:
            yield from _children(child, name)


def _note_lines(walker: _Walker, archive: zipfile.ZipFile) -> list[Line]:
    parts: dict[str, dict[str, Any]] = {}
    for kind in ("footnote", "endnote"):
        found: dict[str, Any] = {}
        name = f"word/{kind}s.xml"
        if name in archive.namelist() and any(k == kind for k, _ in walker.notes):
            for element in ElementTree.fromstring(archive.read(name)):
                if _local(element) == kind and not _attr(element, "type"):  # skip separators
                    found[_attr(element, "id")] = element
        parts[kind] = found
    lines = []
    for (kind, note_id), label in list(walker.notes.items()):
        note = parts[kind].get(note_id)
        if note is None:
            continue
        body: list[Line] = []
        walker.blocks(note, body)
        text = " ".join(line.text.replace("\n", " ") for line in body).strip()
        lines.append(Line(f"[{label}] {text}" if text else f"[{label}]", FOOTNOTE))
    return [Line("Notes", PARAGRAPH), *lines] if lines else []


def _core_from_docx(document: Any) -> dict[str, str]:
    props = document.core_properties
    created = props.created
    return {
        "title": props.title or "",
        "author": props.author or "",
        "date": created.date().isoformat() if isinstance(created, datetime) else "",
    }


def _core_from_xml(archive: zipfile.ZipFile) -> dict[str, str]:
    """Core properties read directly (Strict packages, or when python-docx refused the file)."""
    core = {"title": "", "author": "", "date": ""}
    if "docProps/core.xml" not in archive.namelist():
        return core
    for element in ElementTree.fromstring(archive.read("docProps/core.xml")):
        name, value = _local(element), (element.text or "").strip()
        if name == "title":
            core["title"] = value
        elif name == "creator":
            core["author"] = value
        elif name == "created":
            core["date"] = iso_date(value)
    return core


def _safe_core(read: Callable[[], dict[str, str]]) -> dict[str, str]:
    try:
        return read()
    except Exception:  # a damaged docProps/core.xml costs the metadata, not the document
        logger.debug("core properties unreadable", exc_info=True)
        return {}


def _body_and_core(data: bytes, archive: zipfile.ZipFile) -> tuple[Any, dict[str, str]]:
    try:
        document = docx.Document(BytesIO(data))
        return document.element.body, _safe_core(lambda: _core_from_docx(document))
    except Exception:
        # Strict OOXML, a .docm/.dotx content type, or a package python-docx dislikes.
        logger.debug("python-docx refused the package; reading its XML", exc_info=True)
    try:
        root = ElementTree.fromstring(archive.read(main_part_name(archive)))
    except ImportFailure:
        raise
    except Exception as exc:
        raise ImportFailure("the Word file is damaged: its document.xml cannot be read") from exc
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise ImportFailure("not a Word document: document.xml has no body")
    return body, _safe_core(lambda: _core_from_xml(archive))


def read_docx(data: bytes, title: str) -> ImportedDocument:
    archive = open_package(data)
    warnings: list[str] = []
    with archive:
        try:
            body, core = _body_and_core(data, archive)
            walker = _Walker(Styles.read(archive))
            lines: list[Line] = []
            walker.blocks(body, lines)
        except ImportFailure:
            raise
        except Exception as exc:  # bad CRC, bad deflate data, XML errors deep in a part
            logger.debug("docx body unreadable", exc_info=True)
            raise ImportFailure("the Word file is damaged or truncated") from exc
        try:
            lines += _note_lines(walker, archive)
        except Exception:  # damaged notes must not cost the user the whole document
            logger.debug("footnotes unreadable", exc_info=True)
            warnings.append("the footnotes or endnotes could not be read and were left out")
        metadata: dict[str, Any] = {key: core[key] for key in ("author", "date") if core.get(key)}
        metadata.update(package_metadata(archive, metadata))
    removed = 0
    for line in lines:  # the walker keeps text as Word has it; only controls may need going
        line.text, count = normalise_count(line.text)
        removed += count
    text, blocks = build(lines)
    more = [removed_warning(removed)] if removed else []
    require_text(text, "the Word document contains no text (only pictures, or empty)")
    return ImportedDocument(
        title=core.get("title") or title,
        text=text,
        format="docx",
        metadata=metadata,
        warnings=warnings + more,
        blocks=blocks,
    )
