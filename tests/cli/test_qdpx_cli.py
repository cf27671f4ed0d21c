"""`briefing export PROJECT --format qdpx` and `briefing import PROJECT FILE.qdpx`, run as a
user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import assert_one_line_error, briefing
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
