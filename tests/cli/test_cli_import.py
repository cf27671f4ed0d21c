"""`briefing import` as sources really arrive: e-mails with attachments, scanned pages, the
corpus; and its faults: read-only projects, other writers, failures on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from briefing.core.store import Project
from tests.cli.test_cli import assert_one_line_error, briefing
from tests.conftest import CORPUS
from tests.files import message_with_attachments, read_only, scanned_pdf


def _new(path: Path) -> Path:
    assert briefing("new", path).returncode == 0
    return path


def test_a_message_and_its_attachments_each_get_a_line(tmp_path: Path) -> None:
    project = _new(tmp_path / "p.briefing")
    cable = message_with_attachments(tmp_path)
    result = briefing("import", project, cable)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    with Project.open(project, readonly=True) as reader:
        sources = reader.sources()
    titles = [s.title for s in sources]
    assert titles == ["Cable on chip exports", "notes", "Press release",
                      "Forwarded: the annex", "Annex"]  # fmt: skip
    message, notes, release, forwarded, annex = sources
    assert lines[0] == f"imported: 1\tCable on chip exports\t{message.chars} characters"
    assert lines[1] == (
        f"imported: 2\tnotes\t{notes.chars} characters\tattachment of 1 (Cable on chip exports)"
    )
    assert lines[3] == f"skipped: {cable}: attachment logo.png: Briefing does not import .png files"
    assert lines[4].endswith("\tattachment of 1 (Cable on chip exports)")
    assert lines[5].endswith("\tattachment of 4 (Forwarded: the annex)")  # nested one level
    assert len(lines) == 6
    assert notes.origin == f"{cable.resolve()} (attachment notes.txt)"
    assert annex.metadata["attachment_of"] == forwarded.id
    assert message.author == "Desk Officer" and message.published == "2026-03-04"
    assert [a["name"] for a in message.metadata["attachments"]][:2] == ["notes.txt", "release.html"]
    assert release.format == "html" and notes.format == "txt"


def test_the_corpus_message_and_every_failure_on_stderr(tmp_path: Path) -> None:
    """Every corpus file imports or fails on one line of stderr naming it; nothing else
    reaches the terminal (no library's chatter, no traceback)."""
    if not CORPUS.is_dir():
        pytest.skip("no ../shared/corpus")
    project = _new(tmp_path / "p.briefing")
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".docx", ".pdf", ".msg"})
    result = briefing("import", project, *files)
    assert result.returncode == 1  # the corpus has files that cannot be imported
    errors = [line for line in result.stderr.splitlines() if line.startswith("briefing: error: ")]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(errors) + len(warnings) == len(result.stderr.splitlines()), result.stderr
    named = {line.split(": ")[2] for line in errors}
    assert named <= {str(f) for f in files} and len(named) == len(errors)
    out = result.stdout.splitlines()
    assert all(line.startswith(("imported: ", "skipped: ")) for line in out)
    assert len(out) + len(errors) >= len(files)
    assert "imported: 1\tTest for TIF files\t" not in result.stdout  # docx files come first
    msg = next(line for line in out if "\tTest for TIF files\t" in line)
    assert msg.startswith("imported: ")
    tifs = [line for line in out if line.startswith(f"skipped: {CORPUS / 'msg' / 'unicode.msg'}")]
    assert len(tifs) == 2 and all(line.endswith("does not import .tif files") for line in tifs)


@pytest.mark.external
def test_a_scanned_page_imports_with_its_words(tmp_path: Path) -> None:
    project = _new(tmp_path / "p.briefing")
    scan = scanned_pdf(tmp_path)
    result = briefing("import", project, scan)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"warning: {scan}: 1 of 1 pages were read by OCR")
    text = briefing("show", project, "1").stdout
    assert "licence rules for advanced semiconductors" in text
    with Project.open(project, readonly=True) as reader:
        ocr = reader.source(1).ocr
    assert ocr["language"] == "eng" and 50 < ocr["confidence"] <= 100


@pytest.mark.external
def test_the_ocr_language_comes_from_the_project(tmp_path: Path) -> None:
    project = _new(tmp_path / "p.briefing")
    with Project.open(project) as writer:
        writer.set_info("ocr_language", "xyz")  # Tesseract has no data for it
    scan = scanned_pdf(tmp_path)
    result = briefing("import", project, scan)
    assert_one_line_error(result, f"{scan}: ")
    assert "no data for the OCR language 'xyz'" in result.stderr
    assert_one_line_error(briefing("import", project, scan, "--ocr-language", "e n"), "Tesseract")
    assert briefing("import", project, scan, "--ocr-language", "eng").returncode == 0


