"""Exporters: a note and its project -> .md, .docx and preview HTML. No Qt here.

One pipeline (see ``document.py``): the NoteBundle becomes a structured document once, and the
renderers (``html_preview``, ``docx_export``) draw from it; ``markdown_export`` writes the body
itself with front matter, footnotes and annex. How a citation reads (footnote, inline form, mark
placement) is worded once, in ``citation_format``. ``find_problems`` is the pure check the GUI
can run before exporting.

The names below load their modules on first use: Markdown and python-docx take a tenth of a
second to import, which the window's start-up and the command line's other verbs do not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.exporters.checks import find_problems
    from briefing.exporters.document import BriefingDocument, build_document
    from briefing.exporters.docx_export import export_docx
    from briefing.exporters.html_preview import render_preview_html
    from briefing.exporters.markdown_export import export_markdown
    from briefing.exporters.report import export_passages_report
    from briefing.exporters.result import ExportError, ExportResult

_HOMES = {
    "BriefingDocument": "document",
    "build_document": "document",
    "export_docx": "docx_export",
    "render_preview_html": "html_preview",
    "export_markdown": "markdown_export",
    "export_passages_report": "report",
    "ExportError": "result",
    "ExportResult": "result",
    "find_problems": "checks",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"briefing.exporters.{home}"), name)


__all__ = [
    "BriefingDocument",
    "ExportError",
    "ExportResult",
    "build_document",
    "export_docx",
    "export_markdown",
    "export_passages_report",
    "find_problems",
    "render_preview_html",
]
