"""resources/reference.docx is what tools/make_reference_docx.py builds, byte for byte."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from note_fixture import REPO

from briefing.exporters.docx_styles import STYLES

REFERENCE = REPO / "resources" / "reference.docx"


def test_committed_reference_matches_the_generator(tmp_path: Path) -> None:
    out = tmp_path / "reference.docx"
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "make_reference_docx.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == REFERENCE.read_bytes(), (
        "resources/reference.docx is stale: run python tools/make_reference_docx.py"
    )


def test_reference_has_the_pandoc_styles_and_a_footnotes_part() -> None:
    document = docx.Document(str(REFERENCE))
    names = {style.name for style in document.styles}
    for needed in (
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "First Paragraph",
        "Body Text",
        "Block Text",
        "Compact",
        "Footnote Text",
        "Footnote Reference",
        "Hyperlink",
    ):
        assert needed in names, needed
    assert {s.name for s in STYLES} <= names
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.top_margin.cm, 2) == 2.5
    with zipfile.ZipFile(REFERENCE) as archive:
        assert "word/footnotes.xml" in archive.namelist()
        assert b"w:footnotePr" in archive.read("word/settings.xml")
