"""Hostile and broken .qdpx files: each refused in one line, the project left as it was."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.exchange import import_qdpx
from tests.exchange.foreign import C1, INTERVIEW, qde, write_foreign

SOURCE = "Sources/3CD739AF-80D7-402D-A836-BE292887E147.TXT"
MB = 1024 * 1024


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """The foreign file with its members changed by ``change`` (a dict of name -> bytes)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def with_qde(text: str) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        members["Project.qde"] = text.encode("utf-8")

    return change


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Project [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;"/>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>&secret;</Description></Project>
"""


def _bomb(members: dict[str, bytes]) -> None:
    members[SOURCE] = b"\0" * (20 * MB)  # 20 MB that deflate to some 20 KB


def _qde_bomb(members: dict[str, bytes]) -> None:
    members["Project.qde"] = qde().encode("utf-8") + b" " * (20 * MB)


def _climbing(members: dict[str, bytes]) -> None:
    members["Sources/../../outside.txt"] = b"x"


def _absolute(members: dict[str, bytes]) -> None:
    members["/etc/cron.d/job"] = b"x"


def _missing(members: dict[str, bytes]) -> None:
    del members[SOURCE]


def _positions(start: str, end: str) -> Callable[[dict[str, bytes]], None]:
    return with_qde(qde().replace('startPosition="40"', f'startPosition="{start}"', 1)
                    .replace('endPosition="54"', f'endPosition="{end}"', 1))  # fmt: skip


CASES: dict[str, tuple[Callable[[dict[str, bytes]], None], str]] = {
    "zip bomb in a source": (_bomb, "a zip bomb?"),
    "zip bomb in project.qde": (_qde_bomb, "a zip bomb?"),
    "a path with ..": (_climbing, "a file outside its folder"),
    "an absolute path": (_absolute, "a file outside its folder"),
    "a source path with ..": (
        with_qde(qde().replace("internal://3CD739AF", "internal://../3CD739AF", 1)),
        "not a plain file name",
    ),
    "a missing source": (_missing, "a source is missing from the archive"),
    "an end past the text": (_positions("40", str(len(INTERVIEW) + 1)), "outside its 62"),
    "a start after the end": (_positions("54", "40"), "is outside its"),
    "a negative start": (_positions("-3", "54"), "is outside its"),
    "a position that is no number": (_positions("4O", "54"), "is outside its"),
    "entity expansion": (with_qde(BILLION_LAUGHS), "declares a document type"),
    "an external entity": (with_qde(EXTERNAL_ENTITY), "declares a document type"),
    "an undefined entity": (
        with_qde(qde().replace("Key quote", "&secret;", 1)),
        "not well-formed XML",
    ),
    "a coding of an unknown code": (
        with_qde(qde().replace(f'<CodeRef targetGUID="{C1}"/>', '<CodeRef targetGUID="x"/>', 1)),
        "not in the codebook",
    ),
    "not a REFI-QDA document": (
        with_qde('<?xml version="1.0"?><Project xmlns="urn:other" name="x"/>'),
        "not a REFI-QDA project",
    ),
    "no project.qde": (lambda m: m.pop("Project.qde"), "has no project.qde"),
}


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "p.briefing", default_themes()) as opened:
        opened.add_source("Already here", "A source of its own.", "txt")
        yield opened


def state(project: Project) -> tuple[object, ...]:
    return (
        [(t.name, t.colour) for t in project.themes()],
        [(s.title, s.passages) for s in project.sources()],
        len(project.passages()),
        [n.title for n in project.notes()],
    )


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_archives_are_refused_in_one_line(
    project: Project, tmp_path: Path, case: str
) -> None:
    change, reason = CASES[case]
    path = rewrite(write_foreign(tmp_path / "hostile.qdpx"), change)
    before = state(project)
    outcome = import_qdpx(project, path)
    assert reason in outcome.error
    assert "\n" not in outcome.error and len(outcome.error) < 300
    assert outcome.line() == f"failed: {path}: {outcome.error}"
    assert state(project) == before


def test_files_that_are_no_zip_or_no_file(project: Project, tmp_path: Path) -> None:
    junk = tmp_path / "junk.qdpx"
    junk.write_bytes(b"<?xml version='1.0'?><Project/>")
    assert "not a readable zip" in import_qdpx(project, junk).error
    assert "does not exist" in import_qdpx(project, tmp_path / "none.qdpx").error
    encrypted = tmp_path / "locked.qdpx"
    with zipfile.ZipFile(encrypted, "w") as archive:
        archive.writestr("project.qde", b"x")
    data = bytearray(encrypted.read_bytes())
    for header, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local, central: flags
        data[data.index(header) + at] |= 0x1  # what a password-protected member says
    encrypted.write_bytes(bytes(data))
    assert "password-protected" in import_qdpx(project, encrypted).error
