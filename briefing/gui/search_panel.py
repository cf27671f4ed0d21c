"""Search every source (Ctrl+Shift+F): the hits with their context; a hit opens its source."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchPanel(QWidget):
    hit_activated = Signal(int, int, int)  # source id, start, end

    def __init__(self, search: Callable[[str], list[SearchHit]], parent: QWidget | None = None):
        super().__init__(parent)
        self._search = search
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.field = QLineEdit()
        self.field.setPlaceholderText('Search all sources: words, "a phrase", prefix*')
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.run)
        self.status = QLabel()
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(self._activate)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def reset(self) -> None:
        """Another project: the last one's hits are gone."""
        self.results.clear()
        self.status.clear()

    def open(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def run(self) -> list[SearchHit]:
        hits = self._search(self.field.text())
        self.results.clear()
        for hit in hits:
            context = " ".join(f"…{hit.before}[{hit.match}]{hit.after}…".split())
            item = QListWidgetItem(f"{hit.title}\n{context}")
            item.setData(HIT_ROLE, (hit.source_id, hit.start, hit.end))
            item.setToolTip(hit.title)
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

    def _activate(self, item: QListWidgetItem) -> None:
        source_id, start, end = item.data(HIT_ROLE)
        self.hit_activated.emit(source_id, start, end)
