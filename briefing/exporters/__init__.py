"""Exporters: a note and its project -> .md, .docx and preview HTML. No Qt here.

One pipeline (see ``document.py``): the NoteBundle becomes a structured document once, and the
renderers (``html_preview``, ``docx_export``) draw from it; ``markdown_export`` writes the body
itself with front matter, footnotes and annex. ``find_problems`` is the pure check the GUI can
run before exporting.
"""

from __future__ import annotations

from briefing.exporters.document import BriefingDocument, build_document
from briefing.exporters.docx_export import export_docx
from briefing.exporters.html_preview import render_preview_html
from briefing.exporters.markdown_export import export_markdown
from briefing.exporters.report import export_passages_report
from briefing.exporters.result import ExportError, ExportResult
from briefing.exporters.sources import find_problems

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
