"""Search every source (Ctrl+Shift+F): the matches with their context; a match opens its source.

The store finds the matches by ``core.matching`` (the find bar's rule, with the same options);
the list shows each match in bold on the find colour, never in brackets, counted by match.
Escape clears the search and hands the focus back to the source.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.matching import MatchOptions
from briefing.core.model import SearchHit
from briefing.gui.appearance import scheme_of
from briefing.gui.find_bar import MatchChoices, OptionButtons

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (source id, start, end)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the SearchHit, for painting
PADDING = 3

Searcher = Callable[[str, MatchOptions], list[SearchHit]]


def context_line(hit: SearchHit) -> str:
    return " ".join(f"…{hit.before}{hit.match}{hit.after}…".split())


class HitDelegate(QStyledItemDelegate):
    """Two lines a match: the source's title, then the match in its context, the match bold
    on the find colour (the viewer's), the context elided on both sides to keep it in view."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(200, 2 * height + 3 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(RECORD_ROLE)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        styled.text = ""  # the row's background, selection and focus; the text is drawn here
        widget = styled.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, styled, painter, widget)
        selected = bool(styled.state & QStyle.StateFlag.State_Selected)
        ink = styled.palette.highlightedText() if selected else styled.palette.text()
        scheme = scheme_of(styled.palette)
        rect = styled.rect.adjusted(6, PADDING, -6, -PADDING)
        plain, bold = QFont(styled.font), QFont(styled.font)
        bold.setBold(True)
        thin, heavy = QFontMetrics(plain), QFontMetrics(bold)
        line = thin.height()
        painter.save()
        painter.setPen(ink.color())
        painter.setFont(bold)
        title = heavy.elidedText(hit.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, title)
        top = rect.top() + line + PADDING
        # The match in the middle third or less; what comes before it elided on its left.
        match = " ".join(hit.match.split())
        match_width = min(heavy.horizontalAdvance(match) + 2, rect.width())  # (rounding)
        room = max(0, rect.width() - match_width)
        before = "…" + " ".join(hit.before.split()) + (" " if hit.before[-1:].isspace() else "")
        before = thin.elidedText(before, Qt.TextElideMode.ElideLeft, room // 3)
        after = (" " if hit.after[:1].isspace() else "") + " ".join(hit.after.split()) + "…"
        x = rect.left()
        painter.setFont(plain)
        painter.drawText(QRect(x, top, room // 3, line), 0, before)
        x += thin.horizontalAdvance(before)
        box = QRect(x, top, match_width, line)
        painter.fillRect(box, QColor(scheme.find))
        painter.setPen(QColor(scheme.find_text))
        painter.setFont(bold)
        painter.drawText(box, 0, heavy.elidedText(match, Qt.TextElideMode.ElideRight, match_width))
        x += match_width
        rest = max(0, rect.right() - x)
        painter.setPen(ink.color())
        painter.setFont(plain)
        painter.drawText(
            QRect(x, top, rest, line), 0, thin.elidedText(after, Qt.TextElideMode.ElideRight, rest)
        )
        painter.restore()


class SearchPanel(QWidget):
    hit_activated = Signal(int, int, int)  # source id, start, end
    cleared = Signal(str)  # Escape: the search for this query is closed and cleared

    def __init__(
        self, search: Searcher, choices: MatchChoices | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self.choices = choices or MatchChoices(parent=self)
        self.query = ""  # what the hits shown were found for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.field = QLineEdit()
        self.field.setPlaceholderText(
            "Search all sources: words or a phrase; prefix* for word starts"
        )
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search all sources")
        self.field.setAccessibleDescription(
            "Words or a phrase to find in every source; Enter searches, Escape clears"
        )
        self.field.returnPressed.connect(self.run)
        row.addWidget(self.field, 1)
        self.options = OptionButtons(self.choices, row, "Search")
        self.choices.changed.connect(self._options_changed)
        self.status = QLabel()
        self.status.setAccessibleName("Search results count")
        self.results = QListWidget()
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription(
            "Each match with its source and context; Enter opens the source at the match"
        )
        self.results.itemActivated.connect(self._activate)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        for widget in (self.field, self.results):
            widget.installEventFilter(self)

    def reset(self) -> None:
        """Another project: the last one's hits are gone."""
        self.results.clear()
        self.status.clear()
        self.query = ""

    def open(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def run(self) -> list[SearchHit]:
        self.query = self.field.text()
        hits = self._search(self.query, self.choices.options)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}\n{context_line(hit)}")
            item.setData(HIT_ROLE, (hit.source_id, hit.start, hit.end))
            item.setData(RECORD_ROLE, hit)
            item.setToolTip(f"{hit.title}\n{context_line(hit)}")
            self.results.addItem(item)
        sources = len({h.source_id for h in hits})
        self.status.setText(
            f"{len(hits)} match{'es' * (len(hits) != 1)} in {sources} source{'s' * (sources != 1)}"
            if hits
            else ("No matches" if self.field.text().strip() else "")
        )
        if hits:
            self.results.setCurrentRow(0)
        return hits

    def clear_search(self) -> None:
        """Escape: the query, its matches and their count go; the panel says so."""
        query = self.query
        self.field.clear()
        self.reset()
        self.cleared.emit(query)

    def _options_changed(self) -> None:
        if self.query and self.query == self.field.text():
            self.run()

    def _activate(self, item: QListWidgetItem) -> None:
        source_id, start, end = item.data(HIT_ROLE)
        self.hit_activated.emit(source_id, start, end)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.clear_search()
            return True
        return False
