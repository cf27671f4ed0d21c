"""Nothing lost in the window: backups, recovery, a full disk, a failed export, long typing."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing.core import safe_write
from briefing.core.backups import list_backups, make_backup
from briefing.core.errors import StorageError
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportOptions
from briefing.gui.main_window import MainWindow
from briefing.gui.projects import open_with_prompts
from tests.gui.conftest import choose_from_menu_bar

CTRL = Qt.KeyboardModifier.ControlModifier


def test_opening_makes_a_backup(sample_path: Path, qtbot) -> None:
    project = open_with_prompts(None, sample_path)  # as the window opens every project
    assert project is not None
    qtbot.waitUntil(lambda: len(list_backups(sample_path)) == 1, timeout=5000)
    project.close()


def test_a_damaged_project_offers_its_newest_good_backup(sample_path: Path, monkeypatch) -> None:
    make_backup(sample_path)
    data = bytearray(sample_path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    sample_path.write_bytes(bytes(data))
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_recover", lambda _p, problem, label: asked.append(label) or True
    )
    project = open_with_prompts(None, sample_path)
    assert asked and project is not None
    assert "(backup " in project.path.name and project.path != sample_path
    assert len(project.passages()) == 8
    project.close()
    assert sample_path.read_bytes() == bytes(data)  # the damaged file is left as it was


def test_restore_from_backup_opens_a_copy(
    window: MainWindow, sample_path: Path, monkeypatch
) -> None:
    backup = make_backup(sample_path)
    window.project.set_memo(1, "changed after the backup")
    monkeypatch.setattr(dialogs, "ask_backup", lambda _p, backups: backups[0])
    choose_from_menu_bar(window.menuBar(), "File", "Restore from Backup…")
    assert window.project.path != sample_path and "(backup " in window.project.path.name
    assert window.windowTitle().startswith(window.project.path.stem)
    assert window.statusBar().currentMessage().startswith("Opened the backup of")
    assert window.project.passage(1).memo != "changed after the backup"
    with Project.open(sample_path, readonly=True) as original:
        assert original.passage(1).memo == "changed after the backup"
    assert backup.exists()


def test_full_disk_keeps_the_note_and_retries(
    window: MainWindow, sample_path: Path, monkeypatch, qtbot
) -> None:
    real = window.project.update_note

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("database or disk is full")

    monkeypatch.setattr(window.project, "update_note", full)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(window.editor, " Written while the disk was full.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    assert "Note NOT saved" in window.status.text() and "disk is full" in window.status.text()
    assert window.editor.toPlainText().endswith("Written while the disk was full.")  # kept
    assert window.editor.is_dirty()
    monkeypatch.setattr(window.project, "update_note", real)  # space again
    qtbot.waitUntil(lambda: not window.editor.is_dirty(), timeout=7000)  # the retry
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.notes()[0].body.endswith("Written while the disk was full.")


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EROFS, "Read-only file system"),
        PermissionError(errno.EACCES, "Permission denied (the file is open in Word)"),
    ],
)
def test_failed_export_says_why_and_keeps_the_old_file(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch, error: OSError
) -> None:
    out = tmp_path / "brief.docx"
    out.write_bytes(b"last week's brief")

    def failing(*_args: object) -> None:
        raise error

    monkeypatch.setattr(safe_write.os, "replace", failing)
    monkeypatch.setattr(dialogs, "ask_export_options", lambda *_a, **_k: ExportOptions(out))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_E, CTRL)
    assert errors and error.strerror in errors[0] and "unchanged" in errors[0]
    assert out.read_bytes() == b"last week's brief"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_typing_without_a_pause_is_saved_within_a_second(
    window: MainWindow, sample_path: Path, qtbot
) -> None:
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for _ in range(12):  # 1.2 s of steady typing, never pausing 800 ms
        qtbot.keyClicks(editor, "word ")
        qtbot.wait(100)

    def stored() -> str:
        with Project.open(sample_path, readonly=True) as reader:
            return reader.notes()[0].body

    assert "word " in stored()  # written by the deadline, while typing went on


def test_quitting_with_an_unsaved_note_asks_first(window: MainWindow, qtbot, monkeypatch) -> None:
    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("database or disk is full")

    monkeypatch.setattr(window.project, "update_note", full)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "unsaved")
    answers = [False, True]
    asked: list[bool] = []

    def ask(_parent: object) -> bool:
        asked.append(answers[len(asked)])
        return asked[-1]

    monkeypatch.setattr(dialogs, "ask_quit_unsaved", ask)
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, CTRL)
    assert asked == [False] and window.isVisible()  # the user stayed
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, CTRL)
    assert asked == [False, True] and not window.isVisible()
