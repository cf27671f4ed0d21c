"""How the source viewer draws a document's structure on Qt's plain-text layout: heading sizes,
short spacer lines, smaller footnotes (character formats over the display text, never edits of
it), and page breaks painted as a rule across the page. ``reading_layout`` decides what is
where; this module only turns it into formats and paint."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from briefing.core.offsets import OffsetMap
from briefing.gui.reading_layout import ReadingLayout

# Heading sizes as multiples of the body text, by level (1 = top); deeper levels use the last.
HEADING_SCALE = (1.6, 1.35, 1.18, 1.08)
FOOTNOTE_SCALE = 0.85
READING_COLUMNS = 80  # the reading width: about this many average characters a line
TAB_COLUMNS = 2  # a table's tab stop: two average characters


def tab_distance(font: QFont) -> float:
    return QFontMetricsF(font).averageCharWidth() * TAB_COLUMNS


def reading_width(font: QFont) -> float:
    return QFontMetricsF(font).averageCharWidth() * READING_COLUMNS


def apply_formats(
    document: QTextDocument, layout: ReadingLayout, offsets: OffsetMap, base: QFont
) -> None:
    """Give headings, footnotes and spacer lines their sizes, relative to ``base`` (the
    viewer's font at its zoom). The text is untouched: these are character formats."""
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, level in layout.headings:
        heading = QTextCharFormat()
        heading.setFontPointSize(size * HEADING_SCALE[min(level, len(HEADING_SCALE)) - 1])
        heading.setFontWeight(QFont.Weight.Bold)
        _merge(cursor, offsets.to_utf16(start), offsets.to_utf16(end), heading)
    for start, end in layout.footnotes:
        note = QTextCharFormat()
        note.setFontPointSize(size * FOOTNOTE_SCALE)
        _merge(cursor, offsets.to_utf16(start), offsets.to_utf16(end), note)
    for spacer in layout.spacers:
        gap = QTextCharFormat()
        gap.setFontPointSize(max(1.0, size * spacer.size))
        cursor.setPosition(offsets.to_utf16(spacer.at))
        cursor.setBlockCharFormat(gap)
    cursor.endEditBlock()


def _merge(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def paint_page_break(
    painter: QPainter, y: float, width: float, label: str, font: QFont, palette: QPalette
) -> None:
    """A dotted rule above a page's first line, with its page number at the right."""
    colour = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
    pen = QPen(colour, 1, Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(4, y), QPointF(width - 4, y))
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
    painter.setFont(small)
    text = f"page {label}" if label else "new page"
    metrics = QFontMetricsF(small)
    painter.drawText(QPointF(width - metrics.horizontalAdvance(text) - 6, y - 2), text)
