"""Fixtures for the importer tests: the shared corpus, and small documents made on the fly."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Source: ministry press release.</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)
_FOOTNOTE_REL = (
    '<Relationship Id="rIdFn1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
    'Target="footnotes.xml"/>'
)
_FOOTNOTE_TYPE = (
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
)


def add_footnote(path: Path, after_text: str) -> None:
    """Give the paragraph run holding ``after_text`` a real Word footnote (id 7)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    marker = f"{after_text}</w:t></w:r>"
    assert marker in document
    reference = '<w:r><w:footnoteReference w:id="7"/></w:r>'
    parts["word/document.xml"] = document.replace(marker, marker + reference, 1).encode()
    parts["word/footnotes.xml"] = _FOOTNOTES_XML.encode()
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", _FOOTNOTE_REL + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = re.sub("</Types>", _FOOTNOTE_TYPE + "</Types>", types).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.fixture
def sample_docx(tmp_path: Path) -> Path:
    """A .docx made with python-docx: title, headings, a list, a table and a footnote."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Talks on chip exports"
    document.core_properties.author = "A. Analyst"
    document.add_heading("Export controls", level=1)
    document.add_paragraph("Ministers met in Brussels on Tuesday.")
    document.add_paragraph("First point of the list", style="List Bullet")
    document.add_paragraph("Second point of the list", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Country", "Measure"
    table.cell(1, 0).text, table.cell(1, 1).text = "Netherlands", "Licence"
    document.add_heading("Investment", level=2)
    document.add_paragraph("Screening rules tighten. 😀 𠀀")
    path = tmp_path / "sample.docx"
    document.save(str(path))
    add_footnote(path, "Ministers met in Brussels on Tuesday.")
    return path


def require_corpus() -> Path:
    """The corpus folder; skip without it, but fail in CI (CI set), where it must be present."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"../shared/corpus is absent ({CORPUS}) and CI is set", pytrace=False)
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return require_corpus()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """Write bytes to a named file in tmp_path and return its path."""

    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
