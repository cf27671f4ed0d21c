"""The note's side widgets (metadata form, highlighter, preview, outline, coverage, problems),
each driven as a user drives it, with real model objects and no project store."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTreeView, QTreeWidget, QTreeWidgetItem

from briefing.core.coverage import coverage
from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, Source, Theme
from briefing.exporters import render_preview_html
from briefing.exporters.checks import Problem
from briefing.gui.coverage_panel import FLAGGED_ROLE, FLAGGED_TIP, PASSAGE_ID_ROLE, CoveragePanel
from briefing.gui.markdown_highlighter import MarkdownHighlighter
from briefing.gui.metadata_form import MetadataForm
from briefing.gui.outline_panel import OutlinePanel, headings
from briefing.gui.preview import PreviewBrowser
from briefing.gui.problems_panel import ProblemsPanel
from tests.gui.conftest import ContextMenus

EMOJI = "😀"
THEMES = (Theme(1, "Export controls", "#E4572E"), Theme(2, "Sovereignty", "#4C9F70"))
SOURCE = Source(1, "US-EU talks", "txt", "seed", "", "", "", "OFFICIAL", "0" * 64, 500)
PASSAGES = {
    1: Passage(1, 1, 0, 40, "Washington tightened export controls\non chips.", (1,)),
    2: Passage(2, 1, 50, 90, "Europe calls access a matter of sovereignty.", (2,)),
    3: Passage(3, 1, 95, 130, "Controls could redirect investment.", (1, 2)),
}
META = NoteMetadata("PROTECTED B", "Deputy Minister", "Policy Branch", "2025-03-14", "BN-41")


def bundle(body: str) -> NoteBundle:
    return NoteBundle(Note(1, "AI access", "decision", body, META), {1: SOURCE}, PASSAGES, THEMES)


@pytest.fixture
def show(qtbot):
    def show(widget):
        qtbot.addWidget(widget)
        widget.resize(500, 300)
        with qtbot.waitExposed(widget):
            widget.show()
        return widget

    return show


def click_item(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    centre: QPoint = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


# ---- metadata form -------------------------------------------------------------------------


@pytest.fixture
def form(show, qtbot) -> MetadataForm:
    widget = show(MetadataForm())
    with qtbot.assertNotEmitted(widget.changed):
        widget.set_metadata(META)
    return widget


def test_metadata_round_trips_without_emitting(form: MetadataForm) -> None:
    assert form.metadata() == META
    assert form.to_edit.text() == "Deputy Minister"
    assert form.page_limit_spin.text() == "2 pages"


def test_typing_in_to_emits_the_new_metadata(qtbot, form: MetadataForm) -> None:
    form.to_edit.setFocus()
    form.to_edit.selectAll()
    qtbot.keyClicks(form.to_edit, "Minister of Industry")
    with qtbot.waitSignal(form.changed) as blocker:
        qtbot.keyClick(form.to_edit, Qt.Key.Key_Return)  # finishes editing, like focus out
    assert blocker.args == [replace(META, to="Minister of Industry")]


def test_focus_leaving_a_field_emits(qtbot, form: MetadataForm) -> None:
    form.activateWindow()
    form.reference_edit.setFocus()
    qtbot.waitUntil(form.reference_edit.hasFocus)
    qtbot.keyClick(form.reference_edit, Qt.Key.Key_End)
    qtbot.keyClicks(form.reference_edit, "-2")
    with qtbot.waitSignal(form.changed) as blocker:
        form.from_edit.setFocus()
    assert blocker.args[0].reference == "BN-41-2"
    with qtbot.assertNotEmitted(form.changed):
        form.to_edit.setFocus()  # leaving an untouched field is not an edit


def test_marking_is_free_text_in_capitals(qtbot, form: MetadataForm) -> None:
    form.marking_box.lineEdit().selectAll()
    qtbot.keyClicks(form.marking_box, "official-sensitive commercial")
    with qtbot.waitSignal(form.changed) as blocker:
        qtbot.keyClick(form.marking_box, Qt.Key.Key_Return)
    assert blocker.args[0].marking == "OFFICIAL-SENSITIVE COMMERCIAL"


def test_purpose_and_page_limit_emit_on_change(qtbot, form: MetadataForm) -> None:
    with qtbot.waitSignal(form.changed) as blocker:
        qtbot.keyClick(form.purpose_box, Qt.Key.Key_Down)
    assert blocker.args[0].purpose == "information"
    with qtbot.waitSignal(form.changed) as blocker:
        qtbot.keyClick(form.page_limit_spin, Qt.Key.Key_Up)
    assert blocker.args[0].page_limit == 3
    assert blocker.args[0].purpose == "information"


def test_empty_date_is_an_empty_string(qtbot, form: MetadataForm) -> None:
    with qtbot.assertNotEmitted(form.changed):
        form.set_metadata(NoteMetadata(date=""))
    assert form.date_edit.text() == "—"
    assert form.metadata().date == ""
    with qtbot.waitSignal(form.changed) as blocker:
        form.date_edit.setDate(QDate(2025, 4, 1))  # as the calendar popup does
    assert blocker.args[0].date == "2025-04-01"
    with qtbot.waitSignal(form.changed) as blocker:
        form.date_edit.setDate(form.date_edit.minimumDate())
    assert blocker.args[0].date == ""


def test_read_only_form_takes_no_edits(qtbot, form: MetadataForm) -> None:
    form.set_read_only(True)
    with qtbot.assertNotEmitted(form.changed):
        qtbot.keyClicks(form.to_edit, "x")
        qtbot.keyClick(form.to_edit, Qt.Key.Key_Return)
        qtbot.keyClick(form.page_limit_spin, Qt.Key.Key_Up)
    assert form.metadata() == META
    assert not form.purpose_box.isEnabled()


def test_routing_and_sign_off_are_typed_in_the_form(qtbot, form: MetadataForm) -> None:
    """Issue 14: Through, Copies to, the critical date, contact, prepared by, cleared by."""
    signoff = form.signoff
    assert not signoff.isVisible()
    qtbot.mouseClick(form.signoff_toggle, Qt.MouseButton.LeftButton)
    assert signoff.isVisible()

    def type_into(edit, text: str) -> NoteMetadata:  # type: ignore[no-untyped-def]
        edit.setFocus()
        qtbot.keyClicks(edit, text)
        with qtbot.waitSignal(form.changed) as blocker:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        return blocker.args[0]

    type_into(signoff.through_edit, "Deputy Minister; Associate Deputy Minister")
    type_into(signoff.copies_edit, "Chief of Staff")
    type_into(signoff.critical_date_edit, "2025-12-05")
    type_into(signoff.critical_reason_edit, "The talks resume")
    type_into(signoff.contact_name_edit, "A. Analyst")
    type_into(signoff.contact_phone_edit, "555 0100")
    type_into(signoff.prepared_name_edit, "A. Analyst")
    meta = type_into(signoff.prepared_role_edit, "Policy Officer")
    assert meta.through == ("Deputy Minister", "Associate Deputy Minister")
    assert meta.copies_to == ("Chief of Staff",)
    assert (meta.critical_date, meta.critical_reason) == ("2025-12-05", "The talks resume")
    assert (meta.contact.name, meta.contact.phone) == ("A. Analyst", "555 0100")
    assert (meta.prepared_by.name, meta.prepared_by.role) == ("A. Analyst", "Policy Officer")

    table = signoff.cleared
    for name, role in (("B. Lead", "Director"), ("C. Head", "DG")):
        with qtbot.assertNotEmitted(form.changed):  # an empty row is no change yet
            qtbot.mouseClick(signoff.add_button, Qt.MouseButton.LeftButton)
        editor = table.focusWidget() or table
        qtbot.keyClicks(editor, name)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
        editor = table.focusWidget() or table
        qtbot.keyClicks(editor, role)
        with qtbot.waitSignal(form.changed) as blocker:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
    cleared = blocker.args[0].cleared_by
    assert [(p.name, p.role) for p in cleared] == [("B. Lead", "Director"), ("C. Head", "DG")]
    table.setFocus()
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualItemRect(table.item(0, 0)).center(),
    )
    with qtbot.waitSignal(form.changed) as blocker:
        qtbot.mouseClick(signoff.remove_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in blocker.args[0].cleared_by] == ["C. Head"]
    with qtbot.assertNotEmitted(form.changed):
        form.set_metadata(blocker.args[0])  # shown again as stored, silently
    assert form.metadata() == blocker.args[0]
    form.set_read_only(True)
    assert signoff.through_edit.isReadOnly() and not signoff.add_button.isEnabled()


# ---- highlighter ---------------------------------------------------------------------------


def format_at(document: QTextDocument, text: str) -> QTextCharFormat:
    """The highlighter's format at the first occurrence of ``text`` (UTF-16 positions)."""
    block = document.find(text).block()
    at = document.find(text).selectionStart() - block.position()
    formats = block.layout().formats()  # keep the ranges alive while their formats are read
    for fmt in formats:
        if fmt.start <= at < fmt.start + fmt.length:
            return QTextCharFormat(fmt.format)
    return QTextCharFormat()


