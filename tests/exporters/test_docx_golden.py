"""Golden test of the Word export: each XML part compared with a committed reference.

The test only compares. After an intended change, ``python tools/refresh_golden.py`` rewrites
tests/exporters/golden/ and prints the diff of every part that changed: review it like code.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from golden_parts import AUTHOR, PARTS, REFRESH, export_parts, golden_path, normalised
from note_fixture import small_bundle

from briefing.exporters import export_docx


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return export_parts(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", PARTS)
def test_part_matches_golden(parts: dict[str, str], name: str) -> None:
    assert name in parts, f"{name} missing from the export"
    path = golden_path(name)
    assert path.exists(), f"no golden file {path.name}: run {REFRESH} and review the diff"
    assert parts[name] == path.read_text(encoding="utf-8"), (
        f"{name} differs from {path.name}: if the change is intended, run {REFRESH} "
        "and review the diff it prints"
    )


def test_export_is_deterministic(tmp_path: Path, parts: dict[str, str]) -> None:
    again = tmp_path / "again.docx"
    export_docx(small_bundle(), again, author=AUTHOR)
    with zipfile.ZipFile(again) as archive:
        for name in PARTS:
            assert normalised(name, archive.read(name)) == parts[name], name
