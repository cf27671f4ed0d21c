"""Where a file dialog starts: the folder the user last chose for that kind of file, else their
Documents folder; never Briefing's own data folder, which holds the sample project and backups
out of sight (a dialog opened there shows users a hidden folder they never chose)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from briefing.core.paths import data_dir


def documents() -> Path:
    """The user's Documents folder (QStandardPaths), else their home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def is_private(folder: Path) -> bool:
    """Inside Briefing's data folder."""
    private = data_dir().resolve()
    resolved = folder.resolve()
    return resolved == private or private in resolved.parents


def start_folder(remembered: Path | None) -> Path:
    """The folder a dialog opens in: ``remembered`` while it exists and is the user's own."""
    if remembered is not None and remembered.is_dir() and not is_private(remembered):
        return remembered
    return documents()


def chosen_folder(path: Path) -> Path | None:
    """The folder to remember after the user chose ``path`` in a dialog (None: Briefing's)."""
    folder = path.parent
    return None if is_private(folder) else folder