def test_highlighter_formats_markdown_and_citations(qapp) -> None:
    document = QTextDocument()
    document.setPlainText(
        f"# Summary\n\nSome **bold** {EMOJI} [@p1] and [@p9].\n\n> A quote\n\nEscaped \\[@p1] end"
    )
    highlighter = MarkdownHighlighter(document)
    highlighter.set_citation_colours({1: "#E4572E", 2: None})
    assert format_at(document, "Summary").fontWeight() == 700
    assert format_at(document, "bold").fontWeight() == 700
    assert format_at(document, "A quote").fontItalic()
    cited = format_at(document, "[@p1] and")  # after an emoji: offsets are converted
    assert cited.background().color().name() == "#e4572e"
    assert cited.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
    missing = format_at(document, "[@p9]")
    assert missing.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    escaped = format_at(document, "[@p1] end")
    assert escaped.background().style() == Qt.BrushStyle.NoBrush
    assert escaped.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline


def test_highlighter_leaves_citations_in_code_fences(qapp) -> None:
    document = QTextDocument()
    document.setPlainText("```\n[@p9]\n```\n[@p9]")
    highlighter = MarkdownHighlighter(document)
    highlighter.set_citation_colours({})
    fenced = document.findBlockByNumber(1).layout().formats()
    assert all(f.format.underlineStyle() == f.format.UnderlineStyle.NoUnderline for f in fenced)
    after = document.findBlockByNumber(3).layout().formats()
    assert any(f.format.underlineStyle() == f.format.UnderlineStyle.WaveUnderline for f in after)


