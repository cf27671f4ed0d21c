"""Windows on a server project: what one writer does shows in the other's window within a
second, notes edited by two people are merged rather than overwritten, undo refuses to undo
over someone else's change, and passages can be filtered by who tagged them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing.core.location import ServerAddress
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.gui import dialogs
from briefing.gui.main_window import MainWindow
from tests.gui.conftest import choose_from_menu_bar
from tests.gui.test_tagging import TEXT, press, select

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def url(server_url: str) -> str:
    def populate(project: Project) -> None:
        project.add_source("Astral", TEXT, "txt")
        project.add_note("Note", body="Agreed text.\n")

    Project.create(server_url, default_themes(), populate).close()
    return server_url


def listening(window: MainWindow, qtbot) -> MainWindow:
    """The window hears other writers from now on (its listener has connected)."""
    qtbot.waitUntil(lambda: window.live.active, timeout=5000)
    return window


def activate(window: MainWindow, qtbot) -> None:
    with qtbot.waitActive(window):  # shortcuts reach the active window only
        window.activateWindow()


def test_a_passage_tagged_in_one_window_shows_in_the_other_within_a_second(
    make_window, url: str, qtbot
) -> None:
    first = listening(make_window(url), qtbot)
    second = listening(make_window(url), qtbot)
    assert second.passages_panel.visible_passage_ids() == []
    activate(first, qtbot)
    select(first, qtbot, "export controls on chips 😀 reach allies 𠀁 now.")
    press(first, qtbot, "1")
    (passage,) = first.project.passages()
    qtbot.waitUntil(
        lambda: second.passages_panel.visible_passage_ids() == [passage.id], timeout=1000
    )
    qtbot.waitUntil(lambda: len(second.viewer.extraSelections()) == 1, timeout=1000)
    assert second.project.passage(passage.id).author == first.project.author
    # And back: the second deletes it, the first sees it go.
    activate(second, qtbot)
    second.passages_panel.select_passage(passage.id)
    second.passages_panel.delete_action.trigger()
    qtbot.waitUntil(lambda: first.passages_panel.visible_passage_ids() == [], timeout=1000)


def test_undo_refuses_to_throw_away_another_writers_change(
    make_window, url: str, qtbot, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    window = make_window(url)
    select(window, qtbot, "Sovereignty matters to Europe.")
    press(window, qtbot, "2")
    (passage,) = window.project.passages()
    with Project.open(url) as other:
        other.set_author("Bob")
        other.set_memo(passage.id, "Bob's memo")
    press(window, qtbot, "z")  # undo the tagging: it would delete Bob's memo with the passage
    assert errors and "changed by someone else" in errors[0]
    with Project.open(url) as other:
        assert other.passage(passage.id).memo == "Bob's memo"


def test_a_note_saved_by_someone_else_meanwhile_is_merged_not_overwritten(
    make_window, url: str, qtbot, monkeypatch
) -> None:
    window = make_window(url)
    asked: list[tuple[str, str, str]] = []

    def resolve(_parent, _title: str, mine: str, theirs: str, who: str) -> str:
        asked.append((mine, theirs, who))
        return f"{theirs}{mine.splitlines()[-1]}\n"

    monkeypatch.setattr(dialogs, "resolve_note_conflict", resolve)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(window.editor, "Mine.")
    with Project.open(url) as other:  # Bob saves while this window's typing is unsaved
        other.set_author("Bob")
        note = other.notes()[0]
        other.update_note(note.id, body="Bob's text.\n", expected_version=note.version)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, CTRL)
    assert asked == [("Agreed text.\nMine.", "Bob's text.\n", "Bob")]
    with Project.open(url) as other:
        assert other.notes()[0].body == "Bob's text.\nMine.\n"
    qtbot.waitUntil(lambda: window.editor.toPlainText() == "Bob's text.\nMine.\n", timeout=1000)


def test_a_note_changed_elsewhere_shows_when_not_being_edited(make_window, url: str, qtbot) -> None:
    window = listening(make_window(url), qtbot)
    with Project.open(url) as other:
        note = other.notes()[0]
        other.update_note(note.id, body="Revised by the director.\n", expected_version=1)
    qtbot.waitUntil(
        lambda: window.editor.toPlainText() == "Revised by the director.\n", timeout=1000
    )


def test_open_server_project_from_the_file_menu_keeps_no_password(
    window: MainWindow, url: str, qtbot, monkeypatch
) -> None:
    address = ServerAddress(url)
    with_password = url.replace("briefing_admin@", "briefing_admin:s3cret@")
    offered: list[list[str]] = []

    def ask(_parent, recent: list[str]) -> str:
        offered.append(recent)
        return with_password

    monkeypatch.setattr(dialogs, "ask_server_url", ask)
    choose_from_menu_bar(window.menuBar(), "File", "Open Server Project…")
    assert window.project.on_server and window.project.name == address.database
    assert window.windowTitle().startswith(f"{address.database} (server)")
    assert "s3cret" not in str(window.settings.recent)
    assert window.settings.recent_servers() == [url]
    window.settings.sync()
    with open(window.settings.store.fileName(), encoding="utf-8") as stored:
        assert "s3cret" not in stored.read()
    choose_from_menu_bar(window.menuBar(), "File", "Open Server Project…")
    assert offered[-1] == [url]  # the recent entry, as it was kept


def test_passages_filtered_by_who_tagged_them(make_window, url: str) -> None:
    with Project.open(url) as project:
        source = project.sources()[0]
        theme = project.themes()[0].id
        for author, phrase in (("Ann", "Opening"), ("Bob", "Sovereignty"), ("Bob", "final")):
            project.set_author(author)
            start = TEXT.index(phrase)
            project.add_passage(source.id, start, start + len(phrase), [theme])
    window = make_window(url)
    panel = window.passages_panel
    combo = panel.author_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["All authors", "Ann", "Bob"]
    combo.setCurrentIndex(2)  # what picking "Bob" does
    assert panel.count_label.text() == "2 of 3 passages"
    assert {window.project.passage(p).author for p in panel.visible_passage_ids()} == {"Bob"}
    tip = panel.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "tagged by Bob, 20" in tip


def test_a_read_only_role_opens_read_only_with_a_clear_line(
    make_window, url: str, pg_cluster
) -> None:
    database = ServerAddress(url).database
    pg_cluster.admin("DO $$ BEGIN CREATE ROLE viewer LOGIN; EXCEPTION WHEN OTHERS THEN END $$")
    pg_cluster.admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer", database)
    window = make_window(pg_cluster.url(database, user="viewer"))
    assert window.project.readonly and "[read-only]" in window.windowTitle()
    assert "your role viewer may only read" in window.status.text()
    assert not window.menus.action("import").isEnabled()
