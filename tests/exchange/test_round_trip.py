"""A project exported to .qdpx and imported into a new project: the same sources, themes,
passages and notes, text and offsets exact (emoji and CJK Extension B before and inside
passages), and who made each and when."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.model import NoteMetadata
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.exchange import export_qdpx, import_qdpx
from tests.exchange.foreign import write_foreign
from tests.qdpx_support import NS, validated

TEXT = (
    "😀 Opening 𠀀 line about nothing much.\n"
    "The export controls on chips 😀 reach allies 𠀁 now.\tInvestors pour capital in.\n"
    "Sovereignty matters to Europe. 中文 and Ελληνικά. A final sentence here."
)


def snapshot(project: Project) -> dict[str, object]:
    """Everything the round trip must keep, by value (ids differ between projects)."""
    themes = {t.id: t.name for t in project.themes()}
    titles = {s.id: s.title for s in project.sources()}
    return {
        "themes": [(t.name, t.colour, t.description) for t in project.themes()],
        "sources": [
            (
                s.title,
                project.source_text(s.id),
                s.format,
                s.author,
                s.origin,
                s.published,
                s.marking,
            )
            for s in project.sources()
        ],
        "passages": sorted(
            (
                titles[p.source_id],
                p.start,
                p.end,
                p.text,
                tuple(themes[t] for t in p.theme_ids),
                p.memo,
                p.created_at,
                p.author,
                p.memo_author,
                p.memo_at,
            )
            for p in project.passages()
        ),
        "notes": [(n.title, n.body, n.author, n.updated_at) for n in project.notes()],
    }


def build(path: Path) -> Path:
    def populate(project: Project) -> None:
        first = project.add_source(
            "Cable 17 😀", TEXT, "docx", origin="C:\\cables\\17.docx", author="Embassy",
            published="2026-11-02", marking="SECRET",
        )  # fmt: skip
        second = project.add_source("Plain", "Nothing 𠀀 tagged but one word.", "txt")
        ids = [t.id for t in project.themes()]
        at = TEXT.index("export controls")
        project.set_author("Ana Lyst")
        project.add_passage(first.id, 0, 1, [ids[0]], created_at="2025-03-04T05:06:07+00:00")
        memo = project.add_passage(
            first.id, at, at + 45, [ids[0], ids[2]], created_at="2025-03-04T05:06:08+00:00"
        )
        project.add_passage(first.id, at + 20, at + 60, [ids[1]], author="")  # nobody known
        project.set_author("Bob")
        project.set_memo(memo.id, "memo 😀\r\nline <&> two")  # on Ana's passage
        project.add_passage(first.id, TEXT.index("中文"), len(TEXT), [ids[2]])
        project.add_passage(second.id, 8, 10, [ids[1]], "𠀀 alone")
        project.set_author("Cy")
        project.add_note("Draft", "decision", "Body [@p2]", NoteMetadata(to="Minister"))

    Project.create(path, default_themes(), populate).close()
    return path


def test_round_trip_into_a_new_empty_project(tmp_path: Path) -> None:
    original = build(tmp_path / "a.briefing")
    with Project.open(original, readonly=True) as project:
        export_qdpx(project, tmp_path / "a.qdpx")
        expected = snapshot(project)
    validated(tmp_path / "a.qdpx")
    copy = tmp_path / "b.briefing"
    Project.create(copy).close()
    with Project.open(copy) as project:
        outcome = import_qdpx(project, tmp_path / "a.qdpx")
        assert outcome.error == "" and outcome.skipped == []
        assert snapshot(project) == expected
        assert [(n.title, n.body) for n in project.notes()] == [("Draft", "Body [@p2]")]
    kept = {(p[7], p[8]) for p in expected["passages"]}  # type: ignore[union-attr]
    assert kept == {("Ana Lyst", ""), ("Ana Lyst", "Bob"), ("", ""), ("Bob", ""), ("Bob", "Bob")}


def test_another_tools_users_go_back_out_as_they_came_in(tmp_path: Path) -> None:
    """Imported from another tool and exported again: each selection and note names the user
    the other tool named, so that tool finds who did what again."""
    copy = tmp_path / "b.briefing"
    Project.create(copy).close()
    with Project.open(copy) as project:
        project.set_author("Importer")
        assert import_qdpx(project, write_foreign(tmp_path / "tool.qdpx")).error == ""
        export_qdpx(project, tmp_path / "again.qdpx")
    root = validated(tmp_path / "again.qdpx")
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    selections = root.findall("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    by_text = {s.get("name"): users.get(s.get("creatingUser", "")) for s in selections}
    assert by_text == {"😀 A: 𠀀": "Chen", "Controls bite.": "Alice", "steel": None,
                       "tariff": None}  # fmt: skip
    notes = {n.get("name"): n for n in root.findall("q:Notes/q:Note", NS)}
    memo = notes["Memo: Controls bite."]
    assert (users[memo.get("creatingUser")], memo.get("creationDateTime")) == (
        "Bob", "2019-06-08T09:15:00+02:00",
    )  # fmt: skip
    assert users[notes["Project journal"].get("creatingUser")] == "Chen"
    assert "creatingUser" not in notes["Note on theme Sovereignty"].attrib


def test_round_trip_into_a_new_project_with_the_default_themes(tmp_path: Path) -> None:
    original = build(tmp_path / "a.briefing")
    with Project.open(original, readonly=True) as project:
        export_qdpx(project, tmp_path / "a.qdpx")
        expected = snapshot(project)
    copy = tmp_path / "b.briefing"
    Project.create(copy, default_themes()).close()  # as `briefing new` makes it
    with Project.open(copy) as project:
        outcome = import_qdpx(project, tmp_path / "a.qdpx")
        assert outcome.themes == 0 and len(outcome.notices) == 3  # the themes met by name
        assert snapshot(project) == expected


def test_exported_again_the_sources_keep_their_guids(tmp_path: Path) -> None:
    """What came from a .qdpx goes back out under the same source GUIDs (a tool can match)."""
    original = build(tmp_path / "a.briefing")
    with Project.open(original, readonly=True) as project:
        export_qdpx(project, tmp_path / "a.qdpx")
    copy = tmp_path / "b.briefing"
    Project.create(copy).close()
    with Project.open(copy) as project:
        import_qdpx(project, tmp_path / "a.qdpx")
        export_qdpx(project, tmp_path / "b.qdpx")
    guids = [
        [s.get("guid") for s in validated(tmp_path / name).iter("{*}TextSource")]
        for name in ("a.qdpx", "b.qdpx")
    ]
    assert guids[0] == guids[1] and len(guids[0]) == 2


# Text as the importers leave it: no CR, no C0 control but tab and line feed.
CHARS = st.sampled_from([*"ab \n\t.,éß中😀𠀀𠀁\U0001f3f3\ufe0f", "\u200d"])
WORDS = st.text(alphabet=st.sampled_from(list("abcXYZ 😀𠀀é<&>\"'")), min_size=1, max_size=12)


@st.composite
def projects(draw: st.DrawFn) -> dict[str, object]:
    text = draw(st.text(alphabet=CHARS, min_size=1, max_size=80).filter(str.strip))
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, len(text) - 1), st.integers(1, 20)),
            unique_by=lambda span: (span[0], min(len(text), span[0] + span[1])),
            max_size=12,
        )
    )
    themes = draw(st.lists(WORDS.map(str.strip).filter(bool), min_size=1, max_size=4,
                           unique_by=str.lower))  # fmt: skip
    passages = [
        (start, min(len(text), start + length),
         draw(st.lists(st.integers(0, len(themes) - 1), min_size=1, max_size=3, unique=True)),
         draw(st.one_of(st.just(""), WORDS.map(str.strip))))
        for start, length in spans
    ]  # fmt: skip
    return {"text": text, "themes": themes, "passages": passages, "title": draw(WORDS).strip()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=projects())
def test_round_trip_of_random_projects(case: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        themes = [{"name": " ".join(str(n).split()), "colour": "#3F7FD9"} for n in case["themes"]]

        def populate(project: Project) -> None:
            source = project.add_source(str(case["title"]) or "T", str(case["text"]), "txt")
            ids = [t.id for t in project.themes()]
            for start, end, chosen, memo in case["passages"]:  # type: ignore[attr-defined]
                project.add_passage(source.id, start, end, [ids[i] for i in chosen], memo)

        Project.create(here / "a.briefing", themes, populate).close()
        with Project.open(here / "a.briefing", readonly=True) as project:
            export_qdpx(project, here / "a.qdpx")
            expected = snapshot(project)
        Project.create(here / "b.briefing").close()
        with Project.open(here / "b.briefing") as project:
            outcome = import_qdpx(project, here / "a.qdpx")
            assert outcome.error == ""
            assert snapshot(project) == expected