# ---- preview -------------------------------------------------------------------------------

HOSTILE = (
    "# Hi\n\n<script>alert(1)</script>\n\n![x](http://evil/x.png)\n\n"
    '<img src="file:///etc/passwd">\n\n[a](javascript:alert(1)) [web](https://example.org) [@p1]'
)


def test_preview_loads_nothing(show) -> None:
    preview = show(PreviewBrowser())
    html = render_preview_html(bundle(HOSTILE))
    assert "<script" not in html and "<img" not in html  # shown as text, if at all
    preview.show_html(html)
    preview.grab()
    assert preview.requested == []
    # Even raw HTML that slips past the exporter only reaches loadResource, which refuses.
    preview.show_html('<img src="file:///etc/passwd"><img src="http://evil/x.png">')
    preview.grab()
    assert "file:///etc/passwd" in preview.requested  # asked for, and refused
    assert set(preview.requested) <= {"file:///etc/passwd", "http://evil/x.png"}


def click_link(qtbot, preview: PreviewBrowser, url: str) -> None:
    """Show a page with one link to ``url`` (raw, as if it slipped past the exporter) and click
    on the link's text."""
    preview.show_html(f'<p>Before <a href="{url}">the link</a> after.</p>')
    cursor = QTextCursor(preview.document())
    cursor.setPosition(preview.toPlainText().index("the link") + 3)
    at = preview.cursorRect(cursor).center()
    qtbot.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_preview_passes_on_web_links_only(qtbot, show) -> None:
    preview = show(PreviewBrowser())
    html = render_preview_html(bundle(HOSTILE))
    assert "javascript:" not in html  # the exporter drops it; the preview is the second wall
    for url in ("https://example.org", "http://example.org/a", "mailto:a@example.org"):
        with qtbot.waitSignal(preview.link_clicked) as blocker:
            click_link(qtbot, preview, url)
        assert blocker.args == [url]
    with qtbot.assertNotEmitted(preview.link_clicked):
        for url in ("javascript:alert(1)", "file:///etc/passwd", "#fn-1", "data:text/html,x"):
            click_link(qtbot, preview, url)
    assert preview.requested == []


