"""Export benchmark: a 160-page note with 1,000 citations, Briefing's exporters beside pandoc.

    python benchmarks/export_bench.py [--repeats 3] [--workdir DIR]

The workload is generated from a fixed seed, so every run measures the same note: a NoteBundle,
and the same note as plain Markdown with footnotes (Briefing's own .md export) for pandoc.
Budget (DESIGN.md 7): the DOCX export is faster than ``pandoc note.md -o note.docx``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import command_timings, row  # noqa: E402
from benchmarks.workloads import project_from_bundle  # noqa: E402
from briefing.core.model import (  # noqa: E402
    Note,
    NoteBundle,
    NoteMetadata,
    Passage,
    Source,
    Theme,
)
from briefing.exporters import build_document  # noqa: E402
from briefing.exporters.markdown_export import render_markdown  # noqa: E402

logger = logging.getLogger(__name__)

SEED = 20250314
SECTIONS = 39  # about 4.1 A4 pages each with their footnotes: 160 pages before the annex
CITATIONS = 1000
SOURCES = 40
PASSAGES_PER_SOURCE = 10
WORDS = [
    "the",
    "council",
    "commission",
    "member",
    "states",
    "export",
    "controls",
    "advanced",
    "chips",
    "models",
    "compute",
    "capacity",
    "investment",
    "venture",
    "capital",
    "sovereignty",
    "framework",
    "officials",
    "talks",
    "agreement",
    "allies",
    "partners",
    "risk",
    "assessment",
    "regulation",
    "market",
    "access",
    "research",
    "laboratories",
    "funding",
    "programme",
    "strategy",
    "supply",
    "chain",
    "security",
    "cooperation",
    "negotiation",
    "proposal",
    "review",
    "data",
    "infrastructure",
    "deployment",
    "licensing",
    "startups",
    "industry",
    "ministers",
    "timeline",
    "position",
    "paper",
    "options",
    "recommendation",
    "analysis",
    "evidence",
    "briefing",
    "impact",
    "costs",
    "benefits",
    "dialogue",
]


def _sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def generate(seed: int = SEED) -> tuple[NoteBundle, str]:
    """The benchmark note (deterministic) and the same note as Markdown for pandoc."""
    rng = random.Random(seed)
    themes = tuple(
        Theme(i + 1, name, "#336699", order=i)
        for i, name in enumerate(
            ("Export controls", "Sovereignty", "Investment", "Security", "Research")
        )
    )
    sources: dict[int, Source] = {}
    passages: dict[int, Passage] = {}
    for sid in range(1, SOURCES + 1):
        text = "\n".join(_paragraph(rng, 6) for _ in range(30))
        pages = [0, *sorted(rng.sample(range(1, len(text)), 9))]
        sources[sid] = Source(
            sid,
            f"Report {sid}: {_sentence(rng, 3, 7)[:-1]}",
            "pdf" if sid % 2 else "html",
            f"https://example.org/reports/{sid}" if sid % 2 == 0 else f"/data/report-{sid}.pdf",
            f"Author {sid}",
            f"2024-{(sid % 12) + 1:02d}-{(sid % 27) + 1:02d}",
            "2025-01-01T00:00:00",
            "OFFICIAL",
            f"{sid:064x}",
            len(text),
            PASSAGES_PER_SOURCE,
            {"pages": pages} if sid % 2 else {},
        )
        for n in range(PASSAGES_PER_SOURCE):
            pid = (sid - 1) * PASSAGES_PER_SOURCE + n + 1
            start = rng.randrange(0, len(text) - 400)
            end = start + rng.randint(80, 300)
            passages[pid] = Passage(
                pid,
                sid,
                start,
                end,
                text[start:end],
                tuple(sorted(rng.sample(range(1, 6), rng.randint(1, 2)))),
                _sentence(rng, 3, 10) if n % 3 == 0 else "",
            )
    body = _body(rng, list(passages))
    note = Note(
        1,
        "Benchmark: access to AI models across the Atlantic",
        "briefing-note",
        body,
        NoteMetadata("OFFICIAL", "Minister", "Director", "2025-03-14", "BM-160", "decision"),
    )
    bundle = NoteBundle(note, sources, passages, themes)
    return bundle, render_markdown(build_document(bundle))


def _body(rng: random.Random, passage_ids: list[int]) -> str:
    """SECTIONS sections of paragraphs, lists, a table and a quote, with CITATIONS citations."""
    blocks: list[str] = []
    cite_slots: list[int] = []
    for section in range(1, SECTIONS + 1):
        blocks.append(f"# Section {section}: {_sentence(rng, 2, 5)[:-1]}")
        for sub in range(1, 3):
            blocks.append(f"## Part {section}.{sub}")
            for _ in range(4):
                cite_slots.append(len(blocks))
                blocks.append(_paragraph(rng, 7))
            blocks.append("\n".join(f"- {_sentence(rng, 5, 12)}" for _ in range(4)))
            blocks.append("\n".join(f"{i}. {_sentence(rng, 5, 12)}" for i in range(1, 4)))
        blocks.append(f"> {_paragraph(rng, 2)}")
        blocks.append(
            "| Option | Cost | Risk |\n|:--|:--|:--|\n"
            + "\n".join(
                f"| {rng.choice(WORDS)} | {rng.randint(1, 90)} m | {rng.choice(('low', 'high'))} |"
                for _ in range(4)
            )
        )
    for n in range(CITATIONS):
        slot = cite_slots[n % len(cite_slots)]
        ids = rng.sample(passage_ids, 2 if n % 7 == 0 else 1)
        citation = "[" + "; ".join(f"@p{pid}" for pid in ids) + "]"
        words = blocks[slot].split(" ")
        words.insert(rng.randrange(1, len(words)), citation)
        blocks[slot] = " ".join(words)
    return "\n\n".join(blocks) + "\n"


def run_export_bench(workdir: Path, repeats: int) -> list[dict[str, Any]]:
    """``briefing export`` to .docx and .md as whole processes, as a user runs it, beside pandoc
    converting the same Markdown to .docx (also a whole process)."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    bundle, markdown = generate()
    source = workdir / "note.md"
    source.write_text(markdown, encoding="utf-8")
    project = project_from_bundle(bundle, workdir / "bench.briefing")
    pandoc = command_timings(["pandoc", str(source), "-o", str(workdir / "pandoc.docx")], repeats)
    briefing = [sys.executable, "-m", "briefing", "export", str(project)]
    docx = command_timings([*briefing, "--format", "docx", "-o", str(workdir / "b.docx")], repeats)
    md = command_timings([*briefing, "--format", "md", "-o", str(workdir / "b.md")], repeats)
    if docx is None or md is None:
        raise RuntimeError("briefing export failed in the benchmark")
    figure = "export a 160-page note, 1,000 citations"
    return [
        row(
            f"{figure} to .docx (briefing export)",
            docx,
            peer="pandoc note.md -o note.docx",
            peer_times=pandoc,
            beat_peer=True,  # DESIGN 7: faster than pandoc on the same Markdown
        ),
        row(f"{figure} to .md (briefing export)", md),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Briefing export benchmark")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.workdir is None:
        with tempfile.TemporaryDirectory() as folder:
            rows = run_export_bench(Path(folder), args.repeats)
    else:
        rows = run_export_bench(args.workdir, args.repeats)
    for line in rows:
        print(json.dumps(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
