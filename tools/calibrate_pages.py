"""Calibrate the page meter (``briefing.exporters.pages``) against LibreOffice.

    python tools/calibrate_pages.py [--out tests/exporters/fixtures/page_calibration.json]
    python tools/calibrate_pages.py --compare      # estimates beside the stored truths
    python tools/calibrate_pages.py --font-table   # the glyph width tables glyphs.py holds

Each calibration note is generated from a few parameters and a seed (``make_bundle``), so the
fixture stores only those and LibreOffice's answer; the tests regenerate the notes. The notes
are exported with ``export_docx(annex=False)``, converted to PDF by one ``soffice`` call, and
measured with poppler: the page count (``pdfinfo``), and the last page's fill from the
positions of its lines (``pdftotext -bbox-layout``): the body's last line, plus the footnote
area (its lines and the separator above them), over the text area's height.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from briefing.core.model import Note, NoteBundle, NoteMetadata, Passage, Source, Theme  # noqa: E402

FIXTURE = ROOT / "tests" / "exporters" / "fixtures" / "page_calibration.json"
FONTS = Path("/usr/share/fonts/truetype/liberation2")
PAGE_TOP, PAGE_BOTTOM = 70.866, 841.89 - 70.866  # the text area of the reference document
GENERATOR = "python tools/calibrate_pages.py"
FN_SEPARATOR = 5.0  # the gap above the footnotes: the least seen between text and footnotes

WORDS = (  # noqa: SIM905 (a word list reads best as prose)
    "the of and to in a that for on is with as by be this which could would access models "
    "export controls European Commission United States member states officials talks framework "
    "sovereignty investment venture capital compute infrastructure research laboratories allies "
    "partners agreement negotiation position recommendation minister department regulation "
    "startups funding programme strategy security supply chain market deployment licensing "
    "assessment evidence timeline billion percent cooperation dialogue industry data Brussels "
    "Washington Paris London Berlin semiconductor advanced chips adversaries restrictions "
    "independence competitiveness transatlantic interoperability implementation consultation "
    "stakeholders it we our their has have been was were not but also more than its may will "
    "should under between after before during against within without across over new first "
    "2025 2024 30 EUR 50 million white paper Digital Europe AI US EU G7 OECD high-level "
    "cross-border well-known"
).split()
SOURCE_TITLES = (
    "US and EU open talks on access to AI models",
    "European compute and capital: a stocktake",
    "Export controls on advanced semiconductors: the allied dimension",
    "Digital Europe programme: annual implementation report",
    "Venture funding in European AI laboratories, 2020-2025",
    "Council conclusions on technological sovereignty",
)
ORIGINS = (
    "https://news.example.com/2025/03/us-eu-ai-talks",
    "/home/analyst/Downloads/compute-stocktake.pdf",
    "https://www.example.org/publications/export-controls-allied-dimension-2025.html",
    "https://digital-strategy.example.eu/en/library/digital-europe-implementation-report-2024",
    "clipboard 2025-03-14 10:12",
    "https://www.consilium.example.eu/press/2024/12/council-conclusions",
)

# Parameters of the calibration notes: shapes chosen to span 0.3 to about 6 pages.
# sections, paras (per section), sent (sentences per paragraph, low-high), cite (chance a
# sentence ends with a citation), quote (passage length in words, low-high), multi (chance a
# citation names 2-3 passages), lists, tables, quotes (blocks per section), sub (chance of a
# Heading 2 part), meta (metadata block), extra ("code", "hr", "loose", "author" footnotes).
# fmt: off
NOTES: tuple[dict[str, Any], ...] = (
    {"seed": 1, "sections": 1, "paras": 1, "sent": [3, 4], "cite": 0.0},
    {"seed": 2, "sections": 2, "paras": 1, "sent": [2, 4], "cite": 0.5, "quote": [8, 20]},
    {"seed": 3, "sections": 6, "paras": 1, "sent": [2, 4], "cite": 0.3, "quote": [10, 25]},
    {"seed": 4, "sections": 6, "paras": 2, "sent": [3, 5], "cite": 0.3, "quote": [40, 90]},
    {"seed": 5, "sections": 5, "paras": 2, "sent": [3, 6], "cite": 0.7, "quote": [50, 110]},
    {"seed": 6, "sections": 4, "paras": 1, "sent": [2, 4], "cite": 0.2, "lists": 2},
    {"seed": 7, "sections": 4, "paras": 1, "sent": [2, 3], "cite": 0.2, "tables": 2},
    {"seed": 8, "sections": 5, "paras": 1, "sent": [3, 5], "cite": 0.3, "quotes": 2},
    {"seed": 9, "sections": 10, "paras": 1, "sent": [1, 3], "cite": 0.3, "sub": 0.8},
    {"seed": 10, "sections": 3, "paras": 3, "sent": [10, 15], "cite": 0.1},
    {"seed": 11, "sections": 5, "paras": 1, "sent": [3, 5], "cite": 0.3, "lists": 1, "tables": 1},
    {"seed": 12, "sections": 6, "paras": 1, "sent": [4, 6], "cite": 0.3, "quotes": 1, "sub": 0.5},
    {"seed": 13, "sections": 6, "paras": 2, "sent": [3, 5], "cite": 0.35, "lists": 1, "sub": 0.4},
    {"seed": 14, "sections": 4, "paras": 2, "sent": [3, 5], "cite": 1.0, "quote": [60, 140]},
    {"seed": 15, "sections": 3, "paras": 2, "sent": [3, 6], "cite": 0.3, "meta": False},
    {"seed": 16, "sections": 4, "paras": 2, "sent": [3, 5], "cite": 0.2, "extra": ["code", "hr"]},
    {"seed": 17, "sections": 5, "paras": 1, "sent": [2, 4], "cite": 0.3, "lists": 2,
     "extra": ["loose"]},
    {"seed": 18, "sections": 5, "paras": 2, "sent": [3, 6], "cite": 0.4, "extra": ["author"]},
    {"seed": 19, "sections": 7, "paras": 2, "sent": [2, 5], "cite": 0.5, "multi": 0.5,
     "quote": [20, 60]},
    {"seed": 20, "sections": 3, "paras": 1, "sent": [2, 3], "cite": 0.6, "quote": [150, 260]},
    {"seed": 21, "sections": 5, "paras": 1, "sent": [4, 6], "cite": 0.3, "tables": 1,
     "quotes": 1, "lists": 1, "sub": 0.3},
    {"seed": 22, "sections": 5, "paras": 1, "sent": [3, 5], "cite": 0.5, "quote": [30, 80],
     "lists": 1},
    {"seed": 23, "sections": 2, "paras": 2, "sent": [4, 6], "cite": 0.3, "tables": 1,
     "extra": ["wide"]},
    {"seed": 24, "sections": 5, "paras": 2, "sent": [4, 6], "cite": 0.3, "quote": [20, 60],
     "lists": 1, "tables": 1, "sub": 0.3},
    {"seed": 25, "sections": 6, "paras": 1, "sent": [2, 4], "cite": 0.4, "quote": [15, 40],
     "lists": 1},
    {"seed": 26, "sections": 5, "paras": 1, "sent": [3, 5], "cite": 0.25, "quote": [20, 50]},
    {"seed": 27, "sections": 7, "paras": 1, "sent": [2, 3], "cite": 0.3, "sub": 0.3},
    {"seed": 28, "sections": 4, "paras": 2, "sent": [3, 5], "cite": 0.5, "multi": 0.3, "tables": 1},
    {"seed": 29, "sections": 3, "paras": 1, "sent": [2, 4], "cite": 0.2, "quotes": 1, "lists": 1},
    {"seed": 30, "sections": 8, "paras": 1, "sent": [2, 4], "cite": 0.3, "quote": [20, 45]},
)
# fmt: on


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _sentence(rng: random.Random, low: int = 8, high: int = 24) -> str:
    text = _words(rng, rng.randint(low, high))
    cut = text.split(" ")
    if len(cut) > 5 and rng.random() < 0.4:  # a clause
        at = rng.randrange(1, len(cut))
        text = " ".join(cut[:at]) + ", " + " ".join(cut[at:])
    return text[0].upper() + text[1:]


class _Writer:
    """Builds one calibration note's body from its parameters."""

    def __init__(self, params: dict[str, Any], passages: list[int]) -> None:
        self.p = params
        self.rng = random.Random(params["seed"])
        self.passages = passages
        self.notes = 0

    def citation(self) -> str:
        rng = self.rng
        count = rng.choice((2, 3)) if rng.random() < self.p.get("multi", 0.1) else 1
        return "[" + "; ".join(f"@p{pid}" for pid in rng.sample(self.passages, count)) + "]"

    def paragraph(self, sentences: int) -> str:
        parts = []
        for _ in range(sentences):
            text = _sentence(self.rng)
            if self.rng.random() < self.p.get("cite", 0.0):
                text += " " + self.citation()
            if "author" in self.p.get("extra", ()) and self.rng.random() < 0.15:
                self.notes += 1
                text += f"[^a{self.notes}]"
            parts.append(text + ".")
        return " ".join(parts)

    def body(self) -> str:
        rng, p = self.rng, self.p
        low, high = p.get("sent", [3, 5])
        blocks: list[str] = []
        extra = p.get("extra", ())
        for section in range(1, p["sections"] + 1):
            blocks.append(f"# {_sentence(rng, 1, 4)}")
            for _ in range(p.get("paras", 1)):
                blocks.append(self.paragraph(rng.randint(low, high)))
            if rng.random() < p.get("sub", 0.0):
                blocks.append(f"## {_sentence(rng, 2, 6)}")
                blocks.append(self.paragraph(rng.randint(low, high)))
            for _ in range(p.get("lists", 0)):
                blocks.append(self.list_block("loose" in extra))
            for _ in range(p.get("tables", 0)):
                blocks.append(self.table("wide" in extra))
            for _ in range(p.get("quotes", 0)):
                blocks.append("> " + self.paragraph(rng.randint(1, 3)))
            if "code" in extra and section == 2:
                lines = [_words(rng, rng.randint(2, 14)) for _ in range(rng.randint(4, 8))]
                blocks.append("```\n" + "\n".join(lines) + "\n```")
            if "hr" in extra:
                blocks.append("---")
        blocks += [f"[^a{n}]: {_sentence(rng, 6, 30)}." for n in range(1, self.notes + 1)]
        return "\n\n".join(blocks) + "\n"

    def list_block(self, loose: bool) -> str:
        rng = self.rng
        numbered = rng.random() < 0.5
        items = []
        for n in range(1, rng.randint(3, 6) + 1):
            marker = f"{n}." if numbered else "-"
            items.append(f"{marker} {self.paragraph(rng.randint(1, 2))}")
            if loose and rng.random() < 0.4:
                items.append(f"    - {_sentence(rng, 4, 12)}.")
        return ("\n\n" if loose else "\n").join(items)

    def table(self, wide: bool) -> str:
        rng = self.rng
        columns = rng.randint(2, 4)
        low, high = (4, 25) if wide else (1, 4)
        rows = ["| " + " | ".join(_words(rng, rng.randint(1, 2)) for _ in range(columns)) + " |"]
        rows.append("|" + "---|" * columns)
        for _ in range(rng.randint(3, 7)):
            cells = [_words(rng, rng.randint(low, high)) for _ in range(columns)]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)


