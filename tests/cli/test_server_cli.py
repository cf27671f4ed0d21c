"""The command line on a server project: a URL wherever a project file goes, the same answers
from both engines for the same content, and ``briefing copy`` between them, either way.

The comparisons call the command line in this process (``cli.main``, what the ``briefing``
command runs) to keep them quick; the errors are checked in a separate process, as a user
meets them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from briefing import cli
from tests.cli.test_cli import assert_one_line_error, briefing

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def run(capfd: pytest.CaptureFixture[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    capfd.readouterr()
    status = cli.main([str(a) for a in args])
    out, err = capfd.readouterr()
    return subprocess.CompletedProcess(args, status, out, err)


def answers(
    capfd: pytest.CaptureFixture[str], project: str | Path, out: Path
) -> dict[str, str | bytes]:
    """What the read-only verbs say about a project, and what its exports hold."""
    said: dict[str, str | bytes] = {}
    for name, verb in {
        "sources": ("sources", "--json"),
        "passages": ("passages", "--json"),
        "investment": ("passages", "--theme", "investment"),
        "show": ("show", "1"),
        "note": ("note", "--print"),
    }.items():
        result = run(capfd, verb[0], project, *verb[1:])
        assert result.returncode == 0, result.stderr
        said[name] = result.stdout
    for fmt in ("md", "docx"):
        target = out / f"export.{fmt}"
        result = run(capfd, "export", project, "--format", fmt, "-o", target)
        assert result.returncode == 0, result.stderr
        said[fmt] = target.read_bytes() if fmt == "md" else _docx_text(target)
    return said


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def edit(capfd: pytest.CaptureFixture[str], project: str | Path, tmp_path: Path) -> None:
    """The writing verbs, the same way on both."""
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nInvestment matters [@p4].\n", encoding="utf-8")
    for args in (
        ("import", project, tmp_path / "extra.txt"),
        ("autotag", project, "--theme", "Investment"),
        ("note", project, "--from", note),
    ):
        result = run(capfd, *args)
        assert result.returncode == 0, result.stderr


def test_a_server_project_answers_as_a_file_does(
    tmp_path: Path, server_url: str, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "extra.txt").write_text(
        "Investment funds look at European labs. Venture capital follows.\n", encoding="utf-8"
    )
    file = tmp_path / "s.briefing"
    for project in (file, server_url):
        created = run(capfd, "sample", project)
        assert created.returncode == 0, created.stderr
        edit(capfd, project, tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    on_server = answers(capfd, server_url, tmp_path / "a")
    assert on_server == answers(capfd, file, tmp_path / "b")
    imported = json.loads(str(on_server["sources"]))[1]
    assert (imported["title"], imported["passages"]) == ("extra", 2)  # imported, autotagged


def test_copy_from_a_file_to_a_server_and_back_loses_nothing(
    tmp_path: Path, server_url: str, capfd: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "s.briefing"
    assert run(capfd, "sample", file).returncode == 0
    (tmp_path / "extra.txt").write_text("Sovereignty first. Then allies.\n", encoding="utf-8")
    edit(capfd, file, tmp_path)
    copied = run(capfd, "copy", file, server_url)
    assert copied.returncode == 0, copied.stderr
    assert "2 sources" in copied.stdout
    back = tmp_path / "back.briefing"
    assert run(capfd, "copy", server_url, back).returncode == 0
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
    original = answers(capfd, file, tmp_path / "a")
    assert answers(capfd, server_url, tmp_path / "b") == original
    assert answers(capfd, back, tmp_path / "c") == original
    # Nothing is ever copied over a project.
    assert_one_line_error(briefing("copy", file, server_url), "already exists")
    assert_one_line_error(briefing("copy", server_url, back), "already exists")


def test_a_new_server_project_and_bad_urls(server_url: str) -> None:
    created = briefing("new", server_url)
    assert created.returncode == 0, created.stderr
    assert briefing("note", server_url, "--print").stdout.startswith("## ")  # the template
    assert_one_line_error(briefing("new", server_url), "already exists")
    assert_one_line_error(
        briefing("sources", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=3"),
        "cannot connect to postgresql://nobody@127.0.0.1:1/none",
    )
    assert_one_line_error(briefing("sources", "postgresql://h:99999/x"), "not a valid server URL")
    # Opening the window on a server that cannot be reached: one line, before any window.
    unreachable = briefing("postgresql://nobody@127.0.0.1:1/none?connect_timeout=3")
    assert_one_line_error(unreachable, "cannot connect to")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_importing_real_documents_to_a_server(server_url: str) -> None:
    assert briefing("new", server_url).returncode == 0
    files = [sorted((CORPUS / kind).iterdir())[0] for kind in ("docx", "pdf")]
    result = briefing("import", server_url, *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("imported") == len(files)
