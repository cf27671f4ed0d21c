"""Drafting the note: notes from templates, their metadata, formatting, citing passages, and
what the note tells its writer (page meter, problems, coverage, outline, preview).

The analysis runs a moment after typing pauses, on the text as it is on screen, against the
project's passages (read once, then kept until a passage or theme changes).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from briefing.core.model import NoteBundle, NoteMetadata
from briefing.core.templates import template, templates
from briefing.gui import dialogs
from briefing.gui.actions import make_action

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow

ANALYSIS_DELAY_MS = 400


class NoteActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._project_part: NoteBundle | None = None  # sources, passages, themes; no note
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(ANALYSIS_DELAY_MS)
        self._due.timeout.connect(self.analyse)
        editor = window.editor
        editor.edited.connect(self._due.start)
        self.actions = self._make_actions()

    def _make_actions(self) -> dict[str, QAction]:
        w, editor = self.window, self.window.editor
        made = {
            "new": make_action(w, "New &Note…", self.new_note, QKeySequence.StandardKey.New),
            "bold": make_action(w, "&Bold", partial(editor.wrap_selection, "**"), "Ctrl+B"),
            "italic": make_action(w, "&Italic", partial(editor.wrap_selection, "*"), "Ctrl+I"),
            "h1": make_action(w, "Heading &1", partial(editor.set_heading, 1), "Ctrl+Alt+1"),
            "h2": make_action(w, "Heading &2", partial(editor.set_heading, 2), "Ctrl+Alt+2"),
            "h3": make_action(w, "Heading &3", partial(editor.set_heading, 3), "Ctrl+Alt+3"),
            "bullets": make_action(w, "B&ullet List", editor.bullet_list, "Ctrl+Shift+8"),
            "numbers": make_action(w, "N&umbered List", editor.numbered_list, "Ctrl+Shift+7"),
            "quote": make_action(w, "&Quote", editor.quote, "Ctrl+Shift+."),
            "cite": make_action(w, "&Cite Passage", self.cite_selected, "Ctrl+Shift+C"),
            "quote_passage": make_action(w, "Quote &Passage", self.quote_selected, "Ctrl+Shift+Q"),
            "preview": make_action(
                w, "&Preview", self._toggle_preview, "Ctrl+Shift+P", checkable=True
            ),
        }
        # Formatting belongs to the editor: its shortcuts act only while it has the focus.
        for key in ("bold", "italic", "h1", "h2", "h3", "bullets", "numbers", "quote"):
            made[key].setShortcutContext(made[key].shortcutContext().WidgetWithChildrenShortcut)
            editor.addAction(made[key])
        return made

    # ---- notes --------------------------------------------------------------------------

    def new_note(self) -> None:
        window = self.window
        if window.project.readonly:
            return
        answer = dialogs.ask_new_note(window, templates())
        if answer is None:
            return
        name, title = answer
        chosen = template(name)
        current = window.current_note()
        metadata = NoteMetadata(
            marking=current.metadata.marking if current else "OFFICIAL",
            sender=current.metadata.sender if current else "",
            date=date.today().isoformat(),
            purpose=chosen.purpose,
        )
        window.editor.save()
        note = window.project.add_note(title or chosen.label, chosen.name, chosen.body, metadata)
        window.show_note(note.id)

    def rename_note(self) -> None:
        note = self.window.current_note()
        if note is None or self.window.project.readonly:
            return
        title = dialogs.ask_text(self.window, "Rename Note", "Title of the note:", note.title)
        if title:
            self.window.project.update_note(note.id, title=title)
            self.window.show_note(note.id)

    def delete_note(self) -> None:
        window = self.window
        note = window.current_note()
        if note is None or window.project.readonly:
            return
        message = f"Delete the note {note.title!r}? This cannot be undone."
        if not dialogs.confirm(window, "Delete Note", message, "Delete Note"):
            return
        window.editor.load("", None)  # nothing left to write for it
        window.project.delete_note(note.id)
        remaining = window.project.notes()
        window.show_note(remaining[0].id if remaining else None)

    def metadata_changed(self, metadata: NoteMetadata) -> None:
        note_id = self.window.note_id
        if note_id is None or self.window.project.readonly:
            return
        self.window.project.update_note(note_id, metadata=metadata)
        self._due.start()

    # ---- citing ---------------------------------------------------------------------------

    def cite_selected(self) -> None:
        passage_id = self.window.passages_panel.selected_passage_id()
        if passage_id is None:
            self.window.statusBar().showMessage("Select a passage in the Passages panel", 5000)
            return
        self.window.cite_passage(passage_id)

    def quote_selected(self) -> None:
        passage_id = self.window.passages_panel.selected_passage_id()
        if passage_id is not None:
            self.window.quote_passage(passage_id)

    def describe_passage(self, passage_id: int) -> str:
        """A citation's hover: the passage, its themes and its source."""
        part = self.project_part()
        passage = part.passages.get(passage_id)
        if passage is None:
            return f"p{passage_id}: no such passage (deleted?)"
        source = part.sources.get(passage.source_id)
        themes = ", ".join(part.theme_names(passage))
        text = " ".join(passage.text.split())
        text = text if len(text) < 400 else text[:399] + "…"
        where = source.title if source else f"source {passage.source_id}"
        return f"p{passage_id} ({themes}) — {where}\n“{text}”"

    # ---- analysis -----------------------------------------------------------------------

    def stop(self) -> None:
        """The window is closing: no analysis after the project is gone."""
        self._due.stop()
        self.window.editor.edited.disconnect(self._due.start)

    def schedule(self) -> None:
        """Analyse the note soon (a pause in typing, a switch of note)."""
        self._due.start()

    def project_changed(self) -> None:
        """Passages or themes changed: read them again at the next analysis."""
        self._project_part = None
        self._due.start()

    def project_part(self) -> NoteBundle:
        if self._project_part is None:
            self._project_part = self.window.project.bundle(None)
        return self._project_part

    def current_bundle(self) -> NoteBundle | None:
        note = self.window.current_note()
        if note is None:
            return None
        live = replace(note, body=self.window.editor.toPlainText())
        return replace(self.project_part(), note=live)

    def analyse(self) -> None:
        window = self.window
        bundle = self.current_bundle()
        if bundle is None:
            window.page_meter.setText("")
            window.problems_panel.set_problems([])
            window.outline_panel.set_body("")
            return
        # Loaded here, on the first analysis after the window is up (they bring in Markdown).
        from briefing.core.coverage import coverage
        from briefing.exporters import render_preview_html
        from briefing.exporters.checks import check_note
        from briefing.exporters.pages import estimate_pages, format_meter

        pages = estimate_pages(bundle)
        text, over = format_meter(pages, bundle.note.metadata.page_limit)
        window.page_meter.setText(text)
        # Past the limit the meter turns red, the way a word-count target does in Scrivener.
        window.page_meter.setStyleSheet("color: #C62828; font-weight: bold;" if over else "")
        window.problems_panel.set_problems(check_note(bundle))
        window.coverage_panel.set_coverage(coverage(bundle), bundle.passages)
        window.outline_panel.set_body(bundle.note.body)
        colours = {}
        themes = {t.id: t.colour for t in bundle.themes}
        for pid, passage in bundle.passages.items():
            colours[pid] = themes.get(passage.theme_ids[0]) if passage.theme_ids else None
        window.highlighter.set_citation_colours(colours)
        if window.note_panel.preview.isVisible():
            window.note_panel.preview.show_html(render_preview_html(bundle))

    def _toggle_preview(self) -> None:
        visible = self.actions["preview"].isChecked()
        self.window.note_panel.set_preview_visible(visible)
        if visible:
            self.analyse()
