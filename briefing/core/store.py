"""The project store: one project, one transaction per user action.

``Project`` is the facade every other layer uses. It composes focused repositories (sources,
themes, passages, notes, search) that share one ``Database``, the connection with its transaction
helper; the SQL lives in the repositories, and what one database engine does its own way sits
behind the ``Backend`` seam (``briefing.core.backend``). Callers see the model's dataclasses and
Briefing's own errors, never the database driver's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, Self, TypeVar, cast

from briefing.core.backend import Backend, ChangeFeed
from briefing.core.database import Database, default_author, now
from briefing.core.engines import engine_for
from briefing.core.location import Location, ServerAddress, parse_location
from briefing.core.matching import WHOLE_WORDS, MatchOptions
from briefing.core.matrix import ThemeMatrix, ThemeOverlaps
from briefing.core.model import (
    Block,
    NewPassage,
    Note,
    NoteBundle,
    NoteMetadata,
    Passage,
    RemovedTheme,
    SearchHit,
    Source,
    Theme,
)
from briefing.core.repositories.info import InfoRepository
from briefing.core.repositories.matrix import MatrixRepository
from briefing.core.repositories.notes import NoteRepository
from briefing.core.repositories.passages import PassageRepository
from briefing.core.repositories.records import Records, RecordsRepository
from briefing.core.repositories.search import SearchRepository
from briefing.core.repositories.sources import SourceRepository
from briefing.core.repositories.themes import ThemeRepository

P = ParamSpec("P")
T = TypeVar("T")


def _action(method: Callable[P, T]) -> Callable[P, T]:
    """A writing method of ``Project`` is one user action: one transaction around its reads
    and writes, run again if another writer's transaction got in the way (``Database.action``).
    """

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        project = cast(Project, args[0])
        return project._db.action(lambda: method(*args, **kwargs))

    return run


class Project:
    """An open project. Use ``Project.create`` or ``Project.open``; close when done."""

    def __init__(self, backend: Backend) -> None:
        self._db = Database(backend)
        self._info = InfoRepository(self._db)
        self._sources = SourceRepository(self._db)
        self._passages = PassageRepository(self._db, self._sources)
        self._themes = ThemeRepository(self._db, self._passages)
        self._notes = NoteRepository(self._db)
        self._search = SearchRepository(self._db)
        self._matrix = MatrixRepository(self._db)
        self._records = RecordsRepository(self._db)

    # ---- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str | ServerAddress,
        themes: Sequence[dict[str, Any]] = (),
        populate: Callable[[Project], None] | None = None,
    ) -> Project:
        """Create a project (a file, or on a server), whole or not at all; never overwrites.

        A file is built under a temporary name (themes, then ``populate``) and linked into
        place only when complete; a server project is built in one transaction. Either way a
        failure leaves no half project behind.
        """
        location = parse_location(path)
        with engine_for(location).creating(location) as backend:
            project = cls(backend)
            try:
                with project.transaction():
                    project._info.set("created_at", now())
                    for position, theme in enumerate(themes):
                        project.add_theme(
                            theme["name"],
                            theme["colour"],
                            theme.get("description", ""),
                            theme.get("keywords", ()),
                            position=position,
                        )
                if populate is not None:
                    populate(project)
            finally:
                project.close()
        return cls.open(location)

    @classmethod
    def open(cls, path: Path | str | ServerAddress, *, readonly: bool = False) -> Project:
        """Open a project, a file or a server URL; refuses foreign, damaged and newer ones
        without touching them. A server role with read-only grants opens it read-only."""
        location = parse_location(path)
        return cls(engine_for(location).open(location, readonly=readonly))

    @property
    def path(self) -> Path:
        """The project file (for a server project, its database's name: see ``location``)."""
        return self._db.path

    @property
    def location(self) -> Location:
        """What opens this project again: the file's path, or the server's address."""
        return self._db.location

    @property
    def on_server(self) -> bool:
        return isinstance(self._db.location, ServerAddress)

    @property
    def name(self) -> str:
        location = self._db.location
        return location.name if isinstance(location, ServerAddress) else self.path.stem

    @property
    def readonly(self) -> bool:
        return self._db.readonly

    @property
    def readonly_reason(self) -> str:
        """Why changes are refused, when it is not simply "opened read-only" (a server role)."""
        return self._db.readonly_reason

    @property
    def author(self) -> str:
        """Who this connection's changes are recorded as made by."""
        return self._db.author

    def set_author(self, name: str) -> None:
        """Record later changes as made by ``name`` (blank: the operating system's user)."""
        self._db.author = " ".join(name.split()) or default_author()

    def open_change_feed(self) -> ChangeFeed | None:
        """News of other writers' commits (a server project), or None (a file: one writer).
        The caller waits on it off its main thread and closes it."""
        return self._db.open_change_feed()

    @property
    def reruns(self) -> int:
        """How many actions were run again after colliding with another writer's (a figure
        for the load test: each is invisible to the user)."""
        return self._db.reruns

    def run_action(self, work: Callable[[Project], T]) -> T:
        """Run several reads and writes as one action (read, decide, write): one transaction,
        run again if another writer got in the way, so no update is lost between them."""
        return self._db.action(lambda: work(self))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: all of it is written, or none. Nested calls join the outer one."""
        with self._db.transaction():
            yield

    def info(self, key: str, default: str = "") -> str:
        return self._info.get(key, default)

    def set_info(self, key: str, value: str) -> None:
        """A project-wide setting kept in the project (spelling language and dictionary, OCR
        language)."""
        self._info.set(key, value)

    # ---- sources ------------------------------------------------------------------------

    @_action
    def add_source(
        self,
        title: str,
        text: str,
        format: str,
        *,
        origin: str = "",
        author: str = "",
        published: str = "",
        marking: str = "",
        metadata: dict[str, Any] | None = None,
        blocks: Sequence[Block] = (),
    ) -> Source:
        """Add a source; its text never changes afterwards. The same text twice is refused.

        ``blocks`` (headings, list items, table rows...) are spans over the text for display,
        in text order; ``metadata`` may hold ``organisation`` and ``url``, which Source shows."""
        return self._sources.add(
            title,
            text,
            format,
            origin=origin,
            author=author,
            published=published,
            marking=marking,
            metadata=metadata,
            blocks=blocks,
        )

    def sources(self) -> list[Source]:
        return self._sources.all()

    def source(self, source_id: int) -> Source:
        return self._sources.get(source_id)

    def source_text(self, source_id: int) -> str:
        return self._sources.text(source_id)

    def source_blocks(self, source_id: int) -> list[Block]:
        """The source's blocks in text order ([] for sources imported before they were kept)."""
        return self._sources.blocks(source_id)

    @_action
    def update_source(self, source_id: int, **fields: str) -> Source:
        """Edit a source's details (title, origin, author, organisation, published, url,
        marking; never its text or blocks)."""
        return self._sources.update(source_id, **fields)

    @_action
    def delete_source(self, source_id: int) -> None:
        """Delete a source and its passages (the passages go with it: they point into it)."""
        self._sources.delete(source_id)

    # ---- themes -------------------------------------------------------------------------

    def themes(self) -> list[Theme]:
        return self._themes.all()

    def theme(self, theme_id: int) -> Theme:
        return self._themes.get(theme_id)

    def theme_by_name(self, name: str) -> Theme:
        return self._themes.by_name(name)

    @_action
    def add_theme(
        self,
        name: str,
        colour: str,
        description: str = "",
        keywords: Sequence[str] = (),
        *,
        position: int | None = None,
        theme_id: int | None = None,
    ) -> Theme:
        """Add a theme at the end (or at ``position``); ``theme_id`` restores a deleted one."""
        return self._themes.add(
            name, colour, description, keywords, position=position, theme_id=theme_id
        )

    @_action
    def update_theme(
        self, theme_id: int, expected: Mapping[str, Any] | None = None, **fields: Any
    ) -> Theme:
        """Rename, recolour, describe or re-keyword a theme; with ``expected`` (field: value),
        only if another writer has not changed those fields meanwhile (``EditConflict``)."""
        return self._themes.update(theme_id, expected, **fields)

    @_action
    def reorder_themes(self, theme_ids: Sequence[int]) -> None:
        self._themes.reorder(theme_ids)

    def theme_counts(self) -> dict[int, int]:
        """How many passages each theme tags (for the themes panel)."""
        return self._themes.counts()

    def theme_usage(self, theme_id: int) -> tuple[int, int]:
        """(passages with this theme, passages with only this theme) for the delete prompt."""
        return self._themes.usage(theme_id)

    @_action
    def delete_theme(self, theme_id: int) -> RemovedTheme:
        """Delete a theme. Passages with only this theme go too; others just lose it."""
        return self._themes.delete(theme_id)

    @_action
    def merge_themes(self, theme_id: int, into_id: int) -> RemovedTheme:
        """Move every passage of one theme to another, then delete the first."""
        return self._themes.merge(theme_id, into_id)

    @_action
    def restore_theme(self, removed: RemovedTheme) -> Theme:
        """Undo ``delete_theme`` or ``merge_themes``: the theme, its links and passages back."""
        return self._themes.restore(removed)

    # ---- passages -----------------------------------------------------------------------

    @_action
    def add_passage(
        self,
        source_id: int,
        start: int,
        end: int,
        theme_ids: Sequence[int],
        memo: str = "",
        *,
        passage_id: int | None = None,
        created_at: str | None = None,
        author: str | None = None,
        memo_author: str | None = None,
        memo_at: str | None = None,
    ) -> Passage:
        """Tag ``text[start:end]`` of a source (code points, end exclusive) with themes.
        Who tagged it and when are this project's author and now, unless given (a file from
        another tool says who: "" for nobody known); the memo's, the passage's unless given."""
        return self._passages.add(
            source_id,
            start,
            end,
            theme_ids,
            memo,
            passage_id=passage_id,
            created_at=created_at,
            author=author,
            memo_author=memo_author,
            memo_at=memo_at,
        )

    @_action
    def add_passages(
        self, specs: Sequence[NewPassage | tuple[int, int, int, Sequence[int]]]
    ) -> list[Passage]:
        """Tag many spans as one action: ``NewPassage``s (with memo, author and times), or
        (source id, start, end, theme ids). Returns them in the same order."""
        return self._passages.add_many(specs)

    def passages(
        self, *, source_id: int | None = None, theme_id: int | None = None
    ) -> list[Passage]:
        """Passages in source order, optionally only one source's or one theme's."""
        return self._passages.all(source_id=source_id, theme_id=theme_id)

    def passage(self, passage_id: int) -> Passage:
        return self._passages.get(passage_id)

    @_action
    def set_passage_themes(
        self, passage_id: int, theme_ids: Sequence[int], *, expected: Sequence[int] | None = None
    ) -> Passage:
        """Replace a passage's themes (add or remove one by passing the new set); with
        ``expected``, only if they are still those (``EditConflict`` otherwise)."""
        return self._passages.set_themes(passage_id, theme_ids, expected=expected)

    @_action
    def set_memo(self, passage_id: int, memo: str, *, expected: str | None = None) -> Passage:
        """Write a passage's memo; with ``expected``, only if it is still that one."""
        return self._passages.set_memo(passage_id, memo, expected=expected)

    @_action
    def delete_passage(self, passage_id: int) -> Passage:
        """Delete a passage; returns it so that ``restore_passage`` can undo the deletion."""
        return self._passages.delete(passage_id)

    @_action
    def delete_passages(self, passage_ids: Sequence[int]) -> list[Passage]:
        """Delete several passages as one action; returns them for undo."""
        return self._passages.delete_many(passage_ids)

    @_action
    def restore_passage(self, passage: Passage) -> Passage:
        return self._passages.restore(passage)

    def theme_matrix(self) -> ThemeMatrix:
        """Passages per source and theme, with totals, from grouped queries."""
        return self._matrix.matrix(self.themes())

    def theme_overlaps(self) -> ThemeOverlaps:
        """Passages carrying two themes, and overlapping passages, per pair of themes."""
        return self._matrix.overlaps(self.themes())

    # ---- notes --------------------------------------------------------------------------

    @_action
    def add_note(
        self,
        title: str,
        template: str = "",
        body: str = "",
        metadata: NoteMetadata | None = None,
        *,
        author: str | None = None,
        updated_at: str | None = None,
    ) -> Note:
        """A new note, last in the order; written by this project's author now unless
        ``author`` and ``updated_at`` say otherwise (a note from another tool's file)."""
        return self._notes.add(
            title, template, body, metadata, author=author, updated_at=updated_at
        )

    def notes(self) -> list[Note]:
        return self._notes.all()

    def note(self, note_id: int) -> Note:
        return self._notes.get(note_id)

    @_action
    def update_note(
        self,
        note_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        metadata: NoteMetadata | None = None,
        expected_version: int | None = None,
    ) -> Note:
        """Change a note. With ``expected_version`` (the version its writer loaded), a body
        someone else wrote since raises ``NoteConflict`` instead of being overwritten."""
        return self._notes.update(
            note_id,
            title=title,
            body=body,
            metadata=metadata,
            expected_version=expected_version,
        )

    @_action
    def delete_note(self, note_id: int) -> Note:
        return self._notes.delete(note_id)

    def bundle(self, note_id: int | None) -> NoteBundle:
        """The note with every source, passage and theme an export needs (with None, a blank
        note: a passages report of a project that has no note yet)."""
        blank = Note(0, "", "", "", NoteMetadata())
        return NoteBundle(
            note=self.note(note_id) if note_id is not None else blank,
            sources={s.id: s for s in self.sources()},
            passages={p.id: p for p in self.passages()},
            themes=tuple(self.themes()),
        )

    # ---- every record (briefing copy) ----------------------------------------------------

    def export_records(self) -> Records:
        """Every row of every table, ids included, as plain values."""
        return self._records.dump()

    @_action
    def import_records(self, records: Records) -> None:
        """Write ``export_records``' rows into this new project, keeping their ids."""
        self._records.load(records)

    # ---- search -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        options: MatchOptions = WHOLE_WORDS,
        max_sources: int = 50,
        max_hits: int = 500,
    ) -> list[SearchHit]:
        """Every match of the query (``core.matching``: its words in order, whole words unless
        ``options`` say otherwise), best-ranked sources first."""
        return self._search.search(
            query, options=options, max_sources=max_sources, max_hits=max_hits
        )

    def has_search_index(self) -> bool:
        return self._search.has_index()


__all__ = ["ChangeFeed", "Project", "default_author"]  # what the window may use, with Project