def make_bundle(params: dict[str, Any]) -> NoteBundle:
    """The calibration note of ``params``: always the same bundle for the same parameters."""
    rng = random.Random(params["seed"] * 7919)
    themes = tuple(
        Theme(i + 1, name, "#336699", order=i)
        for i, name in enumerate(("Export controls", "Sovereignty", "Investment"))
    )
    sources: dict[int, Source] = {}
    for sid, (title, origin) in enumerate(zip(SOURCE_TITLES, ORIGINS, strict=True), start=1):
        sources[sid] = Source(
            sid,
            title,
            "txt",
            origin,
            "J. Moreau" if sid % 2 else "",
            f"2025-0{sid}-1{sid}",
            "2025-03-14T09:00:00",
            "OFFICIAL",
            "0" * 64,
            10_000,
        )
    low, high = params.get("quote", [10, 30])
    passages: dict[int, Passage] = {}
    for pid in range(1, 13):
        text = _sentence(rng, low, high) + "."
        sid = rng.randint(1, len(sources))
        passages[pid] = Passage(pid, sid, 0, len(text), text, (rng.randint(1, 3),))
    body = _Writer(params, list(passages)).body()
    meta = (
        NoteMetadata(
            "OFFICIAL",
            "Minister for Trade",
            "Director, Technology Policy",
            "2025-03-14",
            "BN-2025-031",
            "decision",
        )
        if params.get("meta", True)
        else NoteMetadata("OFFICIAL", purpose="")
    )
    note = Note(
        1, f"Calibration note {params['seed']}: access to AI models", "decision", body, meta
    )
    return NoteBundle(note, sources, passages, themes)