def test_a_read_only_project_gets_one_line_from_every_writing_verb(sample_path: Path) -> None:
    text = sample_path.parent / "cable.txt"
    text.write_text("A cable.", encoding="utf-8")
    body = sample_path.parent / "body.md"
    body.write_text("New body.\n", encoding="utf-8")
    before = sample_path.read_bytes()
    with read_only(sample_path):
        for verb in (("import", text), ("autotag",), ("note", "--from", body)):
            result = briefing(verb[0], sample_path, *verb[1:])
            assert_one_line_error(result, "sample.briefing: the project file is read-only")
        assert json.loads(briefing("sources", sample_path, "--json").stdout)[0]["id"] == 1
    assert sample_path.read_bytes() == before


def test_a_read_only_folder_gets_one_line(sample_path: Path) -> None:
    folder = sample_path.parent
    text = folder / "cable.txt"
    text.write_text("A cable.", encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    with read_only(folder):
        assert_one_line_error(briefing("import", sample_path, text), "is read-only")
        assert_one_line_error(briefing("new", folder / "new.briefing"), "is read-only")
        assert_one_line_error(briefing("sample", folder / "s2.briefing"), "is read-only")
    assert sorted(p.name for p in folder.iterdir()) == before


HOLD_OPEN = (
    "import sys\n"
    "from briefing.core.store import Project\n"
    "project = Project.open(sys.argv[1])\n"  # as a window holds it
    "print('open', flush=True)\n"
    "sys.stdin.readline()\n"
    "project.close()\n"
)


def test_a_writer_gives_up_on_a_window_with_one_line_naming_it(sample_path: Path) -> None:
    text = sample_path.parent / "cable.txt"
    text.write_text("A cable.", encoding="utf-8")
    window = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(sample_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "open"
        env = {**os.environ, "BRIEFING_LOCK_WAIT": "0.5"}
        result = briefing("import", sample_path, text, env=env)
        assert_one_line_error(result, "sample.briefing is open in another Briefing window")
        assert f"(process {window.pid} on " in result.stderr and "waited 0.5 s" in result.stderr
    finally:
        assert window.stdin is not None
        window.stdin.write("\n")
        window.stdin.flush()
        window.wait(30)
    assert briefing("import", sample_path, text).returncode == 0  # released: it goes through


@pytest.mark.parametrize("writers", [2, 4, 8])
def test_concurrent_imports_all_land(tmp_path: Path, writers: int) -> None:
    project = _new(tmp_path / "p.briefing")
    files = []
    for number in range(writers):
        path = tmp_path / f"cable-{number}.txt"
        path.write_text(f"Cable number {number} on export licences.", encoding="utf-8")
        files.append(path)
    shared = tmp_path / "shared.txt"
    shared.write_text("The text every writer imports.", encoding="utf-8")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "briefing", "import", str(project), str(path), str(shared)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tempfile.gettempdir(),
        )
        for path in files
    ]
    results = [(p.wait(120), *p.communicate()) for p in processes]
    assert [(code, err) for code, _out, err in results] == [(0, "")] * writers
    outputs = [out.splitlines() for _code, out, _err in results]
    assert sum(line.startswith("imported: ") for lines in outputs for line in lines) == writers + 1
    assert sum(line.startswith("skipped: ") for lines in outputs for line in lines) == writers - 1
    with Project.open(project, readonly=True) as reader:
        stored = sorted(reader.source_text(s.id) for s in reader.sources())
    wanted = sorted(p.read_text(encoding="utf-8") for p in [*files, shared])
    assert stored == wanted


# A library that talks while a file is stored (outside the importers' own quieting): a log
# record of pypdf's and a Python warning, as python-docx and lxml raise them.
CHATTY_IMPORT = (
    "import logging, sys, warnings\n"
    "import briefing.ingest as ingest\n"
    "from briefing.cli import main\n"
    "real_store = ingest.store\n"
    "def chatty_store(*args, **kwargs):\n"
    "    logging.getLogger('pypdf._reader').warning('library chatter: xref table repaired')\n"
    "    warnings.warn('library chatter: a deprecated call', DeprecationWarning, stacklevel=1)\n"
    "    return real_store(*args, **kwargs)\n"
    "ingest.store = chatty_store\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_library_warnings_reach_the_terminal_only_with_debug(tmp_path: Path) -> None:
    project = _new(tmp_path / "p.briefing")
    text = tmp_path / "cable.txt"
    text.write_text("A cable on export licences.", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", CHATTY_IMPORT, "import", str(project), str(text), *extra],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            cwd=tempfile.gettempdir(),
        )

    quiet = run()
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout.startswith("imported: 1\tcable\t")
    loud = run("--debug")
    assert loud.returncode == 0 and loud.stdout.startswith("skipped: ")
    assert "library chatter: xref table repaired" in loud.stderr
    assert "library chatter: a deprecated call" in loud.stderr
