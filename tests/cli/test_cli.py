"""The command line of DESIGN.md section 6, run as a user runs it: a separate process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from briefing import __version__


def briefing(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        cwd=tempfile.gettempdir(),  # the installed package, not the checkout's folder
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefing: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = briefing("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefing {__version__}"


def test_sample_sources_passages_show(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    sources = json.loads(briefing("sources", path, "--json").stdout)
    assert [(s["id"], s["format"], s["passages"]) for s in sources] == [(1, "txt", 8)]
    assert set(sources[0]) == {"id", "title", "format", "chars", "passages"}
    text = briefing("show", path, "1").stdout
    assert len(text) == sources[0]["chars"]
    passages = json.loads(briefing("passages", path, "--json").stdout)
    assert len(passages) == 8
    for passage in passages:
        assert set(passage) == {"id", "source_id", "start", "end", "themes", "text", "memo"}
        assert passage["text"] == text[passage["start"] : passage["end"]]
    only = json.loads(briefing("passages", path, "--theme", "INVESTMENT", "--json").stdout)
    assert only and all("Investment" in p["themes"] for p in only)
    assert len(only) < len(passages)
    table = briefing("passages", path).stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "SOURCE_ID", "START"] and len(table) == 9


def test_new_import_and_note(tmp_path: Path) -> None:
    path = tmp_path / "n.briefing"
    assert briefing("new", path).returncode == 0
    good = tmp_path / "good.txt"
    good.write_text("Emoji 😀 and 𠀀 survive.\r\nSecond line.\r\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = briefing("import", path, good, empty)
    assert result.returncode == 1
    stored = "Emoji 😀 and 𠀀 survive.\nSecond line.\n"
    assert result.stdout.splitlines() == [f"imported: 1\tgood\t{len(stored)} characters"]
    assert result.stderr == f"briefing: error: {empty}: the file is empty\n"  # failures: stderr
    assert briefing("show", path, "1").stdout == stored
    again = briefing("import", path, good)
    assert again.returncode == 0 and again.stdout.startswith("skipped: ")

    body = tmp_path / "body.md"
    body.write_text("## Summary\n\nA new body [@p1].\n", encoding="utf-8")
    assert briefing("note", path, "--from", body).returncode == 0
    assert briefing("note", path, "--print").stdout == "## Summary\n\nA new body [@p1].\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("verb", [("sources",), ("passages",), ("note", "--print")])
def test_refused_files_give_one_line_and_stay_unchanged(
    tmp_path: Path, verb: tuple[str, ...]
) -> None:
    png = tmp_path / "picture.briefing"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 500)
    truncated = tmp_path / "cut.briefing"
    assert briefing("sample", truncated).returncode == 0
    truncated.write_bytes(truncated.read_bytes()[:5000])
    for path, fragment in ((png, "not a Briefing project"), (truncated, "truncated")):
        before = _digest(path)
        assert_one_line_error(briefing(verb[0], path, *verb[1:]), fragment)
        assert _digest(path) == before


def test_newer_version_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "future.briefing"
    assert briefing("sample", path).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _digest(path)
    assert_one_line_error(briefing("sources", path), "newer Briefing")
    assert_one_line_error(briefing(path), "newer Briefing")  # the GUI path checks first
    assert _digest(path) == before


def test_errors_are_one_line(tmp_path: Path) -> None:
    assert_one_line_error(briefing("sources", tmp_path / "none.briefing"), "no such project")
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    assert_one_line_error(briefing("sample", path), "already exists")
    assert_one_line_error(briefing("show", path, "42"), "no source 42")
    assert_one_line_error(briefing("passages", path, "--theme", "Nope"), "no theme named")
    assert_one_line_error(
        briefing("screenshot", path, tmp_path / "x.png", "--size", "big"), "--size"
    )
    usage = briefing("show", path, "not-a-number")
    assert usage.returncode == 2 and len(usage.stderr.strip().splitlines()) == 1


def test_gui_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    result = briefing(path, env=env)
    assert_one_line_error(result, "no display")
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_screenshot_writes_a_picture_of_the_window(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    out = tmp_path / "shot.png"
    result = briefing("screenshot", path, out, "--size", "1000x700")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 700)


def test_autotag_adds_suggested_passages_once(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    first = briefing("autotag", path, "--theme", "investment")
    assert first.returncode == 0 and first.stdout.startswith("added ")
    added = int(first.stdout.split()[1])
    assert added > 0
    passages = json.loads(briefing("passages", path, "--json").stdout)
    assert len(passages) == 8 + added
    assert briefing("autotag", path, "--theme", "investment").stdout.startswith("added 0 ")
    assert_one_line_error(briefing("autotag", path, "--theme", "nope"), "no theme named")


def test_export_word_and_markdown(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "s.briefing"
    briefing("sample", path)
    result = briefing("export", path, "--format", "docx")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "s.docx"
    assert result.stdout.startswith(f"wrote {out} (")
    document = docx.Document(str(out))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1"} <= styles
    md = tmp_path / "note.md"
    assert briefing("export", path, "--format", "md", "-o", md, "--no-annex").returncode == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "[^p1]:" in text and "Annex A" not in text
    assert_one_line_error(
        briefing("export", path, "--format", "docx", "--reference-doc", md), "reference"
    )
    assert_one_line_error(briefing("export", path, "--format", "pdf"), "invalid choice")


def test_writing_verbs_back_up_and_a_damaged_project_names_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    env = dict(os.environ)
    body = tmp_path / "b.md"
    body.write_text("new body\n", encoding="utf-8")
    assert briefing("note", path, "--from", body, env=env).returncode == 0
    backups = list((Path(env["BRIEFING_DATA_DIR"]) / "backups").glob("s-*/*.briefing"))
    assert len(backups) == 1
    data = path.read_bytes()
    damaged = bytearray(data)
    damaged[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096  # a page of garbage
    path.write_bytes(bytes(damaged))
    result = briefing("sources", path, env=env)
    assert_one_line_error(result, "damaged")
    assert "the newest good backup is" in result.stderr and str(backups[0]) in result.stderr
    assert path.read_bytes() == bytes(damaged)


def test_a_backup_that_cannot_be_made_does_not_stop_the_work(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    briefing("sample", path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    body = tmp_path / "b.md"
    body.write_text("written all the same\n", encoding="utf-8")
    result = briefing(
        "note", path, "--from", body, env={**os.environ, "BRIEFING_DATA_DIR": str(blocked)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("briefing: WARNING: no backup made of s.briefing: ")
    assert briefing("note", path, "--print").stdout == "written all the same\n"


# ---- check (issue 12.4) ------------------------------------------------------------------------

CHECKED = """\
## Summary

