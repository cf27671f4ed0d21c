"""Note > Add Template (issue 14): a user's Markdown file and its settings become a template
that File > New Note offers in every project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from briefing.core.store import Project
from briefing.core.templates import TemplateSettings, template_settings, user_templates_folder
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from briefing.gui.template_dialog import NewTemplate, TemplateDialog
from tests.gui.conftest import choose_from_menu_bar

BODY = "## Purpose\n\n[Say why in a line.]\n\n## Recommendation\n\n1. [That you sign the letter.]\n"


def test_the_dialog_reads_what_the_user_types(tmp_path: Path, qtbot) -> None:
    dialog = TemplateDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.path, str(tmp_path / "memo.md"))
    qtbot.keyClicks(dialog.label, "Action memo (US)")
    assert dialog.ok.isEnabled()
    qtbot.keyClick(dialog.purpose, Qt.Key.Key_Down)
    dialog.options.selectAll()
    qtbot.keyClicks(dialog.options, "Approve / Disapprove")
    qtbot.keyClick(dialog.position, Qt.Key.Key_Down)
    chosen = dialog.new_template()
    assert chosen == NewTemplate(
        tmp_path / "memo.md",
        "action-memo-us",
        "Action memo (US)",
        "information",
        TemplateSettings(("Approve", "Disapprove"), ("Noted", "Please discuss"), "right"),
    )


def test_add_a_template_and_start_a_note_from_it(
    window: MainWindow, sample_path: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    source = tmp_path / "memo.md"
    source.write_text(BODY, encoding="utf-8")
    settings = TemplateSettings(("Approve", "Disapprove"), ("Noted", "Discuss"), "right")
    answer = NewTemplate(source, "action-memo", "Action memo", "decision", settings)
    monkeypatch.setattr(dialogs, "ask_new_template", lambda _parent, _folder: answer)
    choose_from_menu_bar(window.menuBar(), "Note", "Add Template…")
    assert (user_templates_folder() / "action-memo.md").read_text(encoding="utf-8") == BODY
    assert template_settings("action-memo") == settings
    assert "Action memo" in window.statusBar().currentMessage()

    offered: list[str] = []

    def ask(_parent, choices):  # type: ignore[no-untyped-def]
        offered.extend(c.label for c in choices)
        return "action-memo", "Letter to sign"

    monkeypatch.setattr(dialogs, "ask_new_note", ask)
    qtbot.keyClick(window.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert offered[-1] == "Action memo"
    assert window.editor.toPlainText() == BODY
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.notes()[-1].template == "action-memo"

    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    choose_from_menu_bar(window.menuBar(), "Note", "Add Template…")  # the same name again
    assert errors == ["Not added: a template named 'action-memo' exists already"]
