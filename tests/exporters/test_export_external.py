"""The exports read by other programs: LibreOffice (to PDF), pdftotext and pandoc.

These need soffice, pdftotext and pandoc; they fail (never skip) when a tool is missing. The
LibreOffice conversion is slow, so it runs once for the module.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from note_fixture import FOOTNOTES, HEADINGS, make_bundle, require_tool

from briefing.core.front_matter import FRONT_MATTER_KEYS
from briefing.exporters import export_docx, export_markdown

pytestmark = pytest.mark.external

ANNEX_TITLE = "Annex A: Source passages by theme"
ANNEX_HEADINGS = [ANNEX_TITLE, "Sources", "Export controls", "Sovereignty", "Investment"]


def run(*args: str | Path, timeout: float = 120) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("external") / "note.docx"
    export_docx(make_bundle(), out)
    return out


@pytest.fixture(scope="module")
def pdf_pages(docx_file: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    profile = tmp_path_factory.mktemp("lo-profile")  # never share a profile with another soffice
    run(
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        docx_file.parent,
        docx_file,
        timeout=180,
    )
    pdf = docx_file.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    text = run(pdftotext, "-layout", pdf, "-")
    return [page for page in text.split("\f") if page.strip()]


def test_pdf_every_page_has_marking_and_page_x_of_y(pdf_pages: list[str]) -> None:
    total = len(pdf_pages)
    assert total >= 3  # two pages of note, then the annex on a page of its own
    for number, page in enumerate(pdf_pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[:2] == ["OFFICIAL-SENSITIVE", "DRAFT"], f"page {number}: {lines[:2]!r}"
        assert lines.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} footer lacks the marking"
        footer = f"TP-2025-031 · Page {number} of {total}"
        assert lines[-1] == footer, f"page {number}: {lines[-3:]}"


def test_pdf_has_note_title_footnotes_and_annex(pdf_pages: list[str]) -> None:
    first = pdf_pages[0]
    assert "US–EU talks on access to AI models" in first
    assert "Minister for Digital Affairs" in first
    whole = "\n".join(pdf_pages)
    assert "[missing passage p99]" in whole
    assert "European compute and capital: a stocktake" in whole
    annex_page = next(i for i, p in enumerate(pdf_pages) if ANNEX_TITLE in p)
    assert "Recommendation" not in pdf_pages[annex_page]  # the annex starts a new page


def pandoc_json(path: Path, reader: str) -> dict[str, Any]:
    pandoc = require_tool("pandoc")
    return json.loads(run(pandoc, "-f", reader, "-t", "json", path))


def headings_and_notes(ast: dict[str, Any]) -> tuple[list[str], int]:
    """Header texts (outside notes) and the number of Note inlines in a pandoc AST."""
    headings: list[str] = []
    notes = 0

    def text(inlines: list[Any]) -> str:
        out = []
        for inline in inlines:
            kind = inline["t"]
            if kind == "Str":
                out.append(inline["c"])
            elif kind in ("Space", "SoftBreak"):
                out.append(" ")
            elif kind in ("Emph", "Strong"):
                out.append(text(inline["c"]))
        return "".join(out)

    def walk(node: Any) -> None:
        nonlocal notes
        if isinstance(node, dict):
            if node.get("t") == "Header":
                headings.append(text(node["c"][2]))
            if node.get("t") == "Note":
                notes += 1
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    return headings, notes


def test_pandoc_reads_the_docx_headings_and_footnotes(docx_file: Path) -> None:
    headings, notes = headings_and_notes(pandoc_json(docx_file, "docx"))
    assert headings == HEADINGS + ANNEX_HEADINGS
    assert notes == FOOTNOTES
    markdown = run(require_tool("pandoc"), docx_file, "-t", "markdown")
    assert re.findall(r"^#+ (.+)$", markdown, re.MULTILINE) == HEADINGS + ANNEX_HEADINGS
    assert len(re.findall(r"^\[\^\d+\]:", markdown, re.MULTILINE)) == FOOTNOTES


def test_pandoc_reads_the_markdown(tmp_path: Path) -> None:
    out = tmp_path / "note.md"
    export_markdown(make_bundle(), out)
    ast = pandoc_json(out, "markdown-smart")
    headings, notes = headings_and_notes(ast)
    assert headings == HEADINGS + ANNEX_HEADINGS
    assert notes == FOOTNOTES
    meta = ast["meta"]
    assert set(meta) == set(FRONT_MATTER_KEYS)
