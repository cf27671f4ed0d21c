"""The note editor as a Word user meets it: markup hidden outside the paragraph being edited,
Show Markup, the toolbar, the word count, spell check by right-click; the stored note stays
exactly what was typed."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from briefing.core.spelling import LANGUAGE_KEY, WORDS_KEY
from briefing.core.store import Project
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import ContextMenus, choose_from_menu_bar

CTRL = Qt.KeyboardModifier.ControlModifier


def run_format(window: MainWindow, text: str) -> tuple[float, bool]:
    """The point size and transparency drawn for the first occurrence of ``text``."""
    document = window.editor.document()
    found = document.find(text)
    block = found.block()
    at = found.selectionStart() - block.position()
    for fmt in block.layout().formats():
        if fmt.start <= at < fmt.start + fmt.length:
            return fmt.format.fontPointSize(), fmt.format.foreground().color().alpha() == 0
    return 0.0, False


def start_note(window: MainWindow, qtbot, body: str) -> None:
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    for number, line in enumerate(body.split("\n")):
        if number:
            qtbot.keyClick(window.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(window.editor, line)


def test_markup_hides_outside_the_paragraph_being_edited(window: MainWindow, qtbot) -> None:
    start_note(window, qtbot, "## Heading here\n\nSome **strong** words\n\n- item")
    size, hidden = run_format(window, "**strong")  # the caret is in "- item"
    assert hidden and size == 1
    assert run_format(window, "## ")[1] is True
    qtbot.keyClick(window.editor, Qt.Key.Key_Home, CTRL)  # to the heading
    assert run_format(window, "## ")[1] is False
    for _ in range(2):
        qtbot.keyClick(window.editor, Qt.Key.Key_Down)
    assert run_format(window, "**strong")[1] is False  # the caret's paragraph: shown
    assert run_format(window, "## ")[1] is True
    choose_from_menu_bar(window.menuBar(), "View", "Show Markup")
    assert run_format(window, "## ")[1] is False and run_format(window, "**strong")[1] is False
    assert window.editor.body_text() == "## Heading here\n\nSome **strong** words\n\n- item"


def test_bullets_are_painted_where_the_marker_hides(window: MainWindow, qtbot) -> None:
    start_note(window, qtbot, "- first item\n\nplain")
    editor = window.editor
    rect = editor.cursorRect(QTextCursor(editor.document())).adjusted(0, 0, 8, 0)

    def marker_pixels() -> list[int]:
        shot = editor.viewport().grab().toImage()
        return [
            shot.pixelColor(x, y).rgb()
            for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())
        ]

    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    typed = marker_pixels()  # the caret's paragraph: "-" drawn as typed
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    painted = marker_pixels()  # elsewhere: the "-" hidden, a bullet painted in its place
    assert len(set(painted)) > 1 and painted != typed
    assert editor.body_text() == "- first item\n\nplain"


def test_toolbar_formats_the_selection(window: MainWindow, qtbot) -> None:
    start_note(window, qtbot, "plain words")
    qtbot.keyClick(window.editor, Qt.Key.Key_Home)
    for _ in range(5):
        qtbot.keyClick(window.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    toolbar = window.note_panel.toolbar
    bold = toolbar.widgetForAction(window.menus.action("bold"))
    qtbot.mouseClick(bold, Qt.MouseButton.LeftButton)
    heading = toolbar.widgetForAction(window.menus.action("h2"))
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)
    assert window.editor.body_text() == "## **plain** words"
    labels = [toolbar.widgetForAction(a).text() for a in toolbar.actions() if not a.isSeparator()]
    assert labels == ["B", "I", "H1", "H2", "H3", "• List", "1. List", "❝ Quote", "Cite"]


def test_word_count_beside_the_page_meter(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.analysis.analysed, timeout=5000):
        start_note(window, qtbot, "## Title\n\nOne **two** three [@p1].")
    assert window.word_count.text() == "4 words"


# ---- typed text is stored exactly ----------------------------------------------------------

TYPED = st.text(
    alphabet=st.sampled_from(
        [
            *list(string.ascii_letters + string.digits + string.punctuation + " "),
            "\xa0",
            "é",
            "ß",
            "—",
            "“",
            "”",
            "€",
            "\t",
            "\n",
        ]
    ),
    max_size=60,
)


def type_line(widget: QWidget, line: str) -> None:
    """Type each character as a key press: QTest's own mapping covers ASCII; other characters
    go as the key events a keyboard layout produces (an unknown key carrying the text)."""
    for char in line:
        if char in string.printable:
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier(0)
            )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TYPED)
def test_typed_text_is_stored_byte_for_byte(window: MainWindow, qtbot, text: str) -> None:
    editor = window.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        type_line(editor, line)
    # Move through the note so every paragraph's markup is hidden and shown again.
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    assert editor.save()
    with Project.open(window.project.path, readonly=True) as reader:
        assert reader.note(window.notes.note_id).body == text


# ---- spelling ------------------------------------------------------------------------------


@pytest.fixture
def speller(window: MainWindow, qtbot) -> MainWindow:
    if window.spelling.checker is None:
        with qtbot.waitSignal(window.spelling.ready, timeout=20000):
            pass
    return window


def word_point(window: MainWindow, word: str) -> QPoint:
    editor = window.editor
    cursor = editor.document().find(word)
    cursor.setPosition(cursor.selectionStart() + 2)
    return editor.cursorRect(cursor).center()


def wavy(window: MainWindow, word: str) -> bool:
    document = window.editor.document()
    found = document.find(word)
    at = found.selectionStart() - found.block().position()
    return any(
        f.start <= at < f.start + f.length
        and f.format.underlineStyle() == f.format.UnderlineStyle.WaveUnderline
        for f in found.block().layout().formats()
    )


def test_right_click_a_misspelt_word_and_choose_a_suggestion(
    speller: MainWindow, qtbot, context_menu: ContextMenus
) -> None:
    start_note(speller, qtbot, "The goverment decided [@p1] at https://example.org/goverment")
    qtbot.keyClick(speller.editor, Qt.Key.Key_Home)
    assert wavy(speller, "goverment decided") and not wavy(speller, "decided")
    assert not wavy(speller, "example.org/goverment")
    shown = context_menu.open(
        qtbot, speller.editor.viewport(), word_point(speller, "goverment"), "government"
    )
    assert shown[0] == "government" and "Add to Dictionary" in shown
    body = speller.editor.body_text()
    assert body.startswith("The government decided [@p1]")
    qtbot.keyClick(speller.editor, Qt.Key.Key_Z, CTRL)  # one step back
    assert speller.editor.body_text().startswith("The goverment decided")


def test_add_to_dictionary_persists_in_the_project(
    speller: MainWindow, qtbot, context_menu: ContextMenus, make_window, sample_path: Path
) -> None:
    start_note(speller, qtbot, "Ask Zorblatt about it.")
    assert wavy(speller, "Zorblatt")
    viewport = speller.editor.viewport()
    context_menu.open(qtbot, viewport, word_point(speller, "Zorblatt"), "Add to Dictionary")
    assert not wavy(speller, "Zorblatt")
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.info(WORDS_KEY).split("\n") == ["Zorblatt"]
    speller.close()
    again = make_window(sample_path)
    assert "Zorblatt" in again.spelling.extra


def test_moving_the_caret_restyles_without_editing(window: MainWindow, qtbot) -> None:
    editor = window.editor
    editor.setFocus()
    for key in (Qt.Key.Key_End, Qt.Key.Key_Home):
        qtbot.keyClick(editor, key, CTRL)
    for _ in range(6):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert not editor.is_dirty()  # revealing markup is no change to the note


def test_spelling_language_is_chosen_per_project(
    speller: MainWindow, qtbot, sample_path: Path
) -> None:
    start_note(speller, qtbot, "The colour of the centre.\n\nnext")
    assert not wavy(speller, "colour")  # English (UK), the default
    with qtbot.waitSignal(speller.spelling.ready, timeout=20000):
        choose_from_menu_bar(speller.menuBar(), "Note", "Spelling Language", "English (US)")
    assert wavy(speller, "colour") and wavy(speller, "centre")
    with Project.open(sample_path, readonly=True) as reader:
        assert reader.info(LANGUAGE_KEY) == "en_US"
