"""Sources as they really arrive, through the window: an e-mail's attachments, scanned pages
with OCR progress and cancel, the OCR language, Source Details, and a read-only project."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

import briefing.importers.ocr as ocr
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from briefing.gui.source_details import SourceDetailsDialog
from tests.files import message_with_attachments, read_only, scanned_pdf
from tests.gui.conftest import choose_from_menu_bar, drop

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _sources(path: Path) -> list:
    with Project.open(path, readonly=True) as reader:
        return reader.sources()


def _import(window: MainWindow, qtbot, monkeypatch, *paths: Path) -> list:
    """Ctrl+Shift+I, the files chosen in the dialog; the outcomes when it has finished."""
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: list(paths))
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=60000) as signal:
        qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
    return list(signal.args[0])


def test_the_import_summary_offers_a_messages_attachments(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    cable = message_with_attachments(tmp_path)
    offered: list[list[str]] = []

    def accept(_parent, head: str, _problems: list[str], lines: list[str]) -> bool:
        offered.append([head, *lines])
        return True

    monkeypatch.setattr(dialogs, "ask_import_attachments", accept)
    importer = window.sources_ui.importer
    reports: list[list] = []
    importer.finished.connect(reports.append)
    _import(window, qtbot, monkeypatch, cable)  # the offer starts a second import
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=60000)
    assert offered == [
        [
            "Imported 1 of 1 file",
            "Cable on chip exports: notes.txt, release.html, message-4.eml",
        ]
    ]
    titles = [s.title for s in _sources(sample_path)]
    assert titles[1:] == ["Cable on chip exports", "notes", "Press release", "Forwarded: the annex",
                          "Annex"]  # fmt: skip
    assert all(o.parent is not None for o in reports[1] if o.source is not None)
    assert window.sources.model().rowCount() == 6


def test_the_summary_may_leave_the_attachments(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_import_attachments", lambda *_args: False)
    _import(window, qtbot, monkeypatch, message_with_attachments(tmp_path))
    assert [s.title for s in _sources(sample_path)][1:] == ["Cable on chip exports"]


def _open_details(window: MainWindow, qtbot, title: str) -> None:
    """Click the source's row in the Sources list, then Ctrl+Shift+D."""
    if not window.isActiveWindow():  # a progress dialog was shown: the desktop gives it back
        with qtbot.waitActive(window):
            window.activateWindow()
    view = window.sources
    model = view.model()
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 0).data() == title]
    at = view.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL | SHIFT)


def test_source_details_list_attachments_and_import_them_later(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_import_attachments", lambda *_args: False)
    _import(window, qtbot, monkeypatch, message_with_attachments(tmp_path))
    seen: list[tuple[list[str], str, bool]] = []

    def details(dialog: SourceDetailsDialog) -> int:
        listed = [dialog.attachments.item(i).text() for i in range(dialog.attachments.count())]
        seen.append((listed, dialog.organisation.text(), dialog.import_attachments.isEnabled()))
        dialog.organisation.setText("Desk of the Americas")
        dialog.url.setText("https://intranet.example/cable")
        qtbot.mouseClick(dialog.import_attachments, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SourceDetailsDialog, "exec", details)
    with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=60000):
        _open_details(window, qtbot, "Cable on chip exports")
    assert seen == [
        (["notes.txt (43 bytes)", "release.html (118 bytes)", "logo.png (72 bytes)",
          "message-4.eml (621 bytes)"], "", True),
    ]  # fmt: skip
    message, *attachments = _sources(sample_path)[1:]
    assert (message.organisation, message.url) == (
        "Desk of the Americas",
        "https://intranet.example/cable",
    )
    assert [s.title for s in attachments] == ["notes", "Press release", "Forwarded: the annex",
                                              "Annex"]  # fmt: skip

    def named(dialog: SourceDetailsDialog) -> int:
        labels = [dialog.layout().itemAt(i).widget() for i in range(dialog.layout().count())]
        seen.append(([w.text() for w in labels if hasattr(w, "text")], "", False))
        return SourceDetailsDialog.DialogCode.Rejected

    monkeypatch.setattr(SourceDetailsDialog, "exec", named)
    _open_details(window, qtbot, "notes")  # an attachment names its message
    assert "Cable on chip exports (source 2)" in seen[-1][0]


