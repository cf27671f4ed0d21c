"""CommonMark conformance of what a note becomes: the spec's examples through Briefing's Word
export and preview, beside pandoc's own Markdown-to-Word.

    python -m benchmarks.conformance [--sections] [--workers N] [--json FILE]

Each example of the CommonMark spec 0.31.2 (``benchmarks/data``, CC BY-SA 4.0) is put under a
heading in a note (``# Example N``, a blank line, the example) and:

- exported to Word by Briefing, and read back with ``pandoc -f docx -t plain``;
- shown in Briefing's preview, read with ``pandoc -f html -t plain``;
- given to pandoc (``pandoc -f markdown -o x.docx``) and read back the same way as Briefing's;

each against the spec's own expected HTML under the same heading, read with
``pandoc -f html -t plain``. The text after the heading must be equal, lines stripped of
trailing spaces and blank lines at either end ignored. pandoc is run with its own Markdown
reader and with its CommonMark reader. Raw HTML is text in Briefing on purpose, so the budget
("at least as many as pandoc") holds on every section but the two about HTML, and counts the
examples of the other sections whose answer passes raw HTML through apart.
This is a correctness measure, not a timing: it takes a few minutes, four pandoc runs an
example.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.model import Note, NoteBundle, NoteMetadata

SPEC = Path(__file__).resolve().parent / "data" / "commonmark-spec-0.31.2.json"
HTML_SECTIONS = frozenset({"HTML blocks", "Raw HTML"})  # escaped in Briefing on purpose
OUTPUTS = ("word", "preview", "pandoc", "pandoc-commonmark")


@dataclass(frozen=True)
class Example:
    number: int
    section: str
    markdown: str
    html: str

    @property
    def heading(self) -> str:
        return f"Example {self.number}"

    @property
    def note(self) -> str:
        return f"# {self.heading}\n\n{self.markdown}"


def examples() -> list[Example]:
    data = json.loads(SPEC.read_text(encoding="utf-8"))
    return [Example(e["example"], e["section"], e["markdown"], e["html"]) for e in data]


def pandoc(args: list[str], data: bytes | None = None) -> str:
    done = subprocess.run(
        ["pandoc", *args], input=data, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def after_heading(plain: str, heading: str) -> str:
    """The text after the example's heading, normalised for comparison."""
    lines = plain.replace("\r\n", "\n").split("\n")
    try:
        start = lines.index(heading) + 1
    except ValueError:
        return "\0heading lost"
    kept = [line.rstrip() for line in lines[start:]]
    return "\n".join(kept).strip("\n")


def bundle_for(example: Example) -> NoteBundle:
    note = Note(1, "Conformance", "", example.note, NoteMetadata(marking="", purpose="", status=""))
    return NoteBundle(note=note, sources={}, passages={}, themes=())


def expected(example: Example) -> str:
    html = f"<h1>{example.heading}</h1>\n{example.html}".encode()
    return after_heading(pandoc(["-f", "html", "-t", "plain"], html), example.heading)


def briefing_word(example: Example, folder: Path) -> str:
    from briefing.exporters import export_docx

    out = folder / f"briefing-{example.number}.docx"
    export_docx(bundle_for(example), out, annex=False)
    return after_heading(pandoc(["-f", "docx", "-t", "plain", str(out)]), example.heading)


def briefing_preview(example: Example) -> str:
    from briefing.exporters import render_preview_html

    html = render_preview_html(bundle_for(example)).encode()
    return after_heading(pandoc(["-f", "html", "-t", "plain"], html), example.heading)


# pandoc stops on an image whose file is missing (it replaces a URL it cannot fetch by its
# description, with a warning): this filter does the same for a missing file.
_DESCRIBE_IMAGES = "function Image(image) return image.caption end\n"


def pandoc_word(example: Example, folder: Path, reader: str = "markdown") -> str:
    out = folder / f"pandoc-{reader}-{example.number}.docx"
    note = example.note.encode()
    try:
        pandoc(["-f", reader, "-o", str(out)], note)
    except subprocess.CalledProcessError:  # through pandoc's JSON, so no file is fetched
        describe = folder / "describe-images.lua"
        describe.write_text(_DESCRIBE_IMAGES, encoding="utf-8")
        ast = pandoc(["-f", reader, "--lua-filter", str(describe), "-t", "json"], note)
        pandoc(["-f", "json", "-o", str(out)], ast.encode())
    return after_heading(pandoc(["-f", "docx", "-t", "plain", str(out)]), example.heading)


