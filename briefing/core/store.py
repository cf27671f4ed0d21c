"""The project store: one project, one transaction per user action.

``Project`` is the facade every other layer uses. It composes focused repositories (sources,
themes, passages, notes, search) that share one ``Database``, the connection with its transaction
helper; the SQL lives in the repositories, and what one database engine does its own way sits
behind the ``Backend`` seam (``briefing.core.backend``). Callers see the model's dataclasses and
Briefing's own errors, never the database driver's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from briefing.core.backend import Backend, Engine
from briefing.core.database import Database, now
from briefing.core.matching import WHOLE_WORDS, MatchOptions
from briefing.core.model import (
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
from briefing.core.repositories.notes import NoteRepository
from briefing.core.repositories.passages import PassageRepository
from briefing.core.repositories.search import SearchRepository
from briefing.core.repositories.sources import SourceRepository
from briefing.core.repositories.themes import ThemeRepository
from briefing.core.sqlite_backend import SQLITE

# What projects are opened and created with: SQLite files today. A server engine plugs in here,
# chosen by the form of the location.
_ENGINE: Engine = SQLITE


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

    # ---- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        themes: Sequence[dict[str, Any]] = (),
        populate: Callable[[Project], None] | None = None,
    ) -> Project:
        """Create a project file, whole or not at all; never overwrites anything.

        The file is built under a temporary name (themes, then ``populate``) and linked into
        place only when complete, so a failure leaves no half project behind.
        """
        path = Path(path)
        with _ENGINE.creating(path) as backend:
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
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> Project:
        """Open a project; refuses foreign, damaged and newer files without touching them."""
        return cls(_ENGINE.open(Path(path), readonly=readonly))

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def readonly(self) -> bool:
        return self._db.readonly

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
        """A project-wide setting kept in the file (the spelling language and dictionary)."""
        self._info.set(key, value)

    # ---- sources ------------------------------------------------------------------------

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
    ) -> Source:
        """Add a source; its text never changes afterwards. The same text twice is refused."""
        return self._sources.add(
            title,
            text,
            format,
            origin=origin,
            author=author,
            published=published,
            marking=marking,
            metadata=metadata,
        )

    def sources(self) -> list[Source]:
        return self._sources.all()

    def source(self, source_id: int) -> Source:
        return self._sources.get(source_id)

    def source_text(self, source_id: int) -> str:
        return self._sources.text(source_id)

    def update_source(self, source_id: int, **fields: str) -> Source:
        """Edit a source's details (title, origin, author, published, marking; never its text)."""
        return self._sources.update(source_id, **fields)

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

    def update_theme(self, theme_id: int, **fields: Any) -> Theme:
        """Rename, recolour, describe or re-keyword a theme."""
        return self._themes.update(theme_id, **fields)

    def reorder_themes(self, theme_ids: Sequence[int]) -> None:
        self._themes.reorder(theme_ids)

    def theme_counts(self) -> dict[int, int]:
        """How many passages each theme tags (for the themes panel)."""
        return self._themes.counts()

    def theme_usage(self, theme_id: int) -> tuple[int, int]:
        """(passages with this theme, passages with only this theme) for the delete prompt."""
        return self._themes.usage(theme_id)

    def delete_theme(self, theme_id: int) -> RemovedTheme:
        """Delete a theme. Passages with only this theme go too; others just lose it."""
        return self._themes.delete(theme_id)

    def merge_themes(self, theme_id: int, into_id: int) -> RemovedTheme:
        """Move every passage of one theme to another, then delete the first."""
        return self._themes.merge(theme_id, into_id)

    def restore_theme(self, removed: RemovedTheme) -> Theme:
        """Undo ``delete_theme`` or ``merge_themes``: the theme, its links and passages back."""
        return self._themes.restore(removed)

    # ---- passages -----------------------------------------------------------------------

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
    ) -> Passage:
        """Tag ``text[start:end]`` of a source (code points, end exclusive) with themes."""
        return self._passages.add(
            source_id, start, end, theme_ids, memo, passage_id=passage_id, created_at=created_at
        )

    def add_passages(self, specs: Sequence[tuple[int, int, int, Sequence[int]]]) -> list[Passage]:
        """Tag many spans (source id, start, end, theme ids) as one action."""
        return self._passages.add_many(specs)

    def passages(
        self, *, source_id: int | None = None, theme_id: int | None = None
    ) -> list[Passage]:
        """Passages in source order, optionally only one source's or one theme's."""
        return self._passages.all(source_id=source_id, theme_id=theme_id)

    def passage(self, passage_id: int) -> Passage:
        return self._passages.get(passage_id)

    def set_passage_themes(self, passage_id: int, theme_ids: Sequence[int]) -> Passage:
        """Replace a passage's themes (add or remove one by passing the new set)."""
        return self._passages.set_themes(passage_id, theme_ids)

    def set_memo(self, passage_id: int, memo: str) -> Passage:
        return self._passages.set_memo(passage_id, memo)

    def delete_passage(self, passage_id: int) -> Passage:
        """Delete a passage; returns it so that ``restore_passage`` can undo the deletion."""
        return self._passages.delete(passage_id)

    def delete_passages(self, passage_ids: Sequence[int]) -> list[Passage]:
        """Delete several passages as one action; returns them for undo."""
        return self._passages.delete_many(passage_ids)

    def restore_passage(self, passage: Passage) -> Passage:
        return self._passages.restore(passage)

    # ---- notes --------------------------------------------------------------------------

    def add_note(
        self,
        title: str,
        template: str = "",
        body: str = "",
        metadata: NoteMetadata | None = None,
    ) -> Note:
        return self._notes.add(title, template, body, metadata)

    def notes(self) -> list[Note]:
        return self._notes.all()

    def note(self, note_id: int) -> Note:
        return self._notes.get(note_id)

    def update_note(
        self,
        note_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        metadata: NoteMetadata | None = None,
    ) -> Note:
        return self._notes.update(note_id, title=title, body=body, metadata=metadata)

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


__all__ = ["Project"]
