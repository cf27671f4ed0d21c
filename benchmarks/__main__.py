"""Every benchmark in one run: ``python -m benchmarks [--quick] [--json FILE]``.

Workloads are generated from fixed seeds into a temporary folder (nothing large is committed).
Each figure is timed several times; the table shows the median and the spread (max - min), the
budget from DESIGN.md section 7, and the peer tool measured in the same run where one exists.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Benchmarks run headless, like CI; a window on screen would only slow them down.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.dossier_bench import QUICK, run_dossier_bench
from benchmarks.exchange_bench import run_exchange_bench
from benchmarks.export_bench import run_export_bench
from benchmarks.import_bench import run_import_bench
from benchmarks.matrix_bench import run_matrix_bench
from benchmarks.project_bench import run_project_bench
from benchmarks.startup_bench import run_meter_bench, run_startup_bench
from benchmarks.tagging_bench import run_tagging_bench
from benchmarks.typing_bench import run_typing_bench

Suite = Callable[[Path, int], list[dict[str, Any]]]
SUITES: dict[str, Suite] = {
    "startup": run_startup_bench,
    "tagging": run_tagging_bench,
    "typing": run_typing_bench,
    "project": run_project_bench,
    "import": run_import_bench,
    "export": run_export_bench,
    "matrix": run_matrix_bench,
    "exchange": run_exchange_bench,
    "dossier": run_dossier_bench,
    "meter": lambda _workdir, repeats: run_meter_bench(repeats),
}


def machine() -> dict[str, Any]:
    from PySide6 import __version__ as pyside

    return {
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pyside6": pyside,
        "date": time.strftime("%Y-%m-%d"),
    }


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}" if unit != "frames" else f"{value:.0f}"


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table (the README's Performance section is one)."""
    lines = [
        "| Figure | Median | Spread | Budget | Met | Peer | Peer median | Ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        ratio = f"{r['ratio']:.2f}" if r["ratio"] else ""
        lines.append(
            f"| {r['figure']} | {_value(r['median'], r['unit'])} | "
            f"{_value(r['spread'], r['unit'])} | {r['budget_text']} | {met} | {r['peer'] or ''} | "
            f"{_value(r['peer_median'], r['unit']) if r['peer'] else ''} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (about a minute)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", nargs="+", choices=sorted(SUITES), help="run only these")
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else 5
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        for name in args.only or list(SUITES):
            workdir = Path(folder) / name
            workdir.mkdir()
            print(f"running {name}…", file=sys.stderr, flush=True)
            if name == "dossier" and args.quick:  # a tenth of it: the run stays under a minute
                rows += run_dossier_bench(workdir, repeats, scale=QUICK)
            else:
                rows += SUITES[name](workdir, repeats)
    info = machine()
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["repeats"] = repeats
    print(
        f"\n{info['system']}, {info['cores']} cores, Python {info['python']}, PySide6 "
        f"{info['pyside6']}, {repeats} repeats, {info['seconds']} s in all\n"
    )
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "figures": rows}, indent=2) + "\n")
    missed = [r["figure"] for r in rows if r["met"] is False]
    if missed:
        print(f"\nover budget: {'; '.join(missed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
