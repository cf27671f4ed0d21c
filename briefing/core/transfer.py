"""``briefing copy``: a project from a file to a server or back, losslessly.

The destination is created new (a file that does not exist yet, or a database that holds no
project), filled in one transaction with every record of the source, ids included, and read
back: the copy is kept only if it holds exactly what the source holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import InvalidInput, StorageError
from briefing.core.location import Location, ServerAddress, location_text, parse_location
from briefing.core.repositories.records import Records
from briefing.core.store import Project


@dataclass(frozen=True)
class Copied:
    sources: int
    passages: int
    themes: int
    notes: int

    def summary(self) -> str:
        return (
            f"{self.sources} sources, {self.passages} passages, {self.themes} themes,"
            f" {self.notes} notes"
        )


def copy_project(source: Location | str, destination: Location | str) -> Copied:
    """Copy ``source`` into a new project at ``destination``; never overwrites anything."""
    origin, target = parse_location(source), parse_location(destination)
    if _same(origin, target):
        raise InvalidInput(f"{location_text(origin)}: the source and the destination are one")
    with Project.open(origin, readonly=True) as project:
        records = project.export_records()

    def fill(new: Project) -> None:
        new.import_records(records)

    with Project.create(target, (), fill) as copy:
        if not _equal(copy.export_records(), records):
            raise StorageError(
                f"{location_text(target)}: the copy does not read back as the source; do not use it"
            )
    return Copied(
        sources=len(records["source"]),
        passages=len(records["passage"]),
        themes=len(records["theme"]),
        notes=len(records["note"]),
    )


def _same(a: Location, b: Location) -> bool:
    if isinstance(a, Path) and isinstance(b, Path):
        return a.resolve() == b.resolve()
    if isinstance(a, ServerAddress) and isinstance(b, ServerAddress):
        return a.safe_url == b.safe_url
    return False


def _equal(copied: Records, original: Records) -> bool:
    """The same rows, the creation time aside (a new project's is overwritten by the source's,
    but a source without one leaves the copy's)."""

    def comparable(records: Records) -> Records:
        return {
            table: [row for row in rows if row.get("key") != "created_at"]
            if table == "project"
            else rows
            for table, rows in records.items()
        }

    return comparable(copied) == comparable(original)
