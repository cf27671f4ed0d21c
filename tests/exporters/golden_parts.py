"""The golden parts of the Word export: which parts, how they are compared, where they live.

Shared by ``test_docx_golden.py`` (which only compares) and ``tools/refresh_golden.py`` (the
only thing that writes the golden files, and shows the diff when it does).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from note_fixture import GOLDEN, small_bundle

from briefing.exporters import export_docx

PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/custom.xml",
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
AUTHOR = "A. Clerk"
REFRESH = "python tools/refresh_golden.py"
_CORE_TIMES = ("{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified")


def normalised(name: str, data: bytes) -> str:
    """The part pretty-printed, without the timestamps that change on every export."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    if name == "docProps/core.xml":
        for tag in _CORE_TIMES:
            for element in root.findall(tag):
                root.remove(element)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def export_parts(folder: Path) -> dict[str, str]:
    """Export the small fixture note into ``folder``; its golden parts, normalised, by name."""
    out = folder / "small.docx"
    export_docx(small_bundle(), out, author=AUTHOR)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        return {name: normalised(name, archive.read(name)) for name in PARTS if name in names}


def golden_path(name: str) -> Path:
    return GOLDEN / (name.replace("/", "__").replace("[", "").replace("]", "") + ".golden")
