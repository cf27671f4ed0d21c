"""View > Zoom In, Zoom Out, Actual Size and Reading Width: the text size of the source and of
the note (whichever has the focus, the source otherwise), and the source's reading column.
Remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from briefing.gui.settings import Settings
from briefing.gui.source_viewer import ZOOM_RANGE, SourceViewer


class ReadingControls(QObject):
    def __init__(
        self,
        viewer: SourceViewer,
        note: QPlainTextEdit,
        settings: Settings,
        reading_width: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.viewer, self.note, self.settings = viewer, note, settings
        self.note_zoom = 0
        self.reading_width = reading_width
        reading_width.setChecked(settings.reading_width)
        reading_width.toggled.connect(self.set_reading_width)
        viewer.set_zoom(settings.source_zoom)
        viewer.set_reading_width(settings.reading_width)
        self._zoom_note(settings.note_zoom)

    def zoom_in(self) -> None:
        self._step(+1)

    def zoom_out(self) -> None:
        self._step(-1)

    def zoom_reset(self) -> None:
        if self._note_focused():
            self._zoom_note(0)
        else:
            self.viewer.set_zoom(0)
        self._remember()

    def set_reading_width(self, narrow: bool) -> None:
        self.viewer.set_reading_width(narrow)
        self.settings.reading_width = narrow

    def _step(self, step: int) -> None:
        if self._note_focused():
            self._zoom_note(self.note_zoom + step)
        else:
            self.viewer.set_zoom(self.viewer.zoom + step)
        self._remember()

    def _zoom_note(self, steps: int) -> None:
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        self.note.zoomIn(steps - self.note_zoom)
        self.note_zoom = steps

    def _note_focused(self) -> bool:
        focused: QWidget | None = QApplication.focusWidget()
        return focused is not None and (focused is self.note or self.note.isAncestorOf(focused))

    def _remember(self) -> None:
        self.settings.source_zoom = self.viewer.zoom
        self.settings.note_zoom = self.note_zoom
