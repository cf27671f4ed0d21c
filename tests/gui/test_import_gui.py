"""Importing through the window: the dialog, drag-and-drop, the clipboard, cancel, details."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from briefing import ingest
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from briefing.gui.source_details import SourceDetailsDialog
from tests.gui.conftest import drop

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _files(folder: Path) -> list[Path]:
    text = folder / "cable.txt"
    text.write_text("Cable text with 😀 and 𠀀.\r\nSecond line.\r\n", encoding="utf-8")
    markdown = folder / "memo.md"
    markdown.write_text(
        "---\ntitle: The memo\n---\n# Heading\n\nA *memo* body.\n", encoding="utf-8"
    )
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    return [text, markdown, binary]


def titles(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as reader:
        return [s.title for s in reader.sources()]


def test_import_through_the_dialog(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    paths = _files(tmp_path)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: paths)
    reports: list[list[str]] = []
    monkeypatch.setattr(dialogs, "show_report", lambda _p, _t, _h, lines: reports.append(lines))
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=10000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
    assert titles(sample_path)[1:] == ["cable", "The memo"]
    assert len(reports) == 1 and reports[0][0].startswith(f"failed: {paths[2]}")
    assert window.sources.model().rowCount() == 3
    assert window.viewer_caption.text() == "The memo"  # the last file imported is shown
    assert "A memo body." in window.viewer.toPlainText()
    with Project.open(sample_path, readonly=True) as reader:
        cable = reader.sources()[1]
        assert reader.source_text(cable.id) == "Cable text with 😀 and 𠀀.\nSecond line.\n"


def test_drop_files_onto_the_window(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "show_report", lambda *_args: None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _files(tmp_path)[:2]])
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=10000):
        assert drop(window, mime, QPoint(300, 300)) == (True, True)
    assert titles(sample_path)[1:] == ["cable", "The memo"]


def test_new_source_from_copied_html(
    window: MainWindow, sample_path: Path, qtbot, monkeypatch
) -> None:
    mime = QMimeData()
    mime.setHtml("<p>First <b>copied</b> paragraph.</p><script>alert(1)</script><p>Second.</p>")
    mime.setText("First copied paragraph.\nSecond.")
    QApplication.clipboard().setMimeData(mime)  # emptied after the test (see conftest)
    asked: list[str] = []

    def answer(_parent: object, suggested: str) -> tuple[str, str]:
        asked.append(suggested)
        return "Pasted e-mail", "e-mail from the embassy"

    monkeypatch.setattr(dialogs, "ask_clipboard_source", answer)
    qtbot.keyClick(window.viewer, Qt.Key.Key_V, CTRL | SHIFT)
    assert asked and asked[0].startswith("First copied paragraph")
    with Project.open(sample_path, readonly=True) as reader:
        source = reader.sources()[-1]
        text = reader.source_text(source.id)
    assert (source.title, source.origin, source.format) == (
        "Pasted e-mail",
        "e-mail from the embassy",
        "clipboard",
    )
    assert "First copied paragraph." in text and "Second." in text and "alert" not in text


def test_cancel_leaves_no_half_import(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    paths = [*_files(tmp_path)[:2], tmp_path / "third.txt"]
    paths[2].write_text("third", encoding="utf-8")
    reading_second = threading.Event()
    release = threading.Event()
    real_read = ingest.read_file

    def slow_read(path: Path, **options):
        if path.name == "memo.md":
            reading_second.set()
            release.wait(10)
        return real_read(path, **options)

    monkeypatch.setattr(ingest, "read_file", slow_read)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: paths)
    qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
    assert reading_second.wait(10)
    # The progress dialog shows once the import has taken a while; the user cancels there.
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)))
    (progress,) = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=10000) as signal:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        assert progress.labelText() == "Cancelling…"
        release.set()
    outcomes = signal.args[0]
    assert [o.error for o in outcomes] == ["", "cancelled"]
    assert titles(sample_path)[1:] == ["cable"]


def test_source_details_and_sorting(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "show_report", lambda *_args: None)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: _files(tmp_path)[:2])
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=10000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)

    def edit(dialog: SourceDetailsDialog) -> int:
        dialog.title.setText("Embassy cable")
        dialog.author.setText("Embassy Paris")
        dialog.published.setText("2026-11-01")
        dialog.marking.setCurrentText("protected b")
        return SourceDetailsDialog.DialogCode.Accepted

    monkeypatch.setattr(SourceDetailsDialog, "exec", edit)
    view = window.sources
    cable = view.visualRect(view.model().index(1, 0)).center()  # in import order: the cable
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cable)
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL | SHIFT)
    with Project.open(sample_path, readonly=True) as reader:
        source = reader.source(2)
    assert (source.title, source.author, source.published, source.marking) == (
        "Embassy cable",
        "Embassy Paris",
        "2026-11-01",
        "PROTECTED B",
    )
    header = view.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click_header(2)  # by passage count: the first click sorts ascending
    click_header(2)  # and the second descending
    first = view.model().index(0, 0).data()
    assert first.startswith("US and EU")  # the sample article has the passages
    click_header(0)
    assert next(view.model().index(r, 0).data() for r in range(3)) == "Embassy cable"


def test_delete_a_source_from_its_context_menu(
    window: MainWindow, sample_path: Path, qtbot, monkeypatch, context_menu
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "confirm", lambda _p, _t, message, _a: asked.append(message) or True
    )
    view = window.sources
    at = view.visualRect(view.model().index(0, 0)).center()
    entries = context_menu.open(qtbot, view.viewport(), at, "Delete Source")
    assert entries == ["Source &Details…", "Delete Source…"]
    assert "Its 8 tagged passage(s) will be deleted with it" in asked[0]
    assert titles(sample_path) == []
    assert view.model().rowCount() == 0 and window.viewer.toPlainText() == ""
    assert window.viewer_caption.text() == "Source"


def test_files_dropped_on_the_note_are_imported_not_pasted(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "show_report", lambda *_args: None)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(p)) for p in _files(tmp_path)[:1]])
    body = window.editor.toPlainText()
    at = window.editor.viewport().rect().center()
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=10000):
        assert drop(window.editor.viewport(), files, at) == (True, True)  # the window takes them
    assert window.editor.toPlainText() == body
    assert titles(sample_path)[1:] == ["cable"]
    text = QMimeData()
    text.setText("[@p1]")
    assert drop(window.editor.viewport(), text, at) == (True, True)
    assert "[@p1]" in window.editor.toPlainText().replace(body, "")
