"""The window's menu bar: File, Edit, Tag, Note, Format, View and Help."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from briefing import __version__
from briefing.gui.actions import make_action
from briefing.gui.backups_ui import restore_from_backup

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """The menu bar; every action through make_action, standard keys where they exist."""
    std = QKeySequence.StandardKey
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(window.notes_ui.actions["new"])
    file_menu.addAction(make_action(window, "New &Project…", window.new_project, "Ctrl+Shift+N"))
    file_menu.addAction(make_action(window, "&Open…", window.choose_project, std.Open))
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(partial(fill_recent_menu, window))
    file_menu.addMenu(window.recent_menu)
    file_menu.addAction(
        make_action(window, "Restore from &Backup…", partial(restore_from_backup, window))
    )
    file_menu.addSeparator()
    sources = window.source_actions
    window.import_action = make_action(
        window, "&Import Sources…", sources.import_sources, "Ctrl+Shift+I"
    )
    window.clipboard_action = make_action(
        window, "New Source from &Clipboard…", sources.source_from_clipboard, "Ctrl+Shift+V"
    )
    file_menu.addActions([window.import_action, window.clipboard_action])
    export_menu = file_menu.addMenu("&Export")
    window.export_word_action = make_action(
        window, "&Word…", partial(window.exports.export_note, "docx"), "Ctrl+E"
    )
    window.export_md_action = make_action(
        window, "&Markdown…", partial(window.exports.export_note, "md"), "Ctrl+Shift+E"
    )
    window.export_report_action = make_action(
        window, "&Passages Report…", window.exports.export_report, tip="The passages shown now"
    )
    export_menu.addActions(
        [window.export_word_action, window.export_md_action, window.export_report_action]
    )
    file_menu.addSeparator()
    file_menu.addAction(
        make_action(
            window,
            "&Save",
            window.save_now,
            std.Save,
            "Changes are saved as you work; this writes the note at once",
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(make_action(window, "&Quit", window.close, std.Quit, fallback="Ctrl+Q"))

    edit_menu = bar.addMenu("&Edit")
    window.undo_action = make_action(window, "&Undo", window.undo, std.Undo)
    window.redo_action = make_action(
        window, "&Redo", window.redo, std.Redo, fallback="Ctrl+Shift+Z"
    )
    edit_menu.addActions([window.undo_action, window.redo_action])
    window.edits.stack.indexChanged.connect(window._update_undo_texts)
    edit_menu.addSeparator()
    for text, key, method in (
        ("Cu&t", std.Cut, "cut"),
        ("&Copy", std.Copy, "copy"),
        ("&Paste", std.Paste, "paste"),
        ("Select &All", std.SelectAll, "selectAll"),
    ):
        edit_menu.addAction(make_action(window, text, on_focused(method), key))
    edit_menu.addSeparator()
    window.find_action = make_action(window, "&Find in Source…", window.find_bar.open, std.Find)
    window.search_action = make_action(
        window, "Search &All Sources…", window.open_search, "Ctrl+Shift+F"
    )
    edit_menu.addActions([window.find_action, window.search_action])
    edit_menu.addSeparator()
    window.details_action = make_action(
        window, "Source &Details…", sources.edit_details, "Ctrl+Shift+D"
    )
    window.delete_source_action = make_action(window, "Delete Source…", sources.delete_source)
    edit_menu.addActions([window.details_action, window.delete_source_action])
    window.sources.addActions([window.details_action, window.delete_source_action])
    window.sources.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    bar.addMenu(window.tagging.tag_menu)
    window.suggest_action = make_action(
        window, "&Suggest Passages", window.show_suggestions, "Ctrl+Shift+G"
    )
    window.tagging.extra_actions = [window.suggest_action]

    actions = window.notes_ui.actions
    note_menu = bar.addMenu("&Note")
    note_menu.addActions([actions["new"]])
    note_menu.addAction(make_action(window, "&Rename Note…", window.notes_ui.rename_note))
    note_menu.addAction(make_action(window, "&Delete Note…", window.notes_ui.delete_note))
    note_menu.addSeparator()
    note_menu.addActions([actions["cite"], actions["quote_passage"]])
    note_menu.addSeparator()
    note_menu.addAction(actions["preview"])
    format_menu = bar.addMenu("F&ormat")
    for group in (("bold", "italic"), ("h1", "h2", "h3"), ("bullets", "numbers", "quote")):
        format_menu.addActions([actions[key] for key in group])
        format_menu.addSeparator()

    view_menu = bar.addMenu("&View")
    window.toggle_sources = make_action(
        window, "&Sources and Themes", window._toggle_sources, "Ctrl+Shift+L", checkable=True
    )
    window.toggle_sources.setChecked(True)
    view_menu.addAction(window.toggle_sources)
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(make_action(window, "&About Briefing", partial(about, window)))
    help_menu.addAction(make_action(window, "About &Qt", QApplication.aboutQt))


def on_focused(method: str) -> Callable[[], None]:
    """Edit actions act on whichever text widget has the focus."""

    def run() -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    return run


def fill_recent_menu(window: MainWindow) -> None:
    window.recent_menu.clear()
    recent = [p for p in window.settings.recent_projects() if p.exists()]
    for path in recent:
        window.recent_menu.addAction(
            make_action(window, path.name, partial(window.open_project, path), tip=str(path))
        )
    if not recent:
        window.recent_menu.addAction("No recent projects").setEnabled(False)


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About Briefing",
        f"<b>Briefing {__version__}</b><p>Tag passages of your sources by theme, draft a"
        " briefing note that cites them, and export it to Word or Markdown.</p>",
    )
