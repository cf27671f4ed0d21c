"""The layers of DESIGN.md section 2: each imports only downward, no import cycle outside the
GUI, and Qt stays in briefing/gui (the other layers and the non-GUI verbs never load it)."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path

import grimp
import pytest

import briefing

PACKAGE = Path(briefing.__file__).parent
REPO = Path(__file__).resolve().parent.parent

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
        "briefing.launcher",
        "briefing.sample",
        "briefing.ingest",
    ]
    assert len(modules) > 10
    assert _leaks(modules) == ""


def test_non_gui_verbs_import_no_qt(tmp_path: Path) -> None:
    project = tmp_path / "s.briefing"
    extra = (
        "from briefing.launcher import main\n"
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


# ---- layers and cycles --------------------------------------------------------------------


def test_lint_imports_keeps_every_contract() -> None:
    """``lint-imports`` as a developer runs it: the contracts of pyproject.toml, all kept."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout), result.stdout


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("briefing")


def _layers_contract() -> tuple[list[grimp.Layer], set[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layers = [grimp.Layer(*(n.strip() for n in line.split("|"))) for line in contract["layers"]]
    return layers, set(contract["containers"])


def test_the_layers_contract_refuses_an_upward_import(graph: grimp.ImportGraph) -> None:
    """The contract as written catches the import that issue 11 removed (core -> exporters)."""
    layers, containers = _layers_contract()
    assert graph.find_illegal_dependencies_for_layers(layers, containers) == set()
    broken = copy.deepcopy(graph)
    broken.add_import(importer="briefing.core.coverage", imported="briefing.exporters.pages")
    (illegal,) = broken.find_illegal_dependencies_for_layers(layers, containers)
    assert (illegal.importer, illegal.imported) == ("briefing.core", "briefing.exporters")


def import_cycles(graph: grimp.ImportGraph, modules: Iterable[str]) -> list[list[str]]:
    """The groups of ``modules`` that import one another in a loop (Tarjan's strongly
    connected components of more than one module, or a module importing itself)."""
    chosen = set(modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & chosen) for m in chosen}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # depth is bounded by the package's module count
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(group) > 1 or module in edges[module]:
                cycles.append(sorted(group))

    for module in sorted(chosen):
        if module not in index:
            visit(module)
    return cycles


def _outside_gui(graph: grimp.ImportGraph) -> list[str]:
    return [m for m in graph.modules if m != "briefing.gui" and not m.startswith("briefing.gui.")]


def test_no_import_cycle_outside_the_gui(graph: grimp.ImportGraph) -> None:
    modules = _outside_gui(graph)
    assert len(modules) > 40
    assert import_cycles(graph, modules) == []


def test_the_cycle_check_finds_a_cycle(graph: grimp.ImportGraph) -> None:
    looped = copy.deepcopy(graph)
    looped.add_import(importer="briefing.ingest", imported="briefing.sample")
    looped.add_import(importer="briefing.sample", imported="briefing.ingest")
    assert import_cycles(looped, _outside_gui(looped)) == [["briefing.ingest", "briefing.sample"]]


MAX_MODULE_LINES = 500  # issue 11: a module past this is hard to live in; split it by job


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert sizes, "no modules found"
    too_big = {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES}
    assert not too_big, f"modules over {MAX_MODULE_LINES} lines: {too_big}"
