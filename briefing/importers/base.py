"""What every importer returns, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ImportFailure(Exception):
    """A file that cannot be imported. The message is one line, fit to show a user."""


@dataclass
class ImportedDocument:
    """A source as an importer decided it, before it reaches the store.

    ``text`` is final: normalised to ``\\n`` line endings, no BOM. Passages will point into it by
    code-point offsets, so it never changes after import.
    ``metadata`` may hold ``author``, ``date`` (ISO ``YYYY-MM-DD`` where known), ``origin`` and,
    for PDFs, ``pages``: the code-point offset at which each page starts.
    """

    title: str
    text: str
    format: str  # txt, md, html, docx, pdf
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