Allies worry.[@p1][@p2] Funding [@p99] and [@px].

## Issue

[State the issue in one sentence.]
"""


def _checked_project(tmp_path: Path) -> Path:
    path = tmp_path / "c.briefing"
    assert briefing("sample", path).returncode == 0
    body = tmp_path / "body.md"
    body.write_text(CHECKED, encoding="utf-8")
    assert briefing("note", path, "--from", body).returncode == 0
    return path


def test_check_lists_problems_with_their_lines(tmp_path: Path) -> None:
    path = _checked_project(tmp_path)
    result = briefing("check", path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "3: [@p99] cites passage p99, which does not exist.",
        "3: [@px] is not a valid citation (write [@p12] or [@p12; @p40]).",
        "7: Template prompt still in the text: [State the issue in one sentence.]",
        "-: A note for decision needs a Recommendation section.",
    ]
    rows = json.loads(briefing("check", path, "--json").stdout)
    assert [set(row) for row in rows] == [{"line", "kind", "message", "start", "end"}] * 4
    assert [(row["line"], row["kind"]) for row in rows] == [
        (3, "missing-passage"),
        (3, "bad-citation"),
        (7, "prompt"),
        (None, "no-recommendation"),
    ]
    assert CHECKED[rows[0]["start"] : rows[0]["end"]] == "[@p99]"
    assert rows[3]["start"] is None and rows[3]["end"] is None


def test_check_is_quiet_and_succeeds_on_a_sound_note(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    before = _digest(path)
    result = briefing("check", path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert json.loads(briefing("check", path, "--json").stdout) == []
    assert _digest(path) == before  # a reading verb: the project is not written


def test_check_picks_a_note_by_id(tmp_path: Path) -> None:
    from briefing.core.model import NoteMetadata
    from briefing.core.store import Project

    path = _checked_project(tmp_path)
    with Project.open(path) as project:
        second = project.add_note(
            "Second", body="Only [@p98].\n", metadata=NoteMetadata(purpose="")
        )
    result = briefing("check", path, "--note", str(second.id))
    assert result.returncode == 1
    assert result.stdout == "1: [@p98] cites passage p98, which does not exist.\n"
    assert_one_line_error(briefing("check", path, "--note", "99"), "no note 99")
