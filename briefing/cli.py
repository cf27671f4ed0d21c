"""The command line's verbs (DESIGN.md section 6). Scripts and tests rely on it: keep it stable.

Only the verbs that need no window live here; ``briefing.launcher`` sends the rest (no verb,
``screenshot``) to the GUI, so this module never imports Qt, starts fast and runs where no
display or Qt library is available. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from briefing.core.errors import BriefingError
from briefing.core.location import Location, ServerAddress, parse_location

if TYPE_CHECKING:
    from briefing.core.matrix import ThemeMatrix
    from briefing.core.model import Note
    from briefing.core.store import Project

logger = logging.getLogger("briefing")

# The verbs this module runs, in the order ``briefing --help`` names them.
VERBS = (
    "new",
    "sample",
    "import",
    "sources",
    "show",
    "passages",
    "autotag",
    "notes",
    "note",
    "export",
    "matrix",
    "copy",
)

Verb = Callable[[argparse.Namespace], int]
PROJECT_HELP = "a .briefing file, or a PostgreSQL URL: postgresql://user@host/database"


class CliError(Exception):
    """A usage problem found after parsing (a bad size, a missing file)."""


class Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error, with a pointer to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"briefing: error: {message} (see '{self.prog} --help')\n")


class VerbParser:
    """``briefing [--debug] VERB ...``: one sub-parser per verb, each knowing how to run it."""

    def __init__(self) -> None:
        self.parser = Parser(prog="briefing")
        self.parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
        self._verbs = self.parser.add_subparsers(dest="verb", required=True)

    def add(self, name: str, run: Verb, help: str) -> argparse.ArgumentParser:
        sub = self._verbs.add_parser(name, help=help, description=help)  # a Parser too
        sub.add_argument("--debug", action="store_true", help="show tracebacks")
        sub.set_defaults(run=run)
        return sub

    def run(self, argv: Sequence[str]) -> int:
        args = self.parser.parse_args(argv)
        run: Verb = args.run
        return int(run(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb of ``VERBS``; the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    return run_guarded(args_list, lambda: _verb_parser().run(args_list))


def run_guarded(argv: Sequence[str], action: Callable[[], int]) -> int:
    """Run ``action`` the way every invocation runs: logging set by ``--debug`` in ``argv``,
    and any error turned into one line on stderr and a non-zero exit status."""
    debug = "--debug" in argv
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="briefing: %(levelname)s: %(message)s",
    )
    try:
        return action()
    except KeyboardInterrupt:
        return 130
    except (BriefingError, CliError) as exc:
        return _fail(str(exc), debug)
    except OSError as exc:
        name = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{name}{exc.strerror or exc}", debug)
    except Exception as exc:  # an unexpected bug: still one line unless --debug
        if debug:
            raise
        return _fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")


def _fail(message: str, debug: bool = False) -> int:
    if debug:
        logger.exception(message)
    print(f"briefing: error: {' '.join(message.split())}", file=sys.stderr)  # one line, always
    return 1


# ---- the parser ---------------------------------------------------------------------------


def _verb_parser() -> VerbParser:
    parser = VerbParser()
    verb = parser.add

    new = verb("new", _cmd_new, "create an empty project with the default themes")
    new.add_argument("project", type=parse_location, help=PROJECT_HELP)
    new.add_argument("--template", default="decision", help="the first note's template")

    sample = verb("sample", _cmd_sample, "create the sample project from seeds/")
    sample.add_argument("project", type=parse_location, help=PROJECT_HELP)

    imp = verb(
        "import", _cmd_import, "import source files, or a REFI-QDA project; one line per file"
    )
    imp.add_argument("project", type=parse_location, help=PROJECT_HELP)
    imp.add_argument("files", nargs="+", type=Path)

    sources = verb("sources", _cmd_sources, "list the sources")
    sources.add_argument("project", type=parse_location, help=PROJECT_HELP)
    sources.add_argument("--json", action="store_true")

    show = verb("show", _cmd_show, "print a source's text exactly as stored")
    show.add_argument("project", type=parse_location, help=PROJECT_HELP)
    show.add_argument("source_id", type=int)

    passages = verb("passages", _cmd_passages, "list the tagged passages")
    passages.add_argument("project", type=parse_location, help=PROJECT_HELP)
    passages.add_argument("--theme", help="only this theme (name, any case)")
    passages.add_argument("--source", type=int, help="only this source id")
    passages.add_argument("--json", action="store_true")

    autotag = verb("autotag", _cmd_autotag, "tag every sentence the themes' keywords suggest")
    autotag.add_argument("project", type=parse_location, help=PROJECT_HELP)
    autotag.add_argument("--theme", help="only this theme (name, any case)")

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

    notes = verb("notes", _cmd_notes, "list the project's notes")
    notes.add_argument("project", type=parse_location, help=PROJECT_HELP)
    notes.add_argument("--json", action="store_true")

    note = verb("note", _cmd_note, "set (front matter included) or print a note")
    note.add_argument("project", type=parse_location, help=PROJECT_HELP)
    note.add_argument("--note", type=int, help="the note's id (default: the first note)")
    note.add_argument("--from", dest="from_file", type=Path, help="a Markdown file")
    note.add_argument("--print", dest="print_body", action="store_true")

    copy = verb(
        "copy", _cmd_copy, "copy a project between a file and a server (ids kept); never overwrites"
    )
    copy.add_argument("source", type=parse_location, help=PROJECT_HELP)
    copy.add_argument("destination", type=parse_location, help="a new file, or an empty database")
    return parser


# ---- verbs --------------------------------------------------------------------------------


def _open(path: Location, *, readonly: bool = False) -> Project:
    """Open a project; a file opened for writing is backed up first (core/backups.py; a
    server keeps its own backups)."""
    from briefing.core.backups import make_backup, newest_good_backup
    from briefing.core.errors import DamagedProject
    from briefing.core.store import Project

    try:
        project = Project.open(path, readonly=readonly)
    except DamagedProject as exc:
        good = newest_good_backup(path) if isinstance(path, Path) else None
        hint = f"; the newest good backup is {good.path} ({good.label})" if good else ""
        raise CliError(f"{exc}{hint}") from None
    if not readonly and isinstance(path, Path):
        try:
            make_backup(path)
        except (OSError, BriefingError) as exc:  # a backup must never stop the work
            logger.warning("no backup made of %s: %s", path.name, exc)
    return project


def _cmd_new(args: argparse.Namespace) -> int:
    from briefing.core.model import NoteMetadata
    from briefing.core.resources import default_themes
    from briefing.core.store import Project
    from briefing.core.templates import template

    chosen = template(args.template)

    def populate(project: Project) -> None:
        project.add_note(
            "Untitled note", chosen.name, chosen.body, NoteMetadata(purpose=chosen.purpose)
        )

    Project.create(args.project, default_themes(), populate).close()
    print(f"created {args.project}")
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from briefing.sample import build_sample

    with build_sample(args.project) as project:
        count = len(project.passages())
    print(f"created {args.project} (1 source, {count} passages, 1 note)")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from briefing.ingest import import_path

    failed = 0
    with _open(args.project) as project:
        for path in args.files:
            if path.suffix.lower() == ".qdpx":
                failed += _import_qdpx(project, path)
                continue
            outcome = import_path(project, path)
            print(outcome.line(), flush=True)
            for warning in outcome.warnings:
                print(f"warning: {path}: {warning}", file=sys.stderr)
            failed += bool(outcome.error)
    return 1 if failed else 0


def _import_qdpx(project: Project, path: Path) -> int:
    """A REFI-QDA project: one line, then what did not come in on stderr. 1 if it failed."""
    from briefing.exchange import import_qdpx

    outcome = import_qdpx(project, path)
    print(outcome.line(), flush=True)
    for line in outcome.lines():
        print(f"{path.name}: {line}", file=sys.stderr)
    return 1 if outcome.error else 0


def _cmd_sources(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "format": s.format,
                "chars": s.chars,
                "passages": s.passages,
            }
            for s in project.sources()
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _table(rows, ("id", "format", "chars", "passages", "title"))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
        text = project.source_text(args.source_id)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _cmd_passages(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
        theme_id = project.theme_by_name(args.theme).id if args.theme else None
        if args.source is not None:
            project.source(args.source)
        names = {t.id: t.name for t in project.themes()}
        rows: list[dict[str, Any]] = [
            {
                "id": p.id,
                "source_id": p.source_id,
                "start": p.start,
                "end": p.end,
                "themes": [names[t] for t in p.theme_ids],
                "text": p.text,
                "memo": p.memo,
            }
            for p in project.passages(source_id=args.source, theme_id=theme_id)
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        shown = [
            {**r, "themes": ", ".join(r["themes"]), "text": _clip(r["text"], 60)} for r in rows
        ]
        _table(shown, ("id", "source_id", "start", "end", "themes", "text"))
    return 0


def _cmd_autotag(args: argparse.Namespace) -> int:
    from briefing.core.suggest import accept, suggest_all

    with _open(args.project) as project:
        theme_id = project.theme_by_name(args.theme).id if args.theme else None
        accepted = accept(project, suggest_all(project, theme_id=theme_id))
    added, extended = len(accepted.created), len(accepted.extended)
    extra = f" ({extended} existing passage(s) gained a theme)" if extended else ""
    print(f"added {added} passage{'s' * (added != 1)}{extra}")
    return 0


def _pick_note(project: Project, note_id: int | None) -> Note:
    """The note ``--note`` names, else the project's first."""
    if note_id is not None:
        return project.note(note_id)
    notes = project.notes()
    if not notes:
        raise CliError(f"{project.path.name} has no note yet")
    return notes[0]


