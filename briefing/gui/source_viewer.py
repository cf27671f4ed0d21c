"""The read-only source viewer: the source's text with its passages highlighted.

Highlights are ``ExtraSelection``s over the document, never edits of its character formats, so
showing or changing them costs no document rebuild and never touches the text itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from briefing.core.colours import HIGHLIGHT_ALPHA
from briefing.core.model import Passage, Theme
from briefing.core.offsets import OffsetMap


class SourceViewer(QPlainTextEdit):
    """Shows one source; positions in and out are code points, as the store counts them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(
            self.textInteractionFlags() | self.textInteractionFlags().TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(12)
        self._offsets = OffsetMap("")
        self._passages: list[Passage] = []
        self._themes: dict[int, Theme] = {}
        self.source_id: int | None = None

    def show_source(
        self, source_id: int | None, text: str, passages: Sequence[Passage], themes: Sequence[Theme]
    ) -> None:
        self.source_id = source_id
        self._offsets = OffsetMap(text)
        self.setPlainText(text)
        self.set_passages(passages, themes)

    def set_passages(self, passages: Sequence[Passage], themes: Sequence[Theme]) -> None:
        self._passages = list(passages)
        self._themes = {t.id: t for t in themes}
        self._repaint_highlights()

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
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _repaint_highlights(self) -> None:
        alpha = HIGHLIGHT_ALPHA["dark" if self._is_dark() else "light"]
        selections = []
        for passage in self._passages:
            theme = self._themes.get(passage.theme_ids[0]) if passage.theme_ids else None
            if theme is None:
                continue
            colour = QColor(theme.colour)
            colour.setAlphaF(alpha)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_utf16(passage.start))
            cursor.setPosition(self._offsets.to_utf16(passage.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
