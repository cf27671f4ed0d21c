"""Import benchmark: briefing's read_file on a 100-page .docx and .pdf, against a peer tool.

The peers are the tools a user would otherwise reach for: ``pandoc -t plain`` for Word and
``pdftotext`` for PDF. Ours is timed in-process (the app imports in-process); the peers are
timed as whole processes, which includes their start-up: read the numbers with that in mind.

    python -m benchmarks.import_bench [WORKDIR] [REPEATS]
"""

from __future__ import annotations

import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.generate_docs import write_bench_docs
from briefing.importers import read_file

logger = logging.getLogger(__name__)


def _timings(action: Callable[[], object], repeats: int) -> list[float]:
    action()  # warm-up: imports, caches, the file in the page cache
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def _peer(command: list[str], repeats: int) -> float | None:
    if shutil.which(command[0]) is None:
        return None

    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    try:
        return statistics.median(_timings(run, repeats))
    except (OSError, subprocess.CalledProcessError):
        logger.warning("peer %s failed", command[0], exc_info=True)
        return None


def run_import_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    """One row per figure: our median and spread (max - min), and the peer's median."""
    docx_path, pdf_path = write_bench_docs(Path(workdir))
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    cases = [
        ("import 100-page .docx", docx_path, "pandoc -t plain", ["pandoc", "-t", "plain"]),
        ("import 100-page .pdf", pdf_path, "pdftotext", ["pdftotext"]),
    ]
    rows = []
    for figure, path, peer, command in cases:
        ours = _timings(partial(read_file, path), repeats)
        peer_args = [*command, str(path), "-"] if peer == "pdftotext" else [*command, str(path)]
        rows.append(
            {
                "figure": figure,
                "seconds_median": statistics.median(ours),
                "seconds_spread": max(ours) - min(ours),
                "peer": peer,
                "peer_seconds_median": _peer(peer_args, repeats),
            }
        )
    return rows


def format_rows(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'figure':<24}{'median s':>10}{'spread s':>10}  {'peer':<18}{'peer s':>8}"]
    for row in rows:
        peer_s = row["peer_seconds_median"]
        lines.append(
            f"{row['figure']:<24}{row['seconds_median']:>10.3f}{row['seconds_spread']:>10.3f}"
            f"  {row['peer']:<18}{'absent' if peer_s is None else f'{peer_s:.3f}':>8}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if len(sys.argv) > 1:
        print(format_rows(run_import_bench(Path(sys.argv[1]), repeats)))
    else:
        with tempfile.TemporaryDirectory() as folder:
            print(format_rows(run_import_bench(Path(folder), repeats)))
