"""Coding stripes: one thin bar per theme in the source viewer's left margin, beside the lines
its passages cover, as NVivo shows them. Each theme keeps its own column (the project's theme
order), so a theme's stripe is always in the same place, and a passage with three themes shows
three bars side by side; the text itself keeps only the first theme's tint."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

BAR = 3  # pixels: each stripe's width
GAP = 2  # pixels between stripes
EDGE = 4  # pixels between the last stripe and the text
MAX_LANES = 12  # themes beyond the twelfth share the last column


class Stripe(NamedTuple):
    lane: int
    colour: QColor
    top: float
    bottom: float


def margin_width(lanes: int) -> int:
    """The margin the stripes need for ``lanes`` columns (none without themes)."""
    lanes = min(lanes, MAX_LANES)
    return EDGE + lanes * (BAR + GAP) + GAP if lanes else 0


class CodingStripes(QWidget):
    """Paints the stripes ``spans()`` gives, in the viewport's coordinates, right-aligned
    against the text; the rest of the margin takes the text's background."""

    def __init__(self, spans: Callable[[], Sequence[Stripe]], parent: QWidget) -> None:
        super().__init__(parent)
        self._spans = spans
        self.lanes = 0
        self.setAccessibleName("Coding stripes")
        self.setAccessibleDescription("A bar in each theme's colour beside the passages it tags")

    def lane_x(self, lane: int) -> float:
        """Where column ``lane`` is drawn: the last column sits next to the text."""
        first = self.width() - margin_width(self.lanes) + GAP
        return first + min(lane, MAX_LANES - 1) * (BAR + GAP)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        for stripe in self._spans():
            height = max(2.0, stripe.bottom - stripe.top)
            painter.fillRect(
                QRectF(self.lane_x(stripe.lane), stripe.top, BAR, height), stripe.colour
            )
        painter.end()


class MarginFiller(QWidget):
    """The blank margin right of a narrowed reading column, in the text's background."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        painter.end()
