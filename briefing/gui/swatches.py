"""Colour chips for themes: in lists, menus, combo boxes and the theme dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


def swatch_icon(colours: Sequence[str], size: int = 16) -> QIcon:
    """A chip split into vertical stripes, one per colour, drawn for normal and HiDPI screens."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = QPixmap(round(size * ratio), round(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        chip = QRectF(1.5, 2.5, size - 3, size - 5)
        width = chip.width() / max(1, len(colours))
        for i, colour in enumerate(colours):
            stripe = QRectF(chip.x() + i * width, chip.y(), width, chip.height())
            painter.fillRect(stripe, QColor(colour))
        # Mid grey: visible around pale colours on white and dark colours on a dark base.
        painter.setPen(QColor(128, 128, 128, 180))
        painter.drawRect(chip)
        painter.end()
        # Selected too: Qt would otherwise tint the chip with the highlight colour.
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
            icon.addPixmap(pixmap, mode)
    return icon


def colour_icon(colour: str, size: int = 12) -> QIcon:
    """A plain square of the colour (menus and the suggestions list)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
