"""The passages report: the passages the analyst is looking at, as Word, Markdown or CSV.

Word and Markdown reuse the note pipeline: a report is a note with no body whose annex holds
just these passages, so it gets the same house style, marking and annex tables. CSV is for
spreadsheets: one row a passage.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.core.model import Note, NoteBundle, NoteMetadata
from briefing.core.safe_write import write_atomically
from briefing.exporters.docx_export import export_docx
from briefing.exporters.markdown_export import export_markdown
from briefing.exporters.result import ExportError, ExportResult
from briefing.exporters.text import spreadsheet_cell

FORMATS = ("docx", "md", "csv")
CSV_COLUMNS = ("id", "themes", "source", "start", "end", "text", "memo")


def report_bundle(
    project: NoteBundle, passage_ids: Sequence[int], title: str, marking: str = ""
) -> NoteBundle:
    """A bundle whose only content is an annex of ``passage_ids`` (in the project's themes)."""
    wanted = set(passage_ids)
    note = Note(
        id=0,
        title=title,
        template="",
        body="",
        metadata=NoteMetadata(
            marking=marking or project.note.metadata.marking, purpose="", status=""
        ),
    )
    passages = {pid: p for pid, p in project.passages.items() if pid in wanted}
    return replace(project, note=note, passages=passages)


def export_passages_report(
    project: NoteBundle,
    passage_ids: Sequence[int],
    out: Path,
    fmt: str,
    *,
    title: str = "Passages report",
) -> ExportResult:
    """Write the report; ``fmt`` is docx, md or csv."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown report format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "csv":
        return _export_csv(project, passage_ids, Path(out))
    bundle = report_bundle(project, passage_ids, title)
    if fmt == "md":
        return export_markdown(bundle, Path(out), annex="all")
    return export_docx(bundle, Path(out), annex="all")


def _export_csv(project: NoteBundle, passage_ids: Sequence[int], out: Path) -> ExportResult:
    themes = {t.id: t.name for t in project.themes}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for pid in passage_ids:
        passage = project.passages.get(pid)
        if passage is None:
            continue
        source = project.sources.get(passage.source_id)
        writer.writerow(
            [
                passage.id,
                "; ".join(themes[t] for t in passage.theme_ids if t in themes),
                spreadsheet_cell(source.title if source else ""),
                passage.start,
                passage.end,
                spreadsheet_cell(passage.text),
                spreadsheet_cell(passage.memo),
            ]
        )
    # UTF-8 with a BOM: Excel, which most of our users open CSV files with, needs it.
    data = buffer.getvalue().encode("utf-8-sig")
    write_atomically(out, lambda handle: handle.write(data))
    return ExportResult(path=out)
