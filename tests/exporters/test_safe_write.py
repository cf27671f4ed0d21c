"""A failed export leaves the previous file byte-for-byte and no temporary file behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

import docx
import pytest
from note_fixture import make_bundle

from briefing.core.model import NoteBundle
from briefing.core.safe_write import write_atomically
from briefing.exporters import (
    ExportResult,
    docx_export,
    export_docx,
    export_markdown,
    export_passages_report,
    markdown_export,
    report,
)


class Boom(RuntimeError):
    pass


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "note.out"
    path.write_bytes(b"the previous export")
    return path, path.read_bytes()


def test_writer_failing_halfway_keeps_previous(previous: tuple[Path, bytes]) -> None:
    path, before = previous

    def half(handle: BinaryIO) -> None:
        handle.write(b"half of a new fi")
        raise Boom("disk full")

    with pytest.raises(Boom):
        write_atomically(path, half)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["note.out"]


def test_rename_failing_keeps_previous(
    previous: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, before = previous

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(path, lambda handle: handle.write(b"new"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["note.out"]


def _export_csv(bundle: NoteBundle, out: Path) -> ExportResult:
    return export_passages_report(bundle, [1, 2], out, "csv")


EXPORTERS: dict[str, tuple[Callable[[NoteBundle, Path], ExportResult], ModuleType]] = {
    "docx": (export_docx, docx_export),
    "md": (export_markdown, markdown_export),
    "csv": (_export_csv, report),
}


@pytest.mark.parametrize("kind", EXPORTERS)
def test_export_failing_mid_way_keeps_previous(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / f"note.{kind}"
    exporter, module = EXPORTERS[kind]
    exporter(make_bundle(), out)
    before = out.read_bytes()

    def failing_write(path: Path, write: object) -> None:
        def broken(handle: BinaryIO) -> None:
            handle.write(b"PK\x03\x04 partial")
            raise Boom("injected")

        write_atomically(path, broken)

    monkeypatch.setattr(module, "write_atomically", failing_write)
    with pytest.raises(Boom):
        exporter(make_bundle(body="# Changed"), out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_docx_render_failing_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "note.docx"
    export_docx(make_bundle(), out)
    before = out.read_bytes()

    def explode(*args: object, **kwargs: object) -> None:
        raise Boom("python-docx failed while saving")

    monkeypatch.setattr(docx.document.Document, "save", explode)
    with pytest.raises(Boom):
        export_docx(make_bundle(body="# Changed"), out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["note.docx"]


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export_markdown(make_bundle(), tmp_path / "no" / "such" / "note.md")


def test_new_file_is_not_private(tmp_path: Path) -> None:
    out = tmp_path / "note.md"
    export_markdown(make_bundle(), out)
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable like any saved file


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "note.md"
    out.write_text("old")
    out.chmod(0o640)
    export_markdown(make_bundle(), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
