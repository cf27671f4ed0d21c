"""The note's analysis runs once per change, on a worker, and shows only the latest text's
findings. Runs are counted through ``NoteAnalysis.runs``; keystrokes are real key presses."""

from __future__ import annotations

import threading

from briefing.core.spelling import count_words
from briefing.gui import analysis as analysis_module
from briefing.gui.main_window import MainWindow
from tests.gui.test_drafting import analysed, type_at_end


def test_the_window_analyses_its_note_once_at_start(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: bool(window.page_meter.text()))
    assert window.analysis.runs == 1
    window.analysis.analyse()  # asked again with nothing changed: nothing to do
    assert window.analysis.runs == 1


def test_typing_runs_the_analysis_once_per_pause(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: bool(window.page_meter.text()))
    before = window.analysis.runs
    with analysed(window, qtbot):
        type_at_end(window, qtbot, " Five more words typed here.")
    assert window.analysis.runs == before + 1
    words = count_words(window.editor.toPlainText())
    assert window.word_count.text() == f"{words:,} words"
    window.analysis.analyse()  # the views show this text already
    assert window.analysis.runs == before + 1
    with analysed(window, qtbot):
        type_at_end(window, qtbot, " And one more.")
    assert window.analysis.runs == before + 2


def test_typing_during_a_run_shows_only_the_latest_text(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    qtbot.waitUntil(lambda: bool(window.page_meter.text()))
    started, release = threading.Event(), threading.Event()
    real_find = analysis_module.find

    def held_find(job):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real_find(job)

    monkeypatch.setattr(analysis_module, "find", held_find)
    before = window.analysis.runs
    type_at_end(window, qtbot, " first")
    qtbot.waitUntil(started.is_set)  # the worker holds the text with " first"
    shown: list[str] = []
    window.analysis.analysed.connect(lambda: shown.append(window.word_count.text()))
    type_at_end(window, qtbot, " second third")  # the editor answers while the worker runs
    assert window.editor.toPlainText().endswith(" first second third")
    release.set()
    qtbot.waitUntil(lambda: bool(shown))
    words = count_words(window.editor.toPlainText())
    assert shown == [f"{words:,} words"]  # the stale findings were never shown
    assert window.analysis.runs == before + 2
