"""The right-hand side of the window: which note, its metadata, the editor and its preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Note
from briefing.gui.action_bar import ActionBar
from briefing.gui.metadata_form import MetadataForm
from briefing.gui.note_editor import NoteEditor
from briefing.gui.preview import PreviewBrowser

# Menu entry -> the toolbar's label for it (what Word's ribbon shows, in text).
TOOLBAR_LABELS = {
    "Bold": "B",
    "Italic": "I",
    "Heading 1": "H1",
    "Heading 2": "H2",
    "Heading 3": "H3",
    "Bullet List": "• List",
    "Numbered List": "1. List",
    "Quote": "❝ Quote",
    "Cite Passage": "Cite",
}


class NotePanel(QWidget):
    note_chosen = Signal(int)
    new_requested = Signal()
    rename_requested = Signal()
    delete_requested = Signal()
    preview_toggled = Signal(bool)

    def __init__(self, editor: NoteEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.notes = QComboBox()
        self.notes.setToolTip("The notes of this project")
        # A long title must not widen the pane (on a laptop the note would squeeze the source).
        self.notes.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.notes.setMinimumContentsLength(12)
        self.notes.currentIndexChanged.connect(self._chosen)
        bar.addWidget(self.notes, 1)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, signal in (
            ("new", "New…", "New note from a template (Ctrl+N)", self.new_requested),
            ("rename", "Rename…", "Rename this note", self.rename_requested),
            ("delete", "Delete…", "Delete this note", self.delete_requested),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            bar.addWidget(button)
            self.buttons[key] = button
        self.preview_button = QToolButton()
        self.preview_button.setText("Preview")
        self.preview_button.setToolTip("Show the note as it will read (Ctrl+Shift+P)")
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self.set_preview_visible)
        bar.addWidget(self.preview_button)
        layout.addLayout(bar)
        self.metadata = MetadataForm()
        layout.addWidget(self.metadata)
        self.toolbar = ActionBar("Format")  # wraps when narrow: no action hidden
        layout.addWidget(self.toolbar)
        self.preview = PreviewBrowser()
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(editor)
        self.split.addWidget(self.preview)
        self.split.setChildrenCollapsible(False)
        self.preview.hide()
        layout.addWidget(self.split, 1)

    def set_format_actions(self, actions: Sequence[QAction | None]) -> None:
        """The formatting toolbar: the window's own actions (the same shortcuts and tips),
        each shown by a short label; None is a separator."""
        for action in actions:
            if action is None:
                self.toolbar.addSeparator()
                continue
            self.toolbar.addAction(action)
            label = TOOLBAR_LABELS.get(action.text().replace("&", ""))
            if label:
                action.setIconText(label)
            button = self.toolbar.widgetForAction(action)
            if button is not None and label in ("B", "I"):
                font = QFont(button.font())
                font.setBold(label == "B")
                font.setItalic(label == "I")
                button.setFont(font)

    def set_notes(self, notes: Sequence[Note], current: int | None) -> None:
        self.notes.blockSignals(True)
        self.notes.clear()
        for note in notes:
            self.notes.addItem(note.title, note.id)
        index = self.notes.findData(current)
        self.notes.setCurrentIndex(max(0, index) if notes else -1)
        self.notes.blockSignals(False)
        has_note = bool(notes)
        self.buttons["rename"].setEnabled(has_note)
        self.buttons["delete"].setEnabled(has_note)
        self.metadata.setEnabled(has_note)

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        self.metadata.set_read_only(read_only)

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        if self.preview_button.isChecked() != visible:
            self.preview_button.setChecked(visible)
        self.preview_toggled.emit(visible)

    def _chosen(self, index: int) -> None:
        if index >= 0:
            self.note_chosen.emit(int(self.notes.itemData(index)))
