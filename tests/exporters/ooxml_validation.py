"""Validate many .docx files at once against ../shared/ooxml (the WordprocessingML schemas).

``../shared/ooxml/validate.py`` checks one file at a time and runs jing once per part, which
costs a second or two each (the schema is compiled every time): for ten files, minutes. This
runs jing once per schema for all the files' parts, using that script's own list of parts and
its Markup Compatibility stripping (``strip_mce``), so its verdicts are the script's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from note_fixture import REPO

VALIDATOR = REPO.parent / "shared" / "ooxml"
_HEADER_FOOTER_RE = re.compile(r"word/(header|footer)\d*\.xml")


def validator_missing() -> str:
    """Why the Word files cannot be validated here, or "" when they can."""
    missing = []
    if shutil.which("jing") is None:
        missing.append("jing is not installed (apt-get install jing)")
    if not (VALIDATOR / "validate.py").is_file():
        missing.append(f"the OOXML schemas are not at {VALIDATOR}")
    return "; ".join(missing) + ": the Word files cannot be validated" if missing else ""


def validator_or_skip() -> Path:
    """The validator's folder; without jing or the schemas, fails when CI is set, else skips."""
    reason = validator_missing()
    if reason and os.environ.get("CI"):
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)
    return VALIDATOR


def _script(folder: Path) -> tuple[Callable[[bytes], bytes], dict[str, str]]:
    """``strip_mce`` and ``PARTS`` of validate.py. It is a script: given no file it defines
    them, checks nothing and exits, so it is run that way and its names are kept."""
    names: dict[str, object] = {"__name__": "ooxml_validate"}
    saved = sys.argv
    sys.argv = [str(folder / "validate.py"), str(folder)]
    try:
        code = compile((folder / "validate.py").read_text(encoding="utf-8"), "validate.py", "exec")
        exec(code, names)
    except SystemExit:
        pass
    finally:
        sys.argv = saved
    strip, parts = names["strip_mce"], names["PARTS"]
    assert callable(strip) and isinstance(parts, dict), "validate.py changed shape"
    return strip, parts  # type: ignore[return-value]


def validate(files: dict[str, Path], workdir: Path) -> dict[str, dict[str, list[str]]]:
    """For each named .docx, its parts checked and each part's errors (empty when valid)."""
    folder = validator_or_skip()
    strip_mce, schemas = _script(folder)
    results: dict[str, dict[str, list[str]]] = {name: {} for name in files}
    by_schema: dict[str, list[Path]] = {}
    owner: dict[str, tuple[str, str]] = {}  # extracted file -> (name, part)
    for index, (name, path) in enumerate(files.items()):
        with zipfile.ZipFile(path) as archive:
            for part in sorted(archive.namelist()):
                match = _HEADER_FOOTER_RE.fullmatch(part)
                schema = schemas.get(part) or (
                    f"WordprocessingML_{match.group(1).title()}.rnc" if match else None
                )
                if schema is None:
                    continue
                extracted = workdir / str(index) / part
                extracted.parent.mkdir(parents=True, exist_ok=True)
                extracted.write_bytes(strip_mce(archive.read(part)))
                by_schema.setdefault(schema, []).append(extracted)
                owner[str(extracted)] = (name, part)
                results[name][part] = []
    for schema, paths in sorted(by_schema.items()):
        done = subprocess.run(
            ["jing", "-c", str(folder / schema), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        reported = False
        for line in done.stdout.splitlines():
            path, _, message = line.partition(".xml:")
            if path + ".xml" in owner:
                name, part = owner[path + ".xml"]
                results[name][part].append(message)
                reported = True
        assert done.returncode == 0 or reported, f"jing failed on {schema}: {done.stderr}"
    return results
