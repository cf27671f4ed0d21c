"""Projects generated from a fixed seed: nothing large is committed."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.common import SEED, text_of_size
from briefing.core.model import Block, NoteBundle
from briefing.core.resources import default_themes
from briefing.core.store import Project


def big_source_project(path: Path, chars: int = 3_000_000, passages: int = 10_000) -> Path:
    """One source of ``chars`` characters with ``passages`` passages (some overlapping, some
    with two themes) and a report's structure (headings, lists, paragraphs: the viewer shows
    them), beside a small second source to switch from."""
    rng = random.Random(SEED)
    text = text_of_size(rng, chars)

    def populate(project: Project) -> None:
        project.add_source("Small", "A small source to switch from.", "txt")
        big = project.add_source("Big report", text, "docx", blocks=report_blocks(text))
        themes = [t.id for t in project.themes()]
        step = max(1, len(text) // passages)
        specs = []
        for number in range(passages):
            start = number * step + rng.randrange(0, max(1, step // 2))
            end = min(len(text), start + rng.randint(40, step + step // 2))
            chosen = rng.sample(themes, 2 if number % 10 == 0 else 1)
            specs.append((big.id, start, end, chosen))
        project.add_passages(specs)

    Project.create(path, default_themes(), populate).close()
    return path


def report_blocks(text: str) -> list[Block]:
    """The structure of a long report over the generated lines, as the Word importer records
    it: every twentieth line a heading, four list items in each twenty, paragraphs between.
    Made from the text alone (no random numbers), so the passages stay those of the seed."""
    blocks = []
    at = 0
    for number, line in enumerate(text.split("\n")):
        end = at + len(line)
        if number % 20 == 0:
            blocks.append(Block("heading", at, end, level=1 if number % 100 == 0 else 2))
        elif number % 20 in (5, 6, 7, 8):
            blocks.append(Block("list_item", at, end, level=1 + number % 2, label="•"))
        elif line:
            blocks.append(Block("paragraph", at, end))
        at = end + 1
    return blocks


def many_sources_project(
    path: Path, sources: int = 200, chars: int = 100_000, passages: int = 20_000
) -> Path:
    """``sources`` sources of ``chars`` characters and ``passages`` passages spread over them
    (one ``add_passages``: it reads the passages back once, not once per source)."""
    rng = random.Random(SEED + 1)

    def populate(project: Project) -> None:
        themes = [t.id for t in project.themes()]
        per_source = passages // sources
        specs = []
        for number in range(sources):
            text = f"Report {number}\n" + text_of_size(rng, chars)
            source = project.add_source(f"Report {number}", text, "txt")
            step = len(text) // per_source
            specs += [
                (source.id, i * step, i * step + rng.randint(30, step), [rng.choice(themes)])
                for i in range(per_source)
            ]
        project.add_passages(specs)

    Project.create(path, default_themes(), populate).close()
    return path


def project_from_bundle(bundle: NoteBundle, path: Path) -> Path:
    """A project file holding a generated note bundle, for timing ``briefing export``.

    The bundle keeps only its passages' text; each source's text is rebuilt with those
    passages in place (blank elsewhere), which is all an export reads.
    """

    def populate(project: Project) -> None:
        for source_id, source in sorted(bundle.sources.items()):
            chars = [" "] * source.chars
            for passage in bundle.passages.values():
                if passage.source_id == source_id:
                    chars[passage.start : passage.end] = passage.text
            stored = project.add_source(
                source.title,
                "".join(chars) + f"\n{source_id}",  # (unique, as every source is)
                source.format,
                origin=source.origin,
                author=source.author,
                published=source.published,
                marking=source.marking,
                metadata=source.metadata,
            )
            assert stored.id == source_id
        specs = [
            (p.source_id, p.start, p.end, p.theme_ids) for _, p in sorted(bundle.passages.items())
        ]
        created = project.add_passages(specs)
        assert sorted(p.id for p in created) == sorted(bundle.passages)
        note = bundle.note
        project.add_note(note.title, note.template, note.body, note.metadata)

    themes = [{"name": t.name, "colour": t.colour} for t in bundle.themes]
    Project.create(path, themes, populate).close()
    return path
