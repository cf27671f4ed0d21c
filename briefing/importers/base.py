"""What every importer returns, the one error it raises, and the callbacks a caller may pass."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Blocks are part of the model (the store keeps them); the importers record them.
from briefing.core.model import (
    BLOCK_KINDS,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PAGE_BREAK,
    PARAGRAPH,
    TABLE_ROW,
    Block,
)

__all__ = [
    "BLOCK_KINDS",
    "FOOTNOTE",
    "HEADING",
    "LIST_ITEM",
    "PAGE_BREAK",
    "PARAGRAPH",
    "TABLE_ROW",
    "Attachment",
    "Block",
    "Cancelled",
    "ImportCancelled",
    "ImportFailure",
    "ImportOptions",
    "ImportedDocument",
    "Line",
    "Progress",
    "TextBuilder",
    "build",
    "paragraph_blocks",
]

# progress(done, total, what): "what" is a short phrase for a progress dialog ("page 3 of 40").
Progress = Callable[[int, int, str], None]
# cancelled() -> True asks a long import (OCR) to stop at the next page: ImportCancelled follows.
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ImportOptions:
    """What a caller may ask of an import beyond the bytes.

    ``ocr_language``: Tesseract's language code(s) for scanned pages ("eng", "fra", "eng+fra").
    ``ocr``: False leaves scanned pages empty (with a warning) instead of reading them.
    ``progress`` and ``cancelled``: see Progress and Cancelled; called between pages.
    """

    ocr_language: str = "eng"
    ocr: bool = True
    progress: Progress | None = None
    cancelled: Cancelled | None = None

    def report(self, done: int, total: int, what: str) -> None:
        if self.progress is not None:
            self.progress(done, total, what)

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("the import was cancelled")


class ImportFailure(Exception):
    """A file that cannot be imported. The message is one line, fit to show a user."""


class ImportCancelled(ImportFailure):
    """The caller's ``cancelled()`` answered True: nothing was imported."""


@dataclass(frozen=True)
class Attachment:
    """A file carried inside a source (an e-mail's attachment): ingest may import it on its own."""

    name: str
    data: bytes
    content_type: str = ""


@dataclass
class ImportedDocument:
    """A source as an importer decided it, before it reaches the store.

    ``text`` is final: normalised to ``\\n`` line endings, no BOM. Passages will point into it by
    code-point offsets, so it never changes after import.

    ``metadata`` keys (each present only where the file says it):

    - ``author``: a person (document property, PDF /Author, HTML <meta name=author>, e-mail From)
    - ``organisation``: docx app.xml Company, odt/PDF custom "Company"/"Organisation" properties
    - ``date``: ISO ``YYYY-MM-DD`` (created date, PDF /CreationDate, e-mail Date)
    - ``url``: where the document lives (HTML canonical or og:url, a custom "URL" property)
    - ``marking``: one of ``briefing.core.model.MARKINGS`` (a property, or printed in a Word
      header or on every page of a PDF)
    - ``origin``: the file's absolute path (read_file) or the name given (read_bytes)
    - ``pages``: PDF only, the code-point offset at which each page starts
    - ``ocr``: PDF only, {"engine": "tesseract", "language": "eng", "pages": [1-based page
      numbers read by OCR], "confidence": mean word confidence 0-100}
    - e-mail: ``from``, ``to``, ``cc`` (lists of addresses), ``subject``, ``message_id``,
      ``attachments`` (a list of {"name", "size", "content_type"})

    ``blocks``: the text's structure for display, ordered by start, never overlapping (see Block).
    ``attachments``: files carried inside the source, with their bytes.
    """

    title: str
    text: str
    format: str  # txt, md, html, docx, odt, pdf, eml, msg, clipboard
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class Line:
    """One line of text to store, with the block it forms (see TextBuilder)."""

    text: str
    kind: str = PARAGRAPH
    level: int = 0
    numbered: bool = False
    label: str = ""


class TextBuilder:
    """Lines joined by "\\n" into the stored text, recording each line's block as it goes.

    The text is exactly "\\n".join(lines): blocks describe it and never change it.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.length = 0

    def add(self, line: Line) -> None:
        start = self.length + (1 if self.parts else 0)
        self.parts.append(line.text)
        self.length = start + len(line.text)
        self.record(line, start)

    def page_break(self, page: int) -> None:
        """A page starts at the next line's offset."""
        start = self.length + (1 if self.parts else 0)
        self.blocks.append(Block(PAGE_BREAK, start, start, label=str(page)))

    def record(self, line: Line, start: int) -> None:
        end = start + len(line.text)
        if line.kind == TABLE_ROW:
            cells: list[tuple[int, int]] = []
            at = start
            for cell in line.text.split("\t"):
                cells.append((at, at + len(cell)))
                at += len(cell) + 1
            self.blocks.append(Block(TABLE_ROW, start, end, cells=tuple(cells)))
        elif line.text:
            kind, level = line.kind, line.level
            self.blocks.append(Block(kind, start, end, level, line.numbered, line.label))

    @property
    def text(self) -> str:
        return "\n".join(self.parts)


def build(lines: list[Line]) -> tuple[str, list[Block]]:
    builder = TextBuilder()
    for line in lines:
        builder.add(line)
    return builder.text, builder.blocks


def paragraph_blocks(text: str) -> list[Block]:
    """Plain text: a paragraph is a run of non-blank lines; blank lines separate them. Text with
    no blank line at all (copied from a web page: a paragraph per line) has a paragraph per
    line, and there a short line that does not end a sentence, before a longer one, is a
    subheading."""
    lines = text.split("\n")
    filled = [bool(line.strip()) for line in lines]
    if filled.count(True) > 1:
        first, last = filled.index(True), len(filled) - filled[::-1].index(True)
        if all(filled[first:last]):  # no blank line between the first and the last text
            return _line_paragraphs(lines)
    blocks: list[Block] = []
    start = None
    at = 0
    for line in lines:
        if line.strip():
            if start is None:
                start = at
            end = at + len(line)
        elif start is not None:
            blocks.append(Block(PARAGRAPH, start, end))
            start = None
        at += len(line) + 1
    if start is not None:
        blocks.append(Block(PARAGRAPH, start, end))
    return blocks


_SUBHEADING_MAX = 80  # characters: longer lines are paragraphs
_SENTENCE_ENDS = tuple(".!?:;,\"'”’)…")


def _line_paragraphs(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    at = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            start, end = at, at + len(line)  # whole lines, as every block covers
            subheading = (
                number > 0
                and len(stripped) <= _SUBHEADING_MAX < len(following)
                and stripped[0].isupper()
                and not stripped.endswith(_SENTENCE_ENDS)
            )
            kind = HEADING if subheading else PARAGRAPH
            blocks.append(Block(kind, start, end, level=2 if subheading else 0))
        at += len(line) + 1
    return blocks
