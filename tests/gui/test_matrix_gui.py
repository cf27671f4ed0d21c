"""The Theme Matrix dock, used as an analyst uses it: a click on a cell lists its passages, the
counts follow tagging, the tables export, and the shading reads in light and dark palettes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from briefing.core.colours import contrast
from briefing.core.matrix import ThemeMatrix, ThemeOverlaps
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportDialog, ExportOptions
from briefing.gui.main_window import MainWindow
from briefing.gui.matrix_model import COUNT_ROLE, ThemeMatrixModel, ThemeOverlapsModel
from tests.gui.conftest import choose_from_menu_bar
from tests.gui.test_tagging import astral, press, select  # noqa: F401  (astral: a fixture)

THEMES = [
    {"name": "Trade", "colour": "#E0702E"},
    {"name": "Security", "colour": "#3F7FD9"},
    {"name": "Money", "colour": "#2E9E57"},
]


@pytest.fixture
def three_sources(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "m.briefing"

    def populate(project: Project) -> None:
        a, b, _ = (project.add_source(f"Report {n}", f"{n} " + "word " * 40, "txt") for n in "ABC")
        trade, security, money = (t.id for t in project.themes())
        project.add_passage(a.id, 0, 10, [trade])
        project.add_passage(a.id, 5, 20, [trade, security])
        project.add_passage(a.id, 30, 40, [money])
        project.add_passage(b.id, 0, 12, [security])

    Project.create(path, THEMES, populate).close()
    window = make_window(path)
    window.docks["matrix"].raise_()
    return window


def cell(window: MainWindow, row: int, column: int) -> QModelIndex:
    return window.matrix_panel.matrix_model.index(row, column)


def click(window: MainWindow, qtbot, index: QModelIndex) -> None:
    view = window.matrix_panel.matrix_view
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def shown_passages(window: MainWindow) -> list[tuple[int, tuple[int, ...]]]:
    by_id = {p.id: p for p in window.project.passages()}
    return [
        (by_id[i].source_id, by_id[i].theme_ids)
        for i in window.passages_panel.visible_passage_ids()
    ]


def test_models_pass_the_model_tester(qtmodeltester, three_sources: MainWindow) -> None:
    panel = three_sources.matrix_panel
    panel.set_overlaps(three_sources.project.theme_overlaps())
    for model in (panel.matrix_model, panel.overlaps_model):
        qtmodeltester.check(model, force_py=True)
    empty_matrix, empty_overlaps = ThemeMatrixModel(), ThemeOverlapsModel()
    empty_matrix.set_matrix(ThemeMatrix((), ()))
    empty_overlaps.set_overlaps(ThemeOverlaps(()))
    qtmodeltester.check(empty_matrix, force_py=True)
    qtmodeltester.check(empty_overlaps, force_py=True)


def test_click_a_cell_to_list_its_passages(three_sources: MainWindow, qtbot) -> None:
    window = three_sources
    model = window.matrix_panel.matrix_model
    qtbot.waitUntil(lambda: model.rowCount() == 4)  # three sources and the totals
    sources = [s.id for s in window.project.sources()]
    trade, security, _money = (t.id for t in window.project.themes())
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Trade", "Security", "Money", "Total",
    ]  # fmt: skip
    assert [cell(window, 0, c).data() for c in range(4)] == ["2", "1", "1", "3"]
    assert [cell(window, 3, c).data() for c in range(4)] == ["2", "2", "1", "4"]

    window.passages_panel.set_text_filter("word")  # a words filter would hide some: cleared
    click(window, qtbot, cell(window, 0, 0))  # Report A, Trade
    assert window.docks["passages"].isVisible()  # the Passages panel is brought up
    assert shown_passages(window) == [(sources[0], (trade,)), (sources[0], (trade, security))]
    assert window.passages_panel.search.text() == ""

    window.docks["matrix"].raise_()
    click(window, qtbot, cell(window, 3, 1))  # the totals row: every passage of Security
    assert sorted(shown_passages(window)) == [
        (sources[0], (trade, security)), (sources[1], (security,)),
    ]  # fmt: skip
    window.docks["matrix"].raise_()
    click(window, qtbot, cell(window, 0, 3))  # the totals column: every passage of Report A
    assert [s for s, _ in shown_passages(window)] == [sources[0]] * 3
    window.docks["matrix"].raise_()
    click(window, qtbot, cell(window, 2, 2))  # Report C, Money: none
    assert shown_passages(window) == []


def test_counts_follow_tagging_and_wait_while_hidden(astral: MainWindow, qtbot) -> None:  # noqa: F811
    window = astral
    window.docks["matrix"].raise_()
    model = window.matrix_panel.matrix_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert cell(window, 0, 0).data(COUNT_ROLE) == 0
    select(window, qtbot, "Sovereignty matters to Europe.")
    press(window, qtbot, "1")
    qtbot.waitUntil(lambda: cell(window, 0, 0).data(COUNT_ROLE) == 1)
    window.docks["passages"].raise_()  # the matrix behind another tab: not counted meanwhile
    qtbot.waitUntil(lambda: window.docks["matrix"].visibleRegion().isEmpty())
    select(window, qtbot, "A final sentence here.")
    press(window, qtbot, "1")
    assert cell(window, 0, 0).data(COUNT_ROLE) == 1
    window.docks["matrix"].raise_()
    qtbot.waitUntil(lambda: cell(window, 0, 0).data(COUNT_ROLE) == 2)
    press(window, qtbot, "z")  # undo is a change like any other
    qtbot.waitUntil(lambda: cell(window, 0, 0).data(COUNT_ROLE) == 1)


def test_overlaps_tab_and_its_measure(three_sources: MainWindow, qtbot) -> None:
    panel = three_sources.matrix_panel
    qtbot.mouseClick(panel.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=panel.tabs.tabBar().tabRect(1).center())  # fmt: skip
    model = panel.overlaps_model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    index = model.index(0, 1)  # Trade with Security
    assert index.data() == "1" and "carry both" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data() == "2"  # Trade with itself: its passages
    panel.measure.setFocus()
    qtbot.keyClick(panel.measure, Qt.Key.Key_Down)  # Overlapping passages
    assert panel.current_measure() == "overlapping"
    assert model.index(0, 0).data() == "1"  # the two Trade passages overlap (0-10, 5-20)
    assert model.index(0, 1).data() == "1"
    assert model.index(1, 2).data() == "0"


def test_export_the_matrix_from_the_file_menu_and_the_overlaps_from_the_dock(
    three_sources: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    window = three_sources
    out = tmp_path / "matrix.csv"
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_table_format", lambda _p, title: asked.append(title) or "csv")
    monkeypatch.setattr(dialogs, "ask_export_options", lambda *_a, **_k: ExportOptions(out))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        choose_from_menu_bar(window.menuBar(), "File", "Export", "Theme Matrix…")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Source", "Trade", "Security", "Money", "Total"]
    assert rows[1:] == [
        ["Report A", "2", "1", "1", "3"],
        ["Report B", "0", "1", "0", "1"],
        ["Report C", "0", "0", "0", "0"],
        ["Total", "2", "2", "1", "4"],
    ]
    panel = window.matrix_panel
    panel.tabs.setCurrentIndex(1)
    out = tmp_path / "overlaps.csv"
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["Export the Theme Matrix", "Export the Theme Overlaps"]
    with open(out, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == ["Trade", "2", "1", "0"]


@pytest.mark.parametrize(
    ("base", "text", "highlight", "highlighted_text"),
    [
        ("#FFFFFF", "#000000", "#308CC6", "#FFFFFF"),  # light
        ("#1E1E1E", "#FFFFFF", "#2A82DA", "#FFFFFF"),  # dark
    ],
)
def test_shaded_cells_read_in_light_and_dark_palettes(
    three_sources: MainWindow, base: str, text: str, highlight: str, highlighted_text: str
) -> None:
    panel = three_sources.matrix_panel
    palette = QPalette(panel.palette())
    for role, colour in (
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, highlighted_text),
    ):
        palette.setColor(role, QColor(colour))
    panel.setPalette(palette)  # as a change of the desktop's palette reaches it
    model = panel.matrix_model
    shaded = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            background = index.data(Qt.ItemDataRole.BackgroundRole)
            ink = index.data(Qt.ItemDataRole.ForegroundRole)
            page = background.color().name() if background is not None else base
            colour = ink.color().name() if ink is not None else text
            assert contrast(colour, page) >= 4.5, (row, column, page, colour)
            shaded += background is not None
    assert shaded == 4  # the cells that are not zero, not the totals


def test_the_export_dialog_puts_the_matrix_in_the_annex(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    dialog = ExportDialog("md", tmp_path / "note.md", [])
    qtbot.addWidget(dialog)
    assert not dialog.options().annex_matrix
    box = dialog.annex_matrix
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    chosen = dialog.options()
    assert chosen.annex_matrix and chosen.annex

    monkeypatch.setattr(dialogs, "ask_export_options", lambda *_a, **_k: chosen)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    text = (tmp_path / "note.md").read_text(encoding="utf-8")
    assert "# Passages by source and theme" in text
    assert window.settings.export_annex_matrix  # offered again next time