@pytest.mark.external
def test_a_scanned_page_imports_with_ocr_progress(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(dialogs, "show_report", lambda *_args: None)
    scan = scanned_pdf(tmp_path)
    reading, release = threading.Event(), threading.Event()
    real_read = ocr.read_scanned_page

    def held(page, language: str, program: str):
        reading.set()
        release.wait(30)
        return real_read(page, language, program)

    monkeypatch.setattr(ocr, "read_scanned_page", held)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: [scan])
    try:
        with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=60000):
            qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
            assert reading.wait(30)
            shown = lambda: [d for d in window.findChildren(QProgressDialog) if d.isVisible()]  # noqa: E731
            qtbot.waitUntil(lambda: bool(shown()))
            wanted = "Importing scanned.pdf: OCR of page 1 (1 of 1)…"
            qtbot.waitUntil(lambda: shown()[0].labelText() == wanted)
            release.set()
    finally:
        release.set()
    source = _sources(sample_path)[-1]
    assert "licence rules for advanced semiconductors" in window.viewer.source_text()
    assert source.ocr["language"] == "eng"
    summaries: list[str] = []

    def details(dialog: SourceDetailsDialog) -> int:
        summaries.append(dialog.ocr.text())
        return SourceDetailsDialog.DialogCode.Rejected

    monkeypatch.setattr(SourceDetailsDialog, "exec", details)
    _open_details(window, qtbot, source.title)
    confidence = round(source.ocr["confidence"])
    assert summaries == [
        f"Text read by OCR (Tesseract, eng) on 1 page; mean word confidence {confidence}%"
    ]


@pytest.mark.external
def test_cancel_stops_the_ocr_at_the_next_page(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    scan = scanned_pdf(tmp_path, pages=3)
    reading = threading.Event()
    release = threading.Event()
    pages_read: list[int] = []
    real_read = ocr.read_scanned_page

    def slow(page, language: str, program: str):
        pages_read.append(1)
        reading.set()
        release.wait(30)
        return real_read(page, language, program)

    monkeypatch.setattr(ocr, "read_scanned_page", slow)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: [scan])
    qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
    try:
        assert reading.wait(30)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)))
        (progress,) = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        wanted = "Importing scanned.pdf: OCR of page 1 (1 of 3)…"
        qtbot.waitUntil(lambda: progress.labelText() == wanted)
        with qtbot.waitSignal(window.sources_ui.importer.finished, timeout=60000) as signal:
            qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
            assert progress.labelText() == "Cancelling…"
            release.set()
    finally:
        release.set()
    assert [o.error for o in signal.args[0]] == ["cancelled"]
    assert len(pages_read) == 1  # the second page was never read
    assert len(_sources(sample_path)) == 1


def test_the_ocr_language_is_set_from_the_file_menu(
    window: MainWindow, sample_path: Path, monkeypatch
) -> None:
    answers = iter(["fra", "not a language"])
    asked: list[str] = []

    def ask(_parent, current: str) -> str:
        asked.append(current)
        return next(answers)

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "ask_ocr_language", ask)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    choose_from_menu_bar(window.menuBar(), "File", "OCR Language")
    choose_from_menu_bar(window.menuBar(), "File", "OCR Language")
    assert asked == ["eng", "fra"]
    assert errors and "is not an OCR language" in errors[0]
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.info("ocr_language") == "fra"


@pytest.mark.parametrize(
    ("unwritable", "says"),
    [("file", "team.briefing: the project file"), ("folder", "team.briefing: the folder")],
)
def test_a_read_only_project_opens_read_only_with_one_clear_message(
    window: MainWindow,
    sample_template: Path,
    tmp_path: Path,
    qtbot,
    monkeypatch,
    unwritable: str,
    says: str,
) -> None:
    other = tmp_path / "shared" / "team.briefing"
    other.parent.mkdir()
    other.write_bytes(sample_template.read_bytes())
    messages: list[str] = []

    def answer(_parent, message: str, _title: str = "") -> bool:
        messages.append(message)
        return True

    monkeypatch.setattr(dialogs, "ask_open_read_only", answer)
    monkeypatch.setattr(dialogs, "ask_open_project", lambda _parent, _folder: other)
    with read_only(other if unwritable == "file" else other.parent):
        choose_from_menu_bar(window.menuBar(), "File", "Open")
        assert len(messages) == 1 and messages[0].startswith(says)
        assert "read-only" in messages[0] and "\n" not in messages[0]
        assert window.windowTitle() == "team [read-only] — Briefing"
        assert not window.menus.action("import").isEnabled()
        assert not window.menus.action("ocr_language").isEnabled()
        files = tmp_path / "cable.txt"
        files.write_text("A cable.", encoding="utf-8")
        from PySide6.QtCore import QMimeData, QPoint, QUrl

        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(files))])
        assert drop(window, mime, QPoint(300, 300)) == (False, False)  # refused at the door
    with Project.open(other, readonly=True) as reader:
        assert len(reader.sources()) == 1
