"""Drafting the note in the window: templates, metadata, citing, checks, meter, coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from briefing.core.model import NoteMetadata
from briefing.core.store import Project
from briefing.core.templates import template
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from briefing.gui.source_details import SourceDetailsDialog
from tests.gui.conftest import drop, hover_tip

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def problems(window: MainWindow) -> list[str]:
    panel = window.problems_panel
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def analysed(window: MainWindow, qtbot):  # type: ignore[no-untyped-def]
    """Wait for the analysis that follows a change (it runs once typing pauses)."""
    return qtbot.waitSignal(window.analysis.analysed, timeout=5000)


def type_at_end(window: MainWindow, qtbot, text: str) -> None:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            qtbot.keyClick(window.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(window.editor, line)


def paste(window: MainWindow, qtbot, text: str, *, replace_all: bool = False) -> None:
    """Paste ``text`` at the end of the note, or over all of it."""
    QApplication.clipboard().setText(text)  # emptied after the test (see conftest)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_A if replace_all else Qt.Key.Key_End, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_V, CTRL)


def stored_note(path: Path):  # type: ignore[no-untyped-def]
    with Project.open(path, readonly=True) as reader:
        return reader.notes()[0]


@pytest.mark.parametrize("name", ["decision", "information", "meeting"])
def test_new_note_from_each_template(
    window: MainWindow, sample_path: Path, qtbot, monkeypatch, name: str
) -> None:
    monkeypatch.setattr(dialogs, "ask_new_note", lambda _p, _choices: (name, "Fresh note"))
    with analysed(window, qtbot):
        qtbot.keyClick(window.editor, Qt.Key.Key_N, CTRL)
    with Project.open(sample_path, readonly=True) as reader:
        notes = reader.notes()
    assert [n.title for n in notes] == [
        "US-EU talks on access to AI models: our position",
        "Fresh note",
    ]
    assert notes[1].template == name and notes[1].body == template(name).body
    assert window.editor.toPlainText() == template(name).body
    assert window.note_panel.notes.currentText() == "Fresh note"
    assert any("Template prompt still in the text" in p for p in problems(window))
    # Switching back shows the first note again.
    qtbot.keyClick(window.note_panel.notes, Qt.Key.Key_Up)
    assert window.notes.note_id == notes[0].id and "## Summary" in window.editor.toPlainText()


def test_rename_and_delete_a_note(
    window: MainWindow, sample_path: Path, qtbot, monkeypatch
) -> None:
    buttons = window.note_panel.buttons
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args: "Renamed brief")
    qtbot.mouseClick(buttons["rename"], Qt.MouseButton.LeftButton)
    assert window.note_panel.notes.currentText() == "Renamed brief"
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    qtbot.mouseClick(buttons["delete"], Qt.MouseButton.LeftButton)
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.notes() == []
    assert window.editor.isReadOnly() and window.notes.note_id is None


def test_metadata_round_trips_through_the_project_file(
    window: MainWindow, sample_path: Path, qtbot
) -> None:
    form = window.note_panel.metadata
    form.to_edit.selectAll()
    qtbot.keyClicks(form.to_edit, "Deputy Minister")
    qtbot.keyClick(form.to_edit, Qt.Key.Key_Return)
    qtbot.keyClick(form.page_limit_spin, Qt.Key.Key_Up)
    form.marking_box.lineEdit().selectAll()
    qtbot.keyClicks(form.marking_box, "protected b")
    qtbot.keyClick(form.marking_box, Qt.Key.Key_Return)
    stored = stored_note(sample_path).metadata
    assert (stored.marking, stored.to, stored.page_limit) == ("PROTECTED B", "Deputy Minister", 3)
    assert stored == form.metadata()


def test_cite_and_quote_from_the_passages_panel(window: MainWindow, qtbot) -> None:
    passage = window.project.passages()[2]
    view = window.passages_panel.view
    row = window.passages_panel.visible_passage_ids().index(passage.id)
    rect = view.visualRect(window.passages_panel.proxy.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    type_at_end(window, qtbot, "\n")
    qtbot.keyClick(window.editor, Qt.Key.Key_C, CTRL | SHIFT)
    assert window.editor.toPlainText().endswith(f"[@p{passage.id}]")
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, CTRL | SHIFT)
    body = window.editor.toPlainText()
    assert f"> {' '.join(passage.text.split())} [@p{passage.id}]" in body


def test_cite_without_a_passage_selected_says_so(window: MainWindow, qtbot) -> None:
    before = window.editor.toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_C, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == "Select a passage in the Passages panel"
    assert window.editor.toPlainText() == before


def test_drop_a_passage_into_the_editor_cites_it(window: MainWindow) -> None:
    model = window.passages_panel.proxy
    mime = model.mimeData([model.index(0, c) for c in range(4)])  # what dragging a row carries
    passage = window.project.passage(window.passages_panel.visible_passage_ids()[0])
    editor = window.editor
    end = QTextCursor(editor.document())
    end.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(end)
    editor.ensureCursorVisible()  # the end of the note in view, where the passage is dropped
    entered, dropped = drop(editor.viewport(), mime, editor.cursorRect(end).center())
    assert entered and dropped
    assert editor.toPlainText().endswith(f"[@p{passage.id}]")


def test_ctrl_click_on_a_citation_selects_its_passage(window: MainWindow, qtbot) -> None:
    editor = window.editor
    body = editor.toPlainText()
    at = body.index("[@p8]") + 2
    cursor = editor.textCursor()
    cursor.setPosition(at)
    point = editor.cursorRect(cursor).center()
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, CTRL, point)
    passage = window.project.passage(8)
    assert window.viewer.selection_range() == (passage.start, passage.end)
    editor.setTextCursor(cursor)
    assert "p8 (Sovereignty)" in hover_tip(editor.viewport(), editor.cursorRect(cursor).center())


def test_missing_citation_is_marked_and_listed(window: MainWindow, qtbot) -> None:
    with analysed(window, qtbot):
        type_at_end(window, qtbot, "\nSee [@p999].")
    assert any("999" in p for p in problems(window))
    block = window.editor.document().lastBlock()
    start = block.text().index("[@p999]")
    formats = [r for r in block.layout().formats() if r.start <= start < r.start + r.length]
    assert any(
        r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for r in formats
    )


def test_page_meter_and_coverage_follow_the_text(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: bool(window.page_meter.text()))
    before = window.page_meter.text()
    # the note, and Annex A apart (the passages it cites, as the export makes it by default)
    assert re.fullmatch(r"\d+\.\d / 2 pages \+ annex 1", before)
    model = window.coverage_panel.model

    def rows() -> dict[str, str]:
        return {model.index(i, 0).data(): model.index(i, 1).data() for i in range(model.rowCount())}

    assert rows()["Investment"].startswith("1 of 3")
    with analysed(window, qtbot):
        paste(window, qtbot, "\n\n" + "A long paragraph of analysis that runs on. " * 120)
        type_at_end(window, qtbot, " More investment evidence [@p5].")
    after = window.page_meter.text()
    assert float(after.split()[0]) > float(before.split()[0])
    assert rows()["Investment"].startswith("2 of 3")
    with analysed(window, qtbot):
        paste(window, qtbot, "\n\n" + "More text to go past the limit. " * 400)
    assert "bold" in window.page_meter.styleSheet()  # the warning look past the limit


def test_each_check_fires_on_its_case(window: MainWindow, qtbot, monkeypatch) -> None:
    qtbot.waitUntil(lambda: bool(window.page_meter.text()))
    body = window.editor.toPlainText()
    assert problems(window) == []  # the sample note is clean
    summary_long = body.replace(
        "It is recommended that you support a joint US-EU framework for access to AI models,",
        "It is recommended " + "that you weigh this carefully and " * 20 + "support it,",
    )
    with analysed(window, qtbot):
        paste(window, qtbot, summary_long, replace_all=True)
    assert any("Summary" in p for p in problems(window))
    no_recommendation = body[: body.index("## Recommendation")]
    with analysed(window, qtbot):
        paste(
            window,
            qtbot,
            no_recommendation + "\n[State the issue in one sentence.]\n",
            replace_all=True,
        )
    found = problems(window)
    assert any("ecommendation" in p for p in found)
    assert any("Template prompt still in the text" in p for p in found)
    with analysed(window, qtbot):
        paste(window, qtbot, body, replace_all=True)
    form = window.note_panel.metadata
    form.marking_box.lineEdit().selectAll()
    qtbot.keyClicks(form.marking_box, "UNCLASSIFIED")
    qtbot.keyClick(form.marking_box, Qt.Key.Key_Return)

    def secret(dialog: SourceDetailsDialog) -> int:
        dialog.marking.setCurrentText("SECRET")
        return SourceDetailsDialog.DialogCode.Accepted

    monkeypatch.setattr(SourceDetailsDialog, "exec", secret)
    with analysed(window, qtbot):
        qtbot.keyClick(window.viewer, Qt.Key.Key_D, CTRL | SHIFT)  # Source Details
    assert any("SECRET" in p for p in problems(window))


def test_preview_shows_the_marking_and_footnotes(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_P, CTRL | SHIFT)
    preview = window.note_panel.preview
    assert preview.isVisible()
    text = preview.toPlainText()
    assert "OFFICIAL" in text and "Summary" in text
    assert preview.requested == []  # nothing asked of the network or the disk


def test_outline_jumps_to_a_heading(window: MainWindow, qtbot) -> None:
    tree = window.outline_panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 1)
    items = tree.findItems("Options", Qt.MatchFlag.MatchRecursive)
    assert items
    rect = tree.visualItemRect(items[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.textCursor().block().text() == "## Options"


def test_formatting_shortcuts(window: MainWindow, qtbot) -> None:
    editor = window.editor
    editor.setFocus()
    editor.setPlainText("plain words\nsecond line")
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    for _ in range(5):
        qtbot.keyClick(editor, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.toPlainText().startswith("**plain** words")
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_8, CTRL | SHIFT)
    assert editor.toPlainText() == "- **plain** words\n- second line"
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL | SHIFT)
    assert editor.toPlainText() == "1. **plain** words\n2. second line"
    qtbot.keyClick(editor, Qt.Key.Key_2, CTRL | Qt.KeyboardModifier.AltModifier)
    assert editor.toPlainText().startswith("## ")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == "1. **plain** words\n2. second line"  # the editor's own undo
    assert NoteMetadata().page_limit == 2
