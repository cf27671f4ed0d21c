"""The note's problems (``briefing.exporters.checks.check_note``): one row each, with a count.

Picking a problem with a place in the body emits its span; the main window selects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from briefing.gui.appearance import scheme_of
from briefing.gui.outline_panel import ActivationGate

if TYPE_CHECKING:  # the checks bring in the exporters: loaded with the first analysis
    from briefing.exporters.checks import Problem

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
# A citation that leads nowhere breaks the export's footnotes: an error. The rest are advice.
ERROR_KINDS = frozenset({"missing-passage", "missing-source", "bad-citation"})
WARNING_KINDS = frozenset({"marking", "no-recommendation", "summary-length"})


def count_text(count: int) -> str:
    if count == 0:
        return "No problems"
    return "1 problem" if count == 1 else f"{count} problems"


class ProblemsPanel(QWidget):
    problem_activated = Signal(int, int)  # start, end (code points in the note body)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gate = ActivationGate()
        self.count_label = QLabel(count_text(0), self)
        self.count_label.setContentsMargins(4, 2, 4, 0)
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        row = self.list.currentRow()
        self.list.clear()
        muted = QBrush(QColor(scheme_of(self.palette()).muted))
        for problem in problems:
            item = QListWidgetItem(self._icon(problem.kind), problem.message)
            item.setData(KIND_ROLE, problem.kind)
            if problem.start >= 0:
                item.setData(SPAN_ROLE, (problem.start, max(problem.start, problem.end)))
                item.setToolTip(problem.message)
            else:
                item.setForeground(muted)  # nothing to jump to: say so
                item.setToolTip(f"{problem.message}\n(about the whole note)")
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.count_label.setText(count_text(len(problems)))

    def count(self) -> int:
        return self.list.count()

    def _icon(self, kind: str) -> QIcon:
        if kind in ERROR_KINDS:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
        elif kind in WARNING_KINDS:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        else:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
        return self.style().standardIcon(pixmap)

    def _on_item(self, item: QListWidgetItem) -> None:
        span = item.data(SPAN_ROLE)
        if span is not None and self._gate.allow(tuple(span)):
            self.problem_activated.emit(int(span[0]), int(span[1]))
