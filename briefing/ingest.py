"""Importing files into a project: an importer decides the text, the store keeps it.

Shared by the command line and the GUI's import worker, so both report the same outcomes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.errors import BriefingError, DuplicateSource
from briefing.core.model import Source
from briefing.core.store import Project
from briefing.importers import read_file
from briefing.importers.base import ImportedDocument, ImportFailure

logger = logging.getLogger(__name__)


@dataclass
class ImportOutcome:
    """What happened to one file: ``source`` when imported, else ``error`` (one line)."""

    path: Path
    source: Source | None = None
    error: str = ""
    duplicate_of: Source | None = None
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one line the command line prints for this file."""
        if self.source is not None:
            chars = f"{self.source.chars:,} characters"
            return f"imported: {self.source.id}\t{self.source.title}\t{chars}"
        if self.duplicate_of is not None:
            return (
                f"skipped: {self.path}: the same text is already source"
                f" {self.duplicate_of.id} ({self.duplicate_of.title})"
            )
        return f"failed: {self.path}: {self.error}"


def add_document(project: Project, document: ImportedDocument) -> Source:
    """Store an imported document as one new source (one transaction)."""
    meta = dict(document.metadata)
    return project.add_source(
        document.title,
        document.text,
        document.format,
        origin=str(meta.pop("origin", "") or ""),
        author=str(meta.pop("author", "") or ""),
        published=str(meta.pop("date", "") or ""),
        marking=str(meta.pop("marking", "") or ""),
        metadata=meta,
    )


def import_path(
    project: Project, path: Path, keep_going: Callable[[], bool] | None = None
) -> ImportOutcome:
    """Read and store one file. Never raises for a bad file: the outcome says what went wrong.

    ``keep_going`` is asked after the (slow) read: False means the user cancelled, and nothing
    is stored.
    """
    outcome = ImportOutcome(Path(path))
    try:
        document = read_file(Path(path))
        if keep_going is not None and not keep_going():
            outcome.error = "cancelled"
            return outcome
        outcome.warnings = list(document.warnings)
        outcome.source = add_document(project, document)
    except DuplicateSource as exc:
        outcome.duplicate_of = exc.existing
    except (ImportFailure, BriefingError) as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = exc.strerror or str(exc)
    except Exception as exc:  # a bug in a parser: report it for this file, go on with the rest
        logger.exception("import of %s failed", path)
        outcome.error = f"unexpected error: {exc}"
    return outcome
