"""The benchmark workloads at a tiny size, so that they do not rot (no timing asserted)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.project_bench import run_project_bench
from benchmarks.tagging_bench import run_tagging_bench
from briefing.core.store import Project


def test_tagging_bench_runs_on_a_small_source(tmp_path: Path, qapp) -> None:
    rows = run_tagging_bench(tmp_path, 1, chars=20_000, passages=50)
    assert [(r["budget"], r["unit"]) for r in rows] == [(0.5, "s"), (0.016, "s"), (0, "frames")]
    assert rows[0]["median"] > 0 and rows[1]["median"] > 0  # measured, not left at zero
    assert rows[2]["figure"].startswith("scroll 0.02 MB source, 50 passages: frames over 16 ms")
    with Project.open(tmp_path / "big.briefing", readonly=True) as project:
        big = project.sources()[1]
        assert big.chars == 20_000 and big.passages == 50


def test_project_bench_runs_on_a_small_project(tmp_path: Path) -> None:
    rows = run_project_bench(tmp_path, 1, sources=3, chars=2_000, passages=30)
    figures = [r["figure"] for r in rows]
    assert figures[0].startswith("open a project of 3 sources")
    assert rows[1]["unit"] == "MB" and rows[1]["median"] > 10
    with Project.open(tmp_path / "many.briefing", readonly=True) as project:
        assert len(project.sources()) == 3 and len(project.passages()) == 30


def test_export_bench_project_matches_its_bundle(tmp_path: Path) -> None:
    from benchmarks.export_bench import generate
    from benchmarks.workloads import project_from_bundle

    bundle, markdown = generate()
    path = project_from_bundle(bundle, tmp_path / "bench.briefing")
    with Project.open(path, readonly=True) as project:
        stored = project.bundle(project.notes()[0].id)
    assert stored.note.body == bundle.note.body
    assert {p.id: p.text for p in stored.passages.values()} == {
        p.id: p.text for p in bundle.passages.values()
    }
    assert "[^p" in markdown  # citations as footnotes, labelled by their passages


def test_import_bench_documents_are_made(tmp_path: Path) -> None:
    from benchmarks.generate_docs import write_bench_docs
    from briefing.importers import read_file

    docx_path, pdf_path = write_bench_docs(tmp_path, pages=2)
    assert len(read_file(docx_path).text) > 1000
    assert len(read_file(pdf_path).metadata["pages"]) == 2


def test_hostile_import_bench_refuses_the_bomb_and_reads_the_markdown(tmp_path: Path) -> None:
    from benchmarks.import_bench import HOSTILE_MARKDOWN, run_hostile_bench

    rows = run_hostile_bench(tmp_path, 1)  # raises if the bomb were imported
    assert (tmp_path / "bomb.docx").stat().st_size < 2 * 1024 * 1024
    assert [r["figure"].split(": ", 1)[-1] for r in rows[1:]] == [
        f"{name} (importer)" for name in HOSTILE_MARKDOWN
    ]
    assert all(r["budget"] == 2.0 and r["median"] > 0 for r in rows)


def test_runner_prints_the_table_and_writes_json(tmp_path: Path, capsys) -> None:
    import json

    from benchmarks.__main__ import main

    out = tmp_path / "figures.json"
    assert main(["--quick", "--only", "meter", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| Figure | Median | Spread | Budget | Met |" in printed
    data = json.loads(out.read_text())
    assert data["machine"]["cores"] >= 1
    figures = [f["figure"] for f in data["figures"]]
    assert figures == ["page meter: the sample note (1 page)", "page meter: a 160-page note"]
    assert all(f["budget"] for f in data["figures"])


def test_typing_bench_runs_on_a_short_note(tmp_path: Path, qapp) -> None:
    from benchmarks.typing_bench import run_typing_bench

    (result,) = run_typing_bench(tmp_path, 1, pages=2)
    assert result["figure"].startswith("a keystroke in a 2-page note until repainted")
    assert result["budget"] == 0.016 and result["median"] > 0
    with Project.open(tmp_path / "typing.briefing", readonly=True) as project:
        assert project.notes()[0].body.count("## Section") == 2


def test_server_load_bench_runs_and_its_checks_can_fail(pg_cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    """Two writers for two seconds: every check passes; a claimed commit that is not in the
    project, or a lost keyword, is reported."""
    from benchmarks.server_load import WriterLog, run, verify

    pg_cluster.admin("CREATE DATABASE load_test")
    url = pg_cluster.url("load_test")
    assert run(url, 2, 2.0) == 0
    printed = capsys.readouterr().out
    assert "errors reaching a writer: 0" in printed and "0 problem(s)" in printed
    claimed = WriterLog(99, sources={10_000: "0" * 64}, keywords=["never-written"])
    problems = verify(url, [claimed])
    assert any("source 10000 is missing" in p for p in problems)
    assert any("lost updates of the shared keywords" in p for p in problems)


def test_dossier_bench_runs_on_a_small_dossier(tmp_path: Path, qapp) -> None:
    from benchmarks.dossier_bench import run_dossier_bench

    rows = run_dossier_bench(tmp_path, 1, scale=(3, 2_000, 30))
    assert [(r["budget"], r["unit"]) for r in rows] == [
        (2.5, "s"),
        (600, "MB"),
        (0.016, "s"),
        (None, "s"),
        (0.016, "s"),
        (0.05, "s"),
    ]
    assert rows[0]["figure"].startswith("open a dossier of 3 sources")
    assert all(r["median"] > 0 for r in rows)  # each measured, none left at zero
    with Project.open(tmp_path / "dossier.briefing", readonly=True) as project:
        assert len(project.passages()) == 30
        assert "[@p1]" in project.notes()[0].body
