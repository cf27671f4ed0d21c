"""Sources that read like documents: the viewer shows a Word source's headings, lists and table
from its stored blocks, with coding stripes, zoom and a reading width, and every passage's
offsets stay the stored ones, with the display and without it."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from briefing.core.model import Passage
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui.main_window import MainWindow
from briefing.gui.reading_layout import EN_SPACE
from briefing.gui.source_viewer import SourceViewer
from briefing.importers import read_file
from briefing.ingest import import_path
from tests.conftest import CORPUS
from tests.files import libreoffice_documents
from tests.gui.conftest import choose_from_menu_bar
from tests.importers.conftest import add_footnote

CTRL = Qt.KeyboardModifier.ControlModifier


def word_document(folder: Path) -> Path:
    """A .docx python-docx writes: headings, a paragraph, a list, a table, a footnote."""
    import docx

    document = docx.Document()
    document.add_heading("Export controls", level=1)
    document.add_paragraph("Ministers met in Brussels on Tuesday. " * 3)
    document.add_paragraph("First point of the list", style="List Bullet")
    document.add_paragraph("Second point of the list", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, (country, measure) in enumerate(
        [("Country", "Measure"), ("Netherlands", "Licence"), ("Japan 日本", "Screening 😀")]
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = country, measure
    document.add_heading("Investment", level=2)
    document.add_paragraph("Screening rules tighten. 😀 𠀀")
    path = folder / "talks.docx"
    document.save(str(path))
    add_footnote(path, "Screening rules tighten. 😀 𠀀")
    return path


@pytest.fixture
def word_window(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "word.briefing"
    with Project.create(path, default_themes()) as project:
        source = import_path(project, word_document(tmp_path)).source
        assert source is not None
        text = project.source_text(source.id)
        themes = [t.id for t in project.themes()]
        start = text.index("Ministers")
        project.add_passage(source.id, start, text.index("Second point"), themes[:2])
        start = text.index("Netherlands")
        project.add_passage(source.id, start, start + len("Netherlands\tLicence"), themes[2:3])
    window = make_window(path)
    window.show_source(source.id)
    return window


def _line_height(viewer: SourceViewer, offset: int) -> int:
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(viewer.display_position(offset))
    return viewer.cursorRect(cursor).height()


def _x(viewer: SourceViewer, offset: int) -> int:
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(viewer.display_position(offset))
    return viewer.cursorRect(cursor).left()


def test_a_word_source_shows_its_structure(word_window: MainWindow) -> None:
    viewer = word_window.viewer
    text = viewer.source_text()
    body = _line_height(viewer, text.index("Ministers"))
    assert _line_height(viewer, text.index("Export controls")) > body * 1.3  # a heading
    assert body < _line_height(viewer, text.index("Investment")) < body * 1.5
    shown = viewer.toPlainText()
    assert f"•{EN_SPACE}First point" in shown and f"•{EN_SPACE}Second point" in shown
    assert _x(viewer, text.index("First point")) > _x(viewer, text.index("Ministers")) + 10
    # The table's second column starts at one x in every row.
    columns = {_x(viewer, text.index(cell)) for cell in ("Measure", "Licence", "Screening")}
    assert len(columns) == 1
    # A short empty line between the paragraph and the list; the text itself is as stored.
    item = viewer.document().findBlock(viewer.display_position(text.index("First point")))
    spacer = item.previous()
    assert spacer.text() == "" and 0 < viewer.blockBoundingRect(spacer).height() < body
    assert viewer.source_text() == text
    with Project.open(word_window.project.path, readonly=True) as reader:
        assert reader.source_text(1) == text


def test_copy_gives_the_stored_text(word_window: MainWindow, qtbot) -> None:
    viewer = word_window.viewer
    text = viewer.source_text()
    start, end = text.index("Ministers"), text.index("Second point")  # across the bullet
    viewer.select_range(start, end)
    viewer.setFocus()
    qtbot.keyClick(viewer, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == text[start:end]
    assert "•" not in QApplication.clipboard().text()


def test_coding_stripes_stand_beside_the_lines_of_each_theme(word_window: MainWindow) -> None:
    viewer = word_window.viewer
    text = viewer.source_text()
    stripes = viewer.stripe_spans()
    first, second = (viewer.passages()[0].theme_ids[i] for i in range(2))
    lanes = {s.lane for s in stripes}
    assert len(lanes) == 3  # three themes, three columns
    top = viewer.cursorRect(viewer._cursor(text.index("Ministers"), text.index("Ministers")))
    two = [s for s in stripes if s.top <= top.center().y() <= s.bottom]
    assert {s.colour.name() for s in two} == {
        viewer.theme_colour(first).name(),
        viewer.theme_colour(second).name(),
    }
    image = viewer.stripes.grab().toImage()
    for stripe in two:
        x = int(viewer.stripes.lane_x(stripe.lane)) + 1
        assert image.pixelColor(x, int(top.center().y())).name() == stripe.colour.name()
    # Nothing beside the heading, which no passage covers.
    heading = viewer.cursorRect(viewer._cursor(0, 0)).center().y()
    assert not [s for s in stripes if s.top <= heading <= s.bottom]


def test_zoom_acts_on_the_pane_with_the_focus_and_is_remembered(
    word_window: MainWindow, qtbot, make_window
) -> None:
    viewer, editor = word_window.viewer, word_window.editor
    source_size, note_size = viewer.font().pointSizeF(), editor.font().pointSizeF()
    text = viewer.source_text()
    heading = _line_height(viewer, 0)
    viewer.setFocus()
    qtbot.keyClick(viewer, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(viewer, Qt.Key.Key_Equal, CTRL)
    assert viewer.font().pointSizeF() == source_size + 2
    assert editor.font().pointSizeF() == note_size
    assert _line_height(viewer, 0) > heading  # the heading grows with the text
    assert viewer.source_text() == text
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Minus, CTRL)
    assert editor.font().pointSizeF() == note_size - 1
    assert word_window.settings.source_zoom == 2 and word_window.settings.note_zoom == -1
    path = word_window.project.path
    word_window.close()
    again = make_window(path)
    assert again.viewer.zoom == 2 and again.editor.font().pointSizeF() == note_size - 1
    again.viewer.setFocus()
    qtbot.keyClick(again.viewer, Qt.Key.Key_0, CTRL)
    assert again.viewer.font().pointSizeF() == source_size


def test_reading_width_narrows_and_centres_the_text(word_window: MainWindow) -> None:
    viewer = word_window.viewer
    word_window.resize(2400, 900)
    word_window.splitter.setSizes([200, 1800, 400])
    QApplication.processEvents()
    full = viewer.viewport().width()
    choose_from_menu_bar(word_window.menuBar(), "View", "Reading Width")
    QApplication.processEvents()
    margins = viewer.viewportMargins()
    assert viewer.viewport().width() < full * 0.7
    assert abs(margins.left() - viewer.stripes.width() - margins.right()) < viewer.stripes.width()
    assert word_window.settings.reading_width
    choose_from_menu_bar(word_window.menuBar(), "View", "Reading Width")
    QApplication.processEvents()
    assert viewer.viewport().width() == full


def _check_offsets(viewer: SourceViewer, text: str, passages: list[Passage]) -> list[tuple]:
    """What the viewer makes of each passage: its selection read back, the copied text, and
    the text its highlight covers once the display's own characters are left out."""
    seen = []
    highlights = {
        (viewer._stored(s.cursor.selectionStart()), viewer._stored(s.cursor.selectionEnd()))
        for s in viewer.extraSelections()
    }
    for passage in passages:
        viewer.select_range(passage.start, passage.end)
        span = viewer.selection_range()
        copied = viewer.createMimeDataFromSelection().text()
        seen.append((span, copied, (passage.start, passage.end) in highlights))
    return seen


