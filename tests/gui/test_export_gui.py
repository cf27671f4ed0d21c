"""File > Export from the window: Word, Markdown and the passages report."""

from __future__ import annotations

import csv
from pathlib import Path

import docx

from briefing.gui import dialogs
from briefing.gui.export_dialog import ExportDialog, ExportOptions
from briefing.gui.main_window import MainWindow


def _answer(monkeypatch, options: ExportOptions, seen: list | None = None) -> None:  # type: ignore[type-arg]
    def ask(_parent, fmt, suggested, problems, **_kw):  # type: ignore[no-untyped-def]
        if seen is not None:
            seen.append((fmt, suggested, problems))
        return options

    monkeypatch.setattr(dialogs, "ask_export_options", ask)


def test_export_word_from_the_menu(window: MainWindow, tmp_path: Path, qtbot, monkeypatch) -> None:
    out = tmp_path / "brief.docx"
    seen: list = []  # type: ignore[type-arg]
    _answer(monkeypatch, ExportOptions(out, annex=True, open_when_done=True), seen)
    opened: list[Path] = []
    monkeypatch.setattr(dialogs, "open_file", opened.append)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000) as signal:
        window.menus.action("export_word").trigger()
    result, error = signal.args
    assert error == "" and result.path == out and opened == [out]
    assert seen[0][0] == "docx" and seen[0][1].name.startswith("US-EU talks on access")
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings and "Recommendation" in headings
    assert "OFFICIAL" in document.sections[0].header.paragraphs[0].text
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not left private like a temp file
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch


def test_export_markdown_without_annex(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    out = tmp_path / "brief.md"
    _answer(monkeypatch, ExportOptions(out, annex=False))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        window.menus.action("export_md").trigger()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle:") and "[^1]" in text
    assert "Source passages by theme" not in text


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
        window.menus.action("export_word").trigger()
    assert errors and "style.docx" in errors[0] and "unchanged" in errors[0]
    assert out.read_bytes() == b"the previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch


def test_problems_are_shown_before_export(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    window.editor.setPlainText(window.editor.toPlainText() + "\nSee [@p999].")
    window.notes.save_now()
    seen: list = []  # type: ignore[type-arg]
    _answer(monkeypatch, ExportOptions(tmp_path / "x.md"), seen)
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        window.menus.action("export_md").trigger()
    assert any("999" in problem for problem in seen[0][2])
    dialog = ExportDialog("docx", tmp_path / "x.docx", seen[0][2])
    assert dialog.problems.count() == len(seen[0][2])
    assert dialog.options().path == tmp_path / "x.docx"


def test_passages_report_of_the_current_filter(
    window: MainWindow, tmp_path: Path, qtbot, monkeypatch
) -> None:
    investment = window.project.theme_by_name("Investment").id
    window.passages_panel.set_theme_filter(investment)
    shown = window.passages_panel.visible_passage_ids()
    out = tmp_path / "report.csv"
    monkeypatch.setattr(dialogs, "ask_report_format", lambda _parent: "csv")
    _answer(monkeypatch, ExportOptions(out))
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000):
        window.menus.action("export_report").trigger()
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
    window.menus.action("export_word").trigger()
    assert started.wait(10)
    window.exports.controller.cancel()
    release.set()
    with qtbot.waitSignal(window.exports.controller.finished, timeout=30000) as signal:
        pass
    assert signal.args == [None, "cancelled"]
    assert out.read_bytes() == b"previous"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
