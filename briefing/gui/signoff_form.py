"""The note's routing and sign-off, under the header fields: Through, Copies to, the critical
date and its reason, the contact officer, who prepared it and who cleared it (in order).

Part of the metadata form, shown when the user opens it ("Routing and sign-off"). It keeps no
state of its own beyond its widgets: ``values`` reads them, ``set_values`` fills them silently,
and ``edited`` says the user changed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import Contact, Signoff

CLEARED_COLUMNS = ("Name", "Role", "Date")


@dataclass(frozen=True)
class SignoffValues:
    through: tuple[str, ...] = ()
    copies_to: tuple[str, ...] = ()
    critical_date: str = ""
    critical_reason: str = ""
    contact: Contact = field(default_factory=Contact)
    prepared_by: Signoff = field(default_factory=Signoff)
    cleared_by: tuple[Signoff, ...] = ()


def _names(text: str) -> tuple[str, ...]:
    """ "Deputy Minister; Chief of Staff" -> the names, in order."""
    return tuple(n for n in (" ".join(part.split()) for part in text.split(";")) if n)


class SignoffForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.through_edit = QLineEdit(self)
        self.through_edit.setPlaceholderText("Officials it passes on the way up; separate by ;")
        self.copies_edit = QLineEdit(self)
        self.copies_edit.setPlaceholderText("Separate by ;")
        self.critical_date_edit = QLineEdit(self)
        self.critical_date_edit.setPlaceholderText("YYYY-MM-DD")
        self.critical_reason_edit = QLineEdit(self)
        self.critical_reason_edit.setPlaceholderText("Why: “The talks resume on 5 December”")
        self.contact_name_edit = QLineEdit(self)
        self.contact_name_edit.setPlaceholderText("Contact officer")
        self.contact_phone_edit = QLineEdit(self)
        self.contact_phone_edit.setPlaceholderText("Phone")
        self.prepared_name_edit = QLineEdit(self)
        self.prepared_name_edit.setPlaceholderText("Name")
        self.prepared_role_edit = QLineEdit(self)
        self.prepared_role_edit.setPlaceholderText("Role")
        self.prepared_date_edit = QLineEdit(self)
        self.prepared_date_edit.setPlaceholderText("YYYY-MM-DD")
        self.cleared = QTableWidget(0, len(CLEARED_COLUMNS), self)
        self.cleared.setHorizontalHeaderLabels(list(CLEARED_COLUMNS))
        self.cleared.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.cleared.verticalHeader().setVisible(False)
        self.cleared.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cleared.setMaximumHeight(96)
        self.cleared.setAccessibleName("Cleared by")
        self.add_button = QPushButton("Add", self)
        self.add_button.setToolTip("Add who cleared the note, after those listed")
        self.remove_button = QPushButton("Remove", self)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        form.addRow("Thro&ugh:", self.through_edit)  # (Alt+H opens the Help menu)
        form.addRow("Copies to:", self.copies_edit)
        form.addRow("Critical date:", _row(self.critical_date_edit, self.critical_reason_edit))
        form.addRow("Contact:", _row(self.contact_name_edit, self.contact_phone_edit))
        prepared = _row(self.prepared_name_edit, self.prepared_role_edit, self.prepared_date_edit)
        form.addRow("Prepared by:", prepared)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        cleared = QHBoxLayout()
        cleared.addWidget(self.cleared, 1)
        cleared.addLayout(buttons)
        form.addRow("Cleared by:", cleared)

        for edit in self._edits():
            edit.editingFinished.connect(self._changed)
        self.cleared.itemChanged.connect(self._changed)
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)

    def tab_order(self) -> list[QWidget]:
        """The fields as they are laid out, for the form's Tab order."""
        return [*self._edits(), self.cleared, self.add_button, self.remove_button]

    def _edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.through_edit,
            self.copies_edit,
            self.critical_date_edit,
            self.critical_reason_edit,
            self.contact_name_edit,
            self.contact_phone_edit,
            self.prepared_name_edit,
            self.prepared_role_edit,
            self.prepared_date_edit,
        )

    def values(self) -> SignoffValues:
        cleared = []
        for row in range(self.cleared.rowCount()):
            cells = [self.cleared.item(row, c) for c in range(len(CLEARED_COLUMNS))]
            texts = [" ".join(c.text().split()) if c is not None else "" for c in cells]
            person = Signoff(*texts)
            if person:
                cleared.append(person)
        return SignoffValues(
            through=_names(self.through_edit.text()),
            copies_to=_names(self.copies_edit.text()),
            critical_date=self.critical_date_edit.text().strip(),
            critical_reason=self.critical_reason_edit.text().strip(),
            contact=Contact(
                self.contact_name_edit.text().strip(), self.contact_phone_edit.text().strip()
            ),
            prepared_by=Signoff(
                self.prepared_name_edit.text().strip(),
                self.prepared_role_edit.text().strip(),
                self.prepared_date_edit.text().strip(),
            ),
            cleared_by=tuple(cleared),
        )

    def set_values(self, values: SignoffValues) -> None:
        self._loading = True
        try:
            self.through_edit.setText("; ".join(values.through))
            self.copies_edit.setText("; ".join(values.copies_to))
            self.critical_date_edit.setText(values.critical_date)
            self.critical_reason_edit.setText(values.critical_reason)
            self.contact_name_edit.setText(values.contact.name)
            self.contact_phone_edit.setText(values.contact.phone)
            self.prepared_name_edit.setText(values.prepared_by.name)
            self.prepared_role_edit.setText(values.prepared_by.role)
            self.prepared_date_edit.setText(values.prepared_by.date)
            self.cleared.setRowCount(0)
            for person in values.cleared_by:
                self._append(person)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        for edit in self._edits():
            edit.setReadOnly(read_only)
        triggers = QAbstractItemView.EditTrigger
        self.cleared.setEditTriggers(
            triggers.NoEditTriggers if read_only else triggers.AllEditTriggers
        )
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def _append(self, person: Signoff) -> int:
        row = self.cleared.rowCount()
        self.cleared.insertRow(row)
        for column, text in enumerate((person.name, person.role, person.date)):
            self.cleared.setItem(row, column, QTableWidgetItem(text))
        return row

    def _add_row(self) -> None:
        self._loading = True  # an empty row is no change until something is typed in it
        row = self._append(Signoff())
        self._loading = False
        self.cleared.setCurrentCell(row, 0)
        item = self.cleared.item(row, 0)
        if item is not None:
            self.cleared.editItem(item)

    def _remove_row(self) -> None:
        row = self.cleared.currentRow()
        if row >= 0:
            self.cleared.removeRow(row)
            self._changed()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()


def _row(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget, 1)
    return layout
