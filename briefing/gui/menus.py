"""The window's actions and its menu bar: File, Edit, Tag, Note, Format, View and Help.

``WindowMenus`` makes every action of the window once (through ``make_action``), names each
(``menus.action("import")``) and builds the menus from them. What an action does is bound by
whoever assembles the window (``bind``); the few that need nothing else (Cut, About) are bound
here. The Tag menu lists the themes (Ctrl+1..9 for the first nine): ``tag_requested(theme_id)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QMessageBox, QWidget

from briefing import __version__
from briefing.core.location import ServerAddress
from briefing.core.model import Theme
from briefing.gui.actions import TAG_SHORTCUTS, Shortcut, connect, make_action
from briefing.gui.appearance import THEME_CHOICES
from briefing.gui.settings import Settings
from briefing.gui.swatches import colour_icon

STD = QKeySequence.StandardKey
# name: text, shortcut, tip. Menus list them by name below; "-" is a separator.
ACTIONS: dict[str, tuple[str, Shortcut, str]] = {
    "new_note": ("New &Note…", STD.New, ""),
    "new_project": ("New &Project…", "Ctrl+Shift+N", ""),
    "open": ("&Open…", STD.Open, ""),
    "open_server": ("Open &Server Project…", None, "A project on a PostgreSQL server, by its URL"),
    "restore_backup": ("Restore from &Backup…", None, ""),
    "import": ("&Import Sources…", "Ctrl+Shift+I", ""),
    "clipboard": ("New Source from &Clipboard…", "Ctrl+Shift+V", ""),
    "ocr_language": ("OCR &Language…", None, "The language Tesseract reads scanned pages in"),
    "export_word": ("&Word…", "Ctrl+E", ""),
    "export_md": ("&Markdown…", "Ctrl+Shift+E", ""),
    "export_report": ("&Passages Report…", None, "The passages shown now"),
    "export_matrix": ("Theme &Matrix…", None, "Passages per source and theme, as a table"),
    "export_qdpx": ("&REFI-QDA Project…", None, "For NVivo, ATLAS.ti, MAXQDA, QualCoder"),
    "save": ("&Save", STD.Save, "Changes are saved as you work; this writes the note at once"),
    "quit": ("&Quit", STD.Quit, ""),
    "undo": ("&Undo", STD.Undo, ""),
    "redo": ("&Redo", STD.Redo, ""),
    "cut": ("Cu&t", STD.Cut, ""),
    "copy": ("&Copy", STD.Copy, ""),
    "paste": ("&Paste", STD.Paste, ""),
    "select_all": ("Select &All", STD.SelectAll, ""),
    "find": ("&Find in Source…", STD.Find, ""),
    "search": ("Search &All Sources…", "Ctrl+Shift+F", ""),
    "details": ("Source &Details…", "Ctrl+Shift+D", ""),
    "delete_source": ("Delete Source…", None, ""),
    "author": ("Your &Name…", None, "The name your changes are recorded under"),
    "new_theme": ("New Theme from Selection…", "Ctrl+Shift+T", ""),
    "suggest": ("&Suggest Passages", "Ctrl+Shift+G", ""),
    "rename_note": ("&Rename Note…", None, ""),
    "delete_note": ("&Delete Note…", None, ""),
    "add_template": ("Add &Template…", None, "A Markdown file of yours as a note template"),
    "cite": ("&Cite Passage", "Ctrl+Shift+C", ""),
    "quote_passage": ("Quote &Passage", "Ctrl+Shift+Q", ""),
    "preview": ("&Preview", "Ctrl+Shift+P", ""),
    "bold": ("&Bold", "Ctrl+B", ""),
    "italic": ("&Italic", "Ctrl+I", ""),
    "h1": ("Heading &1", "Ctrl+Alt+1", ""),
    "h2": ("Heading &2", "Ctrl+Alt+2", ""),
    "h3": ("Heading &3", "Ctrl+Alt+3", ""),
    "bullets": ("B&ullet List", "Ctrl+Shift+8", ""),
    "numbers": ("N&umbered List", "Ctrl+Shift+7", ""),
    "quote": ("&Quote", "Ctrl+Shift+.", ""),
    "toggle_sources": ("&Sources and Themes", "Ctrl+Shift+L", ""),
    "show_markup": ("Show &Markup", "Ctrl+Shift+M", "Show every #, ** and list marker as typed"),
    "spell_check": ("Check &Spelling as You Type", "F7", ""),
    "zoom_in": (
        "Zoom &In",
        "Ctrl+=",
        "Larger text in the source or the note, whichever has the focus",
    ),
    "zoom_out": ("Zoom &Out", "Ctrl+-", "Smaller text in the source or the note"),
    "zoom_reset": ("&Actual Size", "Ctrl+0", "The source or the note at its usual size"),
    "reading_width": ("&Reading Width", None, "Source lines no longer than about 80 characters"),
    "next_pane": ("&Next Pane", "F6", "Move to the next pane: sources, themes, source, note…"),
    "previous_pane": ("Pre&vious Pane", "Shift+F6", "Move to the previous pane"),
    "context_menu": ("&Context Menu", "Shift+F10", "The menu of what has the focus (also Menu)"),
    "about": ("&About Briefing", None, ""),
    "about_qt": ("About &Qt", None, ""),
}
FALLBACKS = {"quit": "Ctrl+Q", "redo": "Ctrl+Shift+Z"}  # where the platform has no standard key
CHECKABLE = frozenset({"preview", "toggle_sources", "show_markup", "spell_check", "reading_width"})
# Zoom In answers Ctrl++ too (the key next to Ctrl+= on many keyboards is the same one).
EXTRA_SHORTCUTS = {"zoom_in": ("Ctrl++",)}
# Formatting belongs to the note editor: these act only while it has the focus.
FORMATTING = ("bold", "italic", "h1", "h2", "h3", "bullets", "numbers", "quote")
# Changing the project's sources: off while it is open read-only.
WRITING = ("import", "clipboard", "details", "delete_source", "ocr_language")
MENUS: dict[str, tuple[str, ...]] = {
    "&File": (
        "new_note", "new_project", "open", "open_server", "@recent", "restore_backup", "-",
        "import", "clipboard", "ocr_language", "@export", "-", "save", "-", "quit",
    ),
    "&Edit": (
        "undo", "redo", "-", "cut", "copy", "paste", "select_all", "-", "find", "search", "-",
        "details", "delete_source", "-", "author",
    ),
    "&Note": (
        "new_note", "rename_note", "delete_note", "add_template", "-", "cite", "quote_passage",
        "-", "preview", "-", "spell_check", "@spelling",
    ),
    "F&ormat": (
        "bold", "italic", "-", "h1", "h2", "h3", "-", "bullets", "numbers", "quote", "-",
    ),
    "&View": (
        "toggle_sources", "show_markup", "@docks", "-", "zoom_in", "zoom_out", "zoom_reset",
        "reading_width", "-", "next_pane", "previous_pane", "context_menu", "-", "@theme",
    ),
    "&Help": ("about", "about_qt"),
}  # fmt: skip
EXPORTS = ("export_word", "export_md", "export_report", "export_matrix", "export_qdpx")
MENU_ORDER = ("&File", "&Edit", "@tag", "&Note", "F&ormat", "&View", "&Help")


class WindowMenus(QObject):
    tag_requested = Signal(int)  # theme id: tag the source's selection with it
    recent_chosen = Signal(object)  # a project in File > Open Recent: a Path or ServerAddress
    colours_chosen = Signal(str)  # View > Theme: a key of appearance.THEME_CHOICES

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        undo_stack: QUndoStack,
        docks: Sequence[QDockWidget],
    ) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.actions: dict[str, QAction] = {
            name: make_action(
                window,
                text,
                shortcut=key,
                tip=tip,
                checkable=name in CHECKABLE,
                fallback=FALLBACKS.get(name, ""),
            )
            for name, (text, key, tip) in ACTIONS.items()
        }
        for name in FORMATTING:
            self.actions[name].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for name, keys in EXTRA_SHORTCUTS.items():
            action = self.actions[name]
            action.setShortcuts([action.shortcut(), *map(QKeySequence, keys)])
        # The keyboard's own menu key opens a context menu too, where Shift+F10 does.
        menu_keys = [QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)]
        self.actions["context_menu"].setShortcuts(menu_keys)
        self.actions["toggle_sources"].setChecked(True)
        self.actions["spell_check"].setChecked(True)
        self.spelling_menu = QMenu("Spelling &Language", window)  # filled by the spelling
        self.tag_actions: list[QAction] = []
        # Where the theme keys act: the source viewer only (set by the window), so Ctrl+1 in
        # the note does nothing to the source's leftover selection.
        self.tag_key_widget: QWidget = window
        self.tag_menu = QMenu("&Tag", window)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        # View > Theme: the window's colours (its entries say so: not a theme of passages).
        self.colours_menu = QMenu("&Theme", window)
        group = QActionGroup(self.colours_menu)
        self.colour_actions: dict[str, QAction] = {}
        for choice, text in THEME_CHOICES.items():
            action = make_action(
                group,
                text,
                partial(self.colours_chosen.emit, choice),
                tip=f"Show the window in {text.replace('&', '').lower()} colours",
                checkable=True,
            )
            self.colour_actions[choice] = action
            self.colours_menu.addAction(action)
        self.bind(
            {
                "cut": partial(on_focused, "cut"),
                "copy": partial(on_focused, "copy"),
                "paste": partial(on_focused, "paste"),
                "select_all": partial(on_focused, "selectAll"),
                "about": partial(about, window),
                "about_qt": QApplication.aboutQt,
            }
        )
        # The step each would take, by name ("Undo Tag Passage"); the text is empty when none.
        undo_stack.undoTextChanged.connect(partial(self._name_step, "undo", "&Undo"))
        undo_stack.redoTextChanged.connect(partial(self._name_step, "redo", "&Redo"))
        self._build(docks)

    def action(self, name: str) -> QAction:
        return self.actions[name]

    def bind(self, slots: Mapping[str, Callable[[], object]]) -> None:
        """What each named action does when triggered (by its menu entry or its shortcut)."""
        for name, slot in slots.items():
            connect(self.actions[name], slot)

    def formatting_actions(self) -> list[QAction]:
        return [self.actions[name] for name in FORMATTING]

    def _build(self, docks: Sequence[QDockWidget]) -> None:
        bar = self.window.menuBar()
        for title in MENU_ORDER:
            if title == "@tag":
                bar.addMenu(self.tag_menu)
                continue
            menu = bar.addMenu(title)
            for name in MENUS[title]:
                if name == "-":
                    menu.addSeparator()
                elif name == "@recent":
                    menu.addMenu(self.recent_menu)
                elif name == "@spelling":
                    menu.addMenu(self.spelling_menu)
                elif name == "@export":
                    menu.addMenu("&Export").addActions([self.actions[e] for e in EXPORTS])
                elif name == "@docks":
                    menu.addActions([dock.toggleViewAction() for dock in docks])
                elif name == "@theme":
                    menu.addMenu(self.colours_menu)
                else:
                    menu.addAction(self.actions[name])

    # ---- state --------------------------------------------------------------------------

    def show_colours(self, choice: str) -> None:
        """Tick the colours in use in View > Theme."""
        action = self.colour_actions.get(choice, self.colour_actions["system"])
        action.setChecked(True)

    def set_read_only(self, read_only: bool) -> None:
        for name in (*WRITING, "new_theme"):
            self.actions[name].setEnabled(not read_only)
        for action in self.tag_actions:
            action.setEnabled(not read_only)

    def set_themes(self, themes: Sequence[Theme]) -> None:
        """One action per theme, Ctrl+1..9 for the first nine, in the themes' order."""
        for action in self.tag_actions:
            self.tag_key_widget.removeAction(action)
            action.deleteLater()
        self.tag_menu.clear()
        self.tag_actions = []
        enabled = self.actions["new_theme"].isEnabled()
        for index, theme in enumerate(themes):
            key = TAG_SHORTCUTS[index] if index < len(TAG_SHORTCUTS) else None
            action = make_action(
                self.window,
                theme.name,
                partial(self.tag_requested.emit, theme.id),
                key,
                f"Tag the selected text as {theme.name}",
            )
            action.setIcon(colour_icon(theme.colour))
            action.setEnabled(enabled)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tag_key_widget.addAction(action)
            self.tag_actions.append(action)
            self.tag_menu.addAction(action)
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.actions["new_theme"])
        self.tag_menu.addSeparator()
        self.tag_menu.addAction(self.actions["suggest"])

    def _name_step(self, name: str, label: str, step: str) -> None:
        self.actions[name].setText(f"{label} {step}" if step else label)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent if isinstance(p, ServerAddress) or p.exists()]
        for location in recent:
            # A server project by its database, the URL (never a password) in the tip.
            label = f"{location.name} (server)" if isinstance(location, ServerAddress) else None
            self.recent_menu.addAction(
                make_action(
                    self.window,
                    label or location.name,
                    partial(self.recent_chosen.emit, location),
                    tip=str(location),
                )
            )
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)


def on_focused(method: str) -> None:
    """Edit actions act on whichever text widget has the focus."""
    widget = QApplication.focusWidget()
    if widget is not None and hasattr(widget, method):
        getattr(widget, method)()


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Briefing",
        f"<b>Briefing {__version__}</b><p>Tag passages of your sources by theme, draft a"
        " briefing note that cites them, and export it to Word or Markdown.</p>",
    )
