"""REFI-QDA project exchange (.qdpx): a project out to NVivo, ATLAS.ti, MAXQDA or QualCoder,
and their projects in. Shared by the command line and the window.

``export_qdpx`` reads the project and hands plain data to ``exporters.qdpx_export``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefing.core.safe_write import write_atomically
from briefing.core.store import Project
from briefing.exporters.qdpx_export import ExchangeProject, losses, qdpx_bytes
from briefing.exporters.result import ExportResult

logger = logging.getLogger(__name__)

SUFFIX = ".qdpx"


def is_qdpx(path: Path) -> bool:
    return Path(path).suffix.lower() == SUFFIX


# ---- export ------------------------------------------------------------------------------


def exchange_project(project: Project) -> ExchangeProject:
    """Everything a .qdpx carries, read from the project."""
    sources = tuple(project.sources())
    return ExchangeProject(
        name=project.name,
        created_at=project.info("created_at") or project.name,
        sources=sources,
        texts={s.id: project.source_text(s.id) for s in sources},
        themes=tuple(project.themes()),
        passages=tuple(project.passages()),
        notes=tuple(project.notes()),
    )


def export_qdpx(project: Project, out: Path) -> ExportResult:
    """Write the project as a .qdpx at ``out`` (atomically). ``problems``: what the format
    cannot carry, one line each."""
    return write_qdpx(exchange_project(project), out)


def write_qdpx(content: ExchangeProject, out: Path) -> ExportResult:
    """Write what ``exchange_project`` read (the window reads it, a worker writes it)."""
    data = qdpx_bytes(content)
    write_atomically(Path(out), lambda handle: handle.write(data))
    logger.info("exported %s as REFI-QDA", out)
    return ExportResult(path=Path(out), problems=losses(content))
