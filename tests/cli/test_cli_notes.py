"""The note verbs of DESIGN.md section 6 (issue 14): ``notes``, ``note --note --from`` with a
front matter, ``export --note --annex``, run as a user runs them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import yaml
from test_cli import assert_one_line_error, briefing

FRONT = """---
title: "A second note"
marking: PROTECTED B
to: Deputy Minister
from: Policy Branch
through: [Associate Deputy Minister]
copies_to:
  - Chief of Staff
  - Press Office
date: 2025-03-14
reference: BN-2025-7
purpose: information
status: final
page_limit: 3
critical_date: 2025-12-05
critical_reason: The talks resume on 5 December
contact: {name: A. Analyst, phone: 555 0100}
prepared_by: A. Analyst
cleared_by:
  - {name: B. Lead, role: Director, date: 2025-03-14}
---

## Summary

Access is at stake [@p1].
"""


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "s.briefing"
    assert briefing("sample", path).returncode == 0
    return path


def test_notes_lists_id_title_purpose_status(tmp_path: Path) -> None:
    path = sample(tmp_path)
    listed = json.loads(briefing("notes", path, "--json").stdout)
    assert listed == [
        {
            "id": 1,
            "title": "US-EU talks on access to AI models: our position",
            "purpose": "decision",
            "status": "draft",
        }
    ]
    table = briefing("notes", path).stdout.splitlines()
    assert table[0].split() == ["ID", "PURPOSE", "STATUS", "TITLE"]


def test_note_from_a_file_reads_its_front_matter(tmp_path: Path) -> None:
    path = sample(tmp_path)
    source = tmp_path / "second.md"
    source.write_text(FRONT, encoding="utf-8")
    # --note names a note that is not there: one line, nothing written
    assert_one_line_error(briefing("note", path, "--note", "9", "--from", source), "no note 9")
    assert briefing("note", path, "--note", "1", "--from", source).returncode == 0
    (note,) = json.loads(briefing("notes", path, "--json").stdout)
    assert note == {"id": 1, "title": "A second note", "purpose": "information", "status": "final"}
    printed = briefing("note", path, "--note", "1", "--print").stdout
    assert printed == "## Summary\n\nAccess is at stake [@p1].\n"
    out = tmp_path / "second-out.md"
    assert briefing("export", path, "--format", "md", "--note", "1", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    front = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    assert front["marking"] == "PROTECTED B" and front["through"] == ["Associate Deputy Minister"]
    assert front["copies_to"] == ["Chief of Staff", "Press Office"]
    assert front["date"] == "2025-03-14" and front["page_limit"] == 3
    assert front["contact"] == {"name": "A. Analyst", "phone": "555 0100"}
    assert front["prepared_by"] == {"name": "A. Analyst", "role": "", "date": ""}
    assert front["cleared_by"] == [{"name": "B. Lead", "role": "Director", "date": "2025-03-14"}]


def test_an_exported_note_read_back_is_the_same_note(tmp_path: Path) -> None:
    path = sample(tmp_path)
    before = briefing("note", path, "--print").stdout
    listed = briefing("notes", path, "--json").stdout
    exported = tmp_path / "note.md"
    assert briefing("export", path, "--format", "md", "-o", exported).returncode == 0
    copy = tmp_path / "copy.briefing"
    assert briefing("sample", copy).returncode == 0
    blank = tmp_path / "blank.md"
    blank.write_text("nothing yet\n", encoding="utf-8")
    assert briefing("note", copy, "--from", blank).returncode == 0
    assert briefing("note", copy, "--from", exported).returncode == 0
    assert briefing("note", copy, "--print").stdout == before
    assert briefing("notes", copy, "--json").stdout == listed
    again = tmp_path / "again.md"
    assert briefing("export", copy, "--format", "md", "-o", again).returncode == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_bad_front_matter_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    path = sample(tmp_path)
    before = briefing("note", path, "--print").stdout
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nBody\n", encoding="utf-8")
    assert_one_line_error(briefing("note", path, "--from", bad), "front matter is not valid YAML")
    listed = tmp_path / "list.md"
    listed.write_text("---\n- a\n- b\n---\nBody\n", encoding="utf-8")
    assert_one_line_error(briefing("note", path, "--from", listed), "must be a YAML mapping")
    assert briefing("note", path, "--print").stdout == before
    odd = tmp_path / "odd.md"
    odd.write_text("---\ntitle: Fine\ncolour: blue\n---\nBody\n", encoding="utf-8")
    result = briefing("note", path, "--from", odd)
    assert result.returncode == 0 and "'colour' is not a note field" in result.stderr


def test_export_annex_choices_and_marking_options(tmp_path: Path) -> None:
    path = sample(tmp_path)

    def annex_rows(*options: str) -> int:
        out = tmp_path / "n.docx"
        result = briefing("export", path, "--format", "docx", "-o", out, *options)
        assert result.returncode == 0, result.stderr
        tables = docx.Document(str(out)).tables
        return sum(len(t.rows) - 1 for t in tables if t.rows[0].cells[0].text == "Passage")

    cited = annex_rows()
    assert cited == annex_rows("--annex", "cited")
    assert annex_rows("--annex", "all") > cited > 0
    assert annex_rows("--annex", "none") == annex_rows("--no-annex") == 0
    assert_one_line_error(
        briefing("export", path, "--format", "md", "--no-annex", "--annex", "all"), "contradicts"
    )
    out = tmp_path / "right.docx"
    result = briefing(
        "export", path, "--format", "docx", "-o", out, "--marking-position", "right",
        "--marking-colour", "#c00000", "--watermark",
    )  # fmt: skip
    assert result.returncode == 0
    header = docx.Document(str(out)).sections[0].header.paragraphs[0]
    assert header.alignment.name == "RIGHT" and str(header.runs[0].font.color.rgb) == "C00000"
    assert b"v:textpath" in zipfile.ZipFile(out).read("word/header1.xml")
    assert_one_line_error(
        briefing("export", path, "--format", "docx", "--marking-colour", "red"), "RRGGBB"
    )
