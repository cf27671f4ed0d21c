"""OpenDocument text (.odt): content.xml walked in order, as the Word importer walks Word's XML.

Headings (text:h and its outline level), paragraphs, lists (bulleted or numbered as the list
style says), tables (a line per row, cells joined by tabs) and notes (``[1]`` in the text,
"Notes" and the note texts at the end; endnotes ``[i]``) give lines and block kinds. Tracked
deletions, annotations and the note citations' own text are left out. meta.xml gives the title,
author, date and custom properties; a marking printed in a page header becomes the marking.
"""

from __future__ import annotations

import logging
import zipfile
from typing import Any
from xml.etree import ElementTree

from briefing.importers.base import (
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    ImportedDocument,
    ImportFailure,
    Line,
    build,
)
from briefing.importers.detect import open_zip
from briefing.importers.properties import custom_metadata, find_marking, iso_date
from briefing.importers.text import normalise_count, removed_warning, require_text

logger = logging.getLogger(__name__)

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
DC = "http://purl.org/dc/elements/1.1/"
MAX_PART = 50 * 1024 * 1024
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
# Never text: deleted changes, comments, the note citation (we write our own), page fields.
_SKIP = frozenset(
    {f"{{{TEXT}}}tracked-changes", f"{{{OFFICE}}}annotation", f"{{{TEXT}}}note-citation",
     f"{{{TEXT}}}sequence-decls", f"{{{TEXT}}}variable-decls", f"{{{TEXT}}}user-field-decls",
     f"{{{TEXT}}}bookmark-ref", f"{{{OFFICE}}}annotation-end"}
)  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _read(archive: zipfile.ZipFile, name: str) -> Any:
    if name not in archive.namelist():
        return None
    if archive.getinfo(name).file_size > MAX_PART:
        raise ImportFailure(f"the OpenDocument file's {name} is too large to read")
    return ElementTree.fromstring(archive.read(name))


