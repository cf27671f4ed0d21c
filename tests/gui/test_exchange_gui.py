"""REFI-QDA through the window: File > Export > REFI-QDA Project, and File > Import with a
.qdpx, as a user does them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl

from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportOptions
from briefing.gui.main_window import MainWindow
from tests.exchange.foreign import write_foreign
from tests.gui.conftest import choose_from_menu_bar, drop
from tests.qdpx_support import NS, validated

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_export_the_project_from_the_file_menu(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "sample.qdpx"
    asked: list[str] = []

    def ask(_parent, fmt, suggested, _problems, **_kw):  # type: ignore[no-untyped-def]
        asked.append(fmt)
        assert suggested.suffix == ".qdpx"
        return ExportOptions(out)

    monkeypatch.setattr(dialogs, "ask_export_options", ask)
    reports: list[list[str]] = []
    monkeypatch.setattr(dialogs, "show_report", lambda _p, _t, _h, lines: reports.append(lines))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        choose_from_menu_bar(window.menuBar(), "File", "Export", "REFI-QDA Project…")
    assert asked == ["qdpx"]
    root = validated(out)
    selections = root.findall("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    assert len(selections) == len(window.project.passages())
    assert len(reports) == 1 and any("keywords" in line for line in reports[0])
    assert window.statusBar().currentMessage().startswith(f"Exported {out}")


def test_import_a_qdpx_through_the_import_dialog(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    foreign = write_foreign(tmp_path / "tool.qdpx")
    cable = tmp_path / "cable.txt"
    cable.write_text("A cable of its own.\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _parent, _folder: [foreign, cable])
    reports: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(
        dialogs, "show_report", lambda _p, title, head, lines: reports.append((title, head, lines))
    )
    with qtbot.waitSignal(window.exchange.importer.finished, timeout=30000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_I, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not window.sources_ui.importer.busy(), timeout=30000)
    (title, head, lines) = reports[0]
    assert title == "Import REFI-QDA Project"
    assert head.startswith("imported: tool.qdpx: 3 source(s), 3 new theme(s)")
    assert "not imported: 1 set: Briefing has no sets" in lines
    themes = [t.name for t in window.project.themes()]
    assert themes[3:] == ["Trade / Export controls", "Trade / Tariffs", "Trade / Tariffs / Steel"]
    assert [a.text() for a in window.menus.tag_actions][3:6] == themes[3:]  # the Tag menu too
    assert window.sources.model().rowCount() == 5  # the sample's, three, and the cable
    panel = window.passages_panel
    panel.set_text_filter("Controls bite")
    assert len(panel.visible_passage_ids()) == 1
    notes = [window.note_panel.notes.itemText(i) for i in range(window.note_panel.notes.count())]
    assert notes[1:] == ["Project journal", "Note on theme Sovereignty"]


def test_drop_a_qdpx_on_the_window(window: MainWindow, tmp_path: Path, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "show_report", lambda *_args: None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_foreign(tmp_path / "tool.qdpx")))])
    with qtbot.waitSignal(window.exchange.importer.finished, timeout=30000):
        assert drop(window, mime, QPoint(300, 300)) == (True, True)
    assert "Trade / Tariffs" in [t.name for t in window.project.themes()]
    assert window.statusBar().currentMessage().startswith("imported: tool.qdpx")
