"""`briefing matrix PROJECT [--json]`: passages per source and theme, run as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.core.store import Project
from tests.cli.test_cli import assert_one_line_error, briefing


def test_matrix_of_the_sample_as_json_and_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    records = json.loads(briefing("matrix", path, "--json").stdout)
    with Project.open(path, readonly=True) as project:
        passages = project.passages()
        names = {t.id: t.name for t in project.themes()}
        title = project.sources()[0].title
    assert [set(r) for r in records] == [{"source_id", "source", "theme", "passages"}] * 3
    assert [r["theme"] for r in records] == ["Export controls", "Sovereignty", "Investment"]
    for record in records:  # each cell: the passages of that source carrying that theme
        assert record["source_id"] == 1 and record["source"] == title
        assert record["passages"] == sum(record["theme"] in {names[t] for t in p.theme_ids}
                                         for p in passages)  # fmt: skip
    lines = briefing("matrix", path).stdout.splitlines()
    assert lines[0].split()[:2] == ["ID", "SOURCE"] and lines[0].endswith("TOTAL")
    assert "Export controls" in lines[0]
    cells = [r["passages"] for r in records]
    assert lines[1].split()[-4:] == [*map(str, cells), str(len(passages))]
    assert lines[2].split() == ["TOTAL", *map(str, cells), str(len(passages))]


def test_matrix_of_an_empty_project_and_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "e.briefing"
    assert briefing("new", path).returncode == 0
    assert json.loads(briefing("matrix", path, "--json").stdout) == []
    lines = briefing("matrix", path).stdout.splitlines()
    assert lines[-1].split() == ["TOTAL", "0", "0", "0", "0"]
    assert_one_line_error(briefing("matrix", tmp_path / "missing.briefing"), "missing.briefing")


def test_matrix_to_a_file_and_into_the_annex_of_the_export(tmp_path: Path) -> None:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    records = json.loads(briefing("matrix", path, "--json").stdout)
    out = tmp_path / "m.csv"
    assert briefing("matrix", path, "-o", out).stdout.strip() == f"wrote {out}"
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Source,Export controls,Sovereignty,Investment,Total"
    assert rows[1].split(",")[-4:-1] == [str(r["passages"]) for r in records]
    assert_one_line_error(briefing("matrix", path, "-o", tmp_path / "m.pdf"), ".docx, .md or .csv")
    assert not (tmp_path / "m.pdf").exists()
    note = tmp_path / "note.md"
    assert briefing("export", path, "--format", "md", "-o", note, "--annex-matrix").returncode == 0
    assert "# Passages by source and theme" in note.read_text(encoding="utf-8")
    assert briefing("export", path, "--format", "md", "-o", note).returncode == 0
    assert "# Passages by source and theme" not in note.read_text(encoding="utf-8")
