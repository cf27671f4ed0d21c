"""Where Briefing keeps its own files (the first-run sample, backups)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The user's data folder for Briefing; ``BRIEFING_DATA_DIR`` overrides it (tests do)."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Briefing"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Briefing"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "briefing"


def sample_project_path() -> Path:
    return data_dir() / "Sample.briefing"
