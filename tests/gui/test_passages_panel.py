"""The passages review table, driven as a user drives it: filters, sorting, keys, menus, drag."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QIcon

from briefing.core.model import Passage, Source, Theme
from briefing.gui.passages_model import PASSAGE_ID_ROLE, PASSAGE_MIME
from briefing.gui.passages_panel import PassagesPanel
from tests.gui.conftest import ContextMenus

EMOJI = "😀"
CJK_B = "𠀀"  # outside the Basic Multilingual Plane: two UTF-16 units, one code point


def make_source(source_id: int, title: str) -> Source:
    return Source(source_id, title, "txt", "", "", "", "", "OFFICIAL", "", 1000)


THEMES = [
    Theme(10, "Export controls", "#E0702E", order=0),
    Theme(11, f"Sovereignty {CJK_B}", "#3F7FD9", order=1),
    Theme(12, "Investment", "#2E9E57", order=2),
]
SOURCES = [make_source(1, f"Trade report {EMOJI}"), make_source(2, "Memo from Ottawa")]
# Ids, offsets and texts disagree on purpose, so each sort order is told apart from the others.
PASSAGES = [
    Passage(1, 2, 0, 30, f"Zebra homegrown alternatives {EMOJI}", (11,)),
    Passage(2, 1, 120, 150, f"Apple chips exports\nrestricted {CJK_B}", (10, 11), "check the date"),
    Passage(3, 1, 5, 25, "Middle licence regime", (10,)),
    Passage(4, 2, 200, 230, "Venture capital billion", (12,), f"key point {EMOJI}"),
    Passage(5, 1, 60, 80, f"Beta chips {CJK_B} for allies", (12, 10)),
]
READING_ORDER = [3, 5, 2, 1, 4]  # source 1 by offset, then source 2 by offset


@pytest.fixture
def panel(qtbot) -> PassagesPanel:
    widget = PassagesPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.set_data(PASSAGES, SOURCES, THEMES)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def proxy_index(panel: PassagesPanel, passage_id: int, column: int = 1) -> QModelIndex:
    row = panel.visible_passage_ids().index(passage_id)
    return panel.proxy.index(row, column)


@pytest.mark.parametrize("which", ["model_", "proxy"])
def test_models_pass_the_model_tester(qtmodeltester, panel: PassagesPanel, which: str) -> None:
    # check() once per model: the tester then re-runs its checks on every reset, removal,
    # insertion and layout change below (a second check() would connect it twice).
    qtmodeltester.check(getattr(panel, which), force_py=True)
    panel.set_data(PASSAGES[:2], SOURCES, THEMES)
    panel.set_data(PASSAGES, SOURCES, THEMES)
    panel.set_theme_filter(10)
    panel.set_text_filter("chips")
    panel.set_source_filter(1)
    panel.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    panel.set_text_filter("")
    panel.set_data([], SOURCES, THEMES)


def test_cells_show_themes_one_line_text_source_and_memo(panel: PassagesPanel) -> None:
    index = proxy_index(panel, 5, 0)
    assert index.data() == "Export controls, Investment"  # the project's order, not the tag's
    texts = [proxy_index(panel, 2, c).data() for c in range(4)]
    assert texts == [
        f"Export controls, Sovereignty {CJK_B}",
        f"Apple chips exports restricted {CJK_B}",
        f"Trade report {EMOJI}",
        "check the date",
    ]
    tip = proxy_index(panel, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert f"Apple chips exports\nrestricted {CJK_B}" in tip and "check the date" in tip


def test_themes_icon_has_one_stripe_per_theme(panel: PassagesPanel) -> None:
    icon = proxy_index(panel, 2, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    image = icon.pixmap(16, 16).toImage()
    assert image.pixelColor(4, 8) == QColor("#E0702E")
    assert image.pixelColor(11, 8) == QColor("#3F7FD9")
    single = proxy_index(panel, 3, 0).data(Qt.ItemDataRole.DecorationRole)
    assert single.pixmap(16, 16).toImage().pixelColor(11, 8) == QColor("#E0702E")


def test_filter_by_theme_from_the_combo_and_the_api(panel: PassagesPanel) -> None:
    assert panel.count_label.text() == "5 of 5 passages"
    combo = panel.theme_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All themes",
        "Export controls",
        f"Sovereignty {CJK_B}",
        "Investment",
    ]
    assert not combo.itemIcon(1).isNull()
    combo.setCurrentIndex(3)  # what picking "Investment" does
    assert panel.visible_passage_ids() == [5, 4]
    assert panel.count_label.text() == "2 of 5 passages"
    panel.set_theme_filter(11)
    assert combo.currentText() == f"Sovereignty {CJK_B}"
    assert panel.visible_passage_ids() == [2, 1]
    panel.set_theme_filter(None)
    assert panel.visible_passage_ids() == READING_ORDER


def test_filter_by_source(panel: PassagesPanel) -> None:
    combo = panel.source_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All sources",
        f"Trade report {EMOJI}",
        "Memo from Ottawa",
    ]
    combo.setCurrentIndex(2)
    assert panel.visible_passage_ids() == [1, 4]
    panel.set_source_filter(1)
    assert panel.visible_passage_ids() == [3, 5, 2]
    assert panel.count_label.text() == "3 of 5 passages"


def test_filter_by_words_typed_in_the_field(qtbot, panel: PassagesPanel) -> None:
    assert panel.search.placeholderText() == "Filter by words…"
    assert panel.search.isClearButtonEnabled()
    qtbot.keyClicks(panel.search, "CHIPS")
    assert panel.visible_passage_ids() == [5, 2]
    qtbot.keyClicks(panel.search, " allies")  # every word must appear
    assert panel.visible_passage_ids() == [5]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "date")  # the memo counts
    assert panel.visible_passage_ids() == [2]
    panel.set_text_filter(f"ottawa {EMOJI}")  # the source title counts, and so does an emoji
    assert panel.visible_passage_ids() == [1, 4]
    panel.set_text_filter(CJK_B)
    assert panel.visible_passage_ids() == [5, 2]
    assert panel.count_label.text() == "2 of 5 passages"


def test_filters_combine(panel: PassagesPanel) -> None:
    panel.set_theme_filter(10)
    panel.set_source_filter(1)
    assert panel.visible_passage_ids() == [3, 5, 2]
    panel.set_text_filter("chips")
    assert panel.visible_passage_ids() == [5, 2]
    panel.set_theme_filter(12)
    assert panel.visible_passage_ids() == [5]
    panel.set_source_filter(2)
    assert panel.visible_passage_ids() == []
    assert panel.count_label.text() == "0 of 5 passages"


def test_sorting_by_passage_follows_source_then_offset(qtbot, panel: PassagesPanel) -> None:
    assert panel.visible_passage_ids() == READING_ORDER  # the default order
    header = panel.view.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click_header(1)
    assert panel.visible_passage_ids() == READING_ORDER[::-1]
    click_header(2)  # by source title; ties keep the order they were shown in
    assert panel.visible_passage_ids() == [4, 1, 2, 5, 3]
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by the first theme's order
    assert panel.visible_passage_ids() == [3, 2, 5, 1, 4]
    panel.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert panel.visible_passage_ids()[:2] == [4, 2]


def test_double_click_and_enter_activate_a_passage(qtbot, panel: PassagesPanel) -> None:
    rect = panel.view.visualRect(proxy_index(panel, 2))
    with qtbot.waitSignal(panel.passage_activated) as blocker:
        # What a double-click delivers: a click, then a press that is a double-click.
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [2]
    assert panel.selected_passage_id() == 2
    rect = panel.view.visualRect(proxy_index(panel, 4))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected_passage_id() == 4
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        with qtbot.waitSignal(panel.passage_activated) as blocker:
            qtbot.keyClick(panel.view, key)
        assert blocker.args == [4]


@pytest.mark.parametrize(
    ("entry", "signal"),
    [
        ("Show in Source", "passage_activated"),
        ("Cite Passage", "cite_requested"),
        ("Quote Passage", "quote_requested"),
        ("Edit Memo…", "memo_edit_requested"),
        ("Delete Passage", "delete_requested"),
    ],
)
def test_context_menu_actions_emit_requests(
    qtbot, panel: PassagesPanel, context_menu: ContextMenus, entry: str, signal: str
) -> None:
    viewport = panel.view.viewport()
    below = QPoint(10, viewport.height() - 5)  # under the last row: nothing selected
    context_menu.open(qtbot, viewport, below)
    assert not context_menu.enabled[entry]
    at = panel.view.visualRect(proxy_index(panel, 5)).center()
    with qtbot.waitSignal(getattr(panel, signal)) as blocker:
        context_menu.open(qtbot, viewport, at, entry)  # the right-click selects the row
    assert blocker.args == ([[5]] if signal == "cite_requested" else [5])


def test_context_menu_texts_and_read_only(panel: PassagesPanel) -> None:
    texts = [a.text() for a in panel.view.actions() if not a.isSeparator()]
    menu = ["Show in Source", "Cite Passage", "Quote Passage", "Edit Memo…", "Delete Passage"]
    assert texts == menu
    panel.select_passage(1)
    panel.set_read_only(True)
    assert panel.show_action.isEnabled()
    assert not any(
        a.isEnabled()
        for a in (panel.cite_action, panel.quote_action, panel.memo_action, panel.delete_action)
    )


def test_drag_carries_the_passage_id_and_a_citation(panel: PassagesPanel) -> None:
    index = proxy_index(panel, 4)
    assert index.flags() & Qt.ItemFlag.ItemIsDragEnabled
    row = [panel.proxy.index(index.row(), c) for c in range(4)]  # a whole row is dragged
    mime = panel.proxy.mimeData(row)
    assert bytes(mime.data(PASSAGE_MIME).data()) == b"4"
    assert mime.text() == "[@p4]"
    source_index = panel.model_.index(panel.model_.row_of(2), 0)
    assert panel.model_.mimeData([source_index]).text() == "[@p2]"
    assert PASSAGE_MIME in panel.model_.mimeTypes()


def test_set_data_keeps_filters_and_selection(panel: PassagesPanel) -> None:
    panel.set_theme_filter(10)
    panel.set_text_filter("chips")
    panel.select_passage(2)
    changed = Passage(2, 1, 120, 150, "Apple chips exports", (10,), "new memo")
    panel.set_data([changed, *PASSAGES[2:]], SOURCES, THEMES)
    assert panel.theme_combo.currentData() == 10
    assert panel.search.text() == "chips"
    assert panel.selected_passage_id() == 2
    assert panel.visible_passage_ids() == [5, 2]
    assert panel.count_label.text() == "2 of 4 passages"
    panel.set_data(PASSAGES[2:], SOURCES, THEMES[1:])  # passage 2 and theme 10 are gone
    assert panel.selected_passage_id() is None
    assert panel.theme_combo.currentData() is None  # back to all themes, not an empty list


def test_select_passage_reports_hidden_ones(panel: PassagesPanel) -> None:
    panel.set_source_filter(2)
    assert not panel.select_passage(3)
    assert not panel.select_passage(99)
    assert panel.select_passage(4)
    assert panel.view.currentIndex().data(PASSAGE_ID_ROLE) == 4


def test_selection_survives_sorting(panel: PassagesPanel) -> None:
    panel.select_passage(2)
    panel.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert panel.selected_passage_id() == 2
    assert panel.view.currentIndex().data(PASSAGE_ID_ROLE) == 2


def test_a_few_changed_passages_are_applied_without_a_reset(
    qtmodeltester, qtbot, panel: PassagesPanel
) -> None:
    """Tagging on a big project changes a row or two: the table moves no other row, keeps the
    user's selection and filters the changed rows again."""
    qtmodeltester.check(panel.model_, force_py=True)
    qtbot.mouseClick(
        panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.view.visualRect(proxy_index(panel, 2)).center(),
    )
    assert panel.selected_passage_id() == 2
    resets: list[int] = []
    panel.model_.modelReset.connect(lambda: resets.append(1))
    added = Passage(6, 1, 90, 100, "New evidence", (12,))
    retagged = replace(PASSAGES[4], theme_ids=(11,))
    panel.update_passages([added, retagged], removed=[1])
    assert resets == []
    assert panel.visible_passage_ids() == [3, 5, 6, 2, 4]  # each at its place in the reading
    assert panel.selected_passage_id() == 2
    assert proxy_index(panel, 5, 0).data() == f"Sovereignty {CJK_B}"
    panel.set_theme_filter(10)
    assert panel.visible_passage_ids() == [3, 2]  # passage 5 lost Export controls
    panel.update_passages([replace(PASSAGES[4], theme_ids=(10,))])
    assert panel.visible_passage_ids() == [3, 5, 2]
