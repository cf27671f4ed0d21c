"""The note's header block above the editor: marking, To, From, date, reference, purpose, status
and page limit, in compact rows; its routing and sign-off (``SignoffForm``) under a toggle.

The form never writes the project: ``changed`` carries the new NoteMetadata and the main window
stores it. ``set_metadata`` is silent, so loading a note never looks like an edit.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import MARKINGS, NoteMetadata
from briefing.gui.signoff_form import SignoffForm, SignoffValues

ISO = "yyyy-MM-dd"
NO_DATE = QDate(1900, 1, 1)  # shown as "—": the minimum stands for "no date"
PURPOSE_LABELS = {"decision": "For decision", "information": "For information"}
STATUS_LABELS = {"draft": "Draft", "final": "Final"}


def _select(combo: QComboBox, value: str, labels: dict[str, str]) -> None:
    """Select ``value``; a value the form does not know is kept as an extra choice."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(labels.get(value, value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class MetadataForm(QWidget):
    changed = Signal(object)  # NoteMetadata, after a user edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meta = NoteMetadata()
        self._loading = False
        self._raw_date = ""  # a stored date the calendar cannot show, kept until edited

        self.marking_box = QComboBox(self)
        self.marking_box.setEditable(True)
        self.marking_box.addItems(MARKINGS)
        self.marking_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.marking_box.setToolTip("Security marking, printed at the top and bottom of every page")
        self.to_edit = QLineEdit(self)
        self.to_edit.setPlaceholderText("Minister, Director…")
        self.from_edit = QLineEdit(self)
        self.from_edit.setPlaceholderText("Author or branch")
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(ISO)
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText("—")
        self.date_edit.setToolTip("Date of the note; set it to the earliest date to clear it")
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setPlaceholderText("File number")
        self.purpose_box = QComboBox(self)
        for value, title in PURPOSE_LABELS.items():
            self.purpose_box.addItem(title, value)
        self.status_box = QComboBox(self)
        for value, title in STATUS_LABELS.items():
            self.status_box.addItem(title, value)
        self.page_limit_spin = QSpinBox(self)
        self.page_limit_spin.setRange(1, 20)
        self.page_limit_spin.setSuffix(" pages")
        self.page_limit_spin.setToolTip("Page limit of the exported note")

        # Three rows, each laid out on its own: a shared grid would give To the width of the
        # widest combo under it; To and From get a row to themselves, as in a memo's header.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        # Mnemonics that no menu uses (Alt+F, E, T, N, O, V, H open the menus): F6 reaches To.
        rows: tuple[tuple[tuple[str, QWidget, int], ...], ...] = (
            (("To", self.to_edit, 1), ("Fro&m", self.from_edit, 1)),
            (
                ("M&arking", self.marking_box, 1),
                ("", self.purpose_box, 0),
                ("", self.status_box, 0),
            ),
            (
                ("&Date", self.date_edit, 0),
                ("&Ref.", self.reference_edit, 1),
                ("", self.page_limit_spin, 0),
            ),
        )
        for cells in rows:
            row = QHBoxLayout()
            row.setSpacing(4)
            for caption, field, stretch in cells:
                if caption:
                    label = QLabel(caption, self)
                    label.setBuddy(field)
                    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
                    label.setMinimumWidth(label.sizeHint().width() + 4)  # "To" was clipped
                    row.addWidget(label)
                row.addWidget(field, stretch)
            layout.addLayout(row)
        self.signoff_toggle = QToolButton(self)
        self.signoff_toggle.setText("Routing and sign-off")
        self.signoff_toggle.setCheckable(True)
        self.signoff_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.signoff_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.signoff_toggle.setAutoRaise(True)
        self.signoff_toggle.setToolTip(
            "Through, copies to, critical date, contact officer, prepared by, cleared by"
        )
        self.signoff = SignoffForm(self)
        self.signoff.hide()
        # Tab goes through the fields as they are laid out: row by row, left to right.
        order = [cell[1] for row in rows for cell in row]
        order += [self.signoff_toggle, *self.signoff.tab_order()]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        layout.addWidget(self.signoff_toggle)
        layout.addWidget(self.signoff)
        self.signoff_toggle.toggled.connect(self._show_signoff)
        self.signoff.edited.connect(self._on_edit)
        # Let the combos shrink below their longest item, so the form fits a 500 px pane.
        for combo, length in ((self.marking_box, 11), (self.purpose_box, 9), (self.status_box, 5)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
        self.purpose_box.setToolTip("What the reader is asked to do")
        self.purpose_box.setAccessibleName("Purpose")
        self.status_box.setAccessibleName("Status")
        self.page_limit_spin.setAccessibleName("Page limit")
        self.status_box.setToolTip("Draft or final")

        for edit in (self.to_edit, self.from_edit, self.reference_edit):
            edit.editingFinished.connect(self._on_edit)
        self.marking_box.activated.connect(self._on_edit)
        line = self.marking_box.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._on_edit)
        self.purpose_box.currentIndexChanged.connect(self._on_edit)
        self.status_box.currentIndexChanged.connect(self._on_edit)
        self.page_limit_spin.valueChanged.connect(self._on_page_limit)
        self.date_edit.dateChanged.connect(self._on_date)
        self.set_metadata(self._meta)

    # ---- API ----------------------------------------------------------------------------

    def first_field(self) -> QWidget:
        """Where the focus lands in the form (F6): the first field, To."""
        return self.to_edit

    def set_metadata(self, meta: NoteMetadata) -> None:
        """Show ``meta`` without emitting ``changed``."""
        self._loading = True
        try:
            self._meta = meta
            self.marking_box.setCurrentText(meta.marking)
            self.to_edit.setText(meta.to)
            self.from_edit.setText(meta.sender)
            parsed = QDate.fromString(meta.date.strip(), ISO)
            self._raw_date = "" if parsed.isValid() or not meta.date.strip() else meta.date
            self.date_edit.setDate(parsed if parsed.isValid() and parsed > NO_DATE else NO_DATE)
            self.reference_edit.setText(meta.reference)
            _select(self.purpose_box, meta.purpose, PURPOSE_LABELS)
            _select(self.status_box, meta.status, STATUS_LABELS)
            self.page_limit_spin.setValue(meta.page_limit)
            self._update_suffix()
            self.signoff.set_values(
                SignoffValues(
                    meta.through,
                    meta.copies_to,
                    meta.critical_date,
                    meta.critical_reason,
                    meta.contact,
                    meta.prepared_by,
                    meta.cleared_by,
                )
            )
            for edit in (self.to_edit, self.from_edit, self.reference_edit):
                edit.setCursorPosition(0)  # narrow fields: show where the text starts
        finally:
            self._loading = False

    def metadata(self) -> NoteMetadata:
        date = self.date_edit.date()
        iso = "" if date <= NO_DATE else date.toString(ISO)
        signoff = self.signoff.values()
        return replace(
            self._meta,
            marking=self.marking_box.currentText().strip().upper(),
            to=self.to_edit.text().strip(),
            sender=self.from_edit.text().strip(),
            date=self._raw_date or iso,
            reference=self.reference_edit.text().strip(),
            purpose=str(self.purpose_box.currentData()),
            status=str(self.status_box.currentData()),
            page_limit=self.page_limit_spin.value(),
            through=signoff.through,
            copies_to=signoff.copies_to,
            critical_date=signoff.critical_date,
            critical_reason=signoff.critical_reason,
            contact=signoff.contact,
            prepared_by=signoff.prepared_by,
            cleared_by=signoff.cleared_by,
        )

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.to_edit, self.from_edit, self.reference_edit):
            edit.setReadOnly(read_only)
        self.date_edit.setReadOnly(read_only)
        self.page_limit_spin.setReadOnly(read_only)
        self.signoff.set_read_only(read_only)
        # Combo boxes have no read-only mode; disabled is the closest.
        for combo in (self.marking_box, self.purpose_box, self.status_box):
            combo.setEnabled(not read_only)

    # ---- internals ----------------------------------------------------------------------

    def _show_signoff(self, shown: bool) -> None:
        self.signoff.setVisible(shown)
        self.signoff_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _on_date(self, _date: QDate) -> None:
        self._raw_date = ""  # the user picked a date: the unreadable one is replaced
        self._on_edit()

    def _on_page_limit(self, _value: int) -> None:
        self._update_suffix()
        self._on_edit()

    def _update_suffix(self) -> None:
        self.page_limit_spin.setSuffix(" page" if self.page_limit_spin.value() == 1 else " pages")

    def _on_edit(self, *_args: object) -> None:
        if self._loading:
            return
        meta = self.metadata()
        if self.marking_box.currentText() != meta.marking:
            self._loading = True  # show the marking as it is stored: in capitals
            self.marking_box.setCurrentText(meta.marking)
            self._loading = False
        # Focus leaving an untouched field also finishes editing: only real changes count.
        if meta != self._meta:
            self._meta = meta
            self.changed.emit(meta)