def _spans(text: str, blocks, rng: random.Random) -> list[tuple[int, int]]:
    """Passages as analysts make them: whole blocks, across block boundaries, anywhere."""
    spans = [(b.start, b.end) for b in blocks if b.end > b.start]
    spans += [(a.start, b.end) for a, b in itertools.pairwise(blocks) if b.end > a.start]
    for _ in range(20):
        start = rng.randrange(len(text))
        spans.append((start, min(len(text), start + rng.randint(1, 80))))
    return sorted({(a, b) for a, b in spans if b > a and text[a:b].strip()})


def _corpus_files(tmp_path_factory) -> list[Path]:
    files = []
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("docx/*.docx")) + sorted(CORPUS.glob("pdf/*.pdf"))[:12]
        files += sorted(CORPUS.glob("msg/*.msg"))
    files.append(word_document(tmp_path_factory.mktemp("word")))
    return files


def test_every_passage_keeps_its_offsets_with_and_without_the_display(
    make_window, tmp_path: Path, tmp_path_factory
) -> None:
    path = tmp_path / "corpus.briefing"
    rng = random.Random(15)
    with Project.create(path, default_themes()) as project:
        themes = [t.id for t in project.themes()]
        for file in _corpus_files(tmp_path_factory):
            source = import_path(project, file).source
            if source is None:
                continue
            text = project.source_text(source.id)
            blocks = project.source_blocks(source.id)
            for number, (start, end) in enumerate(_spans(text, blocks, rng)):
                project.add_passage(source.id, start, end, [themes[number % len(themes)]])
    window = make_window(path)
    viewer = window.viewer
    shown_with_blocks = 0
    with Project.open(path, readonly=True) as reader:
        for source in reader.sources():
            text = reader.source_text(source.id)
            passages = reader.passages(source_id=source.id)
            blocks = reader.source_blocks(source.id)
            viewer.show_source(source.id, text, passages, reader.themes(), blocks)
            shown_with_blocks += viewer.toPlainText() != text
            structured = _check_offsets(viewer, text, passages)
            viewer.show_source(source.id, text, passages, reader.themes(), [])
            assert viewer.toPlainText().replace("\u2029", "\n") == text
            plain = _check_offsets(viewer, text, passages)
            wanted = [((p.start, p.end), p.text, True) for p in passages]
            assert structured == plain == wanted, source.title
            assert all(p.text == text[p.start : p.end] for p in passages)
    assert shown_with_blocks >= 5  # the display did insert its bullets and spacing


