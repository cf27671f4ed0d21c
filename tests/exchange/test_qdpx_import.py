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
from tests.exchange.foreign import (
    C1,
    C2,
    INLINE,
    INTERVIEW,
    REPORT,
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
    U1,
    U2,
    write_foreign,
)

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
        "who coded 1 span(s) another user had coded first (Bob): a passage records the first",
    ])  # fmt: skip
    assert all(line.startswith("not imported: ") for line in outcome.lines())


def test_who_made_what_in_the_other_tool_comes_with_it(empty: Project, tmp_path: Path) -> None:
    """A selection's user tagged the passage, when the file says; a memo is its linked note's
    user's; a note keeps its user. Nobody named: no author (not whoever imports)."""
    empty.set_author("Importer")
    assert import_qdpx(empty, write_foreign(tmp_path / "tool.qdpx")).error == ""
    made = {p.text: (p.author, p.created_at, p.memo_author, p.memo_at) for p in empty.passages()}
    assert made["Controls bite."] == (
        "Alice",
        "2019-06-07T03:40:00+00:00",
        "Bob",
        "2019-06-08T09:15:00+02:00",
    )  # Bob's coding of the same span is listed (above): a passage has one author
    chen, tagged_at, *memo = made["😀 A: 𠀀"]
    assert (chen, memo) == ("Chen", ["", ""]) and tagged_at  # no time given: when imported
    assert made["steel"][0] == made["tariff"][0] == ""
    notes = {n.title: (n.author, n.updated_at) for n in empty.notes()}
    assert notes["Project journal"] == ("Chen", "2019-06-09T10:00:00+00:00")  # no zone: UTC
    assert notes["Note on theme Sovereignty"][0] == ""


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


def test_a_source_the_file_holds_twice_gets_each_span_once(empty: Project, tmp_path: Path) -> None:
    """Two sources of one text: one source, and a span coded in both is one passage with both
    codes, its first user's, and the memo with the user who wrote it."""
    twice = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Twice" origin="NVivo 14">
  <Users><User guid="{U1}" name="Ana"/><User guid="{U2}" name="Ben"/></Users>
  <CodeBook><Codes>
    <Code guid="{C1}" name="Steel" isCodable="true"/>
    <Code guid="{C2}" name="Trade" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{S1}" name="Copy one"><PlainTextContent>{INLINE}</PlainTextContent>
      <PlainTextSelection guid="{S3}" startPosition="18" endPosition="23" creatingUser="{U1}"
       creationDateTime="2019-01-01T00:00:00Z">
        <Coding guid="{S4}"><CodeRef targetGUID="{C1}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="{S2}" name="Copy two"><PlainTextContent>{INLINE}</PlainTextContent>
      <PlainTextSelection guid="{S5}" startPosition="18" endPosition="23" creatingUser="{U2}"
       creationDateTime="2020-01-01T00:00:00Z"><Description>Ben's memo</Description>
        <Coding guid="{S6}"><CodeRef targetGUID="{C2}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""
    path = tmp_path / "twice.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", twice)
    outcome = import_qdpx(empty, path)
    assert outcome.line() == (
        "imported: twice.qdpx: 1 source(s), 2 new theme(s), 1 passage(s) (1 already here),"
        " 0 note(s)"
    )
    assert outcome.notices == [
        "source Copy two: the same text is already source 1 (Copy one); its passages go there"
    ]
    (passage,) = empty.passages()
    assert [empty.theme(t).name for t in passage.theme_ids] == ["Steel", "Trade"]
    assert (passage.text, passage.author, passage.created_at) == (
        "steel", "Ana", "2019-01-01T00:00:00+00:00",
    )  # fmt: skip
    assert (passage.memo, passage.memo_author, passage.memo_at) == (
        "Ben's memo", "Ben", "2020-01-01T00:00:00+00:00",
    )  # fmt: skip
