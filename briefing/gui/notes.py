"""The note on the right: which one is shown, notes from templates, their metadata, citing and
quoting passages, writing the body, and Undo/Redo between the note and the tagging stack.

``NoteController`` owns the current note. It says ``note_shown`` when another note (or none) is
shown and ``metadata_edited`` when the form changed one, for the analysis to run again, and
``save_state`` with a line for the status bar ("All changes saved", "Note NOT saved: ...").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.citations import insert_citation
from briefing.core.errors import NoteConflict, NotFound
from briefing.core.model import Note, NoteMetadata
from briefing.core.templates import template, templates
from briefing.gui import dialogs
from briefing.gui.folders import start_folder
from briefing.gui.note_editor import NoteEditor
from briefing.gui.note_panel import NotePanel
from briefing.gui.passages_panel import PassagesPanel
from briefing.gui.session import ProjectSession, StatusSink

SAVED = "All changes saved"


class NoteController(QObject):
    note_shown = Signal()
    metadata_edited = Signal()
    save_state = Signal(str)

    def __init__(
        self,
        session: ProjectSession,
        editor: NoteEditor,
        panel: NotePanel,
        passages: PassagesPanel,
        status: StatusSink,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session, self.editor, self.panel, self.passages = session, editor, panel, passages
        self.status, self.parent_widget = status, parent
        self.note_id: int | None = None
        self.version = 0  # of the note's body as last loaded or saved here
        session.closing.connect(editor.save)
        editor.saved.connect(lambda: self.save_state.emit(SAVED))
        editor.save_failed.connect(
            lambda message: self.save_state.emit(f"Note NOT saved: {message}")
        )
        panel.note_chosen.connect(self.show_note)
        panel.new_requested.connect(self.new_note)
        panel.rename_requested.connect(self.rename_note)
        panel.delete_requested.connect(self.delete_note)
        panel.metadata.changed.connect(self.metadata_changed)
        panel.preview.link_clicked.connect(dialogs.open_url)

    def load(self) -> None:
        """Another project: show the note edited last (its first note, if none was edited)."""
        project = self.session.project
        notes = project.notes()
        self.note_id = None
        # The store stamps each change; ISO 8601 in UTC sorts as text. max() keeps the first
        # of equals, so a project whose notes were never edited opens on its first.
        latest = max(notes, key=lambda note: note.updated_at, default=None)
        self.show_note(latest.id if latest else None)
        reason = project.readonly_reason or "changes are not saved"
        self.save_state.emit(f"Read-only: {reason}" if project.readonly else SAVED)

    # ---- which note -----------------------------------------------------------------------

    def current_note(self) -> Note | None:
        if self.note_id is None:
            return None
        try:
            return self.session.project.note(self.note_id)
        except NotFound:
            return None

    def live_note(self) -> Note | None:
        """The current note with the body as it is on screen (perhaps not written yet)."""
        note = self.current_note()
        return None if note is None else replace(note, body=self.editor.body_text())

    def show_note(self, note_id: int | None) -> None:
        """Switch the right-hand side to a note (the one shown is written first)."""
        if note_id != self.note_id:
            self.editor.save()
        self.note_id = note_id
        project = self.session.project
        self.panel.set_notes(project.notes(), note_id)
        note = self.current_note()
        if note is None:
            self.editor.load("", None)
        else:
            writer = None if project.readonly else self._write
            self.panel.metadata.set_metadata(note.metadata)
            self.version = note.version
            self.editor.load(note.body, writer)
        self.note_shown.emit()

    def _write(self, body: str) -> None:
        """Write the body, unless someone else wrote theirs since it was loaded here: then the
        writer sees both and chooses or merges (``dialogs.resolve_note_conflict``)."""
        if self.note_id is None:
            return
        project = self.session.project
        try:
            saved = project.update_note(self.note_id, body=body, expected_version=self.version)
        except NoteConflict as conflict:
            theirs = conflict.theirs
            chosen = dialogs.resolve_note_conflict(
                self.parent_widget, theirs.title, body, theirs.body, theirs.author
            )
            if chosen is None:  # kept unsaved, in the editor: asked again at the next save
                raise
            saved = project.update_note(self.note_id, body=chosen, expected_version=theirs.version)
            if chosen != body:  # show what was saved, once this save has finished
                QTimer.singleShot(0, lambda: self._show_saved(saved.id, chosen))
        self.version = saved.version

    def _show_saved(self, note_id: int, body: str) -> None:
        if note_id == self.note_id and not self.editor.is_dirty():
            self.editor.load(body, self._write)

    def others_changed(self, tables: frozenset[str]) -> None:
        """Another writer committed: show their version of the note, unless it is being edited
        here (then the next save meets their version and asks)."""
        if "note" not in tables:
            return
        project = self.session.project
        self.panel.set_notes(project.notes(), self.note_id)
        note = self.current_note()
        if note is None:
            if self.note_id is not None:  # deleted by someone else
                self.show_note(None)
            return
        form = self.panel.metadata
        focus = QApplication.focusWidget()
        if focus is None or not form.isAncestorOf(focus):  # not while it is being typed in
            form.set_metadata(note.metadata)
        if note.version != self.version and not self.editor.is_dirty():
            cursor = self.editor.textCursor().position()
            self.version = note.version
            self.editor.load(note.body, None if project.readonly else self._write)
            restored = self.editor.textCursor()
            restored.setPosition(min(cursor, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(restored)
            self.note_shown.emit()

    def save_now(self) -> None:
        if self.editor.save():
            self.save_state.emit(SAVED)

    # ---- notes --------------------------------------------------------------------------

    def new_note(self) -> None:
        project = self.session.project
        if project.readonly:
            return
        answer = dialogs.ask_new_note(self.parent_widget, templates())
        if answer is None:
            return
        name, title = answer
        chosen = template(name)
        current = self.current_note()
        metadata = NoteMetadata(
            marking=current.metadata.marking if current else "OFFICIAL",
            sender=current.metadata.sender if current else "",
            date=date.today().isoformat(),
            purpose=chosen.purpose,
        )
        self.editor.save()
        note = project.add_note(title or chosen.label, chosen.name, chosen.body, metadata)
        self.show_note(note.id)

    def add_template(self) -> None:
        """Note > Add Template: a Markdown file and its settings, kept in the data folder."""
        from briefing.core.errors import BriefingError
        from briefing.core.templates import add_user_template

        folder = start_folder(self.session.project.path.parent)  # Documents for the sample
        answer = dialogs.ask_new_template(self.parent_widget, folder)
        if answer is None:
            return
        try:
            data = answer.path.read_bytes()
            body = data.decode("utf-8-sig")
            added = add_user_template(
                answer.name, answer.label, answer.purpose, body, answer.settings
            )
        except (OSError, UnicodeDecodeError, BriefingError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            dialogs.show_error(self.parent_widget, "Add Template", f"Not added: {reason}")
            return
        self.status.showMessage(f"Template “{added.label}” added: File > New Note offers it", 8000)

    def rename_note(self) -> None:
        note = self.current_note()
        if note is None or self.session.project.readonly:
            return
        title = dialogs.ask_text(
            self.parent_widget, "Rename Note", "Title of the note:", note.title
        )
        if title:
            self.session.project.update_note(note.id, title=title)
            self.show_note(note.id)

    def delete_note(self) -> None:
        note = self.current_note()
        project = self.session.project
        if note is None or project.readonly:
            return
        message = f"Delete the note {note.title!r}? This cannot be undone."
        if not dialogs.confirm(self.parent_widget, "Delete Note", message, "Delete Note"):
            return
        self.editor.load("", None)  # nothing left to write for it
        project.delete_note(note.id)
        remaining = project.notes()
        self.show_note(remaining[0].id if remaining else None)

    def metadata_changed(self, metadata: NoteMetadata) -> None:
        if self.note_id is None or self.session.project.readonly:
            return
        self.session.project.update_note(self.note_id, metadata=metadata)
        self.metadata_edited.emit()

    # ---- citing ---------------------------------------------------------------------------

    def cite_passage(self, passage_id: int) -> None:
        """Insert a citation of the passage at the note's cursor."""
        self.cite_passages([passage_id])

    def cite_passages(self, passage_ids: list[int]) -> None:
        """Cite the passages at the note's cursor as one group, joining a citation next to it."""
        editor = self.editor
        if editor.isReadOnly() or not passage_ids:
            return
        body = editor.body_text()
        new_body, caret = insert_citation(body, editor.caret_offset(), passage_ids)
        editor.apply_edit(new_body, caret)
        editor.setFocus()

    def quote_passage(self, passage_id: int) -> None:
        """Insert the passage as a block quote followed by its citation."""
        if self.editor.isReadOnly():
            return
        text = " ".join(self.session.project.passage(passage_id).text.split())
        cursor = self.editor.textCursor()
        lead = "\n\n" if cursor.positionInBlock() else ""
        self.editor.insertPlainText(f"{lead}> {text} [@p{passage_id}]\n\n")
        self.editor.setFocus()

    def cite_selected(self) -> None:
        passage_ids = self.passages.selected_passage_ids()
        if not passage_ids:
            self.status.showMessage("Select a passage in the Passages panel", 5000)
            return
        self.cite_passages(passage_ids)

    def quote_selected(self) -> None:
        passage_id = self.passages.selected_passage_id()
        if passage_id is not None:
            self.quote_passage(passage_id)

    # ---- undo ---------------------------------------------------------------------------

    def undo(self) -> None:
        """The note keeps its own undo while it has the focus; elsewhere, tagging's."""
        if self.editor.hasFocus():
            self.editor.undo()
        else:
            self.session.edits.stack.undo()

    def redo(self) -> None:
        if self.editor.hasFocus():
            self.editor.redo()
        else:
            self.session.edits.stack.redo()
