"""Many writers on one server project: ``python -m benchmarks.server_load [--quick]``.

Eight processes (``--writers``) import sources, tag passages (in anyone's sources), write
memos, recolour their own theme, delete some of their passages and append to one shared theme's
keywords (a read, then a write: the classic lost update), as fast as they can for 60 s
(``--quick``: 10 s), against one project on a throwaway PostgreSQL cluster (or ``--url``, a
database that holds no project).

It prints the actions per second and the slowest action, then checks the project against what
every writer says it committed: every source, passage, memo, colour and keyword is there, every
deletion took, the database's constraints hold (passages inside their source's text and equal to
it, a theme each, theme names unique), and no error reached a writer. Exit status 1 when any
check fails.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.errors import BriefingError
from briefing.core.resources import default_themes
from briefing.core.store import Project

WORDS = [
    "export",
    "controls",
    "chips",
    "allies",
    "sovereignty",
    "investment",
    "capital",
    "europe",
    "commission",
    "talks",
    "models",
    "access",
    "licence",
    "treaty",
    "minister",
    "funding",
    "research",
    "compute",
    "partners",
    "risk",
]
SHARED_THEME = "Shared"
KINDS = ("import", "tag", "memo", "recolour", "keyword", "delete")
WEIGHTS = (1, 6, 3, 1, 2, 1)


@dataclass
class WriterLog:
    """What one writer committed (as the store confirmed it) and how long each action took."""

    number: int
    sources: dict[int, str] = field(default_factory=dict)  # id: sha256
    passages: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    deleted: set[int] = field(default_factory=set)
    memos: dict[int, str] = field(default_factory=dict)  # the last memo written
    colour: tuple[int, str] = (0, "")  # own theme id, last colour
    keywords: list[str] = field(default_factory=list)
    timings: list[tuple[float, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reruns: int = 0  # actions the store ran again after a collision with another writer


def source_text(rng: random.Random, writer: int, serial: int) -> str:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
        for _ in range(rng.randint(20, 60))
    ]
    return f"Report {writer}-{serial}.\n" + " ".join(sentences) + "\n"


def writer(url: str, number: int, seconds: float, results: Any) -> None:
    """One writer's session: random actions until the time is up; its log goes to ``results``."""
    rng = random.Random(number)
    log = WriterLog(number)
    try:
        with Project.open(url) as project:
            project.set_author(f"writer-{number}")
            shared = project.theme_by_name(SHARED_THEME).id
            own = project.add_theme(f"Writer {number}", "#000000")
            log.colour = (own.id, own.colour)
            theme_ids = [t.id for t in project.themes()]
            texts: dict[int, str] = {}  # every writer's sources, as this one last heard of them
            deadline = time.monotonic() + seconds
            serial = 0
            while time.monotonic() < deadline:
                kind = rng.choices(KINDS, WEIGHTS)[0]
                if kind != "import" and not texts:
                    kind = "import"
                if serial % 25 == 0:  # learn of the others' sources, to tag them too
                    for source in project.sources():
                        texts.setdefault(source.id, "")
                began = time.perf_counter()
                try:
                    serial += 1
                    act(project, kind, rng, log, texts, theme_ids, shared, serial)
                except BriefingError as exc:  # what a user would see: none may happen
                    log.errors.append(f"{kind}: {exc}")
                log.timings.append((time.perf_counter() - began, kind))
            log.reruns = project.reruns
    except BriefingError as exc:
        log.errors.append(f"session: {exc}")
    results.put(log)


def act(
    project: Project,
    kind: str,
    rng: random.Random,
    log: WriterLog,
    texts: dict[int, str],
    theme_ids: list[int],
    shared: int,
    serial: int,
) -> None:
    mine = [p for p in log.passages if p not in log.deleted]
    if kind == "import":
        text = source_text(rng, log.number, serial)
        source = project.add_source(f"Report {log.number}-{serial}", text, "txt")
        texts[source.id] = text
        log.sources[source.id] = source.sha256
    elif kind == "tag" or (kind in ("memo", "delete") and not mine):
        source_id = rng.choice(list(texts))
        if not texts[source_id]:
            texts[source_id] = project.source_text(source_id)
        length = len(texts[source_id])
        start = rng.randrange(0, length - 40)
        end = start + rng.randint(5, 40)
        theme = rng.choice(theme_ids)
        passage = project.add_passage(source_id, start, end, [theme])
        log.passages[passage.id] = (source_id, start, end, theme)
    elif kind == "memo":
        passage_id = rng.choice(mine)
        memo = f"memo {serial} by writer {log.number}"
        project.set_memo(passage_id, memo)
        log.memos[passage_id] = memo
    elif kind == "delete":
        passage_id = rng.choice(mine)
        project.delete_passage(passage_id)
        log.deleted.add(passage_id)
    elif kind == "recolour":
        colour = f"#{rng.randrange(0x1000000):06X}"
        project.update_theme(log.colour[0], colour=colour)
        log.colour = (log.colour[0], colour)
    else:  # read the shared theme's keywords and write them back with one more
        marker = f"w{log.number}-{serial}"
        project.run_action(
            lambda p: p.update_theme(shared, keywords=[*p.theme(shared).keywords, marker])
        )
        log.keywords.append(marker)


