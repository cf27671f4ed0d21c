"""The export options: where to write, Annex A (the passages cited, every passage, none), the
house style, the marking's place and colour, a DRAFT watermark, open when done, and the note's
problems listed first (a warning, never a block)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

FORMAT_NAMES = {"docx": "Word", "md": "Markdown", "csv": "CSV", "qdpx": "REFI-QDA"}
FILTERS = {
    "docx": "Word documents (*.docx)",
    "md": "Markdown (*.md)",
    "csv": "CSV for spreadsheets (*.csv)",
    "qdpx": "REFI-QDA projects (*.qdpx)",
}


ANNEX_CHOICES = {
    "cited": "Annex A: the passages the note cites",
    "all": "Annex A: every tagged passage",
    "none": "No annex",
}
POSITIONS = {"": "As the note's template places it", "centre": "Centred", "right": "Top right"}
COLOURS = {"": "Black", "C00000": "Red", "1F3864": "Navy"}


@dataclass
class ExportOptions:
    path: Path
    annex: str = "cited"  # cited, all or none
    reference_doc: Path | None = None
    annex_matrix: bool = False  # the theme matrix tables after the annex (matrix_tables)
    open_when_done: bool = False
    marking_position: str = ""  # "" for the template's, centre or right
    marking_colour: str = ""  # RRGGBB, "" for black
    watermark: bool = False  # a diagonal DRAFT across a draft's pages


def _combo(choices: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value, label in choices.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ExportDialog(QDialog):
    def __init__(
        self,
        fmt: str,
        suggested: Path,
        problems: list[str],
        parent: QWidget | None = None,
        *,
        annex: str = "cited",
        reference_doc: Path | None = None,
        open_when_done: bool = False,
        with_annex_choice: bool = True,
        marking_position: str = "",
        marking_colour: str = "",
        watermark: bool = False,
        annex_matrix: bool = False,
    ) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.setWindowTitle(f"Export to {FORMAT_NAMES[fmt]}")
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.path = QLineEdit(str(suggested))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        form.addRow("&Save as:", _row(self.path, browse))
        self.annex = _combo(ANNEX_CHOICES, annex)
        self.annex.setVisible(with_annex_choice)
        if with_annex_choice:
            form.addRow("&Annex:", self.annex)
        self.annex_matrix = QCheckBox("Add the theme matrix (passages per source and theme)")
        self.annex_matrix.setChecked(annex_matrix)
        self.annex_matrix.setVisible(with_annex_choice)
        if with_annex_choice:
            form.addRow("", self.annex_matrix)
        self.reference = QLineEdit(str(reference_doc) if reference_doc else "")
        self.reference.setPlaceholderText("Built-in government brief style")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_reference)
        self.position = _combo(POSITIONS, marking_position)
        self.colour = _combo(COLOURS, marking_colour)
        self.watermark = QCheckBox("A diagonal DRAFT across the pages of a draft")
        self.watermark.setChecked(watermark)
        if fmt == "docx":
            form.addRow("&House style:", _row(self.reference, choose))
            if with_annex_choice:  # a note, not the passages report
                form.addRow("&Marking:", _row(self.position, self.colour))
                form.addRow("", self.watermark)
        self.open_when_done = QCheckBox("Open the file when it is written")
        self.open_when_done.setChecked(open_when_done)
        form.addRow("", self.open_when_done)
        self.problems = QListWidget()
        self.problems.addItems(problems)
        self.problems.setMaximumHeight(110)
        if problems:
            warning = QLabel(f"The note has {len(problems)} problem(s); you can export anyway:")
            warning.setWordWrap(True)
            form.addRow(warning)
            form.addRow(self.problems)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form.addRow(buttons)

    def options(self) -> ExportOptions:
        path = Path(self.path.text().strip()).expanduser()
        if path.suffix.lower() != f".{self.fmt}":
            path = path.with_name(path.name + f".{self.fmt}")
        reference = self.reference.text().strip()
        return ExportOptions(
            path=path,
            annex=str(self.annex.currentData()),
            annex_matrix=self.annex_matrix.isChecked(),
            reference_doc=Path(reference).expanduser() if reference else None,
            open_when_done=self.open_when_done.isChecked(),
            marking_position=str(self.position.currentData()),
            marking_colour=str(self.colour.currentData()),
            watermark=self.watermark.isChecked(),
        )

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export", self.path.text(), FILTERS[self.fmt])
        if chosen:
            self.path.setText(chosen)

    def _choose_reference(self) -> None:
        # The style chosen before, else the export's folder (not wherever Briefing was started).
        start = self.reference.text().strip() or str(Path(self.path.text()).parent)
        chosen, _ = QFileDialog.getOpenFileName(self, "House Style", start, FILTERS["docx"])
        if chosen:
            self.reference.setText(chosen)


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.setStretch(0, 1)
    return holder
