"""REFI-QDA through the window: File > Export > REFI-QDA Project, and File > Import with a
.qdpx, as a user does them."""

from __future__ import annotations

from pathlib import Path

from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportOptions
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import choose_from_menu_bar
from tests.qdpx_support import NS, validated


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
