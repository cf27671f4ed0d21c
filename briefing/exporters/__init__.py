"""Exporters: a note and its project -> .md, .docx and preview HTML. No Qt here."""
