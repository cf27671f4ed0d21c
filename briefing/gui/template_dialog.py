"""Note > Add Template: a Markdown file of the user's, with its settings, becomes a template
every project offers (stored in the data folder by ``briefing.core.templates``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from briefing.core.templates import TemplateSettings, parse_options

MARKDOWN_FILTER = "Markdown (*.md *.markdown *.txt)"
PURPOSES = {"decision": "For decision", "information": "For information"}
POSITIONS = {"centre": "Marking centred", "right": "Marking top right"}


@dataclass(frozen=True)
class NewTemplate:
    path: Path  # the Markdown file: the sections and their prompts
    name: str
    label: str
    purpose: str
    settings: TemplateSettings


def template_name(label: str) -> str:
    """A template's name from its label: "Action memo (US)" -> "action-memo-us"."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40]


class TemplateDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Template")
        self.setMinimumWidth(520)
        self.folder = folder
        defaults = TemplateSettings()
        form = QFormLayout(self)
        self.path = QLineEdit()
        self.path.setPlaceholderText("A Markdown file: the note's headings, a [prompt] under each")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("&Markdown file:", row)
        self.label = QLineEdit()
        self.label.setPlaceholderText("As the New Note dialog lists it")
        form.addRow("&Label:", self.label)
        self.purpose = QComboBox()
        for value, text in PURPOSES.items():
            self.purpose.addItem(text, value)
        form.addRow("&Purpose:", self.purpose)
        self.options = QLineEdit(" / ".join(defaults.decision_options))
        self.options.setToolTip("Beside each recommendation of the decision block")
        form.addRow("&Decision options:", self.options)
        self.noting = QLineEdit(" / ".join(defaults.noting_options))
        self.noting.setToolTip("Beside a recommendation that begins “Note”")
        form.addRow("&Noting options:", self.noting)
        self.position = QComboBox()
        for value, text in POSITIONS.items():
            self.position.addItem(text, value)
        form.addRow("&Marking:", self.position)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add Template")
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for edit in (self.path, self.label):
            edit.textChanged.connect(self._update)

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.path.text().strip() and template_name(self.label.text())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Template", str(self.folder), MARKDOWN_FILTER)
        if chosen:
            self.path.setText(chosen)
            if not self.label.text().strip():
                self.label.setText(Path(chosen).stem.replace("-", " ").replace("_", " "))

    def new_template(self) -> NewTemplate:
        defaults = TemplateSettings()
        settings = TemplateSettings(
            parse_options(self.options.text()) or defaults.decision_options,
            parse_options(self.noting.text()) or defaults.noting_options,
            str(self.position.currentData()),
        )
        label = " ".join(self.label.text().split())
        return NewTemplate(
            Path(self.path.text().strip()).expanduser(),
            template_name(label),
            label,
            str(self.purpose.currentData()),
            settings,
        )
