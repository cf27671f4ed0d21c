"""The source details dialog: title, author or outlet, date, origin and marking.

The text itself never changes after import; only these details can be edited.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from briefing.core.model import MARKINGS, Source


class SourceDetailsDialog(QDialog):
    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source Details")
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.title = QLineEdit(source.title)
        self.author = QLineEdit(source.author)
        self.author.setPlaceholderText("Author, or the outlet that published it")
        self.published = QLineEdit(source.published)
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.origin = QLineEdit(source.origin)
        self.origin.setPlaceholderText("https://… or the file it came from")
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems(["", *MARKINGS])
        self.marking.setCurrentText(source.marking)
        form.addRow("&Title:", self.title)
        form.addRow("&Author or outlet:", self.author)
        form.addRow("&Date:", self.published)
        form.addRow("&Origin:", self.origin)
        form.addRow("&Marking:", self.marking)
        facts = (
            f"{source.format.upper()}, {source.chars:,} characters, imported {source.imported_at}"
        )
        form.addRow("", QLabel(facts))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        """The edited details, as ``Project.update_source`` takes them."""
        return {
            "title": self.title.text().strip() or "Untitled",
            "author": self.author.text().strip(),
            "published": self.published.text().strip(),
            "origin": self.origin.text().strip(),
            "marking": self.marking.currentText().strip().upper(),
        }
