"""What the store keeps of a source beyond its text: blocks, organisation and URL, settings;
and who may write a project: a read-only file or folder, a lock held by another writer."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.errors import InvalidInput, ProjectLocked, ProjectNotWritable
from briefing.core.locking import LockPolicy, ProjectLock, lock_path
from briefing.core.model import Block
from briefing.core.store import Project
from tests.files import read_only

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "Export controls\nMinisters met.\nFirst point\nCountry\tMeasure\n"
BLOCKS = [
    Block("heading", 0, 15, level=1),
    Block("paragraph", 16, 30),
    Block("list_item", 31, 42, level=1, label="•"),
    Block("table_row", 43, 58, cells=((43, 50), (51, 58))),
    Block("page_break", 59, 59, label="2"),
]


def test_blocks_are_kept_beside_the_text(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    with Project.create(path) as project:
        source = project.add_source("Doc", TEXT, "docx", blocks=BLOCKS)
    with Project.open(path, readonly=True) as reader:
        assert reader.source_blocks(source.id) == BLOCKS
        assert reader.source_text(source.id) == TEXT
        assert TEXT[43:50] == "Country"  # the cells point into the text, as stored
    conn = sqlite3.connect(path)
    (stored,) = conn.execute("SELECT blocks FROM source").fetchone()
    assert json.loads(stored)[0] == ["heading", 0, 15, 1]  # defaults left out
    conn.close()


@pytest.mark.parametrize(
    "bad",
    [
        [Block("heading", 0, 99)],  # past the end of the text
        [Block("paragraph", 16, 30), Block("heading", 0, 15)],  # out of order
        [Block("sidebar", 0, 15)],  # not a kind
        [Block("table_row", 43, 58, cells=((40, 50),))],  # a cell outside its row
    ],
)
def test_blocks_that_do_not_fit_the_text_are_refused(tmp_path: Path, bad: list[Block]) -> None:
    with Project.create(tmp_path / "p.briefing") as project:
        with pytest.raises(InvalidInput, match="does not fit"):
            project.add_source("Doc", TEXT, "docx", blocks=bad)
        assert project.sources() == []


def test_an_older_file_opened_read_only_shows_its_sources_without_blocks(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    shutil.copy(FIXTURES / "v1.briefing", path)
    with Project.open(path, readonly=True) as reader:  # not migrated: no blocks column
        (source,) = reader.sources()
        assert reader.source_blocks(source.id) == []
        assert source.organisation == "" and source.url == ""


def test_organisation_and_url_are_details_like_the_others(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.briefing") as project:
        meta = {"organisation": "Ministry of Trade", "url": "https://example.org/r", "pages": [0]}
        source = project.add_source("Doc", TEXT, "pdf", metadata=meta)
        assert (source.organisation, source.url) == ("Ministry of Trade", "https://example.org/r")
        edited = project.update_source(source.id, organisation=" Treasury ", url="", author="Ann")
        assert (edited.organisation, edited.url, edited.author) == ("Treasury", "", "Ann")
        assert edited.metadata == {"organisation": "Treasury", "pages": [0]}
        with pytest.raises(InvalidInput, match="cannot edit"):
            project.update_source(source.id, blocks="[]")


def test_project_settings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.briefing"
    with Project.create(path) as project:
        project.set_info("ocr_language", "eng+fra")
    with Project.open(path, readonly=True) as reader:
        assert reader.info("ocr_language") == "eng+fra"


# ---- who may write --------------------------------------------------------------------------


def test_a_read_only_file_is_refused_for_writing_and_opens_read_only(sample_path: Path) -> None:
    with read_only(sample_path):
        with pytest.raises(ProjectNotWritable, match=r"sample\.briefing: the project file is"):
            Project.open(sample_path)
        assert not lock_path(sample_path).exists()
        with Project.open(sample_path, readonly=True) as reader:
            assert len(reader.passages()) == 8


def test_a_read_only_folder_is_refused_for_writing(sample_path: Path) -> None:
    with read_only(sample_path.parent):
        with pytest.raises(
            ProjectNotWritable, match=r"the folder .* is read-only, so nothing can be saved there"
        ):
            Project.open(sample_path)
        with Project.open(sample_path, readonly=True) as reader:
            assert len(reader.sources()) == 1


HOLD = (
    "import sys\n"
    "from briefing.core.locking import LockPolicy, use_policy\n"
    "from briefing.core.store import Project\n"
    "use_policy(LockPolicy('briefing import'))\n"
    "project = Project.open(sys.argv[1])\n"
    "print('open', flush=True)\n"
    "sys.stdin.readline()\n"  # held until the test says so
    "project.close()\n"
)


def _holder(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "open"
    return child


def test_a_writer_waits_for_the_lock_and_gets_it_when_released(sample_path: Path) -> None:
    child = _holder(sample_path)
    lock = ProjectLock(sample_path, LockPolicy("briefing autotag", wait=30.0))
    assert child.stdin is not None
    child.stdin.write("\n")  # the holder closes now; the waiter, already waiting or not, gets it
    child.stdin.flush()
    lock.acquire()
    try:
        assert child.wait(30) == 0
        record = json.loads(lock_path(sample_path).read_text(encoding="utf-8"))
        assert record["holder"] == "briefing autotag" and record["pid"] == os.getpid()
    finally:
        lock.release()


def test_a_writer_that_waits_in_vain_names_the_holder(sample_path: Path) -> None:
    child = _holder(sample_path)
    try:
        with pytest.raises(ProjectLocked) as refused:
            ProjectLock(sample_path, LockPolicy("briefing import", wait=0.3)).acquire()
        message = str(refused.value)
        assert message.startswith("sample.briefing is being written by briefing import")
        assert f"process {child.pid}" in message and "waited 0.3 s" in message
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(30)
