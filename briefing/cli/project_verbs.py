"""The verbs about a project and its sources: new, sample, import, sources, show, passages,
autotag, copy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.cli.common import (
    PROJECT_HELP,
    AddVerb,
    CliError,
    clip,
    one_line,
    open_project,
    table,
)
from briefing.core.location import parse_location

if TYPE_CHECKING:
    from briefing.core.store import Project


def register(verb: AddVerb) -> None:
    """Add this module's verbs to the parser."""

    new = verb("new", _cmd_new, "create an empty project with the default themes")
    new.add_argument("project", type=parse_location, help=PROJECT_HELP)
    new.add_argument("--template", default="decision", help="the first note's template")

    sample = verb("sample", _cmd_sample, "create the sample project from seeds/")
    sample.add_argument("project", type=parse_location, help=PROJECT_HELP)

    imp = verb(
        "import",
        _cmd_import,
        "import source files (and e-mails' attachments), or a REFI-QDA project;"
        " one line per file, failures on stderr",
    )
    imp.add_argument("project", type=parse_location, help=PROJECT_HELP)
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument(
        "--ocr-language",
        metavar="LANG",
        help="Tesseract's language code(s) for scanned pages, e.g. fra or eng+fra"
        " (default: the project's setting, else eng)",
    )

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

    copy = verb(
        "copy", _cmd_copy, "copy a project between a file and a server (ids kept); never overwrites"
    )
    copy.add_argument("source", type=parse_location, help=PROJECT_HELP)
    copy.add_argument("destination", type=parse_location, help="a new file, or an empty database")


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

    with open_project(args.project, readonly=True) as project:  # a project? its OCR language
        language = args.ocr_language or ocr_language(project)
    if not valid_ocr_language(language):
        raise CliError(f"--ocr-language {language}: use Tesseract's codes, such as fra or eng+fra")
    if isinstance(args.project, Path):
        check_writable(args.project)
    options = ReadOptions(ocr_language=language)
    readings = {
        path: read_path(path, options, attachments=True)
        for path in args.files
        if path.suffix.lower() != ".qdpx"
    }
    failed = 0
    with open_project(args.project) as project:
        for path in args.files:  # stored in the order given, a line each
            if path not in readings:
                failed += _import_qdpx(project, path)
                continue
            for outcome in store(project, readings[path]):
                if outcome.failed:
                    failed += 1
                    print(f"briefing: error: {one_line(outcome.error_line())}", file=sys.stderr)
                else:
                    print(outcome.line(), flush=True)
                for warning in outcome.warnings:
                    print(f"warning: {outcome.label}: {warning}", file=sys.stderr)
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
    with open_project(args.project, readonly=True) as project:
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
        table(rows, ("id", "format", "chars", "passages", "title"))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        text = project.source_text(args.source_id)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _cmd_passages(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
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
        shown = [{**r, "themes": ", ".join(r["themes"]), "text": clip(r["text"], 60)} for r in rows]
        table(shown, ("id", "source_id", "start", "end", "themes", "text"))
    return 0


def _cmd_autotag(args: argparse.Namespace) -> int:
    from briefing.core.suggest import accept, suggest_all

    with open_project(args.project) as project:
        theme_id = project.theme_by_name(args.theme).id if args.theme else None
        accepted = accept(project, suggest_all(project, theme_id=theme_id))
    added, extended = len(accepted.created), len(accepted.extended)
    extra = f" ({extended} existing passage(s) gained a theme)" if extended else ""
    print(f"added {added} passage{'s' * (added != 1)}{extra}")
    return 0


def _cmd_copy(args: argparse.Namespace) -> int:
    from briefing.core.transfer import copy_project

    copied = copy_project(args.source, args.destination)
    print(f"copied {args.source} to {args.destination} ({copied.summary()})")
    return 0
