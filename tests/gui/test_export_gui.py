"""File > Export from the window: Word, Markdown and the passages report."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportDialog, ExportOptions
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import ContextMenus, choose_from_menu_bar

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _answer(monkeypatch, options: ExportOptions, seen: list | None = None) -> None:  # type: ignore[type-arg]
    def ask(_parent, fmt, suggested, problems, **_kw):  # type: ignore[no-untyped-def]
        if seen is not None:
            seen.append((fmt, suggested, problems))
        return options

    monkeypatch.setattr(dialogs, "ask_export_options", ask)


def export_word(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.viewer, Qt.Key.Key_E, CTRL)


def test_export_word_from_the_menu(window: MainWindow, tmp_path: Path, qtbot, monkeypatch) -> None:
    out = tmp_path / "brief.docx"
    seen: list = []  # type: ignore[type-arg]
    _answer(monkeypatch, ExportOptions(out, annex="cited", open_when_done=True), seen)
    opened: list[Path] = []
    monkeypatch.setattr(dialogs, "open_file", opened.append)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000) as signal:
        choose_from_menu_bar(window.menuBar(), "File", "Export", "Word…")
    result, error = signal.args
    assert error == "" and result.path == out and opened == [out]
    assert seen[0][0] == "docx"  # named by its reference and a short clean title:
    assert seen[0][1].name == "BN-2026-041 US-EU talks on access to AI models.docx"
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings and "Recommendation" in headings
    assert "OFFICIAL" in document.sections[0].header.paragraphs[0].text
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not left private like a temp file
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch
    assert window.statusBar().currentMessage() == f"Exported {out}"


def test_export_markdown_without_annex(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "brief.md"
    _answer(monkeypatch, ExportOptions(out, annex="none"))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        qtbot.keyClick(window.viewer, Qt.Key.Key_E, CTRL | SHIFT)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle:") and "[^p1]" in text
    assert "Annex A" not in text


def test_export_remembers_the_choices(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "folder" / "brief.docx"
    _answer(monkeypatch, ExportOptions(out, annex="none", open_when_done=False))
    monkeypatch.setattr(dialogs, "open_file", lambda _path: None)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        export_word(window, qtbot)
    asked: list[dict] = []  # type: ignore[type-arg]

    def ask(_parent, _fmt, suggested, _problems, **kw):  # type: ignore[no-untyped-def]
        asked.append({"suggested": suggested, **kw})

    monkeypatch.setattr(dialogs, "ask_export_options", ask)
    export_word(window, qtbot)
    assert asked[0]["suggested"].parent == out.parent
    assert asked[0]["annex"] == "none" and asked[0]["open_when_done"] is False
    assert window.settings.export_folder == out.parent


def test_failed_export_keeps_the_previous_file(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "brief.docx"
    out.write_bytes(b"the previous export")
    bad_style = tmp_path / "style.docx"
    bad_style.write_text("not a Word file")
    _answer(monkeypatch, ExportOptions(out, reference_doc=bad_style))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        export_word(window, qtbot)
    assert errors and "style.docx" in errors[0] and "unchanged" in errors[0]
    assert out.read_bytes() == b"the previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch


def test_problems_are_shown_before_export(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(window.editor, " See [@p999].")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    seen: list = []  # type: ignore[type-arg]
    _answer(monkeypatch, ExportOptions(tmp_path / "x.md"), seen)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        qtbot.keyClick(window.editor, Qt.Key.Key_E, CTRL | SHIFT)
    listed = [problem for problem in seen[0][2] if "p999" in problem]
    assert len(listed) == 1 and listed[0].startswith("Line "), seen[0][2]  # once, with its line
    dialog = ExportDialog("docx", tmp_path / "x.docx", seen[0][2])
    assert dialog.problems.count() == len(seen[0][2])
    assert dialog.options().path == tmp_path / "x.docx"


def test_passages_report_of_the_current_filter(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch, context_menu: ContextMenus
) -> None:
    view = window.themes_panel.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Investment")
    at = view.visualRect(model.index(row, 0)).center()
    context_menu.open(qtbot, view.viewport(), at, "Show Passages")
    shown = window.passages_panel.visible_passage_ids()
    out = tmp_path / "report.csv"
    monkeypatch.setattr(dialogs, "ask_report_format", lambda _parent: "csv")
    _answer(monkeypatch, ExportOptions(out))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        choose_from_menu_bar(window.menuBar(), "File", "Export", "Passages Report…")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["id"]) for r in rows] == shown
    assert all("Investment" in r["themes"] for r in rows)


def test_cancelled_export_writes_nothing(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    import threading

    from briefing.exporters import docx_export

    out = tmp_path / "brief.docx"
    out.write_bytes(b"previous")
    started, release = threading.Event(), threading.Event()
    real = docx_export.export_docx

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(docx_export, "export_docx", slow)
    _answer(monkeypatch, ExportOptions(out))
    export_word(window, qtbot)
    assert started.wait(10)
    # The progress dialog shows once the export has taken a while; the user cancels there.
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)))
    (progress,) = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000) as signal:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        release.set()
    assert signal.args == [None, "cancelled"]
    assert out.read_bytes() == b"previous"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"


def test_the_dialog_offers_the_annex_the_marking_and_a_watermark(tmp_path: Path, qtbot) -> None:
    """Issue 14: the same choices as the command line's --annex, --marking-position,
    --marking-colour and --watermark, made with the keyboard and the mouse."""
    dialog = ExportDialog("docx", tmp_path / "x.docx", [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.annex.itemText(i) for i in range(dialog.annex.count())] == [
        "Annex A: the passages the note cites",
        "Annex A: every tagged passage",
        "No annex",
    ]
    dialog.annex.setFocus()
    qtbot.keyClick(dialog.annex, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.annex, Qt.Key.Key_Down)
    dialog.position.setFocus()
    qtbot.keyClick(dialog.position, Qt.Key.Key_End)
    dialog.colour.setFocus()
    qtbot.keyClick(dialog.colour, Qt.Key.Key_Down)
    qtbot.mouseClick(
        dialog.watermark, Qt.MouseButton.LeftButton, pos=dialog.watermark.rect().center()
    )
    options = dialog.options()
    assert options.annex == "none"
    assert (options.marking_position, options.marking_colour) == ("right", "C00000")
    assert options.watermark is True


def test_word_export_with_the_dialogs_choices(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "brief.docx"
    options = ExportOptions(out, annex="all", marking_position="right", watermark=True)
    _answer(monkeypatch, options)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        export_word(window, qtbot)
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].alignment.name == "RIGHT"
    assert [p.text for p in document.sections[0].header.paragraphs][:2] == ["OFFICIAL", "DRAFT"]
    annex = [t for t in document.tables if t.rows[0].cells[0].text == "Passage"]
    assert sum(len(t.rows) - 1 for t in annex) >= 8  # every passage of the sample, by theme
    assert window.settings.export_annex == "all" and window.settings.export_watermark