# ---- outline -------------------------------------------------------------------------------


def test_headings_ignore_code_and_deep_levels() -> None:
    body = "# One\ntext\n```\n# not\n```\n## Two ##\n#### Four\n#tag\n   ### Three\n#"
    assert headings(body) == [
        (1, "One", 0),
        (2, "Two", body.index("## Two")),
        (3, "Three", body.index("   ### Three")),
        (1, "", len(body) - 1),
    ]


def test_heading_offsets_count_code_points() -> None:
    body = f"{EMOJI}{EMOJI} intro\n\n## After emoji"
    assert headings(body) == [(2, "After emoji", 10)]
    assert body[10:12] == "##"


def test_outline_click_and_enter_emit_offsets(qtbot, show) -> None:
    panel = show(OutlinePanel())
    body = f"# Summary\n{EMOJI}\n## Issue\n\n# Recommendation\n"
    panel.set_body(body)
    summary = panel.tree.topLevelItem(0)
    issue = summary.child(0)
    assert issue.text(0) == "Issue"
    with qtbot.waitSignal(panel.heading_activated) as blocker:
        click_item(qtbot, panel.tree, issue)
    assert blocker.args == [body.index("## Issue")]
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    with qtbot.waitSignal(panel.heading_activated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args == [body.index("# Recommendation")]


# ---- coverage ------------------------------------------------------------------------------


@pytest.fixture
def coverage_panel(show) -> CoveragePanel:
    panel = show(CoveragePanel())
    panel.set_coverage(coverage(bundle("Only [@p1] so far.")), PASSAGES)
    panel.tree.expandAll()
    return panel


def click_index(qtbot, view: QTreeView, index: QModelIndex) -> None:
    centre: QPoint = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_coverage_rows_count_and_flag(coverage_panel: CoveragePanel) -> None:
    model = coverage_panel.model
    controls, sovereignty = (model.index(i, 0) for i in (0, 1))

    def cells(row: int, parent: QModelIndex = QModelIndex()) -> tuple[str, str]:  # noqa: B008
        return model.index(row, 0, parent).data(), model.index(row, 1, parent).data()

    assert cells(0) == ("Export controls", "1 of 2 cited")
    assert cells(1) == ("Sovereignty", "0 of 2 cited")
    assert not controls.data(FLAGGED_ROLE) and controls.data(Qt.ItemDataRole.FontRole) is None
    assert sovereignty.data(FLAGGED_ROLE) and sovereignty.data(Qt.ItemDataRole.FontRole).bold()
    assert sovereignty.data(Qt.ItemDataRole.ToolTipRole) == FLAGGED_TIP
    first = cells(0, controls)
    assert first[0].startswith("p1  Washington tightened export controls on chips")
    assert (first[1], cells(1, controls)[1]) == ("cited", "—")


def test_coverage_passes_the_model_tester(qtmodeltester, coverage_panel: CoveragePanel) -> None:
    qtmodeltester.check(coverage_panel.model, force_py=True)
    coverage_panel.set_coverage([], {})
    qtmodeltester.check(coverage_panel.model, force_py=True)


def test_coverage_fetches_a_themes_passages_when_opened(qtbot, show) -> None:
    """A theme with thousands of passages gives the view a batch at a time, as it scrolls."""
    theme = Theme(1, "Export controls", "#E4572E")
    many = {i: Passage(i, 1, i, i + 1, f"passage number {i}", (1,)) for i in range(1, 5001)}
    big = NoteBundle(Note(1, "Big", "decision", "[@p4000]", META), {1: SOURCE}, many, (theme,))
    panel = show(CoveragePanel())
    panel.set_coverage(coverage(big), many)
    model, view = panel.model, panel.tree
    top = model.index(0, 0)
    assert model.index(0, 1).data() == "1 of 5000 cited"
    assert model.hasChildren(top) and model.rowCount(top) == 0  # nothing made while closed
    view.setCurrentIndex(top)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the user opens the theme
    qtbot.waitUntil(lambda: view.isExpanded(top))
    first_batch = model.rowCount(top)
    assert 0 < first_batch < 5000
    assert model.index(0, 0, top).data().startswith("p1  passage number 1")
    qtbot.keyClick(view, Qt.Key.Key_End)  # to the bottom: the next batch comes
    qtbot.waitUntil(lambda: model.rowCount(top) > first_batch)
    assert model.rowCount(top) < 5000
    cited = panel.index_for_passage(1, 4000)  # reaching a row far down fetches up to it
    assert cited.data(PASSAGE_ID_ROLE) == 4000
    assert model.index(cited.row(), 1, top).data() == "cited"


def test_coverage_keeps_open_themes_and_the_row_while_typing(
    qtbot, coverage_panel: CoveragePanel
) -> None:
    view = coverage_panel.tree
    item = coverage_panel.index_for_passage(2, 3)
    click_index(qtbot, view, item)
    coverage_panel.set_coverage(coverage(bundle("Now [@p1] and [@p3].")), PASSAGES)
    assert coverage_panel.current_passage_id() == 3
    assert view.isExpanded(coverage_panel.model.index(1, 0))
    assert coverage_panel.model.index(1, 1).data() == "1 of 2 cited"


def test_coverage_activates_and_cites_passages(
    qtbot, coverage_panel: CoveragePanel, context_menu: ContextMenus
) -> None:
    item = coverage_panel.index_for_passage(2, 3)
    assert item.isValid()
    tree = coverage_panel.tree
    click_index(qtbot, tree, item.parent())
    assert not coverage_panel.cite_action.isEnabled()  # a theme row is not a passage
    click_index(qtbot, tree, item)
    with qtbot.waitSignal(coverage_panel.passage_activated) as blocker:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == [3]
    at = tree.visualRect(item).center()
    with qtbot.waitSignal(coverage_panel.cite_requested) as blocker:
        entries = context_menu.open(qtbot, tree.viewport(), at, "Cite Passage")
    assert blocker.args == [3]
    assert entries == ["Cite Passage", "Show Passage"]
    with qtbot.waitSignal(coverage_panel.passage_activated) as blocker:
        context_menu.open(qtbot, tree.viewport(), at, "Show Passage")
    assert blocker.args == [3]


# ---- problems ------------------------------------------------------------------------------


def test_problems_count_and_activation(qtbot, show) -> None:
    panel = show(ProblemsPanel())
    assert panel.count_label.text() == "No problems"
    panel.set_problems([Problem("missing-passage", "[@p9] cites p9", 12, 17)])
    assert panel.count_label.text() == "1 problem"
    problems = [
        Problem("missing-passage", "[@p9] cites passage p9, which does not exist.", 12, 17),
        Problem("prompt", "Template prompt still in the text", 40, 60),
        Problem("no-recommendation", "A note for decision needs a Recommendation.", -1, -1),
    ]
    panel.set_problems(problems)
    assert panel.count_label.text() == "3 problems"
    list_ = panel.list
    with qtbot.waitSignal(panel.problem_activated) as blocker:
        qtbot.mouseClick(
            list_.viewport(),
            Qt.MouseButton.LeftButton,
            pos=list_.visualItemRect(list_.item(1)).center(),
        )
    assert blocker.args == [40, 60]
    list_.setCurrentRow(0)
    with qtbot.waitSignal(panel.problem_activated) as blocker:
        qtbot.keyClick(list_, Qt.Key.Key_Return)
    assert blocker.args == [12, 17]
    with qtbot.assertNotEmitted(panel.problem_activated):
        qtbot.mouseClick(
            list_.viewport(),
            Qt.MouseButton.LeftButton,
            pos=list_.visualItemRect(list_.item(2)).center(),
        )
        qtbot.keyClick(list_, Qt.Key.Key_Return)
