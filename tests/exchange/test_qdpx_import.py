"""REFI-QDA import of a file another tool wrote: what comes in, exactly where, and the list of
what cannot come in; all of it or nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from briefing.core.errors import StorageError
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.exchange import import_qdpx
from briefing.importers.qdpx_archive import text_map
from briefing.importers.text import normalise_count
from tests.exchange.foreign import INLINE, INTERVIEW, REPORT, write_foreign

LF = INTERVIEW.replace("\r\n", "\n")


def contents(project: Project) -> tuple:  # type: ignore[type-arg]
    """Everything an import could change, as plain values."""
    themes = {t.id: t.name for t in project.themes()}
    titles = {s.id: s.title for s in project.sources()}
    return (
        [(t.name, t.colour, t.description) for t in project.themes()],
        [(s.title, project.source_text(s.id), s.format, s.author) for s in project.sources()],
        sorted(
            (
                titles[p.source_id],
                p.start,
                p.end,
                p.text,
                tuple(themes[t] for t in p.theme_ids),
                p.memo,
            )
            for p in project.passages()
        ),
        [(n.title, n.body) for n in project.notes()],
    )


@pytest.fixture
def empty(tmp_path: Path):
    with Project.create(tmp_path / "empty.briefing") as project:
        yield project


@pytest.mark.parametrize("atlas", [False, True], ids=["crlf-as-two", "atlas-crlf-as-one"])
def test_a_file_from_another_tool_comes_in_exactly(
    empty: Project, tmp_path: Path, atlas: bool
) -> None:
    outcome = import_qdpx(empty, write_foreign(tmp_path / "tool.qdpx", atlas=atlas))
    assert outcome.error == ""
    themes, sources, passages, notes = contents(empty)
    assert themes == [
        ("Trade / Export controls", "#FF0000", "Rules on what may leave"),
        ("Trade / Tariffs", "#00AA00", ""),
        ("Trade / Tariffs / Steel", themes[2][1], ""),  # no colour given: one of the palette's
        ("Sovereignty", "#0000ff", ""),
    ]
    assert themes[2][1].startswith("#") and len(themes[2][1]) == 7
    assert sources == [
        ("Interview 1", LF, "docx", "Dr. Who"),
        ("Memo text", INLINE, "txt", ""),
        ("Report.pdf", REPORT, "pdf", ""),
    ]
    quote = LF.index("Controls bite.")
    astral = LF.index("😀 A: 𠀀")
    assert passages == [
        ("Interview 1", astral, astral + 6, "😀 A: 𠀀", ("Trade / Tariffs / Steel",), ""),
        ("Interview 1", quote, quote + 14, "Controls bite.",
         ("Trade / Export controls", "Sovereignty"), "Key quote\n\nLinked memo"),
        ("Memo text", 18, 23, "steel", ("Trade / Tariffs / Steel",), ""),
        ("Report.pdf", 26, 32, "tariff", ("Trade / Tariffs",), ""),
    ]  # fmt: skip
    assert notes == [
        ("Project journal", "Journal entry"),
        ("Note on theme Sovereignty", "About sovereignty"),
    ]
    assert empty.sources()[0].metadata["qdpx_variables"] == {"Region": "Europe"}
    assert outcome.line() == (
        "imported: tool.qdpx: 3 source(s), 4 new theme(s), 4 passage(s), 2 note(s)"
    )
    assert sorted(outcome.skipped) == sorted([
        "Interview 1: selection 0-11 has no code (memo: uncoded comment)",
        "Interview 1: 1 coding(s) of the whole source",
        "Report.pdf: 1 PDF selection(s) by region",
        "cornflakes.jpg: a picture and its 1 selection(s) (Briefing holds text only)",
        "Interview 1.m4a: an audio recording (Briefing holds text only)",
        "Ad.mp4: a video and its 1 selection(s) (Briefing holds text only)",
        "1 case: Briefing has no cases",
        "1 set: Briefing has no sets",
        "who tagged 3 passage(s) (Alice, Bob, Chen): this project records no author of a"
        " passage",
    ])  # fmt: skip
    assert all(line.startswith("not imported: ") for line in outcome.lines())


def test_into_a_project_with_its_own_themes_and_again(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    Project.create(path, default_themes()).close()
    foreign = write_foreign(tmp_path / "tool.qdpx")
    with Project.open(path) as project:
        first = import_qdpx(project, foreign)
        assert "code Sovereignty: tags as the existing theme Sovereignty" in first.notices
        themes = [t.name for t in project.themes()]
        assert themes.count("Sovereignty") == 1 and len(themes) == 6  # three new, one met
        assert project.theme_by_name("sovereignty").colour == "#3F7FD9"  # kept as it was
        after_first = contents(project)
        again = import_qdpx(project, foreign)  # the same file again: nothing doubles
        assert (again.sources, again.themes, again.passages, again.notes) == (0, 0, 0, 0)
        assert again.already == 4
        assert contents(project) == after_first


def test_a_failure_while_storing_leaves_the_project_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.briefing"
    Project.create(path, default_themes()).close()
    with Project.open(path) as project:
        before = contents(project)

        def full_disk(*_args: object, **_kw: object) -> None:
            raise StorageError("could not save: database or disk is full")

        monkeypatch.setattr(project, "add_note", full_disk)  # the last step of the import
        outcome = import_qdpx(project, write_foreign(tmp_path / "tool.qdpx"))
        assert outcome.error == "could not save: database or disk is full"
        assert (outcome.sources, outcome.passages, outcome.themes) == (0, 0, 0)
        assert contents(project) == before
    with Project.open(path, readonly=True) as reopened:
        assert contents(reopened) == before


def test_cancelled_imports_nothing(empty: Project, tmp_path: Path) -> None:
    asked = []

    def keep_going() -> bool:
        asked.append(1)
        return len(asked) < 2  # cancelled before the second source

    outcome = import_qdpx(empty, write_foreign(tmp_path / "tool.qdpx"), keep_going)
    assert outcome.error == "cancelled"
    assert contents(empty) == ([], [], [], [])


def test_a_read_only_project_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    Project.create(path).close()
    with Project.open(path, readonly=True) as project:
        outcome = import_qdpx(project, write_foreign(tmp_path / "tool.qdpx"))
        assert "read-only" in outcome.error and project.sources() == []


@pytest.mark.parametrize(
    "raw",
    [
        "a\r\nb\rc\fd\ve",
        "\ufeff\ufeffBOM twice\r\n",
        "tab\tand \x01 controls \x1f\x7f\x85 kept?\r\r\n",
        "😀\r\n𠀀\r\n\r\n",
    ],
)
def test_positions_follow_the_text_as_the_importers_normalise_it(raw: str) -> None:
    mapped = text_map(raw)
    assert mapped.text == normalise_count(raw)[0]
    kept = [i for i in range(len(raw)) if i not in set(mapped.removed)]
    for position in kept:  # each character that stays is where the map says
        expected = raw[position].translate({13: 10, 12: 10, 11: 10})
        assert mapped.text[mapped.position(position)] == expected
    assert mapped.position(len(raw)) == len(mapped.text)


def test_a_utf16_text_file_and_a_bom(empty: Project, tmp_path: Path) -> None:
    """A BOM's encoding wins (a tool on Windows may write UTF-16); positions count the text."""
    path = write_foreign(tmp_path / "tool.qdpx")
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["Sources/3CD739AF-80D7-402D-A836-BE292887E147.TXT"] = b"\xff\xfe" + INTERVIEW.encode(
        "utf-16-le"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert import_qdpx(empty, path).error == ""
    passage = next(p for p in empty.passages() if "bite" in p.text)
    assert passage.text == "Controls bite."
