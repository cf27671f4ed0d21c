"""tools/refresh_golden.py: the one writer of the golden files shows the diff of what it changes."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import Any

import golden_parts
import pytest
from note_fixture import GOLDEN, REPO


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "refresh_golden", REPO / "tools" / "refresh_golden.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("refresh_golden", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def golden_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The committed golden files copied to a temporary folder the tool writes to instead."""
    copy = tmp_path / "golden"
    shutil.copytree(GOLDEN, copy)
    monkeypatch.setattr(golden_parts, "GOLDEN", copy)
    return copy


def test_refresh_shows_the_diff_and_rewrites_only_what_changed(
    golden_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _load_tool()
    settings = golden_copy / "word__settings.xml.golden"
    styles_before = (golden_copy / "word__styles.xml.golden").read_bytes()
    good = settings.read_text(encoding="utf-8")
    settings.write_text(good.replace("<w:footnotePr>", "<w:footnotePr><!-- stale -->"))

    assert tool.main(["--check"]) == 1
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith(("--- a/", "+++ b/"))]
    assert len(headers) == 2 and all(h.endswith("/word__settings.xml.golden") for h in headers)
    assert "-  <w:footnotePr><!-- stale -->" in out and "+  <w:footnotePr>" in out
    assert "1 golden part(s) differ" in out
    assert "<!-- stale -->" in settings.read_text(encoding="utf-8")  # --check writes nothing

    assert tool.main([]) == 0
    assert "Updated 1 golden part(s): word/settings.xml." in capsys.readouterr().out
    assert settings.read_text(encoding="utf-8") == good
    assert (golden_copy / "word__styles.xml.golden").read_bytes() == styles_before

    assert tool.main(["--check"]) == 0
    assert "No golden part changed (13 parts compared)." in capsys.readouterr().out


def test_a_missing_golden_file_is_created(golden_copy: Path) -> None:
    (golden_copy / "word__footer1.xml.golden").unlink()
    assert _load_tool().main([]) == 0
    assert (golden_copy / "word__footer1.xml.golden").exists()
