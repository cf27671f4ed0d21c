"""What every export returns, and the one error it raises for bad input files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ExportError(Exception):
    """An export that cannot be made (e.g. an unreadable reference .docx). One line, for users."""


@dataclass
class ExportResult:
    """``path`` is the file written (None if nothing was); ``problems`` are warnings for the
    user (missing passages ...), the export still went ahead; ``footnotes`` is how many."""

    path: Path | None
    problems: list[str] = field(default_factory=list)
    footnotes: int = 0
