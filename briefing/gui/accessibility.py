"""What a screen reader says for each part of the window: an accessible name (what it is) and a
description (what it holds and how to use it), set in one place for the whole window.

A widget without a name is announced by its kind alone ("table", "edit", "edit"). Labels with a
buddy and buttons with text name themselves; everything else is named here.
tests/gui/test_keyboard.py walks every widget that can take the focus and fails on one without
a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabBar, QWidget

if TYPE_CHECKING:
    from briefing.gui.main_window import MainWindow


def name(widget: QWidget, text: str, description: str = "") -> None:
    widget.setAccessibleName(text)
    if description:
        widget.setAccessibleDescription(description)


def describe_window(window: MainWindow) -> None:
    """Name and describe the window's widgets (the panels' and the window's own)."""
    w = window
    meta = w.note_panel.metadata
    signoff = meta.signoff
    passages = w.passages_panel
    suggestions = w.suggestions_panel
    for widget, text, description in (
        (w.sources, "Sources", "The project's sources; Enter shows one, Shift+F10 its menu"),
        (
            w.themes_panel.view,
            "Themes",
            "Themes with their passage counts and tagging keys; Shift+F10 for their actions",
        ),
        (
            w.viewer,
            "Source text",
            "The source shown, read-only, its passages highlighted; select text and press "
            "Ctrl+1 to Ctrl+9 to tag it",
        ),
        (w.ruler, "Passages overview", "Where the source's passages are; click to go there"),
        (w.editor, "Note", "The briefing note in Markdown; saved as you type"),
        (w.note_panel.notes, "Note shown", "Which of the project's notes is shown"),
        (w.note_panel.preview, "Preview", "The note as its Word export will read"),
        (meta.to_edit, "To", "Who the note is addressed to"),
        (meta.from_edit, "From", "Who the note is from"),
        (meta.marking_box, "Marking", "Security marking printed on every page"),
        (meta.date_edit, "Date", "Date of the note"),
        (meta.reference_edit, "Reference", "File number or reference"),
        (meta.purpose_box, "Purpose", "For decision or for information"),
        (meta.status_box, "Status", "Draft or final"),
        (meta.page_limit_spin, "Page limit", "Pages the exported note should fit in"),
        (meta.signoff_toggle, "Routing and sign-off", "Show or hide the routing and sign-off"),
        (signoff.through_edit, "Through", "Who the note goes through, separated by ;"),
        (signoff.copies_edit, "Copies to", "Who gets copies, separated by ;"),
        (signoff.critical_date_edit, "Critical date", "When a decision is needed"),
        (signoff.critical_reason_edit, "Reason for the critical date", ""),
        (signoff.contact_name_edit, "Contact officer", ""),
        (signoff.contact_phone_edit, "Contact phone", ""),
        (signoff.prepared_name_edit, "Prepared by: name", ""),
        (signoff.prepared_role_edit, "Prepared by: role", ""),
        (signoff.prepared_date_edit, "Prepared by: date", ""),
        (signoff.cleared, "Cleared by", "Who cleared the note: name, role and date a row"),
        (w.outline_panel.tree, "Outline", "The note's headings; Enter goes to one"),
        (
            w.coverage_panel.tree,
            "Coverage",
            "Each theme's passages and how many the note cites; flagged when none is cited",
        ),
        (w.problems_panel.list, "Problems", "The note's problems; Enter goes to one"),
        (passages.theme_combo, "Theme filter", "Show the passages of one theme"),
        (passages.source_combo, "Source filter", "Show the passages of one source"),
        (passages.search, "Filter passages by words", ""),
        (
            passages.view,
            "Passages",
            "The tagged passages; Enter shows one in its source, Ctrl+Shift+C cites it, "
            "Shift+F10 for more",
        ),
        (suggestions.scope, "Suggest from", "This source or all sources"),
        (suggestions.theme, "Suggest for theme", ""),
        (
            suggestions.list,
            "Suggestions",
            "Sentences a theme's keywords match; Enter accepts, or use the buttons below",
        ),
    ):
        name(widget, text, description)
    # The tabs Qt makes for docks that share a place.
    for bar in w.findChildren(QTabBar):
        if not bar.accessibleName():
            titles = ", ".join(bar.tabText(i) for i in range(bar.count()))
            name(bar, "Panel tabs", f"Tabs: {titles}")
