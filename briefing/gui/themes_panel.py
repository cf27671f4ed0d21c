"""The themes list: swatch, name, passage count and tagging shortcut, with the theme actions.

The panel never edits the project: it emits requests and the main window turns them into
undoable commands, then calls ``set_themes`` again with what the store now holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Theme
from briefing.gui.action_bar import ActionBar
from briefing.gui.actions import TAG_SHORTCUTS, actions_context_menu, make_action, separator
from briefing.gui.records_model import RecordsModel
from briefing.gui.swatches import swatch_icon

Index = QModelIndex | QPersistentModelIndex

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ThemesModel(RecordsModel):
    COLUMNS = ("Theme", "Passages", "Key")

    def records(self) -> Sequence[Any]:
        return self._themes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._themes: list[Theme] = []
        self._counts: dict[int, int] = {}
        self._icons: dict[str, QIcon] = {}

    def set_themes(self, themes: Sequence[Theme], counts: Mapping[int, int]) -> None:
        self.beginResetModel()
        self._themes = sorted(themes, key=lambda t: t.order)  # stable: equal orders keep theirs
        self._counts = dict(counts)
        self._icons = {}
        self.endResetModel()

    def themes(self) -> list[Theme]:
        return list(self._themes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._themes):
            return None
        row, column = index.row(), index.column()
        theme = self._themes[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return theme.name
            if column == 1:
                return self._counts.get(theme.id, 0)
            return self.shortcut_text(row)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            if theme.colour not in self._icons:
                self._icons[theme.colour] = swatch_icon([theme.colour])
            return self._icons[theme.colour]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [theme.description.strip() or theme.name]
            if theme.keywords:
                lines.append("Keywords: " + ", ".join(theme.keywords))
            if self.shortcut_text(row):
                lines.append(f"Tag with {self.shortcut_text(row)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == THEME_ID_ROLE:
            return theme.id
        return None

    @staticmethod
    def shortcut_text(row: int) -> str:
        if row >= len(TAG_SHORTCUTS):
            return ""
        return QKeySequence(TAG_SHORTCUTS[row]).toString(QKeySequence.SequenceFormat.NativeText)


class ThemesPanel(QWidget):
    """Emits requests about the selected theme; the main window carries them out."""

    tag_requested = Signal(int)  # theme id
    add_requested = Signal()
    edit_requested = Signal(int)
    move_requested = Signal(int, int)  # theme id, -1 (up) or +1 (down)
    merge_requested = Signal(int, int)  # from theme id, into theme id
    delete_requested = Signal(int)
    filter_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.model_ = ThemesModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model_)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.tag_action = make_action(
            self, "Tag Selection", self._emit(self.tag_requested), tip="Tag the selected text"
        )
        self.add_action = make_action(self, "New Theme…", self.add_requested.emit)
        self.edit_action = make_action(self, "Edit…", self._emit(self.edit_requested))
        self.up_action = make_action(self, "Move Up", lambda: self._move(-1))
        self.down_action = make_action(self, "Move Down", lambda: self._move(+1))
        self.delete_action = make_action(self, "Delete…", self._emit(self.delete_requested))
        self.filter_action = make_action(
            self, "Show Passages", self._emit(self.filter_requested), tip="Show its passages"
        )
        self.merge_menu = QMenu("Merge Into", self)
        self.merge_menu.setToolTipsVisible(True)
        for action, short in (
            (self.tag_action, "Tag"),
            (self.add_action, "New…"),
            (self.edit_action, "Edit…"),
            (self.up_action, "Up"),
            (self.down_action, "Down"),
            (self.delete_action, "Delete…"),
            (self.filter_action, "Passages"),
        ):
            action.setIconText(short)  # the toolbar is narrow; menus keep the full text

        self.toolbar = ActionBar("Themes", self)  # wraps when narrow: no action hidden
        self.toolbar.addActions([self.tag_action, self.add_action, self.edit_action])
        self.toolbar.addActions([self.up_action, self.down_action])
        self.merge_button = QToolButton(self)
        self.merge_button.setText("Merge")
        self.merge_button.setToolTip("Merge the selected theme into another")
        self.merge_button.setMenu(self.merge_menu)
        self.merge_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.merge_button)
        self.toolbar.addActions([self.delete_action, self.filter_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view)

        actions_context_menu(self.view)
        self.view.addActions([self.tag_action, self.filter_action, separator(self)])
        self.view.addActions([self.add_action, self.edit_action, self.up_action, self.down_action])
        self.view.addActions([self.merge_menu.menuAction(), separator(self), self.delete_action])
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.model_.modelReset.connect(self._update_actions)
        self._update_actions()

    # ---- API ----------------------------------------------------------------------------

    def set_themes(self, themes: Sequence[Theme], counts: Mapping[int, int]) -> None:
        current = self.current_theme_id()
        self.model_.set_themes(themes, counts)
        if current is not None:
            self.select_theme(current)
        self._update_actions()

    def current_theme_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(rows[0].data(THEME_ID_ROLE)) if rows else None

    def select_theme(self, theme_id: int) -> bool:
        row = self.model_.row_of(theme_id)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model_.index(row, 0))
        return True

    def theme_ids(self) -> list[int]:
        """Theme ids in the list's order: row n is tagged with TAG_SHORTCUTS[n]."""
        return [t.id for t in self.model_.themes()]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_actions()

    # ---- internals ----------------------------------------------------------------------

    def _emit(self, signal: SignalInstance) -> Callable[[], None]:
        def emit() -> None:
            theme_id = self.current_theme_id()
            if theme_id is not None:
                signal.emit(theme_id)

        return emit

    def _move(self, delta: int) -> None:
        theme_id = self.current_theme_id()
        if theme_id is not None:
            self.move_requested.emit(theme_id, delta)

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and not self._read_only:
            self.edit_requested.emit(int(index.data(THEME_ID_ROLE)))

    def _update_actions(self) -> None:
        theme_id = self.current_theme_id()
        row = self.model_.row_of(theme_id) if theme_id is not None else -1
        count = self.model_.rowCount()
        chosen = row >= 0
        editable = chosen and not self._read_only
        self.tag_action.setEnabled(editable)
        self.add_action.setEnabled(not self._read_only)
        self.edit_action.setEnabled(editable)
        self.up_action.setEnabled(editable and row > 0)
        self.down_action.setEnabled(editable and row < count - 1)
        self.delete_action.setEnabled(editable)
        self.filter_action.setEnabled(chosen)
        self._rebuild_merge_menu(theme_id if editable else None)

    def _rebuild_merge_menu(self, theme_id: int | None) -> None:
        for action in self.merge_menu.actions():
            action.deleteLater()
        self.merge_menu.clear()
        if theme_id is not None:
            for other in self.model_.themes():
                if other.id == theme_id:
                    continue
                action = make_action(
                    self.merge_menu,
                    other.name.replace("&", "&&"),  # a lone & would mark a mnemonic
                    partial(self.merge_requested.emit, theme_id, other.id),
                    tip=f"Merge into {other.name}",
                )
                action.setIcon(swatch_icon([other.colour]))
                self.merge_menu.addAction(action)
        enabled = not self.merge_menu.isEmpty()
        self.merge_menu.setEnabled(enabled)
        self.merge_menu.menuAction().setEnabled(enabled)
        self.merge_button.setEnabled(enabled)
