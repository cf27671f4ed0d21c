"""Markdown highlighting for the note editor: headings, emphasis, list markers, quotes, code and
citations tinted with their passage's theme colour (a red wavy underline when the passage is gone).

Citations are found with ``briefing.core.citations.parse_citations`` on each line, so the editor
agrees with the exports about what is a citation. Offsets from Python are code points; Qt's
formats take UTF-16 units, converted with ``OffsetMap``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from briefing.core.citations import code_ranges, parse_citations, unclosed_fence
from briefing.core.colours import HIGHLIGHT_ALPHA
from briefing.core.offsets import OffsetMap

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)")
_QUOTE_RE = re.compile(r"^ {0,3}>")
_LIST_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_BOLD_RE = re.compile(r"(?<![\\*])\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\\\w])__(?=\S)(.+?)(?<=\S)__")
_ITALIC_RE = re.compile(
    r"(?<![\\*])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)|(?<![\\\w])_(?=[^\s_])(.+?)(?<=\S)_(?!\w)"
)
_NOT_FENCED = -1  # block state: outside a fenced code block (Qt starts every block at -1)
# Red for citations of missing passages: the wave alone is faint at normal sizes.
MISSING_COLOURS = {"light": QColor("#C0001A"), "dark": QColor("#FF6B6B")}


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._colours: dict[int, str | None] = {}
        self._fences: dict[int, str] = {}  # block state -> fence, for fenced code blocks
        self._formats: dict[str, QTextCharFormat] = {}
        self._dark = False
        self.update_palette(QGuiApplication.palette())

    # ---- API ----------------------------------------------------------------------------

    def set_citation_colours(self, colours: Mapping[int, str | None]) -> None:
        """Passage id -> its first theme's colour (None: no theme); ids absent are missing."""
        if dict(colours) != self._colours:  # a rehighlight touches every line
            self._colours = dict(colours)
            self.rehighlight()

    def update_palette(self, palette: QPalette) -> None:
        """Pick heading, quote and code colours that read well on this palette."""
        self._dark = _is_dark(palette)
        link = palette.color(QPalette.ColorRole.Link)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(link.lighter(130) if self._dark else link.darker(120))
        quote = QTextCharFormat()
        quote.setForeground(muted)
        quote.setFontItalic(True)
        marker = QTextCharFormat()
        marker.setForeground(heading.foreground())
        marker.setFontWeight(QFont.Weight.Bold)
        code = QTextCharFormat()
        code.setFontFamilies(["monospace"])
        code.setFontFixedPitch(True)
        code.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        self._formats = {
            "heading": heading,
            "quote": quote,
            "marker": marker,
            "code": code,
            "bold": bold,
            "italic": italic,
        }
        self.rehighlight()

    def citation_format(self, passage_ids: tuple[int, ...]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        colour = self._colours.get(passage_ids[0]) if passage_ids else None
        if colour and QColor(colour).isValid():
            tint = QColor(colour)
            tint.setAlphaF(HIGHLIGHT_ALPHA["dark" if self._dark else "light"])
            fmt.setBackground(tint)
        if any(pid not in self._colours for pid in passage_ids):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            red = MISSING_COLOURS["dark" if self._dark else "light"]
            fmt.setUnderlineColor(red)
            fmt.setForeground(red)
        return fmt

    # ---- QSyntaxHighlighter -------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        offsets = OffsetMap(text)
        previous = self.previousBlockState()
        fence = self._fences.get(previous) if previous != _NOT_FENCED else None
        if fence is not None:
            # Inside a fence: code until a line closes it (the core decides what closes).
            closed = unclosed_fence(f"{fence}\n{text}") is None
            self._set(offsets, 0, len(text), "code")
            self.setCurrentBlockState(_NOT_FENCED if closed else previous)
            return
        opened = unclosed_fence(text)
        if opened is not None:
            state = self._fences_state(opened)
            self._set(offsets, 0, len(text), "code")
            self.setCurrentBlockState(state)
            return
        self.setCurrentBlockState(_NOT_FENCED)
        self._highlight_line(text, offsets)

    # ---- internals ----------------------------------------------------------------------

    def _fences_state(self, fence: str) -> int:
        for state, known in self._fences.items():
            if known == fence:
                return state
        state = len(self._fences)
        self._fences[state] = fence
        return state

    def _highlight_line(self, text: str, offsets: OffsetMap) -> None:
        heading = _HEADING_RE.match(text)
        if heading:
            level = len(heading.group(1))
            fmt = QTextCharFormat(self._formats["heading"])
            # Relative sizes keep the user's editor font: +2 for level 1, +1 for level 2.
            fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, max(0, 3 - level))
            self._apply(offsets, 0, len(text), fmt)
        elif _QUOTE_RE.match(text):
            self._set(offsets, 0, len(text), "quote")
        else:
            marker = _LIST_RE.match(text)
            if marker:
                self._set(offsets, 0, marker.end(), "marker")
        code = code_ranges(text)
        for start, end in code:
            self._set(offsets, start, end, "code")

        def in_code(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in code)

        for name, pattern in (("bold", _BOLD_RE), ("italic", _ITALIC_RE)):
            for match in pattern.finditer(text):
                if not in_code(match.start(), match.end()):
                    self._merge(offsets, match.start(), match.end(), self._formats[name])
        for citation in parse_citations(text):
            fmt = self.citation_format(citation.passage_ids)
            self._merge(offsets, citation.start, citation.end, fmt)

    def _set(self, offsets: OffsetMap, start: int, end: int, name: str) -> None:
        self._apply(offsets, start, end, self._formats[name])

    def _apply(self, offsets: OffsetMap, start: int, end: int, fmt: QTextCharFormat) -> None:
        begin = offsets.to_utf16(start)
        self.setFormat(begin, offsets.to_utf16(end) - begin, fmt)

    def _merge(self, offsets: OffsetMap, start: int, end: int, fmt: QTextCharFormat) -> None:
        """Add ``fmt`` over what the span already has (bold inside a heading stays large)."""
        begin, stop = offsets.to_utf16(start), offsets.to_utf16(end)
        pos = begin
        while pos < stop:
            # Formats are uniform over runs: merge run by run, not character by character.
            base = self.format(pos)
            run = pos + 1
            while run < stop and self.format(run) == base:
                run += 1
            merged = QTextCharFormat(base)
            merged.merge(fmt)
            self.setFormat(pos, run - pos, merged)
            pos = run