def measure(pdf: Path) -> tuple[int, float]:
    """LibreOffice's page count, and the fill of the last page (0-1) from its lines' positions."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    boxes = [
        (float(y0), float(y1))
        for y0, y1 in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', layout
        )
    ]
    boxes = [(y0, y1) for y0, y1 in boxes if y0 > PAGE_TOP - 5 and y1 < PAGE_BOTTOM + 5]
    boxes.sort()
    used = 0.0
    if boxes and boxes[-1][1] > PAGE_BOTTOM - 8:  # footnotes, set at the foot of the page
        top = boxes[-1][0]
        for y0, y1 in reversed(boxes):
            if y1 - y0 < 12.0 and y1 > top - 6:  # footnote lines are 9 pt, set close
                top = min(top, y0)
        used += PAGE_BOTTOM - top + FN_SEPARATOR
        boxes = [(y0, y1) for y0, y1 in boxes if y1 < top - 1]
    if boxes:
        used += max(y1 for _y0, y1 in boxes) - PAGE_TOP
    return pages, round(min(used / (PAGE_BOTTOM - PAGE_TOP), 1.0), 3)


def run_libreoffice(bundles: list[NoteBundle], folder: Path) -> list[tuple[int, float]]:
    """Export each bundle, convert them all in one soffice call, measure each PDF."""
    from briefing.exporters import export_docx

    files = []
    for index, bundle in enumerate(bundles):
        path = folder / f"note{index:02d}.docx"
        export_docx(bundle, path, annex=False)
        files.append(str(path))
    soffice = shutil.which("soffice") or "soffice"
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *files,
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    return [measure(Path(f).with_suffix(".pdf")) for f in files]


def font_table() -> str:
    """glyphs.py's width tables, read from the Liberation Sans fonts (Arial's metric twins)."""
    chars = "".join(map(chr, [*range(32, 127), *range(160, 173), *range(174, 256)]))
    chars += "‘’“”–—…•€‐→"
    out = []
    for name, style in (("_REGULAR", "Regular"), ("_BOLD", "Bold")):
        widths = _advance_widths(FONTS / f"LiberationSans-{style}.ttf", chars)
        groups: dict[int, str] = {}
        for char in chars:
            groups[widths[char]] = groups.get(widths[char], "") + char
        out.append(f"{name} = {{")
        line = "   "
        for width in sorted(groups):
            text = groups[width].replace("\\", "\\\\").replace('"', '\\"').replace("\xa0", "\\xa0")
            entry = f' {width}: "{text}",'
            if len(line) + len(entry) > 99:
                out.append(line)
                line = "   "
            line += entry
        out += [line, "}"]
    return "\n".join(["# fmt: off", *out, "# fmt: on"])


def _advance_widths(path: Path, chars: str) -> dict[str, int]:
    """Advance widths (1/1000 em) from a TrueType font's cmap (format 4) and hmtx tables."""
    data = path.read_bytes()
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _sum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode()] = offset
    units = struct.unpack(">H", data[tables["head"] + 18 : tables["head"] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"] + 34 : tables["hhea"] + 36])[0]
    hmtx = tables["hmtx"]
    advances = [
        struct.unpack(">H", data[hmtx + 4 * i : hmtx + 4 * i + 2])[0] for i in range(metrics)
    ]
    cmap = tables["cmap"]
    sub = None
    for i in range(struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]):
        platform, encoding, offset = struct.unpack(
            ">HHI", data[cmap + 4 + 8 * i : cmap + 12 + 8 * i]
        )
        if (platform, encoding) == (3, 1):
            sub = cmap + offset
    assert sub is not None, f"{path.name} has no Unicode BMP cmap"
    count = struct.unpack(">H", data[sub + 6 : sub + 8])[0] // 2

    def array(start: int) -> tuple[int, ...]:  # the segment arrays of a format 4 cmap
        return struct.unpack(f">{count}H", data[start : start + 2 * count])

    range_base = sub + 16 + 6 * count
    ends, starts = array(sub + 14), array(sub + 16 + 2 * count)
    deltas, ranges = array(sub + 16 + 4 * count), array(range_base)

    def glyph(code: int) -> int:
        for i in range(count):
            if starts[i] <= code <= ends[i]:
                if ranges[i] == 0:
                    return (code + deltas[i]) & 0xFFFF
                at = range_base + 2 * i + ranges[i] + 2 * (code - starts[i])
                found = struct.unpack(">H", data[at : at + 2])[0]
                return (found + deltas[i]) & 0xFFFF if found else 0
        return 0

    return {c: round(advances[min(glyph(ord(c)), metrics - 1)] * 1000 / units) for c in chars}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXTURE)
    parser.add_argument("--compare", action="store_true", help="estimates vs stored truths")
    parser.add_argument("--font-table", action="store_true")
    args = parser.parse_args(argv)
    if args.font_table:
        print(font_table())
        return 0
    from briefing.exporters.pages import estimate_pages

    if args.compare:
        stored = json.loads(args.out.read_text(encoding="utf-8"))["notes"]
    else:
        with tempfile.TemporaryDirectory() as folder:
            truths = run_libreoffice([make_bundle(p) for p in NOTES], Path(folder))
        stored = [
            {"params": p, "pages": pages, "fill": fill, "truth": round(pages - 1 + fill, 3)}
            for p, (pages, fill) in zip(NOTES, truths, strict=True)
        ]
        rows = ",\n".join("  " + json.dumps(entry) for entry in stored)
        header = json.dumps({"libreoffice": _lo_version(), "generator": GENERATOR})[:-1]
        args.out.write_text(f'{header}, "notes": [\n{rows}\n]}}\n', encoding="utf-8")
    errors = []
    for entry in stored:
        estimate = estimate_pages(make_bundle(entry["params"]))
        errors.append(estimate - entry["truth"])
        flag = "" if -(-estimate // 1) == entry["pages"] else "  <- page count differs"
        print(
            f"seed {entry['params']['seed']:3d}: LibreOffice {entry['truth']:5.2f} "
            f"({entry['pages']} pages), estimate {estimate:5.2f}{flag}"
        )
    absolute = [abs(e) for e in errors]
    print(
        f"mean |error| {sum(absolute) / len(absolute):.3f}, max {max(absolute):.3f}, "
        f"bias {sum(errors) / len(errors):+.3f} over {len(errors)} notes"
    )
    return 0


def _lo_version() -> str:
    soffice = shutil.which("soffice") or "soffice"
    done = subprocess.run([soffice, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
