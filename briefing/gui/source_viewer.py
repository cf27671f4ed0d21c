"""The read-only source viewer: the source's text with its passages highlighted.

Highlights are ``ExtraSelection``s over the document, never edits of its character formats, so
showing or changing them costs no document rebuild and never touches the text itself.
A passage paints its first theme as a translucent background (overlaps therefore show as a
deeper mix) and each further theme as a bar under its lines, so two themes stay two colours.
Positions in and out of this widget are code points, as the store counts them.

Only the passages near the visible part get selections: placing a QTextCursor costs tens of
microseconds in a 3 MB document, so selections for all 10,000 passages of a long report took a
second; the window of selections moves with the scroll bar instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from briefing.core.colours import passage_alpha
from briefing.core.model import Passage, Theme
from briefing.core.offsets import OffsetMap
from briefing.core.suggest import Suggestion
from briefing.gui import dialogs
from briefing.gui.appearance import scheme_of

BAR_HEIGHT = 3  # pixels of each extra theme's bar under a passage's lines

MenuHook = Callable[[QMenu, int, tuple[int, int] | None], None]


class SourceViewer(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(12)
        self._text = ""
        self._offsets = OffsetMap("")
        self._passages: list[Passage] = []
        self._starts: list[int] = []
        self._themes: dict[int, Theme] = {}
        self._suggestions: list[Suggestion] = []
        self._find: list[tuple[int, int]] = []
        self._find_current = -1
        self.source_id: int | None = None
        self.menu_hook: MenuHook | None = None  # the window adds its tagging actions
        self._window = (0, -1)  # code-point range the current selections cover
        self.verticalScrollBar().valueChanged.connect(self._follow_scroll)

    # ---- content --------------------------------------------------------------------------

    def show_source(
        self, source_id: int | None, text: str, passages: Sequence[Passage], themes: Sequence[Theme]
    ) -> None:
        self.source_id = source_id
        self._text = text
        self._offsets = OffsetMap(text)
        self._suggestions, self._find, self._find_current = [], [], -1
        self.setPlainText(text)
        self.set_passages(passages, themes)

    def set_passages(self, passages: Sequence[Passage], themes: Sequence[Theme]) -> None:
        self._passages = sorted(passages, key=lambda p: (p.start, p.end))
        self._starts = [p.start for p in self._passages]
        self._themes = {t.id: t for t in themes}
        self._repaint_highlights()

    def update_passages(self, changed: Sequence[Passage], removed: Sequence[int] = ()) -> None:
        """Add or replace some passages and drop others, without rebuilding the rest."""
        gone = set(removed) | {p.id for p in changed}
        if any(p.id in gone for p in self._passages):
            self._passages = [p for p in self._passages if p.id not in gone]
            self._starts = [p.start for p in self._passages]
        for passage in changed:
            if passage.source_id == self.source_id:
                index = bisect_right(self._starts, passage.start)
                self._passages.insert(index, passage)
                self._starts.insert(index, passage.start)
        self._repaint_highlights()

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        mine = [s for s in suggestions if s.source_id == self.source_id]
        if mine or self._suggestions:
            self._suggestions = mine
            self._repaint_highlights()

    def set_find_matches(self, spans: Sequence[tuple[int, int]], current: int = -1) -> None:
        self._find, self._find_current = list(spans), current
        self._repaint_highlights()

    def passages(self) -> list[Passage]:
        return list(self._passages)

    def passages_at(self, offset: int) -> list[Passage]:
        """Passages that contain code point ``offset``."""
        last = bisect_left(self._starts, offset + 1)
        return [p for p in self._passages[:last] if p.end > offset]

    # ---- selection and position ---------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.from_utf16(cursor.selectionStart())
        end = self._offsets.from_utf16(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``start:end`` and scroll them into view."""
        self.setTextCursor(self._cursor(start, end))
        self.centerCursor()

    def clear_selection(self) -> None:
        """Drop the selection, the caret staying at its end (a new highlight shows at once)."""
        cursor = self.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        self.setTextCursor(cursor)

    def caret_offset(self) -> int:
        return self._offsets.from_utf16(self.textCursor().position())

    def jump_to(self, offset: int) -> None:
        self.setTextCursor(self._cursor(offset, offset))
        self.centerCursor()

    def offset_at(self, point: QPoint) -> int:
        """The code point under a viewport position."""
        return self._offsets.from_utf16(self.cursorForPosition(point).position())

    def text_length(self) -> int:
        return self._offsets.length

    def source_text(self) -> str:
        """The source exactly as stored (Qt's own copy turns some characters into others)."""
        return self._text

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # ---- painting -----------------------------------------------------------------------

    def theme_colour(self, theme_id: int, alpha: float | None = None) -> QColor:
        theme = self._themes.get(theme_id)
        colour = QColor(theme.colour if theme else "#888888")
        if alpha is not None:
            colour.setAlphaF(alpha)
        return colour

    def highlight_alpha(self, theme_id: int) -> float:
        """How opaque a theme's highlight is on this palette: as the scheme says, or less where
        the text over it would not read (``core.colours.passage_alpha``)."""
        theme = self._themes.get(theme_id)
        return passage_alpha(theme.colour if theme else "#888888", scheme_of(self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View > Theme, or the system's
            self._repaint_highlights()

    def _visible_range(self) -> tuple[int, int]:
        """The code points on screen, from the first visible block to the last."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return (0, 0)
        first = block.position()
        bottom = self.viewport().height()
        offset = self.contentOffset()
        last_block = block
        while (
            block.isValid() and self.blockBoundingGeometry(block).translated(offset).top() < bottom
        ):
            last_block = block
            block = block.next()
        last = last_block.position() + last_block.length()
        return self._offsets.from_utf16(first), self._offsets.from_utf16(last)

    def _follow_scroll(self, _value: int = 0) -> None:
        first, last = self._visible_range()
        if first < self._window[0] or last > self._window[1]:
            self._repaint_highlights()

    def _repaint_highlights(self) -> None:
        # Cover the screen and about two screens either side, so most scrolling reuses them.
        first, last = self._visible_range()
        margin = max(2000, 2 * (last - first))
        low, high = max(0, first - margin), last + margin
        self._window = (low, high)
        scheme = scheme_of(self.palette())
        selections = []
        upto = bisect_left(self._starts, high)
        for passage in self._passages[:upto]:
            if passage.end <= low or not passage.theme_ids:
                continue
            fmt = QTextCharFormat()
            first = passage.theme_ids[0]
            fmt.setBackground(self.theme_colour(first, self.highlight_alpha(first)))
            selections.append(self._selection(passage.start, passage.end, fmt))
        for suggestion in self._suggestions:
            if suggestion.end <= low or suggestion.start >= high:
                continue
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(self.theme_colour(suggestion.theme_id))
            selections.append(self._selection(suggestion.start, suggestion.end, fmt))
        for index, (start, end) in enumerate(self._find):
            if end <= low or start >= high:
                continue
            fmt = QTextCharFormat()
            current = index == self._find_current
            fmt.setBackground(QColor(scheme.find_current if current else scheme.find))
            fmt.setForeground(QColor(scheme.find_text))
            selections.append(self._selection(start, end, fmt))
        self.setExtraSelections(selections)
        self.viewport().update()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(start, end)
        selection.format = fmt
        return selection

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        multi = [p for p in self._visible_passages() if len(p.theme_ids) > 1]
        if not multi:
            return
        painter = QPainter(self.viewport())
        for passage in multi:
            for rect in self._line_rects(passage.start, passage.end):
                for level, theme_id in enumerate(passage.theme_ids[1:]):
                    bar = QRectF(
                        rect.left(),
                        rect.bottom() - BAR_HEIGHT * (level + 1),
                        rect.width(),
                        BAR_HEIGHT,
                    )
                    painter.fillRect(bar, self.theme_colour(theme_id))
        painter.end()

    def _visible_passages(self) -> list[Passage]:
        first, last = self._visible_range()
        upto = bisect_left(self._starts, last)
        return [p for p in self._passages[:upto] if p.end > first]

    def _line_rects(self, start: int, end: int) -> list[QRectF]:
        """The rectangles the text ``start:end`` occupies, line by line, in viewport pixels."""
        start16, end16 = self._offsets.to_utf16(start), self._offsets.to_utf16(end)
        rects: list[QRectF] = []
        block = self.document().findBlock(start16)
        while block.isValid() and block.position() < end16:
            layout = block.layout()
            origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                a, b = max(start16, line_start), min(end16, line_end)
                if a >= b:
                    continue
                x1 = _x(line.cursorToX(a - block.position()))
                x2 = _x(line.cursorToX(b - block.position()))
                rect = line.rect()
                rects.append(
                    QRectF(origin.x() + x1, origin.y() + rect.top(), x2 - x1, rect.height())
                )
            block = block.next()
        return rects

    # ---- hover and menu -----------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        """What a hover shows: each passage under the pointer with its themes and memo."""
        lines = []
        for passage in self.passages_at(self.offset_at(point)):
            names = ", ".join(self._themes[t].name for t in passage.theme_ids if t in self._themes)
            lines.append(
                f"p{passage.id}: {names}" + (f"\nMemo: {passage.memo}" if passage.memo else "")
            )
        return "\n\n".join(lines)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_hook is not None:
            self.menu_hook(menu, self.offset_at(event.pos()), self.selection_range())
        dialogs.popup_menu(menu, event.globalPos())
        menu.deleteLater()


def _x(result: object) -> float:
    """``QTextLine.cursorToX`` returns (x, position) in PySide6, or x alone in some versions."""
    return float(result[0] if isinstance(result, tuple) else result)  # type: ignore[arg-type]
