"""The command line's verbs (DESIGN.md section 6). Scripts and tests rely on it: keep it stable.

Only the verbs that need no window live here; ``briefing.launcher`` sends the rest (no verb,
``screenshot``) to the GUI, so this module never imports Qt, starts fast and runs where no
display or Qt library is available. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from briefing.core.errors import BriefingError

if TYPE_CHECKING:
    from briefing.core.store import Project

logger = logging.getLogger("briefing")

# The verbs this module runs, in the order ``briefing --help`` names them.
VERBS = ("new", "sample", "import", "sources", "show", "passages", "autotag", "note", "export")
# How long a writing verb waits for a project another writer holds (another command's import
# is over in a moment; a window's hold is not, and the line says who holds it).
LOCK_WAIT_SECONDS = 10.0
LOCK_WAIT_VARIABLE = "BRIEFING_LOCK_WAIT"  # seconds, for scripts that would rather wait longer

Verb = Callable[[argparse.Namespace], int]


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
        from briefing.core.locking import LockPolicy, use_policy

        args = self.parser.parse_args(argv)
        # A writer names itself in the lock file and waits for another writer to finish.
        use_policy(LockPolicy(f"briefing {args.verb}", _lock_wait()))
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
    _quiet_libraries_unless(debug)
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


def _lock_wait() -> float:
    value = os.environ.get(LOCK_WAIT_VARIABLE, "")
    try:
        seconds = float(value) if value else LOCK_WAIT_SECONDS
    except ValueError:
        raise CliError(f"{LOCK_WAIT_VARIABLE}={value}: not a number of seconds") from None
    return max(0.0, min(seconds, 3600.0))


def _quiet_libraries_unless(debug: bool) -> None:
    """Briefing's own warnings reach the terminal; the libraries' (and Python's warnings) only
    with ``--debug``. The importers fold what the libraries said into their own warnings."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("briefing: %(levelname)s: %(message)s"))
    if not debug:
        handler.addFilter(lambda record: record.name.split(".")[0] == "briefing")
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
    logging.captureWarnings(True)  # as records of "py.warnings": shown only with --debug


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
    new.add_argument("project", type=Path)
    new.add_argument("--template", default="decision", help="the first note's template")

    sample = verb("sample", _cmd_sample, "create the sample project from seeds/")
    sample.add_argument("project", type=Path)

    imp = verb(
        "import",
        _cmd_import,
        "import source files (and e-mails' attachments); one line per file, failures on stderr",
    )
    imp.add_argument("project", type=Path)
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument(
        "--ocr-language",
        metavar="LANG",
        help="Tesseract's language code(s) for scanned pages, e.g. fra or eng+fra"
        " (default: the project's setting, else eng)",
    )

    sources = verb("sources", _cmd_sources, "list the sources")
    sources.add_argument("project", type=Path)
    sources.add_argument("--json", action="store_true")

    show = verb("show", _cmd_show, "print a source's text exactly as stored")
    show.add_argument("project", type=Path)
    show.add_argument("source_id", type=int)

    passages = verb("passages", _cmd_passages, "list the tagged passages")
    passages.add_argument("project", type=Path)
    passages.add_argument("--theme", help="only this theme (name, any case)")
    passages.add_argument("--source", type=int, help="only this source id")
    passages.add_argument("--json", action="store_true")

    autotag = verb("autotag", _cmd_autotag, "tag every sentence the themes' keywords suggest")
    autotag.add_argument("project", type=Path)
    autotag.add_argument("--theme", help="only this theme (name, any case)")

    export = verb("export", _cmd_export, "export the first note to Word or Markdown")
    export.add_argument("project", type=Path)
    export.add_argument("--format", choices=("md", "docx"), required=True)
    export.add_argument("-o", "--output", type=Path, help="the file to write")
    export.add_argument("--reference-doc", type=Path, help="a .docx whose styles to use")
    export.add_argument("--no-annex", action="store_true", help="leave out the passages annex")

    note = verb("note", _cmd_note, "set or print the first note's body")
    note.add_argument("project", type=Path)
    note.add_argument("--from", dest="from_file", type=Path, help="a Markdown file")
    note.add_argument("--print", dest="print_body", action="store_true")
    return parser


# ---- verbs --------------------------------------------------------------------------------


def _open(path: Path, *, readonly: bool = False) -> Project:
    """Open a project; one opened for writing is backed up first (core/backups.py)."""
    from briefing.core.backups import make_backup, newest_good_backup
    from briefing.core.errors import DamagedProject
    from briefing.core.store import Project

    try:
        project = Project.open(path, readonly=readonly)
    except DamagedProject as exc:
        good = newest_good_backup(path)
        hint = f"; the newest good backup is {good.path} ({good.label})" if good else ""
        raise CliError(f"{exc}{hint}") from None
    if not readonly:
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
    """Read every file first, then store them all under the lock: a long read (OCR) never
    keeps another writer waiting, and a project that cannot be written is refused before it."""
    from briefing.core.locking import check_writable
    from briefing.ingest import ReadOptions, ocr_language, read_path, store, valid_ocr_language

    with _open(args.project, readonly=True) as project:  # a project? its OCR language
        language = args.ocr_language or ocr_language(project)
    if not valid_ocr_language(language):
        raise CliError(f"--ocr-language {language}: use Tesseract's codes, such as fra or eng+fra")
    check_writable(args.project)
    options = ReadOptions(ocr_language=language)
    readings = [read_path(path, options, attachments=True) for path in args.files]
    failed = 0
    with _open(args.project) as project:
        for reading in readings:
            for outcome in store(project, reading):
                if outcome.failed:
                    failed += 1
                    print(f"briefing: error: {_one_line(outcome.error_line())}", file=sys.stderr)
                else:
                    print(outcome.line(), flush=True)
                for warning in outcome.warnings:
                    print(f"warning: {outcome.label}: {warning}", file=sys.stderr)
    return 1 if failed else 0


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


def _cmd_export(args: argparse.Namespace) -> int:
    from briefing.exporters import ExportError, export_docx, export_markdown

    with _open(args.project, readonly=True) as project:
        notes = project.notes()
        if not notes:
            raise CliError(f"{args.project.name} has no note to export")
        bundle = project.bundle(notes[0].id)
    out = args.output or args.project.with_suffix(f".{args.format}")
    if args.reference_doc is not None and args.format != "docx":
        raise CliError("--reference-doc applies to --format docx only")
    try:
        if args.format == "docx":
            result = export_docx(
                bundle, out, annex=not args.no_annex, reference_doc=args.reference_doc
            )
        else:
            result = export_markdown(bundle, out, annex=not args.no_annex)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {out} ({result.footnotes} footnote{'s' * (result.footnotes != 1)})")
    return 0


def _cmd_note(args: argparse.Namespace) -> int:
    if args.from_file is None and not args.print_body:
        raise CliError("say what to do: --from FILE.md sets the note, --print prints it")
    with _open(args.project, readonly=args.from_file is None) as project:
        notes = project.notes()
        if args.from_file is not None:
            body = _read_markdown(args.from_file)
            if notes:
                project.update_note(notes[0].id, body=body)
            else:
                project.add_note(args.from_file.stem, body=body)
            notes = project.notes()
        if not notes:
            raise CliError(f"{args.project.name} has no note yet")
        if args.print_body:
            sys.stdout.write(notes[0].body)
            if not notes[0].body.endswith("\n"):
                sys.stdout.write("\n")
    return 0


# ---- helpers ------------------------------------------------------------------------------


def _read_markdown(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns).rstrip())
