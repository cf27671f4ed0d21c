"""Golden test of the Word export: each XML part compared with a committed reference.

Regenerate after an intended change with ``BRIEFING_UPDATE_GOLDEN=1 pytest tests/exporters``
and review the diff of tests/exporters/golden/ like code.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from note_fixture import GOLDEN, small_bundle

from briefing.exporters import export_docx

PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "word/_rels/document.xml.rels",
    "word/_rels/footnotes.xml.rels",
    "word/document.xml",
    "word/footnotes.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "word/header1.xml",
    "word/footer1.xml",
)
_CORE_TIMES = ("{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified")
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"


def normalised(name: str, data: bytes) -> str:
    """The part pretty-printed, without the timestamps that change on every export."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    if name == "docProps/core.xml":
        for tag in _CORE_TIMES:
            for element in root.findall(tag):
                root.remove(element)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("golden") / "small.docx"
    export_docx(small_bundle(), out, author="A. Clerk")
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        return {name: normalised(name, archive.read(name)) for name in PARTS if name in names}


def golden_path(name: str) -> Path:
    return GOLDEN / (name.replace("/", "__").replace("[", "").replace("]", "") + ".golden")


@pytest.mark.parametrize("name", PARTS)
def test_part_matches_golden(parts: dict[str, str], name: str) -> None:
    assert name in parts, f"{name} missing from the export"
    path = golden_path(name)
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(parts[name], encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with BRIEFING_UPDATE_GOLDEN=1"
    assert parts[name] == path.read_text(encoding="utf-8")


def test_export_is_deterministic(tmp_path: Path, parts: dict[str, str]) -> None:
    again = tmp_path / "again.docx"
    export_docx(small_bundle(), again, author="A. Clerk")
    with zipfile.ZipFile(again) as archive:
        for name in PARTS:
            assert normalised(name, archive.read(name)) == parts[name], name
