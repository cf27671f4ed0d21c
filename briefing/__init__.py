"""Briefing: turn tagged source documents into a briefing note.

This module holds the version only: importing the package must stay free of Qt and side effects.
"""

__version__ = "0.1.0"
