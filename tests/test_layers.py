"""Qt stays in briefing/gui: the other layers and the non-GUI verbs never load it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent

CHECK = """
import sys, importlib, pkgutil, briefing
for name in {modules!r}:
    importlib.import_module(name)
{extra}
leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))
print('LEAKED:' + ','.join(leaked))
"""


def _modules(package: str) -> list[str]:
    folder = PACKAGE / package.split(".", 1)[1]
    return [package] + [f"{package}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"]


def _leaks(modules: list[str], extra: str = "") -> str:
    code = CHECK.format(modules=modules, extra=extra)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].removeprefix("LEAKED:")


def test_core_importers_exporters_import_no_qt() -> None:
    modules = _modules("briefing.core") + _modules("briefing.importers")
    modules += [
        *_modules("briefing.exporters"),
        "briefing.cli",
        "briefing.sample",
        "briefing.ingest",
    ]
    assert len(modules) > 10
    assert _leaks(modules) == ""


def test_non_gui_verbs_import_no_qt(tmp_path: Path) -> None:
    project = tmp_path / "s.briefing"
    extra = (
        "from briefing.cli import main\n"
        f"assert main(['sample', {str(project)!r}]) == 0\n"
        f"assert main(['sources', {str(project)!r}]) == 0\n"
        f"assert main(['passages', {str(project)!r}, '--json']) == 0\n"
        f"assert main(['note', {str(project)!r}, '--print']) == 0\n"
    )
    assert _leaks([], extra) == ""


def test_only_the_gui_package_mentions_pyside() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8") and path.parent.name != "gui"
    ]
    assert offenders == []
