"""The note editor's live preview: the Markdown styled as it will read, its markup hidden.

Headings are large and bold, emphasis bold or italic, quotes italic, code in a fixed font;
citations are tinted with their passage's theme colour (red and wavy when the passage is gone)
and misspelt words get a wavy underline. The markup characters (``## ``, ``**``, a bullet's
``-``, a quote's ``>``) are hidden, except in the paragraph being edited and when Show Markup
is on. Only formats change: the text, and so the stored note, stays exactly what was typed.
A hidden bullet or quote marker keeps its width; the editor paints a bullet or a bar there.

The block structure comes from ``briefing.core.note_lines`` (CommonMark's rules), one line at a
time: each block's state is the interned ``LineState`` the line leaves open, so a keystroke
re-reads one line, and the next ones only while their state changes. Inline markup and
citations are found on the line (``parse_citations``, as the exports find them). Offsets from
Python are code points; Qt's formats take UTF-16 units, converted with ``OffsetMap``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from briefing.core.colours import LIGHT, Scheme, passage_alpha
from briefing.core.note_lines import INITIAL, LineInfo, LineState, classify
from briefing.core.offsets import OffsetMap
from briefing.core.spelling import literal_spans
from briefing.gui.appearance import scheme_of

_BOLD_RE = re.compile(r"(?<![\\*])\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\\\w])__(?=\S)(.+?)(?<=\S)__")
_ITALIC_RE = re.compile(
    r"(?<![\\*])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)|(?<![\\\w])_(?=[^\s_])(.+?)(?<=\S)_(?!\w)"
)
_ESCAPE_RE = re.compile(r"\\[!-/:-@\[-`{-~]")
# Markers hidden by shrinking them away; bullets and quote bars keep their width for a glyph.
_SHRUNK = frozenset({"heading", "setext"})
_PAINTED = frozenset({"bullet", "quote"})
HEADING_SIZE = {1: 3, 2: 2, 3: 1}  # QFont size adjustment: the user's font, larger

Speller = Callable[[str], list[tuple[int, int]]]  # a line -> misspelt spans (code points)


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._colours: dict[int, str | None] = {}
        self._given: Mapping[int, str | None] | None = None  # the last mapping set, unread
        self._states: dict[LineState, int] = {INITIAL: 0}
        self._by_id: list[LineState] = [INITIAL]
        self._formats: dict[str, QTextCharFormat] = {}
        self._scheme: Scheme = LIGHT
        self.show_markup = False
        self.revealed = range(0)  # block numbers whose markup shows: the paragraph being edited
        self.speller: Speller | None = None
        self.update_palette(QGuiApplication.palette())

    # ---- API ----------------------------------------------------------------------------

    def set_citation_colours(self, colours: Mapping[int, str | None]) -> None:
        """Passage id -> its first theme's colour (None: no theme); ids absent are missing."""
        if colours is self._given:  # the analysis passes the same mapping until passages change
            return
        self._given = colours
        if colours != self._colours:  # a rehighlight touches every line
            self._colours = dict(colours)
            self.rehighlight()

    def set_show_markup(self, show: bool) -> None:
        if show != self.show_markup:
            self.show_markup = show
            self.rehighlight()

    def set_speller(self, speller: Speller | None) -> None:
        self.speller = speller
        self.rehighlight()

    def reveal(self, blocks: range) -> None:
        """Show the markup of these blocks (the paragraph being edited), hide it elsewhere."""
        if blocks == self.revealed:
            return
        changed = set(self.revealed) ^ set(blocks)
        self.revealed = blocks
        if self.show_markup:
            return
        document = self.document()
        for number in sorted(changed):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def hides_markup(self, block: QTextBlock) -> bool:
        return not self.show_markup and block.blockNumber() not in self.revealed

    def line_info(self, block: QTextBlock) -> LineInfo:
        """What the block is (for the editor's painting of bullets and quote bars)."""
        return classify(block.text(), self._state_before(block))[0]

    def update_palette(self, palette: QPalette) -> None:
        """Pick heading, quote, marker and code colours that read well on this palette."""
        self._scheme = scheme_of(palette)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(self._scheme.muted)  # checked against the page (core.colours)
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(text)
        quote = QTextCharFormat()
        quote.setForeground(muted)
        quote.setFontItalic(True)
        marker = QTextCharFormat()
        marker.setForeground(muted)
        number = QTextCharFormat()
        number.setForeground(text)
        code = QTextCharFormat()
        code.setFontFamilies(["monospace"])
        code.setFontFixedPitch(True)
        code.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        hidden = QTextCharFormat()  # kept in the text, drawn as nothing
        hidden.setForeground(QColor(Qt.GlobalColor.transparent))
        widened = QTextCharFormat(hidden)  # a bullet's "-": room for the painted bullet
        widened.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        widened.setFontLetterSpacing(6)
        shrunk = QTextCharFormat(hidden)
        shrunk.setFontPointSize(1)
        shrunk.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        shrunk.setFontLetterSpacing(-1)
        spelling = QTextCharFormat()
        spelling.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        spelling.setUnderlineColor(QColor(self._scheme.error))
        self._formats = {
            "heading": heading,
            "quote": quote,
            "marker": marker,
            "number": number,
            "code": code,
            "bold": bold,
            "italic": italic,
            "hidden": hidden,
            "widened": widened,
            "shrunk": shrunk,
            "spelling": spelling,
        }
        self.rehighlight()

    def citation_format(self, passage_ids: tuple[int, ...]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        colour = self._colours.get(passage_ids[0]) if passage_ids else None
        if colour and QColor(colour).isValid():
            tint = QColor(colour)  # as the passage shows in its source: text readable over it
            tint.setAlphaF(passage_alpha(tint.name(), self._scheme))
            fmt.setBackground(tint)
        if any(pid not in self._colours for pid in passage_ids):
            # Red, not only a wave (faint at normal sizes), and readable on the page.
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            red = QColor(self._scheme.error)
            fmt.setUnderlineColor(red)
            fmt.setForeground(red)
        return fmt

    # ---- QSyntaxHighlighter -------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        info, after = classify(text, self._state(self.previousBlockState()))
        self.setCurrentBlockState(self._intern(after))
        hide = self.hides_markup(block)
        offsets = OffsetMap(text)
        if info.kind in ("code", "fence"):
            self._set(offsets, info.content, len(text), "code")
        elif info.kind == "rule":
            self._set(offsets, 0, len(text), "marker")
        elif info.kind != "blank":
            self._text(text, offsets, info, self._setext_level(block, info, after), hide)
        for marker in info.markers:
            if not hide or marker.kind in ("number", "fence"):
                self._set(offsets, marker.start, marker.end, _marker_format(marker.kind))
            else:
                name = "shrunk" if marker.kind in _SHRUNK else "hidden"
                name = "widened" if marker.kind == "bullet" else name
                self._set(offsets, marker.start, marker.end, name)

    # ---- internals ----------------------------------------------------------------------

    def _text(self, text: str, offsets: OffsetMap, info: LineInfo, setext: int, hide: bool) -> None:
        """The inline part of a paragraph or heading line: emphasis, code, citations."""
        start = info.content
        end = len(text) if info.content_end < 0 else info.content_end
        level = info.level if info.kind == "heading" else setext
        if info.kind == "setext":
            self._set(offsets, 0, len(text), "marker")
            return
        if level:
            fmt = QTextCharFormat(self._formats["heading"])
            fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE.get(level, 0))
            self._apply(offsets, start, end, fmt)
        elif info.quoted:
            self._set(offsets, start, end, "quote")
        line = text[:end]
        citations, all_code = literal_spans(line)
        code = [(s, e) for s, e in all_code if s >= start]
        for s, e in code:
            self._set(offsets, s, e, "code")
            if hide:
                ticks = len(line[s:e]) - len(line[s:e].lstrip("`"))
                self._set(offsets, s, s + ticks, "shrunk")
                self._set(offsets, e - ticks, e, "shrunk")

        def in_code(a: int, b: int) -> bool:
            return any(s < b and a < e for s, e in code)

        for name, pattern, width in (("bold", _BOLD_RE, 2), ("italic", _ITALIC_RE, 1)):
            for match in pattern.finditer(line, start):
                if in_code(match.start(), match.end()):
                    continue
                self._merge(offsets, match.start(), match.end(), self._formats[name])
                if hide:
                    self._set(offsets, match.start(), match.start() + width, "shrunk")
                    self._set(offsets, match.end() - width, match.end(), "shrunk")
        if hide:
            for match in _ESCAPE_RE.finditer(line, start):
                if not in_code(match.start(), match.end()):
                    self._set(offsets, match.start(), match.start() + 1, "shrunk")
        for citation in citations:
            fmt = self.citation_format(citation.passage_ids)
            self._merge(offsets, citation.start, citation.end, fmt)
        if self.speller is not None:
            spelling = self._formats["spelling"]
            for s, e in self.speller(line):
                if s >= start:  # not a list marker or a heading's #s
                    self._merge(offsets, s, e, spelling)

    def _setext_level(self, block: QTextBlock, info: LineInfo, after: LineState) -> int:
        """The heading level a setext underline on the next line gives this paragraph line."""
        if info.kind != "paragraph":
            return 0
        following = block.next()
        if not following.isValid():
            return 0
        below, _ = classify(following.text(), after)
        return below.level if below.kind == "setext" else 0

    def _state(self, state_id: int) -> LineState:
        return self._by_id[state_id] if 0 <= state_id < len(self._by_id) else INITIAL

    def _state_before(self, block: QTextBlock) -> LineState:
        previous = block.previous()
        return self._state(previous.userState()) if previous.isValid() else INITIAL

    def _intern(self, state: LineState) -> int:
        found = self._states.get(state)
        if found is None:
            found = self._states[state] = len(self._by_id)
            self._by_id.append(state)
        return found

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


def _marker_format(kind: str) -> str:
    return "number" if kind == "number" else "marker"
