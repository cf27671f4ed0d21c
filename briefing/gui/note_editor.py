"""The note editor: the note's Markdown, written to the project without a Save.

The body is written at most a second after typing pauses, when the editor loses focus, on
Ctrl+S and when the window closes (DESIGN.md section 4). The editor shows it as a live preview
(``MarkdownHighlighter``): markup hidden except in the paragraph being edited, bullets and
quote bars painted where their hidden markers are; the text itself is never changed for show.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from briefing.core.citations import Citation, parse_citations
from briefing.core.errors import BriefingError
from briefing.core.offsets import OffsetMap
from briefing.gui import dialogs
from briefing.gui.markdown_highlighter import MarkdownHighlighter

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 800  # after the last keystroke; leaves margin under the one-second promise
# Someone typing without a pause would otherwise never be saved: at most this long after the
# first unsaved keystroke, the note is written anyway.
AUTOSAVE_DEADLINE_MS = 900  # so at most the last second of typing is ever at risk
RETRY_MS = 5000  # after a failed write (a full disk): try again, keep the text meanwhile
PARAGRAPH_REACH = 40  # lines looked at either side of the caret for its paragraph's ends
BULLETS = ("•", "◦", "▪")  # by nesting depth
QUOTE_BAR = 3  # pixels


class NoteEditor(QPlainTextEdit):
    saved = Signal()
    save_failed = Signal(str)
    citation_activated = Signal(int)  # Ctrl+click on a citation: show that passage
    edited = Signal()  # the text changed (not merely its highlighting)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(AUTOSAVE_DEADLINE_MS)
        self._deadline.timeout.connect(self.save)
        self._writer: Callable[[str], None] | None = None
        self._dirty = False
        # What a hover over [@pN] shows; the window supplies it (the editor knows no project).
        self.describe_passage: Callable[[int], str] | None = None
        self._pressed: Citation | None = None  # the citation a Ctrl+click pressed on
        # Entries the window adds to the right-click menu (spelling), at a viewport position.
        self.menu_hook: Callable[[QMenu, QPoint], None] | None = None
        self.viewport().setMouseTracking(True)
        # Made before the edit signal below is connected, so a line is restyled before the
        # editor looks at it.
        self.highlighter = MarkdownHighlighter(self.document())
        self.cursorPositionChanged.connect(self._reveal_paragraph)
        # Not textChanged: that also fires when the highlighter recolours a line, which would
        # count as typing (and restart the autosave timer for ever).
        self.document().contentsChange.connect(self._on_contents_change)

    def load(self, body: str, writer: Callable[[str], None] | None) -> None:
        """Show a note's body; ``writer`` stores it (None: the note is read-only)."""
        self.save()
        self._writer = None  # no write for the text we are about to set
        self.setPlainText(body)
        self.document().clearUndoRedoStacks()
        self._writer = writer
        self._dirty = False
        self.setReadOnly(writer is None)

    def is_dirty(self) -> bool:
        return self._dirty

    def body_text(self) -> str:
        """The body exactly as typed. ``toPlainText`` is not: it turns no-break spaces into
        spaces and line separators into line breaks; only the blocks' own separators are
        line breaks here."""
        return self.document().toRawText().replace("\u2029", "\n")

    def caret_offset(self) -> int:
        """The caret as a code point of the body."""
        return OffsetMap(self.body_text()).from_utf16(self.textCursor().position())

    def apply_edit(self, new_body: str, caret: int) -> None:
        """Turn the body into ``new_body`` by replacing only what differs (one undo step, the
        highlighting of the rest untouched), then put the caret at code point ``caret``."""
        old = self.body_text()
        start = 0
        limit = min(len(old), len(new_body))
        while start < limit and old[start] == new_body[start]:
            start += 1
        tail = 0
        while tail < limit - start and old[-1 - tail] == new_body[-1 - tail]:
            tail += 1
        offsets = OffsetMap(old)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(len(old) - tail), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new_body[start : len(new_body) - tail])
        cursor.endEditBlock()
        cursor.setPosition(OffsetMap(new_body).to_utf16(caret))
        self.setTextCursor(cursor)

    def save(self) -> bool:
        """Write the body now if it changed. False (and a signal) when the write failed."""
        self._timer.stop()
        self._deadline.stop()
        if not self._dirty or self._writer is None:
            return True
        try:
            self._writer(self.body_text())
        except (BriefingError, OSError) as exc:
            # The text stays here, marked unsaved, and the write is tried again.
            logger.warning("note not saved: %s", exc)
            self.save_failed.emit(str(exc))
            self._deadline.start(RETRY_MS)
            return False
        self._dirty = False
        self.saved.emit()
        return True

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if removed or added:
            # A setext underline typed (or removed) under a line changes how that line looks.
            above = self.document().findBlock(position).previous()
            if above.isValid() and above.text().strip():
                self.highlighter.rehighlightBlock(above)
            self.edited.emit()
            self._on_changed()

    def _on_changed(self) -> None:
        if self._writer is None:
            return
        self._dirty = True
        self._timer.start()
        if not self._deadline.isActive():
            self._deadline.start(AUTOSAVE_DEADLINE_MS)

    # ---- live preview -------------------------------------------------------------------

    def set_show_markup(self, show: bool) -> None:
        """View > Show Markup: every ``#``, ``**`` and marker shown, as typed."""
        self.highlighter.set_show_markup(show)
        self.viewport().update()

    def _reveal_paragraph(self) -> None:
        """The markup of the paragraph with the caret shows, so it can be edited."""
        block = self.textCursor().block()
        first = last = block
        if block.text().strip():
            for _ in range(PARAGRAPH_REACH):
                above = first.previous()
                if not above.isValid() or not above.text().strip():
                    break
                first = above
            for _ in range(PARAGRAPH_REACH):
                below = last.next()
                if not below.isValid() or not below.text().strip():
                    break
                last = below
        self.highlighter.reveal(range(first.blockNumber(), last.blockNumber() + 1))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View > Theme, or the system's
            self.highlighter.update_palette(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        highlighter = self.highlighter
        if highlighter.show_markup:
            return
        painter = QPainter(self.viewport())
        painter.setFont(self.font())
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            box = self.blockBoundingGeometry(block).translated(offset)
            if box.top() > bottom:
                break
            if block.isVisible() and highlighter.hides_markup(block):
                for marker in highlighter.line_info(block).markers:
                    if marker.kind == "bullet":
                        # Centred over the hidden "-", which the highlighter widens for it.
                        glyph = BULLETS[min(marker.depth, len(BULLETS) - 1)]
                        where = self._marker_point(block, marker.start, box.top())
                        right = self._marker_point(block, marker.end, box.top()).x()
                        width = painter.fontMetrics().horizontalAdvance(glyph)
                        where.setX(where.x() + max(0.0, (right - where.x() - width) / 2))
                        painter.setPen(text_colour)
                        painter.drawText(where, glyph)
                    elif marker.kind == "quote":
                        x = self._marker_point(block, marker.start, box.top()).x()
                        bar = QRectF(x + 1, box.top(), QUOTE_BAR, box.height())
                        painter.fillRect(bar, muted)
            block = block.next()
        painter.end()

    def _marker_point(self, block: QTextBlock, column: int, top: float) -> QPointF:
        """Where a character of the block starts, on its line's baseline (viewport pixels)."""
        text = block.text()
        at = len(text[:column].encode("utf-16-le")) // 2
        line = block.layout().lineForTextPosition(at)
        found = line.cursorToX(at)  # (x, position) in PySide6, or x alone in some versions
        x = float(found[0] if isinstance(found, tuple) else found)  # type: ignore[arg-type]
        return QPointF(self.contentOffset().x() + x, top + line.y() + line.ascent())

    # ---- citations ------------------------------------------------------------------------

    def citation_at(self, point: QPoint) -> Citation | None:
        """The citation under a viewport position, if any."""
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        text = block.text()
        column = len(text.encode("utf-16-le")[: 2 * cursor.positionInBlock()].decode("utf-16-le"))
        for citation in parse_citations(text):
            if citation.start <= column < citation.end:
                return citation
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            citation = self.citation_at(event.pos())
            if citation is not None and self.describe_passage is not None:
                text = "\n\n".join(self.describe_passage(pid) for pid in citation.passage_ids)
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Read before the click moves the caret: its paragraph then shows its markup, and
        # the text under the pointer moves.
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        self._pressed = self.citation_at(event.position().toPoint()) if ctrl else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        citation, self._pressed = self._pressed, None
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and citation is not None and citation.passage_ids:
            self.citation_activated.emit(citation.passage_ids[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        over = ctrl and self.citation_at(event.position().toPoint()) is not None
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        )

    def select_span(self, start: int, end: int) -> None:
        """Select code points ``start:end`` of the body (a problem, a heading) and show them."""
        offsets = OffsetMap(self.body_text())
        cursor = QTextCursor(self.document())
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    # ---- formatting -----------------------------------------------------------------------

    def wrap_selection(self, marker: str) -> None:
        """Bold (``**``) or italic (``*``): wrap the selection, or unwrap it if wrapped."""
        cursor = self.textCursor()
        text = cursor.selectedText()
        cursor.beginEditBlock()
        if text.startswith(marker) and text.endswith(marker) and len(text) >= 2 * len(marker):
            cursor.insertText(text[len(marker) : -len(marker)])
        elif text:
            cursor.insertText(f"{marker}{text}{marker}")
        else:
            cursor.insertText(marker * 2)
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, len(marker)
            )
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def prefix_lines(self, make_prefix: Callable[[int], str], pattern: str) -> None:
        """Give every selected line a prefix (replacing one that ``pattern`` matches); if they
        all have it already, take it away: the same key turns a list on and off."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = self.document().findBlock(start)
        blocks: list[QTextBlock] = []
        while block.isValid() and (block.position() <= end or not blocks):
            blocks.append(block)
            if block.position() + block.length() > end:
                break
            block = block.next()
        wanted = [make_prefix(i) for i in range(len(blocks))]
        all_have = all(b.text().startswith(w) for b, w in zip(blocks, wanted, strict=True))
        cursor.beginEditBlock()
        for block, prefix in zip(blocks, wanted, strict=True):
            line = QTextCursor(block)
            old = re.match(pattern, block.text())
            if old:
                line.movePosition(
                    QTextCursor.MoveOperation.Right,
                    QTextCursor.MoveMode.KeepAnchor,
                    len(old.group()),
                )
            line.insertText("" if all_have else prefix)
        cursor.endEditBlock()

    def formatting(self) -> dict[str, Callable[[], None]]:
        """The Format menu's entries, by the names of the window's actions."""
        return {
            "bold": partial(self.wrap_selection, "**"),
            "italic": partial(self.wrap_selection, "*"),
            "h1": partial(self.set_heading, 1),
            "h2": partial(self.set_heading, 2),
            "h3": partial(self.set_heading, 3),
            "bullets": self.bullet_list,
            "numbers": self.numbered_list,
            "quote": self.quote,
        }

    def set_heading(self, level: int) -> None:
        self.prefix_lines(lambda _i: "#" * level + " ", r"#{1,6} ")

    def bullet_list(self) -> None:
        self.prefix_lines(lambda _i: "- ", r"(?:[-*+]|\d+[.)]) ")

    def numbered_list(self) -> None:
        self.prefix_lines(lambda i: f"{i + 1}. ", r"(?:[-*+]|\d+[.)]) ")

    def quote(self) -> None:
        self.prefix_lines(lambda _i: "> ", r"> ?")

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # Dropped files are sources to import (the window does it), not text for the note.
        if source.hasUrls() and all(url.isLocalFile() for url in source.urls()):
            return False
        return super().canInsertFromMimeData(source)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_hook is not None:
            self.menu_hook(menu, event.pos())
        dialogs.popup_menu(menu, event.globalPos())
        menu.deleteLater()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.save()
        super().focusOutEvent(event)