def _cmd_notes(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
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
        _table(rows, ("id", "purpose", "status", "title"))
    return 0


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
    with _open(args.project, readonly=True) as project:
        bundle = project.bundle(_pick_note(project, args.note).id)
        out = args.output or _beside(args.project, project.name, f".{args.format}")
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


def _cmd_matrix(args: argparse.Namespace) -> int:
    with _open(args.project, readonly=True) as project:
        matrix = project.theme_matrix()
        notes = project.notes()
    if args.output is not None:
        return _write_matrix(matrix, args.output, notes[0].metadata.marking if notes else "")
    if args.json:
        print(json.dumps(matrix.records(), ensure_ascii=False, indent=2))
        return 0
    header = ["ID", "SOURCE", *(t.name for t in matrix.themes), "TOTAL"]
    rows = [
        [str(s.id), _clip(s.title, 40), *(str(matrix.count(s.id, t.id)) for t in matrix.themes),
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


def _export_qdpx(args: argparse.Namespace) -> int:
    """The whole project as a REFI-QDA project; what the format cannot carry on stderr."""
    from briefing.exchange import export_qdpx

    if args.reference_doc is not None or args.no_annex or args.annex_matrix:
        raise CliError("--reference-doc and the annex options apply to notes, not --format qdpx")
    with _open(args.project, readonly=True) as project:
        out = args.output or _beside(args.project, project.name, ".qdpx")
        result = export_qdpx(project, out)
        sources, passages = len(project.sources()), len(project.passages())
    for line in result.problems:
        print(f"warning: {line}", file=sys.stderr)
    print(f"wrote {out} ({sources} source{'s' * (sources != 1)}, {passages} passages)")
    return 0


def _cmd_note(args: argparse.Namespace) -> int:
    if args.from_file is None and not args.print_body:
        raise CliError("say what to do: --from FILE.md sets the note, --print prints it")
    with _open(args.project, readonly=args.from_file is None) as project:
        if args.from_file is not None:
            note = _set_note(project, args.note, args.from_file)
        else:
            note = _pick_note(project, args.note)
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

    parsed = read_note_file(_read_markdown(path))
    for warning in parsed.warnings:
        print(f"warning: {path}: {warning}", file=sys.stderr)
    body = restore_citations(parsed.body)
    notes = project.notes()
    if note_id is not None or notes:
        current = _pick_note(project, note_id)
        return project.update_note(
            current.id,
            title=parsed.title or None,
            body=body,
            metadata=parsed.metadata(current.metadata),
        )
    return project.add_note(parsed.title or path.stem, body=body, metadata=parsed.metadata())


def _cmd_copy(args: argparse.Namespace) -> int:
    from briefing.core.transfer import copy_project

    copied = copy_project(args.source, args.destination)
    print(f"copied {args.source} to {args.destination} ({copied.summary()})")
    return 0


# ---- helpers ------------------------------------------------------------------------------


def _read_markdown(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _beside(location: Location, name: str, suffix: str) -> Path:
    """Where an export goes by default: beside a project file; for a server project, in the
    working folder, named after the database."""
    if isinstance(location, ServerAddress):
        return Path(f"{name}{suffix}")
    return Path(location).with_suffix(suffix)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
