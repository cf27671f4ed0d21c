"""A slim strip beside the source viewer's scroll bar: where the passages are, in their
theme colours, and where the view is. A click jumps there."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

from briefing.gui.source_viewer import SourceViewer

WIDTH = 14


class OverviewRuler(QWidget):
    jumped = Signal(int)  # the code point jumped to

    def __init__(self, viewer: SourceViewer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.setFixedWidth(WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Passages in this source: click to jump there")
        self._marks: QPixmap | None = None  # drawn once per change, not on every scroll
        bar = viewer.verticalScrollBar()
        bar.valueChanged.connect(self.update)
        bar.rangeChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 100)

    def refresh(self) -> None:
        """The passages changed: redraw the marks."""
        self._marks = None
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._marks = None

    def track(self) -> QRectF:
        """Where the marks are drawn: the whole source from top to bottom."""
        # Leave room for the scroll bar's arrows so marks line up with its groove.
        margin = 2.0
        return QRectF(2, margin, self.width() - 4, max(1.0, self.height() - 2 * margin))

    def _draw_marks(self) -> QPixmap:
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap.fill(Qt.GlobalColor.transparent)
        total = max(1, self.viewer.text_length())
        track = self.track()
        painter = QPainter(pixmap)
        for passage in self.viewer.passages():
            top = track.top() + track.height() * passage.start / total
            height = max(2.0, track.height() * (passage.end - passage.start) / total)
            themes = passage.theme_ids or (0,)
            width = track.width() / len(themes)
            for index, theme_id in enumerate(themes):  # several themes: side by side
                rect = QRectF(track.left() + index * width, top, width, height)
                painter.fillRect(rect, self.viewer.theme_colour(theme_id))
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        if self._marks is None or self._marks.size() != self.size() * self.devicePixelRatioF():
            self._marks = self._draw_marks()
        painter.drawPixmap(0, 0, self._marks)
        # The part of the source now on screen.
        bar = self.viewer.verticalScrollBar()
        span = max(1, bar.maximum() - bar.minimum() + bar.pageStep())
        track = self.track()
        top = track.top() + track.height() * (bar.value() - bar.minimum()) / span
        height = max(4.0, track.height() * bar.pageStep() / span)
        shade = QColor(self.palette().color(QPalette.ColorRole.Text))
        shade.setAlpha(40)
        painter.fillRect(QRectF(0, top, self.width(), height), shade)
        painter.end()

    def offset_at_y(self, y: float) -> int:
        track = self.track()
        fraction = min(1.0, max(0.0, (y - track.top()) / track.height()))
        return round(fraction * self.viewer.text_length())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            offset = self.offset_at_y(event.position().y())
            # Land on the passage there, if the click was on one.
            near = self.viewer.passages_at(offset)
            target = near[0].start if near else offset
            self.viewer.jump_to(target)
            self.jumped.emit(target)
