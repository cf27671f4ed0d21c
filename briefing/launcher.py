"""What ``briefing`` and ``python -m briefing`` run: the one module above both the command line
and the window.

A verb of ``briefing.cli.VERBS`` goes to the command line, which never loads Qt; no verb (open
the window) or ``screenshot`` (render it) goes to the GUI, imported only then. Both report errors
the command line's way: one line on stderr, a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.cli import PROJECT_HELP, VERBS, CliError, Parser, VerbParser, run_guarded
from briefing.cli import main as run_verb
from briefing.core.location import parse_location

# The verbs that need the window; with the command line's, what ``briefing --help`` lists.
WINDOW_VERBS = ("screenshot",)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    verb = next((a for a in args_list if not a.startswith("-")), None)
    if verb in VERBS:
        return run_verb(args_list)
    if verb in WINDOW_VERBS:
        return run_guarded(args_list, lambda: _screenshot_parser().run(args_list))
    return run_guarded(args_list, lambda: _open_window(_window_parser().parse_args(args_list)))


def _window_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="briefing",
        description="Open Briefing on a project (the sample project when none is given)."
        f" Command-line verbs: {', '.join(VERBS + WINDOW_VERBS)} (briefing VERB --help).",
    )
    parser.add_argument("project", nargs="?", type=parse_location, help=PROJECT_HELP)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    return parser


def _screenshot_parser() -> VerbParser:
    parser = VerbParser()
    shot = parser.add("screenshot", _screenshot, "render the main window offscreen to a PNG")
    shot.add_argument("project", type=parse_location, help=PROJECT_HELP)
    shot.add_argument("out", type=Path)
    shot.add_argument("--size", default="1400x900", help="WIDTHxHEIGHT in pixels")
    return parser


def _screenshot(args: argparse.Namespace) -> int:
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise CliError(f"--size {args.size!r}: use WIDTHxHEIGHT, for example 1400x900") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise CliError("--size: width and height must be between 200 and 8000 pixels")
    with tempfile.TemporaryDirectory(prefix="briefing-screen-") as folder:
        # A screen of the picture's size: the window lays itself out for the screen it is on.
        os.environ.setdefault("QT_QPA_PLATFORM", offscreen_platform(width, height, Path(folder)))
        from briefing.gui.app import screenshot

        screenshot(args.project, args.out, (width, height))
    print(f"wrote {args.out}")
    return 0


def offscreen_platform(width: int, height: int, folder: Path) -> str:
    """QT_QPA_PLATFORM for Qt's offscreen platform with one screen of ``width`` x ``height``
    (its own is 800x800); the screen's description is written into ``folder``."""
    screen = {"name": f"{width}x{height}", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False}
    path = folder / "screen.json"
    path.write_text(json.dumps(config | {"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={path}"


def _open_window(args: argparse.Namespace) -> int:
    if isinstance(args.project, Path):  # refuse a bad file in one line, before any window
        from briefing.core.projectfile import check_project_file

        check_project_file(args.project)
    elif args.project is not None:  # a server: reach it once, so a refusal is one line too
        from briefing.core.store import Project

        Project.open(args.project, readonly=True).close()
    problem = _display_problem()
    if problem:
        raise CliError(problem)
    from briefing.gui.app import run

    return run(args.project)


def _display_problem() -> str:
    """Qt aborts the process without a display; say so in one line instead."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("WAYLAND_DISPLAY"):
        return ""
    if os.environ.get("DISPLAY"):
        return _missing_x11_libraries()
    return (
        "no display to show the window on; to work headless use the command-line verbs"
        " (briefing --help) or set QT_QPA_PLATFORM=offscreen"
    )


# Libraries Qt's X11 plugin needs that many Linux desktops lack; without them Qt aborts.
_X11_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def _missing_x11_libraries() -> str:
    from ctypes.util import find_library

    missing = [package for lib, package in _X11_LIBRARIES.items() if find_library(lib) is None]
    if not missing:
        return ""
    return (
        f"Qt needs {' '.join(missing)} to open a window on X11; install them with your package"
        " manager (for example: sudo apt install " + " ".join(missing) + ")"
    )
