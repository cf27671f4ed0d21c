"""What every benchmark shares: seeded text, timing with median and spread, peer commands."""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from typing import Any

SEED = 20261127

# Vocabulary of the generated prose (policy words, so the keyword rules find some).
_VOCABULARY = (
    "the talks export controls allies sovereignty investment capital funding model access "
    "chips computing european commission washington brussels framework agreement policy "
    "research startups market regulation security partners dialogue restrictions officials "
    "strategy infrastructure venture platform data technology analysis evidence risk trade "
    "cooperation competition deployment licence ministers report growth industry"
)
WORDS = tuple(_VOCABULARY.split())


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def text_of_size(rng: random.Random, chars: int) -> str:
    """Paragraphs of prose, one a line, about ``chars`` characters long."""
    parts: list[str] = []
    total = 0
    while total < chars:
        piece = paragraph(rng, rng.randint(3, 7))
        parts.append(piece)
        total += len(piece) + 1
    return "\n".join(parts)[:chars]


def timings(action: Callable[[], Any], repeats: int, *, warm_up: bool = True) -> list[float]:
    """Seconds per run; one untimed run first so imports and caches are not counted."""
    if warm_up:
        action()
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def median_spread(times: Sequence[float]) -> tuple[float, float]:
    return statistics.median(times), max(times) - min(times)


def command_timings(command: list[str], repeats: int) -> list[float] | None:
    """A whole process, timed; None when the tool is not installed or fails."""
    if shutil.which(command[0]) is None:
        return None

    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    try:
        return timings(run, repeats)
    except (OSError, subprocess.CalledProcessError):
        return None


def row(
    figure: str,
    times: Sequence[float],
    *,
    budget: float | None = None,
    peer: str | None = None,
    peer_times: Sequence[float] | None = None,
    unit: str = "s",
    beat_peer: bool = False,
    ratio_budget: float | None = None,
) -> dict[str, Any]:
    """One line of the table: our median and spread, the budget, the peer's median.

    ``beat_peer`` makes the budget "faster than the peer" (the export's, against pandoc);
    ``ratio_budget`` "at most this many times the peer" (start-up, against a bare window).
    """
    median, spread = median_spread(times)
    peer_median = median_spread(peer_times)[0] if peer_times else None
    met: bool | None = None if budget is None else median <= budget
    if beat_peer:
        met = None if peer_median is None else median < peer_median
    if ratio_budget is not None:
        met = None if peer_median is None else median <= ratio_budget * peer_median
    return {
        "figure": figure,
        "unit": unit,
        "median": median,
        "spread": spread,
        "budget": budget,
        "budget_text": _budget_text(budget, unit, beat_peer, ratio_budget),
        "met": met,
        "peer": peer,
        "peer_median": peer_median,
        "ratio": None if not peer_median else median / peer_median,
    }


def _budget_text(budget: float | None, unit: str, beat_peer: bool, ratio: float | None) -> str:
    if beat_peer:
        return "faster than the peer"
    if ratio is not None:
        return f"at most {ratio:g}x the peer"
    if budget is None:
        return ""
    if unit == "s":
        return f"{budget * 1000:g} ms" if budget < 1 else f"{budget:g} s"
    return f"{budget:g} {unit}"
