"""Files where users expect them: the dialogs start in the folder last used for that kind of
file, else Documents, never Briefing's data folder; the export is offered under the reference and
a short title; a project reopens on the note edited last."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from briefing.core.paths import data_dir
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportOptions
from tests.gui.conftest import choose_from_menu_bar

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_dialogs_start_in_documents_then_where_the_user_last_chose(
    make_window, sample_template: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    # The first-run sample lives in the data folder: no dialog may start there.
    data_dir().mkdir(parents=True)
    sample = data_dir() / "Sample.briefing"
    sample.write_bytes(sample_template.read_bytes())
    window = make_window(sample)
    folders: dict[str, list[Path]] = {"import": [], "open": [], "export": []}
    papers = tmp_path / "papers"
    papers.mkdir()

    def ask_import(_parent, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
        folders["import"].append(folder)
        memo = papers / f"memo {len(folders['import'])}.txt"  # a new one each time
        memo.write_text(f"Memo {memo.stem} on export controls.\n", encoding="utf-8")
        return [memo]

    def ask_open(_parent, folder: Path) -> None:  # type: ignore[no-untyped-def]
        folders["open"].append(folder)

    exported = tmp_path / "out" / "note.md"
    exported.parent.mkdir()

    def ask_export(_parent, _fmt, suggested: Path, _problems, **_kw):  # type: ignore[no-untyped-def]
        folders["export"].append(suggested.parent)
        return ExportOptions(exported, annex="none")

    monkeypatch.setattr(dialogs, "ask_import_paths", ask_import)
    monkeypatch.setattr(dialogs, "ask_open_project", ask_open)
    monkeypatch.setattr(dialogs, "ask_export_options", ask_export)
    for _ in range(2):
        with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=30000):
            choose_from_menu_bar(window.menuBar(), "File", "Import Sources…")
        with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
            choose_from_menu_bar(window.menuBar(), "File", "Export", "Markdown…")
        choose_from_menu_bar(window.menuBar(), "File", "Open…")
    documents = home / "Documents"
    assert folders == {
        "import": [documents, papers],
        "open": [documents, documents],  # nothing chosen: nothing to remember
        "export": [documents, exported.parent],
    }


def test_a_choice_inside_the_data_folder_is_not_remembered(
    window, tmp_path: Path, qtbot, monkeypatch
) -> None:
    data_dir().mkdir(parents=True)
    inside = data_dir() / "note.md"
    asked: list[Path] = []

    def ask_export(_parent, _fmt, suggested: Path, _problems, **_kw):  # type: ignore[no-untyped-def]
        asked.append(suggested.parent)
        return ExportOptions(inside, annex="none")

    monkeypatch.setattr(dialogs, "ask_export_options", ask_export)
    for _ in range(2):
        with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
            qtbot.keyClick(window.editor, Qt.Key.Key_E, CTRL | SHIFT)
    assert inside.is_file()  # written where the user asked
    assert data_dir() not in asked and asked[0] == asked[1]


def test_the_project_reopens_on_the_note_edited_last(make_window, sample_path: Path, qtbot) -> None:
    with Project.open(sample_path) as project:
        first = project.notes()[0]
        second = project.add_note("Second note", first.template, "Body of the second.\n")
    with sqlite3.connect(sample_path) as db:  # both written long ago, as a project opened later
        db.execute("UPDATE note SET updated_at = '2026-01-01T00:00:00+00:00'")
    window = make_window(sample_path)
    assert window.notes.note_id == first.id  # none edited since: the first
    combo = window.note_panel.notes
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the second note, as the keyboard chooses it
    assert window.notes.note_id == second.id
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "Edited ")
    window.close()
    again = make_window(sample_path)
    assert again.notes.note_id == second.id
    assert "Edited" in again.editor.body_text()


def test_the_house_style_chooser_starts_in_the_exports_folder(
    tmp_path: Path, qtbot, monkeypatch
) -> None:
    from PySide6.QtWidgets import QPushButton

    from briefing.gui import export_dialog
    from briefing.gui.export_dialog import ExportDialog

    started: list[str] = []

    class Files:  # the file dialog, answering as a user who cancels
        @staticmethod
        def getOpenFileName(_parent, _title: str, folder: str, _filter: str) -> tuple[str, str]:
            started.append(folder)
            return "", ""

    monkeypatch.setattr(export_dialog, "QFileDialog", Files)
    dialog = ExportDialog("docx", tmp_path / "exports" / "note.docx", [])
    qtbot.addWidget(dialog)
    dialog.show()
    choose = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Choose…")
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    dialog.reference.setText(str(tmp_path / "styles" / "house.docx"))
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert started == [str(tmp_path / "exports"), str(tmp_path / "styles" / "house.docx")]
