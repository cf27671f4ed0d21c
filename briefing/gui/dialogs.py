"""Dialogs behind small functions, so that tests monkeypatch these instead of clicking."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from briefing.core.backups import Backup
from briefing.core.model import Theme
from briefing.core.templates import Template

if TYPE_CHECKING:
    from briefing.gui.export_dialog import ExportOptions
    from briefing.gui.template_dialog import NewTemplate

PROJECT_FILTER = "Briefing projects (*.briefing);;All files (*)"
IMPORT_FILTER = (
    "Sources (*.txt *.md *.markdown *.html *.htm *.docx *.odt *.pdf *.eml *.msg *.qdpx);;"
    "Text (*.txt);;Markdown (*.md *.markdown);;Web pages (*.html *.htm);;"
    "Word documents (*.docx);;OpenDocument text (*.odt);;PDF (*.pdf);;"
    "E-mail (*.eml *.msg);;REFI-QDA projects (*.qdpx);;All files (*)"
)


def _run_form(dialog: QDialog, form: QFormLayout) -> bool:
    """OK and Cancel under a form; True when the user pressed OK."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_import_paths(parent: QWidget, folder: Path) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import Sources", str(folder), IMPORT_FILTER)
    return [Path(p) for p in paths]


def ask_clipboard_source(parent: QWidget, suggested_title: str) -> tuple[str, str] | None:
    """Title and origin for a source pasted from the clipboard; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("New Source from Clipboard")
    dialog.setMinimumWidth(460)
    form = QFormLayout(dialog)
    title = QLineEdit(suggested_title)
    origin = QLineEdit()
    origin.setPlaceholderText("Where the text came from: a URL, an e-mail, a meeting")
    form.addRow("&Title:", title)
    form.addRow("&Origin:", origin)
    if not _run_form(dialog, form):
        return None
    return title.text().strip(), origin.text().strip()


def confirm(parent: QWidget, title: str, message: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def show_report(parent: QWidget, title: str, head: str, lines: list[str]) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, head, parent=parent)
    box.setInformativeText("\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else ""))
    box.setDetailedText("\n".join(lines))
    box.exec()


def ask_open_project(parent: QWidget, folder: Path) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open Project", str(folder), PROJECT_FILTER)
    return Path(path) if path else None


def ask_new_project(parent: QWidget, folder: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, "New Project", str(folder / "Untitled.briefing"), PROJECT_FILTER
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix else chosen.with_suffix(".briefing")


def ask_server_url(parent: QWidget, recent: list[str]) -> str | None:
    """File > Open Server Project: a PostgreSQL URL, typed or one of the recent ones."""
    from PySide6.QtWidgets import QComboBox, QLabel

    dialog = QDialog(parent)
    dialog.setWindowTitle("Open Server Project")
    dialog.setMinimumWidth(560)
    form = QFormLayout(dialog)
    url = QComboBox()
    url.setEditable(True)
    url.addItems(recent)
    url.setCurrentText(recent[0] if recent else "")
    line = url.lineEdit()
    if line is not None:
        line.setPlaceholderText("postgresql://user@host/database")
    hint = QLabel(
        "Passwords come from your ~/.pgpass file, a service file (PGSERVICE) or the"
        " environment; Briefing never stores one. Add ?sslmode=require to insist on TLS."
    )
    hint.setWordWrap(True)
    form.addRow("&URL:", url)
    form.addRow(hint)
    if not _run_form(dialog, form):
        return None
    return url.currentText().strip() or None


def ask_author_name(parent: QWidget, current: str, default: str) -> str | None:
    """The name changes are recorded under; "" for the operating system's user name."""
    text, ok = QInputDialog.getText(
        parent,
        "Your Name",
        f"Record your changes as made by (blank: {default or 'your user name'}):",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return " ".join(text.split()) if ok else None


def resolve_note_conflict(
    parent: QWidget, title: str, mine: str, theirs: str, who: str
) -> str | None:
    """Someone else saved the note since it was loaded here: show both texts; the writer keeps
    one or merges them into the lower box. The text to save, or None to keep editing."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle("Note changed by someone else")
    dialog.resize(760, 640)
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(f"{who or 'Someone'} saved {title!r} while you were editing it. Their text:")
    )
    their_box = QPlainTextEdit(theirs)
    their_box.setReadOnly(True)
    their_box.setObjectName("theirs")
    layout.addWidget(their_box, 1)
    layout.addWidget(QLabel("Your text; edit it into the version to save, or take theirs:"))
    result = QPlainTextEdit(mine)
    result.setObjectName("result")
    layout.addWidget(result, 1)
    buttons = QDialogButtonBox()
    take = QPushButton("Take Theirs")
    save = QPushButton("Save This Text")
    buttons.addButton(take, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    save.setDefault(True)
    take.clicked.connect(lambda: result.setPlainText(theirs))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return result.toPlainText()


def ask_quit_unsaved(parent: QWidget) -> bool:
    """The note could not be written: quit anyway? True to quit and lose the last changes."""
    answer = QMessageBox.warning(
        parent,
        "Note not saved",
        "The note could not be written to the project. Quit anyway and lose the last changes?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_open_read_only(parent: QWidget | None, message: str, title: str = "Project in use") -> bool:
    """The project is open elsewhere, or cannot be written: offer it read-only. True to open
    read-only."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is read_only


def ask_import_attachments(
    parent: QWidget, head: str, problems: list[str], offered: list[str]
) -> bool:
    """The import summary when messages carry attachments: import them as sources too?
    ``offered`` names each message and its attachments. True to import them."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import Sources", head, parent=parent)
    text = "Import these attachments as sources of their own?\n\n" + "\n".join(offered[:12])
    box.setInformativeText(text + ("\n…" if len(offered) > 12 else ""))
    if problems:
        box.setDetailedText("\n".join(problems))
    yes = box.addButton("Import Attachments", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


def ask_ocr_language(parent: QWidget, current: str) -> str | None:
    """The project's OCR language, as Tesseract's codes; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "OCR Language",
        "Language of scanned pages, as Tesseract's codes\n(eng, fra, deu; eng+fra for both):",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok else None


def popup_menu(menu: QMenu, at: QPoint) -> None:
    """A context menu at a global position, until the user picks an entry or leaves it."""
    menu.exec(at)


def ask_theme(
    parent: QWidget, theme: Theme | None, suggested_name: str, suggested_colour: str
) -> dict[str, Any] | None:
    """A theme's name, colour, description and keywords; None when cancelled."""
    from briefing.gui.theme_dialog import ThemeDialog

    dialog = ThemeDialog(
        theme, parent, suggested_name=suggested_name, suggested_colour=suggested_colour
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dict(dialog.values())


def ask_memo(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, "Edit Memo", "Memo on this passage:", current)
    return text.strip() if ok else None


def ask_export_options(
    parent: QWidget, fmt: str, suggested: Path, problems: list[str], **kw: Any
) -> ExportOptions | None:
    """The export options, or None when cancelled (see ExportDialog)."""
    from briefing.gui.export_dialog import ExportDialog

    dialog = ExportDialog(fmt, suggested, problems, parent, **kw)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()


def ask_report_format(parent: QWidget) -> str | None:
    labels = {"Word (.docx)": "docx", "Markdown (.md)": "md", "CSV for spreadsheets (.csv)": "csv"}
    choice, ok = QInputDialog.getItem(
        parent, "Passages Report", "Format of the report:", list(labels), 0, False
    )
    return labels[choice] if ok else None


def ask_table_format(parent: QWidget, title: str) -> str | None:
    """Word, Markdown or CSV for a table (the theme matrix); None when cancelled."""
    labels = {"Word (.docx)": "docx", "Markdown (.md)": "md", "CSV for spreadsheets (.csv)": "csv"}
    choice, ok = QInputDialog.getItem(parent, title, "Format of the table:", list(labels), 0, False)
    return labels[choice] if ok else None


def open_file(path: Path) -> None:
    """Open a file in the program the desktop uses for it (Word for .docx, usually)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_new_note(parent: QWidget, choices: list[Template]) -> tuple[str, str] | None:
    """A template and a title for a new note; None when cancelled."""
    from PySide6.QtWidgets import QComboBox

    dialog = QDialog(parent)
    dialog.setWindowTitle("New Note")
    dialog.setMinimumWidth(460)
    form = QFormLayout(dialog)
    kind = QComboBox()
    for choice in choices:
        kind.addItem(choice.label, choice.name)
    title = QLineEdit()
    title.setPlaceholderText("The subject, as the reader will see it")
    form.addRow("&Template:", kind)
    form.addRow("T&itle:", title)
    if not _run_form(dialog, form):
        return None
    return str(kind.currentData()), " ".join(title.text().split())


def ask_new_template(parent: QWidget, folder: Path) -> NewTemplate | None:
    """A Markdown file and its settings to add as a template; None when cancelled."""
    from briefing.gui.template_dialog import TemplateDialog

    dialog = TemplateDialog(folder, parent)
    return dialog.new_template() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_text(parent: QWidget, title: str, label: str, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, current)
    return " ".join(text.split()) if ok and text.strip() else None


def open_url(url: str) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))


def ask_recover(parent: QWidget | None, problem: str, backup_label: str) -> bool:
    """A damaged project: open its newest good backup as a copy? True for yes."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Project damaged", problem, parent=parent)
    box.setInformativeText(
        f"The newest good backup is from {backup_label}. Open it as a copy? The damaged file"
        " is left as it is."
    )
    yes = box.addButton("Open Backup Copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def ask_backup(parent: QWidget, backups: list[Backup]) -> Backup | None:
    """Which backup to open as a copy (newest first)."""
    labels = [b.label for b in backups]
    choice, ok = QInputDialog.getItem(
        parent, "Restore from Backup", "Open this backup as a copy:", labels, 0, False
    )
    return backups[labels.index(choice)] if ok else None
