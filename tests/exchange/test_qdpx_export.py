"""REFI-QDA export: every file validates against the schema, and says what the project holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.model import NoteMetadata
from briefing.core.store import Project
from briefing.exchange import export_qdpx
from briefing.sample import build_sample
from tests.qdpx_support import NS, read_qde, validated

TEXT = "😀 Opening 𠀀 line.\nThe export controls on chips 😀 reach allies 𠀁 now.\nMore text."
THEMES = [
    {"name": "Export controls", "colour": "#E0702E", "keywords": ["export"]},
    {"name": 'Trade "and" <security>', "colour": "#abc", "description": "A & B"},
    {"name": "No colour", "colour": "grey"},
]


def rich(path: Path) -> Path:
    """A project with what an export must get right: astral characters before and inside
    passages, a CR kept in a memo, overlaps, two themes on a passage, details, a note."""

    def populate(project: Project) -> None:
        source = project.add_source(
            "Cable <1> & co",
            TEXT,
            "txt",
            origin="https://example.org/c?a=1&b=2",
            author="Embassy",
            published="2026-11-02",
            marking="SECRET",
        )
        project.add_source("Second", "Nothing tagged here.", "md")
        a, b, c = (t.id for t in project.themes())
        start = TEXT.index("export")
        project.add_passage(source.id, start, start + 32, [a, b], "memo line 1\r\nline 2 <&>")
        project.add_passage(source.id, 0, 12, [c])
        project.add_passage(source.id, start + 4, len(TEXT), [a])  # overlaps the first
        project.add_note("Draft", "decision", "Body [@p1]", NoteMetadata(to="Minister"))

    Project.create(path, THEMES, populate).close()
    return path


def test_the_file_holds_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_AUTHOR", "Ann Analyst")  # who works here, as the OS names her
    out = tmp_path / "rich.qdpx"
    with Project.open(rich(tmp_path / "rich.briefing"), readonly=True) as project:
        result = export_qdpx(project, out)
        sources, passages, themes = project.sources(), project.passages(), project.themes()
    root = validated(out)
    _, members = read_qde(out)
    assert root.get("origin", "").startswith("Briefing ")
    codes = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [c.get("name") for c in codes] == [t.name for t in themes]
    assert [c.get("color") for c in codes] == ["#E0702E", "#abc", None]  # no colour: none
    assert codes[1].findtext("q:Description", namespaces=NS) == "A & B"
    code_of = {c.get("guid"): c.get("name") for c in codes}

    elements = root.findall("q:Sources/q:TextSource", NS)
    assert [e.get("name") for e in elements] == [s.title for s in sources]
    texts = [TEXT, "Nothing tagged here."]
    for element, text in zip(elements, texts, strict=True):
        path = element.get("plainTextPath")
        assert path.startswith("internal://") and path.endswith(".txt")
        assert members[f"sources/{path.removeprefix('internal://')}"].decode("utf-8") == text
    selections = elements[0].findall("q:PlainTextSelection", NS)
    stored = [p for p in passages if p.source_id == sources[0].id]
    assert [(int(s.get("startPosition")), int(s.get("endPosition"))) for s in selections] == [
        (p.start, p.end) for p in stored
    ]
    for selection, passage in zip(selections, stored, strict=True):
        names = [code_of[r.get("targetGUID")] for r in selection.findall(".//q:CodeRef", NS)]
        assert names == [next(t.name for t in themes if t.id == i) for i in passage.theme_ids]
    memo = next(p for p in stored if p.memo)
    selection = selections[stored.index(memo)]
    assert selection.findtext("q:Description", namespaces=NS) == memo.memo  # CR kept
    note_guid = selection.find("q:NoteRef", NS).get("targetGUID")
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", NS)}
    assert notes[note_guid].findtext("q:PlainTextContent", namespaces=NS) == memo.memo
    project_note = notes[root.find("q:NoteRef", NS).get("targetGUID")]
    assert project_note.get("name") == "Draft"
    assert project_note.findtext("q:PlainTextContent", namespaces=NS) == "Body [@p1]"
    variables = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    values = {
        variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.findtext(
            "q:TextValue", namespaces=NS
        )
        for v in elements[0].findall("q:VariableValue", NS)
    }
    assert values == {
        "Format": "txt",
        "Author": "Embassy",
        "Published": "2026-11-02",
        "Origin": "https://example.org/c?a=1&b=2",
        "Marking": "SECRET",
    }
    assert any("keywords of 1 theme" in line for line in result.problems)
    assert any("1 note(s)" in line for line in result.problems)
    # Ann made everything: one user, who made every selection, coding and note.
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert list(users.values()) == ["Ann Analyst"]
    made = [*selections, *root.iter(f"{{{NS['q']}}}Coding"), *notes.values()]
    assert {users[element.get("creatingUser")] for element in made} == {"Ann Analyst"}


def test_every_kind_of_project_validates(tmp_path: Path) -> None:
    sample = tmp_path / "sample.briefing"
    build_sample(sample).close()
    empty = tmp_path / "empty.briefing"
    Project.create(empty).close()
    themes_only = tmp_path / "themes.briefing"
    Project.create(themes_only, THEMES).close()
    for path in (sample, empty, themes_only, rich(tmp_path / "rich.briefing")):
        with Project.open(path, readonly=True) as project:
            export_qdpx(project, path.with_suffix(".qdpx"))
        validated(path.with_suffix(".qdpx"))


def test_authors_where_known_become_users(tmp_path: Path) -> None:
    """Who tagged each passage, wrote its memo and last wrote a note, as the store records
    them: users, named on the selections, their codings and the notes, with their times."""
    path = tmp_path / "authored.briefing"

    def populate(project: Project) -> None:
        source = project.add_source("Cable", TEXT, "txt")
        a, b, _ = (t.id for t in project.themes())
        project.set_author("Ann")
        first = project.add_passage(
            source.id, 0, 12, [a, b], created_at="2026-01-05T09:00:00+00:00"
        )
        project.set_author("Bea")
        project.add_passage(source.id, 13, 20, [a], "Bea's memo")
        project.set_memo(first.id, "memo by Bea")  # on Ann's passage
        project.add_passage(source.id, 21, 30, [b], author="")  # nobody known (an old file)
        project.set_author("Cy")
        project.add_note("Draft", body="text")

    Project.create(path, THEMES, populate).close()
    with Project.open(path, readonly=True) as project:
        export_qdpx(project, tmp_path / "authored.qdpx")
        passages, note = project.passages(), project.notes()[0]
    root = validated(tmp_path / "authored.qdpx")
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert sorted(users.values()) == ["Ann", "Bea", "Cy"]  # each once
    selections = root.findall("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    assert [users.get(s.get("creatingUser")) for s in selections] == ["Ann", "Bea", None]
    assert [s.get("creationDateTime") for s in selections] == [p.created_at for p in passages]
    for selection in selections:
        codings = selection.findall("q:Coding", NS)
        assert codings and all(
            c.get("creatingUser") == selection.get("creatingUser") for c in codings
        )
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", NS)}
    memos = [notes[s.find("q:NoteRef", NS).get("targetGUID")] for s in selections[:2]]
    assert [users[n.get("creatingUser")] for n in memos] == ["Bea", "Bea"]
    assert memos[0].get("creationDateTime") == passages[0].memo_at != passages[0].created_at
    project_note = notes[root.find("q:NoteRef", NS).get("targetGUID")]
    assert users[project_note.get("creatingUser")] == "Cy"
    assert project_note.get("creationDateTime") == note.updated_at


def test_the_same_project_gives_the_same_file(tmp_path: Path) -> None:
    path = rich(tmp_path / "rich.briefing")
    with Project.open(path, readonly=True) as project:
        export_qdpx(project, tmp_path / "one.qdpx")
        export_qdpx(project, tmp_path / "two.qdpx")
    assert (tmp_path / "one.qdpx").read_bytes() == (tmp_path / "two.qdpx").read_bytes()


def test_text_xml_cannot_hold_is_left_out_of_the_document_only(tmp_path: Path) -> None:
    path = tmp_path / "odd.briefing"

    def populate(project: Project) -> None:
        source = project.add_source("Odd\x0b title\ufffe", "Text \x85 with a C1 control.", "txt")
        theme = project.themes()[0].id
        project.add_passage(source.id, 0, 4, [theme], "memo \x01 with a control")

    Project.create(path, THEMES, populate).close()
    with Project.open(path, readonly=True) as project:
        export_qdpx(project, tmp_path / "odd.qdpx")
    root = validated(tmp_path / "odd.qdpx")
    _, members = read_qde(tmp_path / "odd.qdpx")
    assert root.find("q:Sources/q:TextSource", NS).get("name") == "Odd title"
    (text,) = (v for k, v in members.items() if k.startswith("sources/"))
    assert text.decode("utf-8") == "Text \x85 with a C1 control."  # the text file is exact


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "old.qdpx"
    out.write_bytes(b"the previous export")
    with Project.open(rich(tmp_path / "rich.briefing"), readonly=True) as project:
        project.close()  # the project is gone under the export: it fails while reading
        with pytest.raises(Exception, match="closed"):
            export_qdpx(project, out)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".old")] == []
