"""Keyword suggestions to accept or reject, one by one or all at once.

Rejections last for the session: a rejected sentence is not offered again until the project is
reopened (they are hints, not data worth keeping in the project file).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Theme
from briefing.core.suggest import Suggestion
from briefing.gui.swatches import colour_icon

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 1


class SuggestionsPanel(QWidget):
    accept_requested = Signal(list)  # list[Suggestion]
    scope_changed = Signal()
    suggestion_shown = Signal(object)  # Suggestion: show it in its source

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rejected: set[tuple[int, int, int, int]] = set()
        self._all: list[Suggestion] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.addItems(["This source", "All sources"])
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit())
        self.theme = QComboBox()
        self.theme.currentIndexChanged.connect(lambda _i: self.scope_changed.emit())
        self.count = QLabel()
        row.addWidget(self.scope)
        row.addWidget(self.theme)
        row.addWidget(self.count, 1)
        layout.addLayout(row)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _item: self.accept_selected())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, slot, tip in (
            ("Accept", self.accept_selected, "Tag the selected sentences (Enter)"),
            ("Reject", self.reject_selected, "Do not suggest these again this session"),
            ("Accept All", self.accept_all, "Tag every sentence listed"),
            ("Reject All", self.reject_all, "Clear the list for this session"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[text] = button
        layout.addLayout(buttons)

    def all_sources(self) -> bool:
        return self.scope.currentIndex() == 1

    def theme_id(self) -> int | None:
        data = self.theme.currentData()
        return int(data) if data is not None else None

    def set_themes(self, themes: Sequence[Theme]) -> None:
        current = self.theme_id()
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem("All themes", None)
        for theme in themes:
            self.theme.addItem(colour_icon(theme.colour), theme.name, theme.id)
        index = self.theme.findData(current)
        self.theme.setCurrentIndex(max(0, index))
        self.theme.blockSignals(False)

    def set_suggestions(
        self, suggestions: Sequence[Suggestion], themes: Sequence[Theme], titles: dict[int, str]
    ) -> None:
        names = {t.id: t for t in themes}
        self._all = [s for s in suggestions if s.key not in self.rejected]
        self.list.clear()
        for suggestion in self._all:
            theme = names.get(suggestion.theme_id)
            where = f"{titles.get(suggestion.source_id, '')} · " if self.all_sources() else ""
            label = f"{where}{theme.name if theme else '?'} ({suggestion.keyword})"
            item = QListWidgetItem(f"{label}\n{' '.join(suggestion.text.split())}")
            if theme is not None:
                item.setIcon(colour_icon(theme.colour))
            item.setData(SUGGESTION_ROLE, suggestion)
            self.list.addItem(item)
        self.count.setText(f"{len(self._all)} suggestion{'s' * (len(self._all) != 1)}")

    def visible(self) -> list[Suggestion]:
        return list(self._all)

    def _selected(self) -> list[Suggestion]:
        return [item.data(SUGGESTION_ROLE) for item in self.list.selectedItems()]

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.suggestion_shown.emit(item.data(SUGGESTION_ROLE))

    def accept_selected(self) -> None:
        chosen = self._selected()
        if chosen:
            self.accept_requested.emit(chosen)

    def accept_all(self) -> None:
        if self._all:
            self.accept_requested.emit(list(self._all))

    def reject_selected(self) -> None:
        self._reject(self._selected())

    def reject_all(self) -> None:
        self._reject(self._all)

    def _reject(self, chosen: Sequence[Suggestion]) -> None:
        self.rejected |= {s.key for s in chosen}
        self.scope_changed.emit()  # the window recomputes and shows the rest
