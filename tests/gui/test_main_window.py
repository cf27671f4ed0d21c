"""The main window under pytest-qt, driven as a user drives it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing.core.colours import highlight
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.app import first_project
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings
from tests.gui.conftest import choose_from_menu_bar


def stored_body(path: Path) -> str:
    with Project.open(path, readonly=True) as reader:
        return reader.notes()[0].body


def test_window_shows_the_sample(window: MainWindow, sample_path: Path) -> None:
    assert window.windowTitle() == "sample — Briefing"
    assert window.sources.model().rowCount() == 1
    with Project.open(sample_path, readonly=True) as reader:
        text = reader.source_text(1)
        count = len(reader.passages())
        body = reader.notes()[0].body
    assert window.viewer.source_text() == text
    # Shown laid out as a document: the same lines, with display-only spacing between them.
    shown = window.viewer.toPlainText()
    assert [line for line in shown.split("\n") if line] == [ln for ln in text.split("\n") if ln]
    assert window.viewer.isReadOnly()
    assert len(window.viewer.extraSelections()) == count
    assert window.editor.toPlainText() == body


def test_highlights_are_painted_in_theme_colours(window: MainWindow) -> None:
    image = window.viewer.viewport().grab().toImage()
    wanted = {QColor(highlight(t["colour"], dark=False)).rgb() for t in default_themes()[:3]}
    seen = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 7):
            seen.add(image.pixelColor(x, y).rgb())
    close = {w for w in wanted for s in seen if _near(w, s)}
    assert close == wanted


def _near(a: int, b: int, tolerance: int = 6) -> bool:
    ca, cb = QColor(a), QColor(b)
    return all(
        abs(x - y) <= tolerance for x, y in zip(ca.getRgb()[:3], cb.getRgb()[:3], strict=True)
    )


def test_highlights_land_on_passages_after_emoji_and_cjk(make_window, tmp_path: Path) -> None:
    path = tmp_path / "astral.briefing"
    text = "😀😀 𠀀 lead-in then export 𠀁 controls 👍🏽 and more"
    with Project.create(path, default_themes()) as project:
        source = project.add_source("Astral", text, "txt")
        start = text.index("export")
        project.add_passage(source.id, start, text.index("and more"), [project.themes()[0].id])
    window = make_window(path)
    (selection,) = window.viewer.extraSelections()
    assert selection.cursor.selectedText() == "export 𠀁 controls 👍🏽 "
    window.viewer.select_range(start, start + 6)
    assert window.viewer.selection_range() == (start, start + 6)
    assert window.viewer.textCursor().selectedText() == "export"


def test_note_is_written_within_a_second_of_a_pause(
    window: MainWindow, sample_path: Path, qtbot
) -> None:
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Typed by hand.")
    assert "Typed by hand." not in stored_body(sample_path)  # not yet: typing goes on
    qtbot.waitUntil(lambda: stored_body(sample_path).endswith(" Typed by hand."), timeout=1500)


def test_quit_writes_the_note_at_once(make_window, sample_path: Path, qtbot) -> None:
    window = make_window(sample_path)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor, " Last words.")
    qtbot.keyClick(window.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert stored_body(sample_path).endswith(" Last words.")
    with Project.open(sample_path):  # the lock went with the window
        pass


def test_ctrl_s_writes_the_note(window: MainWindow, sample_path: Path, qtbot) -> None:
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "Saved by Ctrl+S. ")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved by Ctrl+S. " in stored_body(sample_path)


def test_layout_is_remembered(make_window, sample_path: Path, settings: Settings) -> None:
    window = make_window(sample_path)
    # Within the offscreen platform's 800x600 screen: restoreGeometry fits windows to the screen.
    window.resize(780, 560)
    window.splitter.setSizes([150, 330, 280])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window(sample_path)
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (780, 560)
    assert settings.recent[0] == sample_path.resolve()


def test_standard_shortcuts(window: MainWindow) -> None:
    shortcuts = {
        a.text().replace("&", ""): a.shortcut()
        for menu in window.menuBar().findChildren(QMenu)
        for a in menu.actions()
    }
    assert shortcuts["Open…"] == QKeySequence(QKeySequence.StandardKey.Open)
    assert shortcuts["Quit"] == QKeySequence("Ctrl+Q")
    assert shortcuts["Undo"] == QKeySequence("Ctrl+Z")
    assert shortcuts["Save"] == QKeySequence("Ctrl+S")
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Tag", "Note", "Format", "View", "Help"]


def test_project_in_use_opens_read_only(make_window, sample_path: Path, monkeypatch) -> None:
    first = make_window(sample_path)
    asked: list[str] = []

    def answer(_parent: object, message: str) -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(dialogs, "ask_open_read_only", answer)
    other_settings = Settings(sample_path.parent / "other.ini")
    from briefing.gui.projects import open_with_prompts

    project = open_with_prompts(None, sample_path)
    assert asked and "another Briefing window" in asked[0]
    assert project is not None and project.readonly
    second = MainWindow(other_settings, project)
    assert "[read-only]" in second.windowTitle()
    assert second.editor.isReadOnly()
    second.close()
    assert first.project.readonly is False


def test_open_recent_and_switching_projects(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    other = tmp_path / "other.briefing"
    Project.create(other, default_themes()).close()
    monkeypatch.setattr(dialogs, "ask_open_project", lambda _parent, _folder: other)
    qtbot.keyClick(window.viewer, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.windowTitle() == "other — Briefing"
    assert window.sources.model().rowCount() == 0
    assert window.editor.toPlainText() == "" and window.menus.action("undo").text() == "&Undo"
    recent = window.settings.recent
    sample = (tmp_path / "sample.briefing").resolve()
    assert recent[:2] == [other.resolve(), sample]
    choose_from_menu_bar(window.menuBar(), "File", "Open Recent", "sample.briefing")
    assert window.windowTitle() == "sample — Briefing"
    assert window.sources.model().rowCount() == 1
    assert window.settings.recent[:2] == [sample, other.resolve()]


def test_bad_project_shows_its_reason(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    bad = tmp_path / "bad.briefing"
    bad.write_bytes(b"not a database at all" * 10)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    monkeypatch.setattr(dialogs, "ask_open_project", lambda _parent, _folder: bad)
    qtbot.keyClick(window.viewer, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert errors and "not a Briefing project" in errors[0]
    assert window.windowTitle() == "sample — Briefing"


def test_first_run_opens_the_sample_from_the_data_folder(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "fresh.ini")
    path = first_project(settings)
    assert path.exists() and path.parent.name == "data"
    with Project.open(path, readonly=True) as project:
        assert len(project.passages()) >= 6
