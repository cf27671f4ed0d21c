"""The window's own settings, typed, each key and default declared once, here.

Built by ``gui/app.py`` with a file path the tests can inject; never created at import time.
Call sites read and assign properties (``settings.export_annex = "none"``), never string keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

from briefing.core.errors import InvalidInput
from briefing.core.location import Location, ServerAddress, location_text, parse_location

MAX_RECENT = 10

T = TypeVar("T")


class _Key(Generic[T]):
    """One setting: its key, its default, and how a stored value is read back."""

    def __init__(self, key: str, default: T) -> None:
        self.key, self.default = key, default

    @overload
    def __get__(self, settings: None, owner: type) -> _Key[T]: ...
    @overload
    def __get__(self, settings: _Group, owner: type) -> T: ...
    def __get__(self, settings: _Group | None, owner: type) -> _Key[T] | T:
        if settings is None:
            return self
        return self.read(settings.store.value(settings.prefix + self.key, self.default))

    def __set__(self, settings: _Group, value: T) -> None:
        settings.store.setValue(settings.prefix + self.key, self.write(value))

    def read(self, value: Any) -> T:
        raise NotImplementedError

    def write(self, value: T) -> Any:
        return value


class _Flag(_Key[bool]):
    def read(self, value: Any) -> bool:
        # INI files give booleans back as the strings "true" and "false".
        return value in (True, "true") if isinstance(value, bool | str) else self.default


class _Choice(_Key[str]):
    """One of a few words; anything else stored reads as the default."""

    def __init__(self, key: str, default: str, choices: tuple[str, ...]) -> None:
        super().__init__(key, default)
        self.choices = choices

    def read(self, value: Any) -> str:
        return value if isinstance(value, str) and value in self.choices else self.default


class _Int(_Key[int]):
    def read(self, value: Any) -> int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return self.default


class _OptionalPath(_Key[Path | None]):
    """A path, or None when unset (stored as an empty string)."""

    def read(self, value: Any) -> Path | None:
        return Path(value) if isinstance(value, str) and value else None

    def write(self, value: Path | None) -> str:
        return str(value) if value is not None else ""


class _Bytes(_Key[QByteArray | None]):
    """Qt's saved state of a widget (geometry, docks, splitters)."""

    def read(self, value: Any) -> QByteArray | None:
        return value if isinstance(value, QByteArray) else None


class _Text(_Key[str]):
    def read(self, value: Any) -> str:
        return value if isinstance(value, str) else self.default


class _Locations(_Key[list[Location]]):
    """Project files and server URLs; a server's is kept without any password."""

    def read(self, value: Any) -> list[Location]:
        # QSettings gives back a lone string for a one-item list in INI files.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        found: list[Location] = []
        for item in items:
            try:
                found.append(parse_location(str(item)))
            except InvalidInput:  # a URL this version cannot read: skip it
                continue
        return [p for p in found if str(p)]

    def write(self, value: list[Location]) -> list[str]:
        return [location_text(p) for p in value]


class _Group:
    """Keys under a common prefix in one QSettings store."""

    store: QSettings
    prefix = ""


class WindowLayout(_Group):
    """The window's layout on one size of screen (``Settings.layout``)."""

    geometry = _Bytes("geometry", None)
    state = _Bytes("state", None)  # docks and toolbars
    main_splitter = _Bytes("splitter", None)
    left_splitter = _Bytes("left_splitter", None)

    def __init__(self, store: QSettings, screen: str) -> None:
        self.store = store
        self.prefix = f"layout/{screen}/"


class Settings(_Group):
    recent = _Locations("recent", [])  # projects opened (files, server URLs), the latest first
    author_name = _Text("author/name", "")  # what changes are recorded as made by; blank: OS user
    export_folder = _OptionalPath("export/folder", None)  # where the last export went
    import_folder = _OptionalPath("import/folder", None)  # where the last sources came from
    project_folder = _OptionalPath("project/folder", None)  # the last project opened or made
    export_reference_doc = _OptionalPath("export/reference_doc", None)  # a house-style .docx
    export_annex = _Choice("export/annex_choice", "cited", ("cited", "all", "none"))
    export_annex_matrix = _Flag("export/annex_matrix", False)  # the theme matrix in the annex
    export_marking_position = _Choice("export/marking_position", "", ("", "centre", "right"))
    export_marking_colour = _Choice("export/marking_colour", "", ("", "C00000", "1F3864"))
    export_watermark = _Flag("export/watermark", False)
    export_open_when_done = _Flag("export/open", False)
    source_zoom = _Int("view/source_zoom", 0)  # font steps from the default size
    note_zoom = _Int("view/note_zoom", 0)
    reading_width = _Flag("view/reading_width", False)  # source lines of about 80 characters
    find_whole_words = _Flag("find/whole_words", True)  # Find and Search All Sources
    find_match_case = _Flag("find/match_case", False)
    colour_theme = _Choice("view/theme", "system", ("system", "light", "dark", "high contrast"))

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.store = QSettings("Briefing", "Briefing")
        else:
            self.store = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.store.sync()

    def layout(self, screen: str) -> WindowLayout:
        """The layout kept for a size of screen ("1366x728": its available geometry)."""
        return WindowLayout(self.store, screen)

    def add_recent(self, location: Location) -> None:
        if isinstance(location, ServerAddress):
            location = ServerAddress(location.safe_url)  # never a password in the settings
        else:
            location = location.resolve()
        key = location_text(location)
        kept = [p for p in self.recent if location_text(p) != key]
        self.recent = [location, *kept][:MAX_RECENT]

    def recent_servers(self) -> list[str]:
        """The server URLs opened lately, the latest first (File > Open Server Project)."""
        return [p.safe_url for p in self.recent if isinstance(p, ServerAddress)]
