"""Import: a generated 100-page .docx and .pdf through ``briefing import`` (a whole process,
as a user runs it) beside ``pandoc -t plain`` and ``pdftotext`` on the same files, and the
importer alone in-process (what the window's import worker does). Then hostile files: how long
a zip bomb named .docx takes to be refused, and pathological Markdown to be read (the tests
check what happens to them; how fast is measured here, against a budget of 2 s each).

The 300-page PDF budget (DESIGN.md section 7: at most twice ``pdftotext``, whole processes) is
timed on a report LibreOffice prints from the generated Word document (embedded TrueType fonts
with ToUnicode maps, as real reports have); without LibreOffice, on the generated PDF. The
process is ``python -c`` importing briefing.importers and reading the file: the command line's
own start-up (the store, argparse) is measured by the rows above.

    python -m benchmarks.import_bench
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.common import command_timings, row, timings
from benchmarks.generate_docs import bench_pdf, write_bench_docs, write_bench_docx
from briefing.importers import ImportFailure, read_bytes, read_file

# Sections of the generated Word document that LibreOffice prints on about 300 A4 pages.
SECTIONS_FOR_300_PAGES = 256


def _briefing_import(path: Path, workdir: Path, repeats: int) -> list[float]:
    """``briefing import`` as a user runs it: a whole process, into a fresh project each time
    (the same file twice would be reported as a duplicate, not imported)."""
    times = []
    for run in range(repeats + 1):
        project = workdir / f"import-{path.suffix[1:]}-{run}.briefing"
        subprocess.run(
            [sys.executable, "-m", "briefing", "new", str(project)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "briefing", "import", str(project), str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    return times[1:]  # the first run warms the caches


def long_pdf(workdir: Path) -> tuple[Path, str]:
    """A PDF of about 300 pages, and who wrote it."""
    target = workdir / "long-report.pdf"
    if shutil.which("soffice"):
        source = write_bench_docx(workdir / "long-report.docx", SECTIONS_FOR_300_PAGES)
        command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(workdir)]
        done = subprocess.run([*command, str(source)], capture_output=True, timeout=600)
        if done.returncode == 0 and target.exists():
            return target, "LibreOffice"
    target.write_bytes(bench_pdf(300))
    return target, "generated"


def _read_in_a_process(path: Path) -> list[str]:
    code = "import sys; from briefing.importers import read_file; read_file(sys.argv[1])"
    return [sys.executable, "-c", code, str(path)]


def run_long_pdf_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    """The 300-page budget: a whole process that reads the PDF against ``pdftotext``."""
    path, writer = long_pdf(workdir)
    pages = len(read_file(path).metadata["pages"])
    peer = command_timings(["pdftotext", str(path), "/dev/null"], repeats)
    return [
        row(
            f"read a {pages}-page PDF ({writer}), whole process",
            command_timings(_read_in_a_process(path), repeats) or [float("nan")],
            peer="pdftotext",
            peer_times=peer,
            ratio_budget=2,
        ),
        row(
            f"read a {pages}-page PDF ({writer}), importer in-process",
            timings(partial(read_file, path), repeats),
            peer="pdftotext",
            peer_times=peer,
        ),
    ]


def run_import_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    """A 100-page .docx and .pdf: ``briefing import`` against ``pandoc -t plain`` and
    ``pdftotext`` (all whole processes), and the importer alone, in-process."""
    workdir = Path(workdir)
    docx_path, pdf_path = write_bench_docs(workdir)
    cases = [
        (".docx", docx_path, "pandoc -t plain", ["pandoc", "-t", "plain", str(docx_path)]),
        (".pdf", pdf_path, "pdftotext", ["pdftotext", str(pdf_path), "-"]),
    ]
    rows = []
    for kind, path, peer, command in cases:
        rows.append(
            row(
                f"import a 100-page {kind} (briefing import)",
                _briefing_import(path, workdir, repeats),
                peer=peer,
                peer_times=command_timings(command, repeats),
            )
        )
        rows.append(
            row(
                f"read a 100-page {kind} (importer, in-process)",
                timings(partial(read_file, path), repeats),
            )
        )
    return rows + run_long_pdf_bench(workdir, repeats) + run_hostile_bench(workdir, repeats)


HOSTILE_BUDGET_S = 2.0  # a hostile file costs the user a moment, never a hang

# Markdown that once made parsers quadratic or recursive; the importer reads each as plain text.
HOSTILE_MARKDOWN = {
    "100,000 unclosed brackets": "[" * 100_000,
    "100,000 inline HTML tags": "<span>x" * 100_000,
    "a list nested 300 deep": "".join("  " * depth + "- item\n" for depth in range(300)),
}


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A .docx whose document.xml expands to ``megabytes`` of zeros (under 2 MB on disk)."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def _refused(path: Path) -> None:
    try:
        read_file(path)
    except ImportFailure:
        return
    raise AssertionError(f"{path.name} was imported, not refused")


def run_hostile_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    """The importer alone, in-process, on files built to make it slow."""
    bomb = zip_bomb(Path(workdir) / "bomb.docx")
    rows = [
        row(
            "refuse a .docx zip bomb (300 MB expanded, importer)",
            timings(partial(_refused, bomb), repeats),
            budget=HOSTILE_BUDGET_S,
        )
    ]
    for name, text in HOSTILE_MARKDOWN.items():
        data = text.encode()
        rows.append(
            row(
                f"read hostile Markdown: {name} (importer)",
                timings(partial(read_bytes, data, "hostile.md"), repeats),
                budget=HOSTILE_BUDGET_S,
            )
        )
    return rows


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for line in run_import_bench(Path(folder), 3):
            print(line)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for line in run_import_bench(Path(folder), 3):
            print(line)
