"""Render page 1 of the sample note's Word export, as LibreOffice prints it, for the README.

    python tools/export_page1.py [--out docs/export-page1.png] [--pages N]

Builds the sample project, exports its note with the built-in reference document, converts it
with LibreOffice (soffice) and rasterises the first page with pdftoppm at 80 dpi. ``--pages``
also writes pages 2..N beside it (``export-page2.png``...), to look at the rest.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.exporters import export_docx  # noqa: E402
from briefing.sample import build_sample  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "export-page1.png"


def render(out: Path, pages: int = 1) -> list[Path]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with build_sample(folder / "Sample.briefing") as project:
            bundle = project.bundle(project.notes()[0].id)
        note = folder / "note.docx"
        export_docx(bundle, note, author="Briefing")
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(note),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        stem = folder / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                str(pages),
                str(note.with_suffix(".pdf")),
                str(stem),
            ],
            check=True,
            capture_output=True,
        )
        written = []
        for number, png in enumerate(sorted(folder.glob("page-*.png")), start=1):
            target = out if number == 1 else out.with_name(f"export-page{number}.png")
            shutil.copyfile(png, target)
            written.append(target)
        return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--pages", type=int, default=1)
    args = parser.parse_args(argv)
    for path in render(args.out, args.pages):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
