"""Find (Ctrl+F) and Search All Sources (Ctrl+Shift+F) agree: one matching rule with the same
options, matches highlighted and counted by match, Escape closes and clears."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from briefing.core.matching import MatchOptions, find_matches
from briefing.core.store import Project
from briefing.gui.appearance import scheme_of
from briefing.gui.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
CABLE = "A cable on export control.\nExport\ncontrol lists, and exporters' controls."


@pytest.fixture
def two_sources(make_window, sample_path: Path) -> MainWindow:
    with Project.open(sample_path) as project:
        project.add_source("Cable", CABLE, "txt")
    return make_window(sample_path)


def find_spans(window: MainWindow) -> list[tuple[int, int]]:
    """The viewer's extra selections painted in the find colours, as code-point spans."""
    scheme = scheme_of(window.viewer.palette())
    colours = {QColor(scheme.find).rgb(), QColor(scheme.find_current).rgb()}
    viewer = window.viewer
    # The document shows the source laid out (spacers, bullets): back to stored offsets through
    # the viewer's own map. An end just before inserted characters maps to the next offset.
    shown = [viewer.display_position(i) for i in range(len(viewer.source_text()) + 1)]
    spans = []
    for selection in viewer.extraSelections():
        if selection.format.background().color().rgb() in colours:
            cursor = selection.cursor
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            spans.append((shown.index(start), bisect_left(shown, end)))
    return sorted(spans)


def test_find_matches_a_phrase_once_and_whole_words_unless_asked(window: MainWindow, qtbot) -> None:
    text = window.viewer.source_text()
    qtbot.keyClick(window.viewer, "f", CTRL)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "export control")
    expected = find_matches(text, "export control")
    assert len(expected) == 1  # "export controls" is another word
    assert bar.count.text() == "1 of 1"
    assert find_spans(window) == expected
    assert window.viewer.textCursor().selectedText() == "export control"
    qtbot.mouseClick(bar.options.whole_words, Qt.MouseButton.LeftButton)  # parts of words too
    parts = find_matches(text, "export control", MatchOptions(whole_words=False))
    assert bar.count.text() == f"1 of {len(parts)}" and len(parts) == 2
    assert find_spans(window) == parts
    # The search panel shows the same choice: the options are one.
    assert not window.search_panel.options.whole_words.isChecked()


def test_find_match_case_and_no_matches(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.viewer, "f", CTRL)
    bar = window.find_bar
    qtbot.keyClicks(bar.field, "europe")
    assert bar.count.text().endswith(" of 7")
    qtbot.mouseClick(bar.options.match_case, Qt.MouseButton.LeftButton)
    assert bar.count.text() == "No matches" and find_spans(window) == []
    bar.field.clear()
    qtbot.keyClicks(bar.field, "port")  # inside "export" only: not a whole word
    assert bar.count.text() == "No matches"


def test_escape_closes_find_and_clears_its_highlights(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.viewer, "f", CTRL)
    qtbot.keyClicks(window.find_bar.field, "Europe")
    assert len(find_spans(window)) == 7
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert find_spans(window) == [] and window.find_bar.field.text() == ""
    assert window.viewer.hasFocus()


def test_search_all_sources_counts_the_phrase_by_match(two_sources: MainWindow, qtbot) -> None:
    window = two_sources
    qtbot.keyClick(window.viewer, "f", CTRL | SHIFT)
    panel = window.search_panel
    assert panel.field.hasFocus()
    qtbot.keyClicks(panel.field, "export control")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    project = window.project
    per_source = {
        s.id: find_matches(project.source_text(s.id), "export control") for s in project.sources()
    }
    total = sum(len(spans) for spans in per_source.values())
    assert total == 1 + 2  # the sample's one; the cable's two (one across a line break)
    assert panel.status.text() == f"{total} matches in 2 sources"
    texts = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert len(texts) == total and not any("[" in t for t in texts)
    qtbot.mouseClick(panel.options.whole_words, Qt.MouseButton.LeftButton)  # searches again
    parts = MatchOptions(whole_words=False)
    wider = sum(
        len(find_matches(project.source_text(s.id), "export control", parts))
        for s in project.sources()
    )
    assert wider == total + 1  # the sample's "export controls" too
    assert panel.status.text() == f"{wider} matches in 2 sources"


def test_search_results_show_the_match_in_the_find_colour(two_sources: MainWindow, qtbot) -> None:
    window = two_sources
    panel = window.search_panel
    window.open_search()
    qtbot.keyClicks(panel.field, "cable")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert panel.results.count() == 1
    panel.results.clearSelection()  # the colour of a match, not of a selected row
    panel.results.setCurrentRow(-1)
    image = panel.results.viewport().grab().toImage()
    find = QColor(scheme_of(panel.results.palette()).find)
    row = panel.results.visualItemRect(panel.results.item(0))
    ratio = panel.results.viewport().devicePixelRatioF()
    found = [
        (x, y)
        for x in range(row.left(), row.right(), 2)
        for y in range(row.top(), row.bottom(), 2)
        if image.pixelColor(round(x * ratio), round(y * ratio)).rgb() == find.rgb()
    ]
    assert found, "the match is not on the find colour"
    # Below the title line: on the context line, where the match is.
    assert min(y for _x, y in found) > row.top() + panel.results.fontMetrics().height()


def test_a_hit_opens_its_source_with_every_match_highlighted(
    two_sources: MainWindow, qtbot
) -> None:
    window = two_sources
    panel = window.search_panel
    window.open_search()
    qtbot.keyClicks(panel.field, "export control")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    cable = [
        i for i in range(panel.results.count()) if panel.results.item(i).text().startswith("Cable")
    ]
    panel.results.setFocus()
    panel.results.setCurrentRow(cable[1])
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.viewer_caption.text() == "Cable"
    spans = find_matches(CABLE, "export control")
    assert window.viewer.selection_range() == spans[1]
    assert window.find_bar.isVisible() and window.find_bar.count.text() == "2 of 2"
    assert find_spans(window) == spans


def test_escape_clears_the_search_and_returns_to_the_source(two_sources: MainWindow, qtbot) -> None:
    window = two_sources
    panel = window.search_panel
    window.open_search()
    qtbot.keyClicks(panel.field, "export control")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    panel.results.setFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)  # opens the first hit
    assert find_spans(window)
    panel.results.setFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Escape)
    assert panel.field.text() == "" and panel.results.count() == 0 and panel.status.text() == ""
    assert find_spans(window) == [] and not window.find_bar.isVisible()
    assert window.viewer.hasFocus()
    assert not window.docks["passages"].visibleRegion().isEmpty()  # its tab is up again
    QApplication.processEvents()


def test_options_are_remembered(make_window, sample_path: Path, settings, qtbot) -> None:
    window = make_window(sample_path)
    qtbot.keyClick(window.viewer, "f", CTRL)
    qtbot.mouseClick(window.find_bar.options.match_case, Qt.MouseButton.LeftButton)
    window.close()
    again = make_window(sample_path)
    assert again.search_panel.options.match_case.isChecked()
    assert again.match_choices.options == MatchOptions(whole_words=True, match_case=True)
