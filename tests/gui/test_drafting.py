"""Drafting the note in the window: templates, metadata, citing, checks, meter, coverage."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from briefing.core.model import NoteMetadata
from briefing.core.store import Project
from briefing.core.templates import template
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow


def problems(window: MainWindow) -> list[str]:
    window.analysis.analyse()
    panel = window.problems_panel
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def type_at_end(window: MainWindow, text: str) -> None:
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    window.editor.insertPlainText(text)


@pytest.mark.parametrize("name", ["decision", "information", "meeting"])
def test_new_note_from_each_template(
    window: MainWindow, sample_path: Path, monkeypatch, name: str
) -> None:
    monkeypatch.setattr(dialogs, "ask_new_note", lambda _p, _choices: (name, "Fresh note"))
    window.menus.action("new_note").trigger()
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
    window.note_panel.notes.setCurrentIndex(0)
    assert window.notes.note_id == notes[0].id and "## Summary" in window.editor.toPlainText()


def test_rename_and_delete_a_note(window: MainWindow, sample_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args: "Renamed brief")
    window.notes.rename_note()
    assert window.note_panel.notes.currentText() == "Renamed brief"
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    window.notes.delete_note()
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.notes() == []
    assert window.editor.isReadOnly() and window.notes.note_id is None


def test_metadata_round_trips_through_the_project_file(
    window: MainWindow, sample_path: Path
) -> None:
    form = window.note_panel.metadata
    new = replace(form.metadata(), marking="PROTECTED B", to="Deputy Minister", page_limit=3)
    form.set_metadata(new)
    form.changed.emit(form.metadata())
    with Project.open(sample_path, readonly=True) as reader:
        stored = reader.notes()[0].metadata
    assert (stored.marking, stored.to, stored.page_limit) == ("PROTECTED B", "Deputy Minister", 3)
    assert stored == form.metadata()


def test_cite_and_quote_from_the_passages_panel(window: MainWindow) -> None:
    passage = window.project.passages()[2]
    window.passages_panel.select_passage(passage.id)
    type_at_end(window, "\n")
    window.menus.action("cite").trigger()
    assert window.editor.toPlainText().endswith(f"[@p{passage.id}]")
    window.menus.action("quote_passage").trigger()
    body = window.editor.toPlainText()
    assert f"> {' '.join(passage.text.split())} [@p{passage.id}]" in body


def test_drop_a_passage_into_the_editor_cites_it(window: MainWindow) -> None:
    model = window.passages_panel.model_
    mime = model.mimeData([model.index(0, 0)])
    passage = model.passage_at(0)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    assert window.editor.canInsertFromMimeData(mime)
    window.editor.insertFromMimeData(mime)
    assert window.editor.toPlainText().endswith(f"[@p{passage.id}]")


def test_ctrl_click_on_a_citation_selects_its_passage(window: MainWindow, qtbot) -> None:
    editor = window.editor
    body = editor.toPlainText()
    at = body.index("[@p8]") + 2
    cursor = editor.textCursor()
    cursor.setPosition(at)
    point = editor.cursorRect(cursor).center()
    qtbot.mouseClick(
        editor.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, point
    )
    passage = window.project.passage(8)
    assert window.viewer.selection_range() == (passage.start, passage.end)
    assert "p8 (Sovereignty)" in window.analysis.describe_passage(8)


def test_missing_citation_is_marked_and_listed(window: MainWindow) -> None:
    type_at_end(window, "\nSee [@p999].")
    assert any("999" in p for p in problems(window))
    block = window.editor.document().lastBlock()
    start = block.text().index("[@p999]")
    formats = [r for r in block.layout().formats() if r.start <= start < r.start + r.length]
    assert any(
        r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for r in formats
    )


def test_page_meter_and_coverage_follow_the_text(window: MainWindow) -> None:
    window.analysis.analyse()
    before = window.page_meter.text()
    assert re.fullmatch(r"\d+\.\d / 2 pages", before)
    tree = window.coverage_panel.tree
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }
    assert rows["Investment"].startswith("1 of 3")
    type_at_end(window, "\n\n" + "A long paragraph of analysis that runs on. " * 120)
    type_at_end(window, " More investment evidence [@p5].")
    window.analysis.analyse()
    after = window.page_meter.text()
    assert float(after.split()[0]) > float(before.split()[0])
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }
    assert rows["Investment"].startswith("2 of 3")
    type_at_end(window, "\n\n" + "More text to go past the limit. " * 400)
    window.analysis.analyse()
    assert "bold" in window.page_meter.styleSheet()  # the warning look past the limit


def test_each_check_fires_on_its_case(window: MainWindow) -> None:
    body = window.editor.toPlainText()
    assert problems(window) == []  # the sample note is clean
    summary_long = body.replace(
        "It is recommended that you support a joint US-EU framework for access to AI models,",
        "It is recommended " + "that you weigh this carefully and " * 20 + "support it,",
    )
    window.editor.setPlainText(summary_long)
    assert any("Summary" in p for p in problems(window))
    no_recommendation = body[: body.index("## Recommendation")]
    window.editor.setPlainText(no_recommendation + "\n[State the issue in one sentence.]\n")
    found = problems(window)
    assert any("ecommendation" in p for p in found)
    assert any("Template prompt still in the text" in p for p in found)
    window.editor.setPlainText(body)
    form = window.note_panel.metadata
    form.set_metadata(replace(form.metadata(), marking="UNCLASSIFIED"))
    form.changed.emit(form.metadata())
    window.project.update_source(1, marking="SECRET")
    window.analysis.project_changed()
    assert any("SECRET" in p for p in problems(window))


def test_preview_shows_the_marking_and_footnotes(window: MainWindow) -> None:
    window.menus.action("preview").trigger()
    preview = window.note_panel.preview
    assert preview.isVisible()
    text = preview.toPlainText()
    assert "OFFICIAL" in text and "Summary" in text
    assert preview.requested == []  # nothing asked of the network or the disk


def test_outline_jumps_to_a_heading(window: MainWindow, qtbot) -> None:
    window.analysis.analyse()
    panel = window.outline_panel
    tree = next(iter(panel.findChildren(type(window.coverage_panel.tree))), None)
    assert tree is not None and tree.topLevelItemCount() >= 6
    panel.heading_activated.emit(window.editor.toPlainText().index("## Options"))
    assert window.editor.textCursor().block().text() == "## Options"


def test_formatting_shortcuts(window: MainWindow, qtbot) -> None:
    editor = window.editor
    editor.setFocus()
    editor.setPlainText("plain words\nsecond line")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().startswith("**plain** words")
    editor.selectAll()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_8,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "- **plain** words\n- second line"
    qtbot.keyClick(
        editor,
        Qt.Key.Key_7,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "1. **plain** words\n2. second line"
    qtbot.keyClick(
        editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert editor.toPlainText().startswith("## ")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "1. **plain** words\n2. second line"  # the editor's own undo
    assert NoteMetadata().page_limit == 2
