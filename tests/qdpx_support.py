"""What the REFI-QDA tests share: the schema in ../shared/refi, and reading a .qdpx back."""

from __future__ import annotations

import os
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SCHEMA = SHARED / "refi" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def schema_errors(qde: bytes) -> list[str]:
    """The schema's complaints about a project.qde (none when it validates). Without the
    schema the test fails when CI is set, and is skipped elsewhere."""
    if not SCHEMA.is_file():
        reason = f"the REFI-QDA schema is not at {SCHEMA}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    schema = _schema()
    document = etree.fromstring(qde)
    if schema.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def read_qde(path: Path) -> tuple[etree._Element, dict[str, bytes]]:
    """The project document's root and every other member of the archive, by name."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return etree.fromstring(members.pop("project.qde")), members


def validated(path: Path) -> etree._Element:
    """The root of a .qdpx's project.qde, which must validate against the schema."""
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde")
    assert schema_errors(qde) == []
    return etree.fromstring(qde)
