"""The Theme Matrix dock at work: counted again when the project changes and the dock is in
view, a cell's passages shown in the Passages panel, the table exported.

Counting is a few grouped queries in the store (``Project.theme_matrix``); while the dock is
hidden (closed, or behind another tab) a change only marks it stale, and it is counted when it
comes into view. The overlaps are counted only while their tab is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from briefing.exporters.result import ExportResult
from briefing.gui import dialogs
from briefing.gui.export_actions import ExportActions
from briefing.gui.exporting import ExportJobSpec
from briefing.gui.matrix_panel import MatrixPanel
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.session import ProjectSession, StatusSink
from briefing.gui.settings import Settings

# After a change, wait this long for the next one (tagging in a run) before counting again.
SETTLE_MS = 200


class MatrixController(QObject):
    passages_requested = Signal()  # the Passages panel shows a cell's passages: bring it up

    def __init__(
        self,
        session: ProjectSession,
        panel: MatrixPanel,
        dock: QDockWidget,
        passages: PassagesPanel,
        exports: ExportActions,
        settings: Settings,
        status: StatusSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.panel, self.dock, self.passages = session, panel, dock, passages
        self.exports, self.settings, self.status = exports, settings, status
        self.parent_widget = parent
        self._stale = {"matrix": True, "overlaps": True}
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.timeout.connect(self.refresh)
        dock.visibilityChanged.connect(lambda shown: shown and self._due.start(0))
        panel.shown_tab_changed.connect(lambda _tab: self._due.start(0))
        panel.cell_chosen.connect(self.show_cell)
        panel.export_requested.connect(self.export)

    def stale(self, *_changed: object) -> None:
        """The project changed: count again now if the dock is in view, else when it is."""
        self._stale = {"matrix": True, "overlaps": True}
        if self.dock.isVisible() and not self.dock.visibleRegion().isEmpty():
            self._due.start(SETTLE_MS)

    def refresh(self) -> None:
        project = self.session.project
        if self._stale["matrix"]:
            self.panel.set_matrix(project.theme_matrix())
            self._stale["matrix"] = False
        if self._stale["overlaps"] and self.panel.showing_overlaps():
            self.panel.set_overlaps(project.theme_overlaps())
            self._stale["overlaps"] = False

    def show_cell(self, source_id: int | None, theme_id: int | None) -> None:
        """The Passages panel filtered to a cell: a source's passages of a theme (a total:
        all the source's, all the theme's, or every passage)."""
        self.passages.set_text_filter("")
        self.passages.set_source_filter(source_id)
        self.passages.set_theme_filter(theme_id)
        self.passages_requested.emit()
        shown = len(self.passages.visible_passage_ids())
        self.status.showMessage(
            f"{shown} passage{'s' * (shown != 1)}: {self.passages.describe_filter()}", 6000
        )

    def export(self, kind: str = "matrix") -> bool:
        """The table shown (or, from the menu, the matrix) as Word, Markdown or CSV."""
        parent, project = self.parent_widget, self.session.project
        overlaps = kind == "overlaps"
        label = "theme overlaps" if overlaps else "theme matrix"
        fmt = dialogs.ask_table_format(parent, "Export the Theme Overlaps" if overlaps else
                                       "Export the Theme Matrix")  # fmt: skip
        if fmt is None:
            return False
        options = dialogs.ask_export_options(
            parent,
            fmt,
            self.exports.suggested_path(f"{project.name} {label}.{fmt}"),
            [],
            with_annex_choice=False,
            open_when_done=self.settings.export_open_when_done,
        )
        if options is None:
            return False
        from briefing.exporters.matrix_tables import matrix_table, overlaps_table

        if overlaps:
            table = overlaps_table(project.theme_overlaps(), self.panel.current_measure())
        else:
            table = matrix_table(project.theme_matrix())
        notes = project.notes()
        marking = notes[0].metadata.marking if notes else ""

        def run(out: Path) -> ExportResult:
            from briefing.exporters.matrix_export import export_table  # python-docx: slow

            return export_table(table, out, fmt, marking=marking)

        spec = ExportJobSpec(label, options.path, run)
        return self.exports.run_export(spec, open_when_done=options.open_when_done)