def judge(example: Example, folder: Path) -> dict[str, bool]:
    """Which outputs read back as the spec expects."""
    want = expected(example)
    return {
        "word": briefing_word(example, folder) == want,
        "preview": briefing_preview(example) == want,
        "pandoc": pandoc_word(example, folder) == want,
        "pandoc-commonmark": pandoc_word(example, folder, "commonmark") == want,
    }


def run(chosen: list[Example], workers: int) -> dict[int, dict[str, bool]]:
    # Threads: most of the time goes in waiting on pandoc; each export builds its own document.
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(workers) as pool:
        results = pool.map(lambda e: (e.number, judge(e, Path(folder))), chosen)
        return dict(results)


def uses_raw_html(example: Example) -> bool:
    """Whether the spec's answer passes raw HTML through: CommonMark with HTML on and off
    render the example differently. Briefing shows raw HTML as text, on purpose."""
    from markdown_it import MarkdownIt

    on = MarkdownIt("commonmark", {"html": True}).render(example.markdown)
    return on != MarkdownIt("commonmark", {"html": False}).render(example.markdown)


def table(chosen: list[Example], results: dict[int, dict[str, bool]]) -> tuple[str, bool]:
    """The counts per section as a Markdown table, and whether the budget is met.

    Each count is "all examples / those without raw HTML"; the budget compares the second:
    Briefing's Word file and preview at least as many as the better of pandoc's two readers,
    in every section but the two about raw HTML."""
    totals: dict[str, dict[bool, Counter[str]]] = {}
    for example in chosen:
        html = uses_raw_html(example)
        counts = totals.setdefault(example.section, {False: Counter(), True: Counter()})
        for without in (False, True):
            if without and html:
                continue
            counts[without]["examples"] += 1
            for output in OUTPUTS:
                counts[without][output] += results[example.number][output]
    columns = ("examples", *OUTPUTS)
    lines = [
        "| Section | Examples | Briefing Word | Briefing preview | pandoc Word (-f markdown) | "
        "pandoc Word (-f commonmark) | Budget met |",
        "|---|---|---|---|---|---|---|",
    ]
    met_all = True
    grand = {False: Counter[str](), True: Counter[str]()}
    for section, counts in totals.items():
        for without in (False, True):
            grand[without].update(counts[without])
        mine = counts[True]
        exempt = section in HTML_SECTIONS
        peer = max(mine["pandoc"], mine["pandoc-commonmark"])
        met = mine["word"] >= peer and mine["preview"] >= peer
        met_all = met_all and (met or exempt)
        verdict = "(raw HTML: shown as text)" if exempt else ("yes" if met else "**no**")
        cells = " | ".join(f"{counts[False][c]} / {counts[True][c]}" for c in columns)
        lines.append(f"| {section} | {cells} | {verdict} |")
    cells = " | ".join(f"{grand[False][c]} / {grand[True][c]}" for c in columns)
    lines.append(f"| **All** | {cells} | {'yes' if met_all else '**no**'} |")
    return "\n".join(lines), met_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.conformance", description=__doc__)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--only", type=int, nargs="*", help="these example numbers")
    parser.add_argument("--json", type=Path, help="write each example's results here")
    parser.add_argument("--failures", action="store_true", help="list the examples missed")
    args = parser.parse_args(argv)
    chosen = [e for e in examples() if not args.only or e.number in args.only]
    results = run(chosen, args.workers)
    text, met = table(chosen, results)
    print(text)
    if args.failures:
        for example in chosen:
            missed = [o for o in OUTPUTS[:2] if not results[example.number][o]]
            if missed:
                print(f"example {example.number} ({example.section}): {', '.join(missed)}")
    if args.json:
        data: dict[str, Any] = {str(n): r for n, r in results.items()}
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
