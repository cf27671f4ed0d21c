"""The verbs about a project's notes: notes, note, check, export, matrix."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.cli.common import (
    PROJECT_HELP,
    AddVerb,
    CliError,
    beside,
    clip,
    open_project,
    pick_note,
    read_markdown,
    table,
)
from briefing.core.location import parse_location

if TYPE_CHECKING:
    from briefing.core.matrix import ThemeMatrix
    from briefing.core.model import Note, NoteBundle
    from briefing.core.store import Project
    from briefing.exporters.checks import Problem


def register(verb: AddVerb) -> None:
    """Add this module's verbs to the parser."""

    notes = verb("notes", _cmd_notes, "list the project's notes")
    notes.add_argument("project", type=parse_location, help=PROJECT_HELP)
    notes.add_argument("--json", action="store_true")

    note = verb("note", _cmd_note, "set (front matter included) or print a note")
    note.add_argument("project", type=parse_location, help=PROJECT_HELP)
    note.add_argument("--note", type=int, help="the note's id (default: the first note)")
    note.add_argument("--from", dest="from_file", type=Path, help="a Markdown file")
    note.add_argument("--print", dest="print_body", action="store_true")

    check = verb("check", _cmd_check, "list a note's problems, one a line; exit 1 if any")
    check.add_argument("project", type=parse_location, help=PROJECT_HELP)
    check.add_argument("--note", dest="note_id", metavar="ID", type=int, help="default: the first")
    check.add_argument("--json", action="store_true")

    export = verb(
        "export", _cmd_export, "export a note to Word or Markdown, or the project to REFI-QDA"
    )
    export.add_argument("project", type=parse_location, help=PROJECT_HELP)
    export.add_argument("--format", choices=("md", "docx", "qdpx"), required=True)
    export.add_argument("--note", type=int, help="the note's id (default: the first note)")
    export.add_argument("-o", "--output", type=Path, help="the file to write")
    export.add_argument("--reference-doc", type=Path, help="a .docx whose styles to use")
    export.add_argument(
        "--annex",
        choices=("cited", "all", "none"),
        help="Annex A: the passages the note cites (default), every passage, or none",
    )
    export.add_argument("--no-annex", action="store_true", help="the same as --annex none")
    export.add_argument(
        "--marking-position",
        choices=("centre", "right"),
        help="the marking centred or top right (default: the note's template's)",
    )
    export.add_argument("--marking-colour", help="the marking's colour, RRGGBB (e.g. C00000)")
    export.add_argument(
        "--watermark", action="store_true", help="a diagonal DRAFT across a draft's pages"
    )
    export.add_argument(
        "--annex-matrix", action="store_true", help="add the theme matrix tables to the annex"
    )

    matrix = verb("matrix", _cmd_matrix, "passages per source and theme, with totals")
    matrix.add_argument("project", type=parse_location, help=PROJECT_HELP)
    matrix.add_argument("--json", action="store_true")
    matrix.add_argument("-o", "--output", type=Path, help="write it to a .docx, .md or .csv file")


