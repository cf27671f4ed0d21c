"""The source details dialog: title, author, organisation, date, URL, origin and marking, and
what the import found (OCR, the e-mail's sender and attachments).

The text itself never changes after import; only these details can be edited. A message's
attachments are listed and can be imported as sources of their own, read again from the
message's file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from briefing.core.model import MARKINGS, Source


def ocr_summary(source: Source) -> str:
    """How OCR read the source, in a line ("" when it did not)."""
    ocr = source.ocr
    if not ocr:
        return ""
    pages = ocr.get("pages") or []
    count = f"{len(pages)} page{'s' * (len(pages) != 1)}" if isinstance(pages, list) else "pages"
    confidence = ocr.get("confidence")
    mean = f"; mean word confidence {float(confidence):.0f}%" if confidence is not None else ""
    engine = str(ocr.get("engine", "OCR")).capitalize()
    return f"Text read by OCR ({engine}, {ocr.get('language', '?')}) on {count}{mean}"


def _size(value: Any) -> str:
    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} bytes"


class SourceDetailsDialog(QDialog):
    def __init__(
        self,
        source: Source,
        parent: QWidget | None = None,
        *,
        attachments_importable: bool = False,
        came_from: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source Details")
        self.setMinimumWidth(520)
        self.import_attachments_requested = False
        form = QFormLayout(self)
        self.title = QLineEdit(source.title)
        self.author = QLineEdit(source.author)
        self.author.setPlaceholderText("The person who wrote it")
        self.organisation = QLineEdit(source.organisation)
        self.organisation.setPlaceholderText("The organisation or outlet that published it")
        self.published = QLineEdit(source.published)
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.url = QLineEdit(source.url)
        self.url.setPlaceholderText("https://… where it is published")
        self.origin = QLineEdit(source.origin)
        self.origin.setPlaceholderText("The file it came from, or where it was copied")
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems(["", *MARKINGS])
        self.marking.setCurrentText(source.marking)
        form.addRow("&Title:", self.title)
        form.addRow("&Author:", self.author)
        form.addRow("O&rganisation:", self.organisation)
        form.addRow("&Date:", self.published)
        form.addRow("&URL:", self.url)
        form.addRow("&Origin:", self.origin)
        form.addRow("&Marking:", self.marking)
        facts = (
            f"{source.format.upper()}, {source.chars:,} characters, imported {source.imported_at}"
        )
        form.addRow("", QLabel(facts))
        self.ocr = QLabel(ocr_summary(source))
        if self.ocr.text():
            form.addRow("OCR:", self.ocr)
        self._email_rows(form, source, came_from)
        self.attachments = QListWidget()
        self.import_attachments = QPushButton("&Import Attachments")
        listed = source.metadata.get("attachments")
        if isinstance(listed, list) and listed:
            self._attachment_rows(form, listed, attachments_importable)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _email_rows(self, form: QFormLayout, source: Source, came_from: str) -> None:
        meta = source.metadata
        for key, label in (("from", "From:"), ("to", "To:"), ("cc", "Cc:")):
            value = meta.get(key)
            if isinstance(value, list) and value:
                shown = QLabel(", ".join(str(v) for v in value))
                shown.setWordWrap(True)
                form.addRow(label, shown)
        if came_from:
            form.addRow("Attachment of:", QLabel(came_from))

    def _attachment_rows(self, form: QFormLayout, listed: list[Any], importable: bool) -> None:
        for item in listed:
            if isinstance(item, dict):
                size = _size(item.get("size"))
                self.attachments.addItem(
                    f"{item.get('name', '?')}" + (f" ({size})" if size else "")
                )
        self.attachments.setMaximumHeight(110)
        form.addRow("Attachments:", self.attachments)
        self.import_attachments.setEnabled(importable)
        self.import_attachments.setToolTip(
            "Import the attachments as sources of their own, read from the message's file"
            if importable
            else "The message's file is no longer where it was imported from"
        )
        self.import_attachments.clicked.connect(self._ask_for_attachments)
        form.addRow("", self.import_attachments)

    def _ask_for_attachments(self) -> None:
        """Save the details as they are, then import the attachments."""
        self.import_attachments_requested = True
        self.accept()

    def values(self) -> dict[str, str]:
        """The edited details, as ``Project.update_source`` takes them."""
        return {
            "title": self.title.text().strip() or "Untitled",
            "author": self.author.text().strip(),
            "organisation": self.organisation.text().strip(),
            "published": self.published.text().strip(),
            "url": self.url.text().strip(),
            "origin": self.origin.text().strip(),
            "marking": self.marking.currentText().strip().upper(),
        }
