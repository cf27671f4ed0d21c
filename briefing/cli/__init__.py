"""The command line's verbs (DESIGN.md section 6). Scripts and tests rely on it: keep it stable.

Only the verbs that need no window live here; ``briefing.launcher`` sends the rest (no verb,
``screenshot``) to the GUI, so this module never imports Qt, starts fast and runs where no
display or Qt library is available. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from briefing.cli import note_verbs, project_verbs
from briefing.cli.common import PROJECT_HELP, CliError, Verb, logger
from briefing.core.errors import BriefingError

__all__ = ["PROJECT_HELP", "VERBS", "CliError", "Parser", "VerbParser", "main", "run_guarded"]

# The verbs this module runs, in the order ``briefing --help`` names them.
VERBS = (
    "new",
    "sample",
    "import",
    "sources",
    "show",
    "passages",
    "autotag",
    "copy",
    "notes",
    "note",
    "check",
    "export",
    "matrix",
)
# How long a writing verb waits for a project another writer holds (another command's import
# is over in a moment; a window's hold is not, and the line says who holds it).
LOCK_WAIT_SECONDS = 10.0
LOCK_WAIT_VARIABLE = "BRIEFING_LOCK_WAIT"  # seconds, for scripts that would rather wait longer


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
        from briefing.core.locking import LockPolicy, current_policy, use_policy

        args = self.parser.parse_args(argv)
        # A writer names itself in the lock file and waits for another writer to finish; the
        # process's own policy comes back after (``main`` may run inside a test or a script).
        before = current_policy()
        use_policy(LockPolicy(f"briefing {args.verb}", _lock_wait()))
        try:
            run: Verb = args.run
            return int(run(args))
        finally:
            use_policy(before)


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


def _verb_parser() -> VerbParser:
    parser = VerbParser()
    project_verbs.register(parser.add)
    note_verbs.register(parser.add)
    return parser