def _list_kinds(*roots: Any) -> dict[str, dict[int, bool]]:
    """List style name -> level -> numbered?"""
    kinds: dict[str, dict[int, bool]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{{{TEXT}}}list-style"):
            levels: dict[int, bool] = {}
            for level in style:
                number = level.get(f"{{{TEXT}}}level", "1")
                if number.isdigit():
                    levels[int(number)] = level.tag == f"{{{TEXT}}}list-level-style-number"
            kinds[style.get(f"{{{STYLE}}}name", "")] = levels
    return kinds


class _Walker:
    def __init__(self, list_kinds: dict[str, dict[int, bool]]) -> None:
        self.list_kinds = list_kinds
        self.notes: list[tuple[str, Any]] = []  # (label, note-body), in reference order
        self.counts = {"footnote": 0, "endnote": 0}

    def blocks(self, parent: Any, out: list[Line], lists: tuple[str, ...] = ()) -> None:
        for child in parent:
            tag = child.tag
            if tag in (f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
                self.paragraph(child, out, lists)
            elif tag == f"{{{TEXT}}}list":
                style = child.get(f"{{{TEXT}}}style-name") or (lists[-1] if lists else "")
                for item in child:
                    if item.tag in (f"{{{TEXT}}}list-item", f"{{{TEXT}}}list-header"):
                        self.blocks(item, out, (*lists, style))
            elif tag == f"{{{TABLE}}}table":
                self.table(child, out)
            elif tag not in _SKIP and tag in (
                f"{{{TEXT}}}section", f"{{{TABLE}}}table-row-group",
                f"{{{TEXT}}}index-body", f"{{{TEXT}}}table-of-content",
                f"{{{TEXT}}}alphabetical-index", f"{{{TEXT}}}illustration-index",
            ):  # fmt: skip
                self.blocks(child, out, lists)

    def paragraph(self, element: Any, out: list[Line], lists: tuple[str, ...]) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        self.inline(element, parts, boxes)
        text = "".join(parts).strip(" \t\n")
        if text:
            if element.tag == f"{{{TEXT}}}h":
                level = element.get(f"{{{TEXT}}}outline-level", "1")
                out.append(Line(text, HEADING, level=min(int(level), 6) if level.isdigit() else 1))
            elif lists:
                levels = self.list_kinds.get(lists[0], {})
                numbered = levels.get(len(lists), False)
                out.append(Line(text, LIST_ITEM, len(lists), numbered, "" if numbered else "•"))
            else:
                out.append(Line(text, PARAGRAPH))
        for box in boxes:
            self.blocks(box, out)

    def inline(self, element: Any, parts: list[str], boxes: list[Any]) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            tag = child.tag
            if tag == f"{{{TEXT}}}s":
                count = child.get(f"{{{TEXT}}}c", "1")
                parts.append(" " * (int(count) if count.isdigit() else 1))
            elif tag == f"{{{TEXT}}}tab":
                parts.append("\t")
            elif tag == f"{{{TEXT}}}line-break":
                parts.append("\n")
            elif tag == f"{{{TEXT}}}note":
                parts.append(f"[{self.note(child)}]")
            elif tag == f"{{{STYLE}}}text-box" or tag.endswith("}text-box"):
                boxes.append(child)
            elif tag not in _SKIP:
                self.inline(child, parts, boxes)
            if child.tail:
                parts.append(child.tail)

    def note(self, element: Any) -> str:
        kind = "endnote" if element.get(f"{{{TEXT}}}note-class") == "endnote" else "footnote"
        self.counts[kind] += 1
        number = self.counts[kind]
        label = str(number) if kind == "footnote" else _roman(number)
        body = element.find(f"{{{TEXT}}}note-body")
        self.notes.append((label, body))
        return label

    def table(self, table: Any, out: list[Line]) -> None:
        for row in table.iter(f"{{{TABLE}}}table-row"):
            cells = []
            for cell in row:
                if cell.tag != f"{{{TABLE}}}table-cell":
                    continue
                lines: list[Line] = []
                self.blocks(cell, lines)
                cells.append(
                    " ".join(line.text for line in lines).replace("\t", " ").replace("\n", " ")
                )
            while cells and not cells[-1]:  # LibreOffice repeats empty cells to the sheet's edge
                cells.pop()
            if any(cell.strip() for cell in cells):
                out.append(Line("\t".join(cells), TABLE_ROW if len(cells) > 1 else PARAGRAPH))

    def note_lines(self) -> list[Line]:
        lines = []
        for label, body in self.notes:
            inner: list[Line] = []
            if body is not None:
                self.blocks(body, inner)
            text = " ".join(line.text.replace("\n", " ") for line in inner).strip()
            lines.append(Line(f"[{label}] {text}" if text else f"[{label}]", FOOTNOTE))
        return [Line("Notes", PARAGRAPH), *lines] if lines else []


def _metadata(archive: zipfile.ZipFile, styles: Any) -> tuple[str, dict[str, Any]]:
    metadata: dict[str, Any] = {}
    title = ""
    try:
        meta = _read(archive, "meta.xml")
    except Exception:  # damaged meta.xml: the document without its properties
        logger.debug("meta.xml unreadable", exc_info=True)
        meta = None
    if meta is not None:
        found = {element.tag: " ".join((element.text or "").split()) for element in meta.iter()}
        title = found.get(f"{{{DC}}}title", "")
        author = found.get(f"{{{META}}}initial-creator") or found.get(f"{{{DC}}}creator", "")
        if author:
            metadata["author"] = author
        date = iso_date(found.get(f"{{{META}}}creation-date") or found.get(f"{{{DC}}}date", ""))
        if date:
            metadata["date"] = date
        pairs = [
            (element.get(f"{{{META}}}name", ""), element.text or "")
            for element in meta.iter(f"{{{META}}}user-defined")
        ]
        metadata.update(custom_metadata(pairs))
    if styles is not None and "marking" not in metadata:
        for header in styles.iter():
            if header.tag in (f"{{{STYLE}}}header", f"{{{STYLE}}}footer"):
                marking = find_marking(" ".join(header.itertext()))
                if marking:
                    metadata["marking"] = marking
                    break
    return title, metadata


def read_odt(data: bytes, title: str) -> ImportedDocument:
    archive = open_zip(data, "OpenDocument file")
    with archive:
        try:
            content = _read(archive, "content.xml")
            styles = _read(archive, "styles.xml")
        except ImportFailure:
            raise
        except Exception as exc:  # bad CRC, bad deflate data, XML errors
            logger.debug("odt unreadable", exc_info=True)
            raise ImportFailure("the OpenDocument file is damaged or truncated") from exc
        if content is None:
            raise ImportFailure("not an OpenDocument text: the zip has no content.xml")
        body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
        if body is None:
            raise ImportFailure("an OpenDocument file, but not a text document")
        walker = _Walker(_list_kinds(content, styles))
        lines: list[Line] = []
        walker.blocks(body, lines)
        lines += walker.note_lines()
        doc_title, metadata = _metadata(archive, styles)
    removed = 0
    for line in lines:
        line.text, count = normalise_count(line.text)
        removed += count
    text, blocks = build(lines)
    require_text(text, "the OpenDocument file contains no text (only pictures, or empty)")
    return ImportedDocument(
        title=doc_title or title,
        text=text,
        format="odt",
        metadata=metadata,
        warnings=[removed_warning(removed)] if removed else [],
        blocks=blocks,
    )
