"""The Theme Matrix dock: sources by themes, and themes by themes, with an Export button.

The panel shows what it is given and emits requests: a click on a cell of the matrix asks for
that source's passages of that theme (a total: all of the source's, or all of the theme's),
Export asks for the table shown. ``MatrixController`` carries them out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing.core.matrix import MEASURES, ThemeMatrix, ThemeOverlaps
from briefing.gui.accessibility import name
from briefing.gui.matrix_model import (
    SOURCE_ID_ROLE,
    THEME_ID_ROLE,
    ThemeMatrixModel,
    ThemeOverlapsModel,
)

MATRIX_TAB, OVERLAPS_TAB = 0, 1


def _grid(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setCornerButtonEnabled(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setMinimumSectionSize(56)
    return view


def _fit_columns(view: QTableView) -> None:
    """Each column as wide as its name and a swatch, or a six-figure number: measured from the
    header alone (Qt's resize to contents would ask every row)."""
    header, model = view.horizontalHeader(), view.model()
    metrics = header.fontMetrics()
    least = metrics.horizontalAdvance("000000") + 16
    for column in range(model.columnCount()):
        name = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header.resizeSection(column, max(least, metrics.horizontalAdvance(name) + 40))


class MatrixPanel(QWidget):
    cell_chosen = Signal(object, object)  # source id | None, theme id | None
    export_requested = Signal(str)  # "matrix" or "overlaps"
    shown_tab_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix_model = ThemeMatrixModel(self)
        self.overlaps_model = ThemeOverlapsModel(self)
        for model in (self.matrix_model, self.overlaps_model):
            model.set_palette(self.palette())
        self.matrix_view = _grid(self)
        self.matrix_view.setModel(self.matrix_model)
        titles = self.matrix_view.verticalHeader()
        titles.setMaximumWidth(320)  # a long title is elided; its tooltip has it whole
        titles.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.overlaps_view = _grid(self)
        self.overlaps_view.setModel(self.overlaps_model)
        self.measure = QComboBox(self)
        for key, label in MEASURES.items():
            self.measure.addItem(label, key)
        self.measure.setToolTip("What a cell counts")
        overlaps_page = QWidget(self)
        column = QVBoxLayout(overlaps_page)
        column.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        caption = QLabel("&Count:", overlaps_page)
        caption.setBuddy(self.measure)
        row.addWidget(caption)
        row.addWidget(self.measure)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.overlaps_view)
        name(self.matrix_view, "Theme matrix", "Passages per source and theme, with totals")
        name(self.overlaps_view, "Theme overlaps", "Passages per pair of themes")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.matrix_view, "Sources × Themes")
        self.tabs.addTab(overlaps_page, "Themes × Themes")
        self.summary = QLabel(self)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Save the table shown as Word, Markdown or CSV")
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar.setContentsMargins(6, 2, 2, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

        self.matrix_view.clicked.connect(self._on_clicked)
        self.matrix_view.activated.connect(self._on_clicked)  # Enter on a cell
        self.measure.currentIndexChanged.connect(
            lambda: self.overlaps_model.set_measure(str(self.measure.currentData()))
        )
        self.tabs.currentChanged.connect(self.shown_tab_changed)
        self.export_button.clicked.connect(
            lambda: self.export_requested.emit(
                "overlaps" if self.tabs.currentIndex() == OVERLAPS_TAB else "matrix"
            )
        )
        self._show_summary()

    # ---- API ----------------------------------------------------------------------------

    def set_matrix(self, matrix: ThemeMatrix) -> None:
        self.matrix_model.set_matrix(matrix)
        _fit_columns(self.matrix_view)
        self._show_summary()

    def set_overlaps(self, overlaps: ThemeOverlaps) -> None:
        self.overlaps_model.set_overlaps(overlaps)
        _fit_columns(self.overlaps_view)

    def showing_overlaps(self) -> bool:
        return self.tabs.currentIndex() == OVERLAPS_TAB

    def current_measure(self) -> str:
        return str(self.measure.currentData())

    # ---- internals ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a light or dark palette: shade anew
            self.matrix_model.set_palette(self.palette())
            self.overlaps_model.set_palette(self.palette())

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.cell_chosen.emit(index.data(SOURCE_ID_ROLE), index.data(THEME_ID_ROLE))

    def _show_summary(self) -> None:
        matrix = self.matrix_model.matrix
        sources, passages = len(matrix.sources), matrix.total
        self.summary.setText(
            f"{passages:,} passage{'s' * (passages != 1)} in {sources:,}"
            f" source{'s' * (sources != 1)}; click a cell to list its passages"
        )