def _cmd_notes(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        rows = [
            {
                "id": n.id,
                "title": n.title,
                "purpose": n.metadata.purpose,
                "status": n.metadata.status,
            }
            for n in project.notes()
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        table(rows, ("id", "purpose", "status", "title"))
    return 0


def _cmd_note(args: argparse.Namespace) -> int:
    if args.from_file is None and not args.print_body:
        raise CliError("say what to do: --from FILE.md sets the note, --print prints it")
    with open_project(args.project, readonly=args.from_file is None) as project:
        if args.from_file is not None:
            note = _set_note(project, args.note, args.from_file)
        else:
            note = pick_note(project, args.note)
        if args.print_body:
            sys.stdout.write(note.body)
            if not note.body.endswith("\n"):
                sys.stdout.write("\n")
    return 0


def _set_note(project: Project, note_id: int | None, path: Path) -> Note:
    """The note (``--note``, the first, or a new one) set from a Markdown file: its front
    matter sets the title and metadata it names, and a file the Markdown export wrote comes
    back with its citations."""
    from briefing.core.front_matter import read_note_file
    from briefing.exporters.markdown_labels import restore_citations

    parsed = read_note_file(read_markdown(path))
    for warning in parsed.warnings:
        print(f"warning: {path}: {warning}", file=sys.stderr)
    body = restore_citations(parsed.body)
    notes = project.notes()
    if note_id is not None or notes:
        current = pick_note(project, note_id)
        return project.update_note(
            current.id,
            title=parsed.title or None,
            body=body,
            metadata=parsed.metadata(current.metadata),
        )
    return project.add_note(parsed.title or path.stem, body=body, metadata=parsed.metadata())


def _cmd_check(args: argparse.Namespace) -> int:
    from briefing.core.spelling import project_spelling
    from briefing.exporters.checks import check_note

    with open_project(args.project, readonly=True) as project:
        bundle = project.bundle(pick_note(project, args.note_id).id)
        language, words = project_spelling(project.info)
    problems = check_note(bundle) + spelling_problems(bundle, language, words)
    problems.sort(key=lambda p: (p.start < 0, p.start, p.end))
    rows = [_problem_row(bundle.note.body, problem) for problem in problems]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{'-' if row['line'] is None else row['line']}: {row['message']}")
    return 1 if rows else 0


def spelling_problems(bundle: NoteBundle, language: str, words: frozenset[str]) -> list[Problem]:
    """The note's misspellings (the editor's own checker, in the project's language and with
    its dictionary) as problems of kind "spelling", listed with the rest."""
    from briefing.core.spelling import misspellings
    from briefing.exporters.checks import Problem

    return [
        Problem("spelling", f"“{word}” may be misspelt.", start, end)
        for start, end, word in misspellings(bundle.note.body, language, words)
    ]


def _problem_row(body: str, problem: Problem) -> dict[str, Any]:
    """A problem as ``check`` prints it: its line (1-based), or None for the whole note."""
    placed = problem.start >= 0
    return {
        "line": body.count("\n", 0, problem.start) + 1 if placed else None,
        "kind": problem.kind,
        "message": problem.message,
        "start": problem.start if placed else None,
        "end": problem.end if placed else None,
    }


def _cmd_export(args: argparse.Namespace) -> int:
    from briefing.exporters import ExportError, export_docx, export_markdown
    from briefing.exporters.annex import annex_choice
    from briefing.exporters.docx_page import PageOptions

    if args.format == "qdpx":
        return _export_qdpx(args)
    if args.reference_doc is not None and args.format != "docx":
        raise CliError("--reference-doc applies to --format docx only")
    if args.no_annex and args.annex not in (None, "none"):
        raise CliError(f"--no-annex contradicts --annex {args.annex}")
    colour = (args.marking_colour or "").strip().lstrip("#").upper()
    if colour and not re.fullmatch(r"[0-9A-F]{6}", colour):
        raise CliError(
            f"--marking-colour takes six hex digits (RRGGBB), not {args.marking_colour!r}"
        )
    annex = annex_choice("none" if args.no_annex else (args.annex or "cited"))
    with open_project(args.project, readonly=True) as project:
        bundle = project.bundle(pick_note(project, args.note).id)
        out = args.output or beside(args.project, project.name, f".{args.format}")
    try:
        if args.format == "docx":
            from briefing.core.templates import template_settings

            position = (
                args.marking_position or template_settings(bundle.note.template).marking_position
            )
            page = PageOptions(position=position, colour=colour, watermark=args.watermark)
            result = export_docx(
                bundle,
                out,
                annex=annex,
                reference_doc=args.reference_doc,
                page=page,
                annex_matrix=args.annex_matrix,
            )
        else:
            result = export_markdown(bundle, out, annex=annex, annex_matrix=args.annex_matrix)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {out} ({result.footnotes} footnote{'s' * (result.footnotes != 1)})")
    return 0


def _export_qdpx(args: argparse.Namespace) -> int:
    """The whole project as a REFI-QDA project; what the format cannot carry on stderr."""
    from briefing.exchange import export_qdpx

    if args.reference_doc is not None or args.no_annex or args.annex_matrix:
        raise CliError("--reference-doc and the annex options apply to notes, not --format qdpx")
    with open_project(args.project, readonly=True) as project:
        out = args.output or beside(args.project, project.name, ".qdpx")
        result = export_qdpx(project, out)
        sources, passages = len(project.sources()), len(project.passages())
    for line in result.problems:
        print(f"warning: {line}", file=sys.stderr)
    print(f"wrote {out} ({sources} source{'s' * (sources != 1)}, {passages} passages)")
    return 0


def _cmd_matrix(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        matrix = project.theme_matrix()
        notes = project.notes()
    if args.output is not None:
        return _write_matrix(matrix, args.output, notes[0].metadata.marking if notes else "")
    if args.json:
        print(json.dumps(matrix.records(), ensure_ascii=False, indent=2))
        return 0
    header = ["ID", "SOURCE", *(t.name for t in matrix.themes), "TOTAL"]
    rows = [
        [str(s.id), clip(s.title, 40), *(str(matrix.count(s.id, t.id)) for t in matrix.themes),
         str(s.passages)]
        for s in matrix.sources
    ]  # fmt: skip
    totals = [str(matrix.theme_total(t.id)) for t in matrix.themes]
    rows.append(["", "TOTAL", *totals, str(matrix.total)])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:  # names to the left, numbers to the right
        cells = [
            c.ljust(w) if i == 1 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    return 0


def _write_matrix(matrix: ThemeMatrix, out: Path, marking: str) -> int:
    from briefing.exporters.matrix_export import FORMATS, export_table
    from briefing.exporters.matrix_tables import matrix_table

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise CliError(f"{out.name}: write the matrix to a .docx, .md or .csv file")
    export_table(matrix_table(matrix), out, fmt, marking=marking)
    print(f"wrote {out}")
    return 0
