"""Rebuild the golden parts of the Word export and show what changed.

    python tools/refresh_golden.py           # rewrite tests/exporters/golden/, print the diff
    python tools/refresh_golden.py --check   # print the diff only; exit 1 if a part changed

The golden test (tests/exporters/test_docx_golden.py) only compares; this is the one place the
golden files are written, so every refresh shows its diff to review like code.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "exporters"))

from golden_parts import PARTS, export_parts, golden_path  # noqa: E402


def changes(parts: dict[str, str]) -> list[tuple[str, Path, str, str]]:
    """(part, golden file, old text, new text) of each part whose golden file differs."""
    found = []
    for name in PARTS:
        path = golden_path(name)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = parts.get(name, "")
        if old != new:
            found.append((name, path, old, new))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="show the diff, write nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        parts = export_parts(Path(folder))
    missing = [name for name in PARTS if name not in parts]
    for name in missing:
        print(f"warning: the export has no {name}; its golden file is left as it is")
    changed = [c for c in changes(parts) if c[0] not in missing]
    for _name, path, old, new in changed:
        label = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"a/{label}" if old else "/dev/null",
                f"b/{label}",
            )
        )
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
    if not changed:
        print(f"No golden part changed ({len(parts)} parts compared).")
    elif args.check:
        print(f"{len(changed)} golden part(s) differ; run without --check to update them.")
    else:
        print(f"Updated {len(changed)} golden part(s): {', '.join(c[0] for c in changed)}.")
    return 1 if changed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