@pytest.mark.external
def test_libreoffice_documents_show_their_structure(make_window, tmp_path: Path) -> None:
    """LibreOffice's .docx through the window; its .odt (the same text, so not a second
    source of the project) straight into the viewer with its blocks."""
    path = tmp_path / "lo.briefing"
    docs = libreoffice_documents(tmp_path)
    with Project.create(path, default_themes()) as project:
        source = import_path(project, docs["docx"]).source
        assert source is not None
    window = make_window(path)
    window.show_source(source.id)
    viewer = window.viewer
    odt = read_file(docs["odt"])
    for shown_text in (viewer.source_text(), None):
        if shown_text is None:
            viewer.show_source(None, odt.text, [], window.project.themes(), odt.blocks)
        text = viewer.source_text()
        shown = viewer.toPlainText()
        assert f"•{EN_SPACE}First point" in shown and f"1.{EN_SPACE}Numbered one" in shown
        nested, outer = text.index("A nested point"), text.index("Second point")
        assert _x(viewer, nested) > _x(viewer, outer) + 10
        heading, body = text.index("日本語の見出し"), text.index("Ministers")
        assert _line_height(viewer, heading) > _line_height(viewer, body)
        columns = {_x(viewer, text.index(cell)) for cell in ("Measure", "輸出管理")}
        assert len(columns) == 1
        start = text.index("Emoji")
        viewer.select_range(start, text.index("stay whole") + 10)
        assert viewer.selected_text() == "Emoji 😀 🎉 and 𠀀 stay whole"


def test_selecting_with_the_mouse_over_a_bullet_gives_the_item(
    word_window: MainWindow, qtbot
) -> None:
    viewer = word_window.viewer
    text = viewer.source_text()
    item = text.index("First point")
    cursor = QTextCursor(viewer.document())
    cursor.setPosition(viewer.display_position(item) - 2)  # on the bullet
    bullet = viewer.cursorRect(cursor).center()
    cursor.setPosition(viewer.display_position(item + len("First point")))
    after = viewer.cursorRect(cursor).center()
    qtbot.mouseClick(viewer.viewport(), Qt.MouseButton.LeftButton, pos=bullet)
    qtbot.mouseClick(
        viewer.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, after
    )
    assert viewer.selection_range() == (item, item + len("First point"))
    assert viewer.offset_at(QPoint(bullet.x(), bullet.y())) == item
