"""`briefing export PROJECT --format qdpx` and `briefing import PROJECT FILE.qdpx`, run as a
user runs them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.cli.test_cli import assert_one_line_error, briefing
from tests.exchange.foreign import write_foreign
from tests.qdpx_support import NS, validated


def test_export_the_sample_as_refi_qda(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    out = tmp_path / "s.qdpx"
    result = briefing("export", path, "--format", "qdpx", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out} (1 source, 8 passages)"
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["warning"] * 2
    root = validated(out)
    assert len(root.findall("q:Sources/q:TextSource/q:PlainTextSelection", NS)) == 8
    default = briefing("export", path, "--format", "qdpx")  # beside the project
    assert default.returncode == 0 and validated(path.with_suffix(".qdpx")) is not None
    assert_one_line_error(
        briefing("export", path, "--format", "qdpx", "--reference-doc", tmp_path / "r.docx"),
        "apply to notes",
    )


def test_import_a_file_from_another_tool_beside_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "n.briefing"
    assert briefing("new", path).returncode == 0
    foreign = write_foreign(tmp_path / "tool.qdpx")
    text = tmp_path / "cable.txt"
    text.write_text("A cable of its own.\n", encoding="utf-8")
    result = briefing("import", path, foreign, text)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "imported: tool.qdpx: 3 source(s), 3 new theme(s), 4 passage(s), 2 note(s)"
    assert lines[1].startswith("imported: 4\tcable")
    errors = result.stderr.splitlines()
    assert "tool.qdpx: code Sovereignty: tags as the existing theme Sovereignty" in errors
    assert "tool.qdpx: not imported: 1 set: Briefing has no sets" in errors
    assert len([e for e in errors if "not imported" in e]) == 9
    passages = json.loads(briefing("passages", path, "--json").stdout)
    assert "Controls bite." in [p["text"] for p in passages]


def test_a_hostile_file_fails_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "n.briefing"
    assert briefing("new", path).returncode == 0
    foreign = write_foreign(tmp_path / "tool.qdpx")
    with zipfile.ZipFile(foreign, "a") as archive:
        archive.writestr("Sources/../../evil.txt", b"x")
    before = briefing("sources", path, "--json").stdout
    result = briefing("import", path, foreign)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"failed: {foreign}: the archive holds a file outside its folder: Sources/../../evil.txt"
    ]
    assert briefing("sources", path, "--json").stdout == before
