"""The read-only source viewer: the source's text with its passages highlighted, shown with its
structure (headings, spacing, lists, tables) where the importer recorded it.

Highlights are ``ExtraSelection``s over the document, never edits of its character formats, so
showing or changing them costs no document rebuild and never touches the text itself.
A passage paints its first theme as a translucent background (overlaps therefore show as a
deeper mix); every theme also has a coding stripe in the left margin beside the lines the
passage covers (``coding_stripes``), so two themes stay two colours and nothing draws over
the text.

The structure is shown on Qt's plain-text layout, which stays fast on a 3 MB report:
``reading_layout`` inserts a few display-only characters (spacer lines, bullets, table tabs)
and maps positions between the display and the stored text. Positions in and out of this
widget are code points of the stored text, as the store counts them; copying a selection
copies the stored text.

Only the passages near the visible part get selections: placing a QTextCursor costs tens of
microseconds in a 3 MB document, so selections for all 10,000 passages of a long report took a
second; the window of selections moves with the scroll bar instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from briefing.core.colours import passage_alpha
from briefing.core.model import Block, Passage, Theme
from briefing.core.offsets import OffsetMap
from briefing.core.suggest import Suggestion
from briefing.gui import dialogs
from briefing.gui.appearance import scheme_of
from briefing.gui.coding_stripes import CodingStripes, MarginFiller, Stripe, margin_width
from briefing.gui.reading_layout import ReadingLayout, build_layout, plain
from briefing.gui.source_display import apply_formats, paint_page_break, reading_width, tab_distance

ZOOM_RANGE = (-6, 12)  # font steps from the default: smaller and larger

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
        self._default_tab = self.tabStopDistance()
        self._text = ""
        self._blocks: list[Block] = []
        self._layout: ReadingLayout = plain("")
        self._offsets = OffsetMap("")
        self._passages: list[Passage] = []
        self._starts: list[int] = []
        self._themes: dict[int, Theme] = {}
        self._lanes: dict[int, int] = {}  # theme id -> its stripe's column
        self._suggestions: list[Suggestion] = []
        self._find: list[tuple[int, int]] = []
        self._find_current = -1
        self.zoom = 0
        self.reading_width = False
        self.source_id: int | None = None
        self.menu_hook: MenuHook | None = None  # the window adds its tagging actions
        self._window = (0, -1)  # code-point range the current selections cover
        self._replacing = False
        self._generation = 0  # bumped when the text or the passages change
        self._visible: tuple[tuple[int, ...] | None, tuple[int, int]] = (None, (0, 0))
        self._stripes: tuple[tuple[int, ...] | None, list[Stripe]] = (None, [])
        self.stripes = CodingStripes(self.stripe_spans, self)
        self.filler = MarginFiller(self)
        self.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.updateRequest.connect(lambda _rect, _dy: self.stripes.update())

    # ---- content --------------------------------------------------------------------------

    def show_source(
        self,
        source_id: int | None,
        text: str,
        passages: Sequence[Passage],
        themes: Sequence[Theme],
        blocks: Sequence[Block] = (),
    ) -> None:
        self.source_id = source_id
        self._text = text
        self._blocks = list(blocks)
        self._suggestions, self._find, self._find_current = [], [], -1
        self._show_text()
        self.set_passages(passages, themes)

    def _show_text(self) -> None:
        """Lay the text out again (a new source, another zoom): the display and its map."""
        tables = any(b.kind == "table_row" for b in self._blocks)
        tab = tab_distance(self.font()) if tables else self._default_tab
        self.setTabStopDistance(tab)
        if self._blocks:
            metrics = QFontMetricsF(self.font())
            self._layout = build_layout(self._text, self._blocks, metrics.horizontalAdvance, tab)
        else:
            self._layout = plain(self._text)
        self._offsets = OffsetMap(self._layout.text)
        self._generation += 1
        self._replacing = True  # the scroll bar moves while the text is replaced: no highlights
        try:
            self.setPlainText(self._layout.text)
        finally:
            self._replacing = False
        if self._layout.changed or self._layout.headings or self._layout.footnotes:
            apply_formats(self.document(), self._layout, self._offsets, self.font())
            self._generation += 1  # the lines have their heights now

    def set_passages(self, passages: Sequence[Passage], themes: Sequence[Theme]) -> None:
        self._passages = sorted(passages, key=lambda p: (p.start, p.end))
        self._starts = [p.start for p in self._passages]
        self._themes = {t.id: t for t in themes}
        self._lanes = {t.id: lane for lane, t in enumerate(themes)}
        self._update_margins()
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

    def blocks(self) -> list[Block]:
        return list(self._blocks)

    # ---- zoom and reading width ----------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        """Text size ``steps`` points from the default (Ctrl+= and Ctrl+-); the same place of
        the source stays at the top."""
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        if steps == self.zoom:
            return
        top = self._top_offset()
        self.zoomIn(steps - self.zoom)
        self.zoom = steps
        self._generation += 1
        if self._layout.changed or self._blocks:
            selection = self.selection_range()
            self._show_text()
            if selection is not None:
                self.setTextCursor(self._cursor(*selection))
            self._repaint_highlights()
        self._update_margins()
        self._scroll_to_top(top)

    def set_reading_width(self, narrow: bool) -> None:
        """Lines no longer than about 80 characters, centred, however wide the pane."""
        self.reading_width = narrow
        self._update_margins()

    def _top_offset(self) -> int:
        block = self.firstVisibleBlock()
        return self._stored(block.position()) if block.isValid() else 0

    def _scroll_to_top(self, offset: int) -> None:
        block = self.document().findBlock(self._offsets.to_utf16(self._layout.to_display(offset)))
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())

    def _update_margins(self) -> None:
        """Room for the coding stripes on the left; with the reading width, the rest of the
        pane's width shared either side of the text column."""
        stripes = margin_width(len(self._lanes))
        area = self.contentsRect()
        bar = self.verticalScrollBar()
        full = area.width() - (bar.width() if bar.isVisible() else 0)
        left, right = stripes, 0
        if self.reading_width:
            column = reading_width(self.font()) + 2 * self.document().documentMargin()
            spare = max(0, int(full - stripes - column))
            left, right = stripes + spare // 2, spare - spare // 2
        if self.viewportMargins().left() != left or self.viewportMargins().right() != right:
            self.setViewportMargins(left, 0, right, 0)
            self._generation += 1
        self.stripes.lanes = len(self._lanes)
        self.stripes.setGeometry(QRect(area.left(), area.top(), left, area.height()))
        self.filler.setGeometry(
            QRect(area.left() + left + self.viewport().width(), area.top(), right, area.height())
        )
        self.stripes.setVisible(left > 0)
        self.filler.setVisible(right > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    # ---- selection and position ---------------------------------------------------------

    def _stored(self, position16: int) -> int:
        return self._layout.to_stored(self._offsets.from_utf16(position16))

    def selection_range(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._stored(cursor.selectionStart())
        end = self._stored(cursor.selectionEnd())
        return (start, end) if end > start else None

    def selected_text(self) -> str:
        """The selection as the source has it (none of the display's bullets or spacing)."""
        span = self.selection_range()
        return self._text[span[0] : span[1]] if span else ""

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy gives the stored text, exactly as a citation quotes it."""
        mime = QMimeData()
        mime.setText(self.selected_text())
        return mime

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
        return self._stored(self.cursorForPosition(point).position())

    def text_length(self) -> int:
        return len(self._text)

    def source_text(self) -> str:
        """The source exactly as stored (Qt's own copy turns some characters into others)."""
        return self._text

    def display_position(self, offset: int) -> int:
        """Where stored code point ``offset`` is in the widget's document (UTF-16)."""
        return self._offsets.to_utf16(self._layout.to_display(offset))

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(self._layout.to_display(start)))
        last = self._layout.to_display(end, end=end > start)
        cursor.setPosition(self._offsets.to_utf16(last), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    # ---- painting -----------------------------------------------------------------------

    def theme_colour(self, theme_id: int, alpha: float | None = None) -> QColor:
        theme = self._themes.get(theme_id)
        colour = QColor(theme.colour if theme else "#888888")
        if alpha is not None:
            colour.setAlphaF(alpha)
        return colour

    def _view_key(self) -> tuple[int, int, int, int]:
        """What the picture on screen depends on besides the passages: a scroll, a resize or
        another text (``_generation``) makes the visible range and the stripes due again."""
        size = self.viewport().size()
        return (self.verticalScrollBar().value(), size.width(), size.height(), self._generation)

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
        key = self._view_key()
        if self._visible[0] != key:
            self._visible = (key, self._measure_visible_range())
        return self._visible[1]

    def _measure_visible_range(self) -> tuple[int, int]:
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
        return self._stored(first), self._stored(last)

    def _follow_scroll(self, _value: int = 0) -> None:
        if self._replacing:
            return
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
        alphas: dict[int, float] = {}
        # Inside an edit block a cursor does not lay its line out to learn its x (half a
        # millisecond for a paragraph not yet shown); highlights never need it. Nothing is
        # edited: the block only defers that work to the paint that needs it.
        hold = QTextCursor(self.document())
        hold.beginEditBlock()
        upto = bisect_left(self._starts, high)
        for passage in self._passages[:upto]:
            if passage.end <= low or not passage.theme_ids:
                continue
            fmt = QTextCharFormat()
            first = passage.theme_ids[0]
            if first not in alphas:  # one contrast check per theme, not per passage
                alphas[first] = self.highlight_alpha(first)
            fmt.setBackground(self.theme_colour(first, alphas[first]))
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
        hold.endEditBlock()
        self.setExtraSelections(selections)
        self._stripes = (None, [])  # the passages may have changed
        self.viewport().update()
        self.stripes.update()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(start, end)
        selection.format = fmt
        return selection

    def stripe_spans(self) -> list[Stripe]:
        """The coding stripes on screen: for each visible passage and each of its themes, the
        lines it covers, in viewport coordinates (worked out once per picture)."""
        key = self._view_key()
        if self._stripes[0] != key:
            self._stripes = (key, self._measure_stripes())
        return self._stripes[1]

    def _measure_stripes(self) -> list[Stripe]:
        first, last = self._visible_range()
        upto = bisect_left(self._starts, last)
        stripes = []
        colours = {t: self.theme_colour(t) for t in self._themes}
        for passage in self._passages[:upto]:
            if passage.end <= first or not passage.theme_ids:
                continue
            start, end = max(passage.start, first), min(passage.end, last)
            top, _ = self._line_span(start)
            _, bottom = self._line_span(max(start, end - 1))
            for theme_id in passage.theme_ids:
                lane = self._lanes.get(theme_id, len(self._lanes))
                colour = colours.get(theme_id) or self.theme_colour(theme_id)
                stripes.append(Stripe(lane, colour, top, bottom))
        return stripes

    def _line_span(self, offset: int) -> tuple[float, float]:
        """The top and bottom, in viewport pixels, of the line that shows ``offset``."""
        position = self._offsets.to_utf16(self._layout.to_display(offset))
        block = self.document().findBlock(position)
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():  # a block not laid out yet: its whole height
            return top, top + self.blockBoundingRect(block).height()
        return top + line.y(), top + line.y() + line.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        breaks = self._layout.page_breaks
        if not breaks:
            return
        first, last = self._visible_range()
        shown = [(at, label) for at, label in breaks if first < at < last]
        if not shown:
            return
        painter = QPainter(self.viewport())
        width = self.viewport().width()
        for at, label in shown:
            y = self._line_span(at)[0] - 1
            paint_page_break(painter, y, width, label, self.font(), self.palette())
        painter.end()

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
