"""From a file to a stored source: metadata, blocks and attachments reach the store, and from
there the footnotes and the checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import InvalidInput
from briefing.core.model import Note, NoteBundle, NoteMetadata
from briefing.core.resources import default_themes
from briefing.core.store import Project
from briefing.exporters import find_problems
from briefing.exporters.sources import describe
from briefing.importers import read_file
from briefing.ingest import (
    ReadOptions,
    import_attachments,
    import_path,
    ocr_language,
    read_path,
    set_ocr_language,
    store,
)
from tests.files import libreoffice_documents, message_with_attachments

PAGE = (
    "<html><head><title>Cable</title>"
    "<meta property='og:site_name' content='Ministry of Trade'>"
    "<link rel='canonical' href='https://gov.example/cable'>"
    "<meta name='classification' content='secret'>"
    "<meta name='date' content='2024-05-21'></head>"
    "<body><h1>Licences</h1><p>Export licences for chips tighten.</p></body></html>"
)


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "p.briefing", default_themes()) as opened:
        yield opened


def test_metadata_reaches_the_source_the_footnotes_and_the_marking_check(
    project: Project, tmp_path: Path
) -> None:
    page = tmp_path / "cable.html"
    page.write_text(PAGE, encoding="utf-8")
    outcome = import_path(project, page)
    source = outcome.source
    assert source is not None, outcome.error
    assert (source.marking, source.published) == ("SECRET", "2024-05-21")
    assert (source.organisation, source.url) == ("Ministry of Trade", "https://gov.example/cable")
    assert source.origin == str(page.resolve())
    text = project.source_text(source.id)
    start = text.index("Export licences")
    passage = project.add_passage(source.id, start, start + 15, [project.themes()[0].id])
    cited = describe(passage, source)
    assert cited.author == "Ministry of Trade"  # no author: the organisation
    assert (cited.origin, cited.origin_url) == ("https://gov.example/cable",) * 2
    assert cited.date and "2024" in cited.date
    note = Note(1, "Note", "", f"Licences tighten [@p{passage.id}].", NoteMetadata("OFFICIAL"))
    bundle = NoteBundle(note, {source.id: source}, {passage.id: passage}, tuple(project.themes()))
    (problem,) = find_problems(bundle)
    assert "marked SECRET, above this note's OFFICIAL" in problem
    edited = project.update_source(source.id, author="Desk One", marking="OFFICIAL")
    assert describe(passage, edited).author == "Desk One"
    assert find_problems(NoteBundle(note, {source.id: edited}, bundle.passages, ())) == []


@pytest.mark.external
def test_libreoffice_documents_keep_their_blocks_and_text(tmp_path: Path) -> None:
    for kind, path in libreoffice_documents(tmp_path).items():
        document = read_file(path)
        with Project.create(tmp_path / f"{kind}.briefing") as project:
            outcome = import_path(project, path)
            assert outcome.source is not None, f"{kind}: {outcome.error}"
            stored = project.source_text(outcome.source.id)
            assert project.source_blocks(outcome.source.id) == document.blocks
        assert stored == document.text
        for needed in ("日本語の見出し", "😀", "𠀀", "مرحبا", "שלום"):
            assert needed in stored, f"{kind} lost {needed!r}"
        if kind != "pdf":
            kinds = [b.kind for b in document.blocks]
            assert {"heading", "list_item", "table_row", "paragraph"} <= set(kinds), kind


def test_attachments_wait_in_the_outcome_until_asked_for(project: Project, tmp_path: Path) -> None:
    cable = message_with_attachments(tmp_path)
    outcome = import_path(project, cable)
    message = outcome.source
    assert message is not None and [s.title for s in project.sources()] == [message.title]
    assert [a.name for a in outcome.attachments] == [
        "notes.txt",
        "release.html",
        "logo.png",
        "message-4.eml",
    ]
    later = import_attachments(project, message, outcome.attachments)
    assert [o.line().split("\t")[1] if o.source else o.line() for o in later] == [
        "notes",
        "Press release",
        f"skipped: {cable.resolve()}: attachment logo.png: Briefing does not import .png files",
        "Forwarded: the annex",
        "Annex",
    ]
    again = import_attachments(project, message, outcome.attachments[:1])
    assert again[0].duplicate_of is not None and again[0].duplicate_of.title == "notes"


def test_reading_never_raises_and_cancel_stores_nothing(project: Project, tmp_path: Path) -> None:
    missing = read_path(tmp_path / "none.txt")
    assert (missing.document, missing.error) == (None, "the file does not exist")
    text = tmp_path / "cable.txt"
    text.write_text("Cable text.", encoding="utf-8")
    assert import_path(project, text, lambda: False).cancelled
    assert project.sources() == []
    (stored,) = store(project, read_path(text))
    assert stored.source is not None and stored.line().startswith("imported: 1\tcable\t")


def test_the_ocr_language_is_a_checked_project_setting(project: Project) -> None:
    assert ocr_language(project) == "eng"
    assert set_ocr_language(project, " eng+fra ") == "eng+fra"
    assert ocr_language(project) == "eng+fra"
    for bad in ("", "fr a", "eng;rm", "../x"):
        with pytest.raises(InvalidInput, match="not an OCR language"):
            set_ocr_language(project, bad)
    assert ReadOptions().ocr_language == "eng"
