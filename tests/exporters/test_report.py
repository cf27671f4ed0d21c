"""The passages report: only the passages asked for, safe in a spreadsheet."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.core.model import NoteBundle, Passage
from briefing.exporters import ExportError, export_passages_report
from briefing.exporters.report import report_bundle
from briefing.sample import build_sample


@pytest.fixture
def project_bundle(tmp_path: Path) -> NoteBundle:
    with build_sample(tmp_path / "s.briefing") as project:
        return project.bundle(project.notes()[0].id)


def test_csv_has_the_chosen_passages_and_no_formulas(
    project_bundle: NoteBundle, tmp_path: Path
) -> None:
    first = project_bundle.passages[1]
    hostile = replace(first, memo='=HYPERLINK("http://x")')
    bundle = replace(project_bundle, passages={**project_bundle.passages, 1: hostile})
    out = tmp_path / "r.csv"
    export_passages_report(bundle, [3, 1], out, "csv")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["3", "1"]
    assert rows[1]["memo"].startswith("'=")
    assert rows[1]["text"] == first.text


def test_markdown_report_is_an_annex_of_just_those(
    project_bundle: NoteBundle, tmp_path: Path
) -> None:
    out = tmp_path / "r.md"
    export_passages_report(project_bundle, [4, 5], out, "md", title="Passages: Investment")
    text = out.read_text(encoding="utf-8")
    assert 'title: "Passages: Investment"' in text
    assert project_bundle.passages[4].text[:40] in text
    assert project_bundle.passages[1].text[:40] not in text


def test_report_bundle_keeps_only_the_ids(project_bundle: NoteBundle) -> None:
    bundle = report_bundle(project_bundle, [2], "T")
    assert list(bundle.passages) == [2] and bundle.note.body == ""
    assert isinstance(bundle.passages[2], Passage)


def test_unknown_format_is_refused(project_bundle: NoteBundle, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown report format"):
        export_passages_report(project_bundle, [1], tmp_path / "r.pdf", "pdf")
