"""The window's own settings (geometry, splitters, recent projects), typed, in one place.

Built by ``gui/app.py`` with a file path the tests can inject; never created at import time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings("Briefing", "Briefing")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._qs.sync()

    def recent_projects(self) -> list[Path]:
        value = self._qs.value("recent", [])
        # QSettings gives back a lone string for a one-item list in INI files.
        items = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        )
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        items = [p for p in self.recent_projects() if p != path]
        self._qs.setValue("recent", [str(p) for p in [path, *items][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        items = [p for p in self.recent_projects() if p != path.resolve()]
        self._qs.setValue("recent", [str(p) for p in items])

    def text(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    def set_text(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        # INI files give booleans back as the strings "true" and "false".
        return value in (True, "true") if isinstance(value, bool | str) else default

    def set_flag(self, key: str, value: bool) -> None:
        self._qs.setValue(key, value)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(key, value)