def verify(url: str, logs: list[WriterLog]) -> list[str]:
    """What is wrong with the project, given what the writers committed: nothing, we hope."""
    problems: list[str] = []
    with Project.open(url, readonly=True) as project:
        sources = {s.id: s for s in project.sources()}
        passages = {p.id: p for p in project.passages()}
        themes = {t.id: t for t in project.themes()}
        for log in logs:
            for source_id, digest in log.sources.items():
                if source_id not in sources or sources[source_id].sha256 != digest:
                    problems.append(f"writer {log.number}: source {source_id} is missing")
            for passage_id, (source_id, start, end, theme) in log.passages.items():
                found = passages.get(passage_id)
                if passage_id in log.deleted:
                    if found is not None:
                        problems.append(f"writer {log.number}: passage {passage_id} came back")
                elif found is None or (found.source_id, found.start, found.end) != (
                    source_id,
                    start,
                    end,
                ):
                    problems.append(f"writer {log.number}: passage {passage_id} is missing")
                elif theme not in found.theme_ids:
                    problems.append(f"writer {log.number}: passage {passage_id} lost its theme")
            for passage_id, memo in log.memos.items():
                if passage_id not in log.deleted and passages[passage_id].memo != memo:
                    problems.append(f"writer {log.number}: memo of {passage_id} lost")
            theme_id, colour = log.colour
            if themes.get(theme_id) is None or themes[theme_id].colour != colour:
                problems.append(f"writer {log.number}: the colour of theme {theme_id} was lost")
        keywords = set(project.theme_by_name(SHARED_THEME).keywords)
        lost = [k for log in logs for k in log.keywords if k not in keywords]
        if lost:
            problems.append(f"{len(lost)} lost updates of the shared keywords: {lost[:5]}")
        problems += constraints(project, sources, passages, themes)
    return problems


def constraints(
    project: Project, sources: dict[int, Any], passages: dict[int, Any], themes: dict[int, Any]
) -> list[str]:
    """The database's own rules, checked from the outside."""
    problems = []
    for passage in passages.values():
        text = project.source_text(passage.source_id) if passage.source_id in sources else None
        if text is None or text[passage.start : passage.end] != passage.text:
            problems.append(f"passage {passage.id} does not match its source")
        if not passage.theme_ids or not set(passage.theme_ids) <= set(themes):
            problems.append(f"passage {passage.id} has no theme, or an unknown one")
    names = Counter(t.name.lower() for t in themes.values())
    problems += [f"theme name {n!r} twice" for n, count in names.items() if count > 1]
    counted = {s.id: s.passages for s in sources.values()}
    actual = Counter(p.source_id for p in passages.values())
    problems += [f"source {s} counts {n} passages" for s, n in counted.items() if actual[s] != n]
    return problems


def run(url: str, writers: int, seconds: float) -> int:
    Project.create(url, [*default_themes(), {"name": SHARED_THEME, "colour": "#777777"}]).close()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(target=writer, args=(url, n, seconds, results)) for n in range(writers)
    ]
    began = time.monotonic()
    for process in processes:
        process.start()
    logs = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(30)
    elapsed = time.monotonic() - began
    timings = [t for log in logs for t in log.timings]
    errors = [e for log in logs for e in log.errors]
    slowest = max(timings) if timings else (0.0, "none")
    kinds = Counter(kind for _, kind in timings)
    durations = sorted(t for t, _ in timings)
    print(
        f"{writers} writers for {seconds:.0f} s each against one server project"
        f" ({elapsed:.1f} s with the processes' start)"
    )
    print(f"actions committed: {len(timings)} ({len(timings) / seconds:.0f} per second)")
    print("  " + ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS))
    if durations:
        p95 = durations[int(len(durations) * 0.95)]
        print(
            f"action time: median {statistics.median(durations) * 1000:.1f} ms,"
            f" 95th percentile {p95 * 1000:.1f} ms,"
            f" slowest {slowest[0] * 1000:.1f} ms ({slowest[1]})"
        )
    reruns = sum(log.reruns for log in logs)
    print(f"actions run again after colliding with another writer's: {reruns}")
    problems = verify(url, logs)
    print(f"errors reaching a writer: {len(errors)}" + (f": {errors[:3]}" if errors else ""))
    print(f"checks of the committed actions and constraints: {len(problems)} problem(s)")
    for problem in problems[:20]:
        print(f"  {problem}")
    return 1 if errors or problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server_load")
    parser.add_argument("--quick", action="store_true", help="10 s instead of 60")
    parser.add_argument("--seconds", type=float, help="how long the writers write")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--url", help="an empty database (default: a throwaway cluster)")
    args = parser.parse_args(argv)
    seconds = args.seconds or (10.0 if args.quick else 60.0)
    if args.url:
        return run(args.url, args.writers, seconds)
    from benchmarks.pgcluster import INSTALL_HINT, find_bin, running_cluster

    bin_dir = find_bin()
    if bin_dir is None:
        print(f"no PostgreSQL server here: {INSTALL_HINT}", file=sys.stderr)
        return 2
    with running_cluster(bin_dir) as cluster:
        cluster.admin("CREATE DATABASE load")
        return run(cluster.url("load"), args.writers, seconds)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
