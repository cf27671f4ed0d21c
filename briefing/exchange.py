"""REFI-QDA project exchange (.qdpx): a project out to NVivo, ATLAS.ti, MAXQDA or QualCoder,
and their projects in. Shared by the command line and the window.

``export_qdpx`` reads the project and hands plain data to ``exporters.qdpx_export``;
``import_qdpx`` reads the file with ``importers.qdpx_read`` (which refuses a broken or hostile
file before anything is written) and stores all of it in one transaction: a failed or
cancelled import leaves the project as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.core.errors import BriefingError, DuplicateSource
from briefing.core.model import NewPassage, Passage
from briefing.core.resources import theme_palette
from briefing.core.safe_write import write_atomically
from briefing.core.store import Project
from briefing.exporters.qdpx_export import (
    DESCRIPTION_KEY,
    GUID_KEY,
    VARIABLES_KEY,
    ExchangeProject,
    losses,
    qdpx_bytes,
)
from briefing.exporters.result import ExportResult
from briefing.importers.base import ImportFailure
from briefing.importers.qdpx_read import RefiProject, RefiSelection, RefiSource, read_qdpx

logger = logging.getLogger(__name__)

SUFFIX = ".qdpx"


class ImportCancelled(BriefingError):
    """The user cancelled: nothing was imported."""


def is_qdpx(path: Path) -> bool:
    return Path(path).suffix.lower() == SUFFIX


# ---- export ------------------------------------------------------------------------------


def exchange_project(project: Project) -> ExchangeProject:
    """Everything a .qdpx carries, read from the project."""
    sources = tuple(project.sources())
    return ExchangeProject(
        name=project.name,
        created_at=project.info("created_at") or project.name,
        sources=sources,
        texts={s.id: project.source_text(s.id) for s in sources},
        themes=tuple(project.themes()),
        passages=tuple(project.passages()),
        notes=tuple(project.notes()),
    )


def export_qdpx(project: Project, out: Path) -> ExportResult:
    """Write the project as a .qdpx at ``out`` (atomically). ``problems``: what the format
    cannot carry, one line each."""
    content = exchange_project(project)
    data = qdpx_bytes(content)
    write_atomically(Path(out), lambda handle: handle.write(data))
    logger.info("exported %s as REFI-QDA", out)
    return ExportResult(path=Path(out), problems=losses(content))


# ---- import ------------------------------------------------------------------------------


@dataclass
class QdpxOutcome:
    """What one .qdpx import did: counts, and every line the user should read."""

    path: Path
    sources: int = 0
    themes: int = 0
    passages: int = 0
    already: int = 0  # selections whose span is a passage already (it may gain themes)
    notes: int = 0
    first_source: int | None = None
    error: str = ""
    notices: list[str] = field(default_factory=list)  # sources or themes met again
    skipped: list[str] = field(default_factory=list)  # what could not come in
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The line the command line prints for the file."""
        if self.error:
            return f"failed: {self.path}: {self.error}"
        already = f" ({self.already} already here)" if self.already else ""
        return (
            f"imported: {self.path.name}: {self.sources} source(s), {self.themes} new theme(s),"
            f" {self.passages} passage(s){already}, {self.notes} note(s)"
        )

    def lines(self) -> list[str]:
        """The summary's lines below the first: notices, then what was not imported."""
        return (
            self.notices
            + [f"not imported: {line}" for line in self.skipped]
            + [f"warning: {line}" for line in self.warnings]
        )


def import_qdpx(
    project: Project, path: Path, keep_going: Callable[[], bool] | None = None
) -> QdpxOutcome:
    """Read and store a .qdpx, all of it or nothing. Never raises for a bad file: the outcome
    says what went wrong. ``keep_going`` is asked between steps: False cancels."""
    outcome = QdpxOutcome(Path(path))
    try:
        refi = read_qdpx(Path(path))
        outcome.skipped, outcome.warnings = list(refi.skipped), list(refi.warnings)
        with project.transaction():
            _store(project, refi, outcome, keep_going or (lambda: True))
    except ImportCancelled:
        outcome.error = "cancelled"
    except (ImportFailure, BriefingError) as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = exc.strerror or str(exc)
    if outcome.error:  # the transaction was rolled back: nothing of it is in the project
        outcome.sources = outcome.themes = outcome.passages = outcome.notes = outcome.already = 0
        outcome.first_source = None
        outcome.notices = []
    return outcome


def _store(
    project: Project, refi: RefiProject, outcome: QdpxOutcome, keep_going: Callable[[], bool]
) -> None:
    themes = _themes(project, refi, outcome)
    # The new passages, added in one go after the sources (one action each was most of a
    # large import's time), by source and span: a source the file holds twice gets each once.
    new: dict[tuple[int, int, int], NewPassage] = {}
    for source in refi.sources:
        if not keep_going():
            raise ImportCancelled("cancelled")
        source_id = _source(project, source, outcome)
        existing = {(p.start, p.end): p for p in project.passages(source_id=source_id)}
        for selection in source.selections:
            theme_ids = [themes[guid] for guid in selection.codes]
            memo = "\n\n".join(selection.memos)
            found = existing.get((selection.start, selection.end))
            key = (source_id, selection.start, selection.end)
            if found is not None:
                _merge(project, found, theme_ids, memo)
                outcome.already += 1
            elif key in new:
                new[key] = _merge_new(new[key], theme_ids, memo, selection)
                outcome.already += 1
            else:
                new[key] = NewPassage(
                    source_id,
                    selection.start,
                    selection.end,
                    tuple(theme_ids),
                    memo,
                    author=selection.author,  # "" when the file names nobody
                    created_at=selection.created_at,
                    memo_author=selection.memo_author,
                    memo_at=selection.memo_at,
                )
    project.add_passages(list(new.values()))
    outcome.passages = len(new)
    here = {(n.title, n.body) for n in project.notes()}
    for note in refi.notes:
        if (note.title, note.text) in here:  # the same file imported again
            continue
        project.add_note(note.title, "", note.text, author=note.author, updated_at=note.created_at)
        here.add((note.title, note.text))
        outcome.notes += 1


def _themes(project: Project, refi: RefiProject, outcome: QdpxOutcome) -> dict[str, int]:
    """Each code's theme: an existing theme of the same name (any case), or a new one."""
    by_name = {t.name.lower(): t for t in project.themes()}
    before = set(by_name)
    used = {t.colour.lower() for t in by_name.values()}
    spare = [c for c in theme_palette() if c.lower() not in used] or theme_palette()
    found: dict[str, int] = {}
    for code in refi.codes:
        key = code.name.lower()
        theme = by_name.get(key)
        if theme is None:
            colour = code.colour or spare[outcome.themes % len(spare)]
            theme = project.add_theme(code.name, colour, code.description)
            by_name[key] = theme
            outcome.themes += 1
        elif key in before:
            outcome.notices.append(f"code {code.name}: tags as the existing theme {theme.name}")
        else:
            outcome.notices.append(f"code {code.name}: one theme with the code of that name")
        found[code.guid] = theme.id
    return found


def _source(project: Project, source: RefiSource, outcome: QdpxOutcome) -> int:
    metadata: dict[str, object] = {GUID_KEY: source.guid} if source.guid else {}
    if source.variables:
        metadata[VARIABLES_KEY] = dict(source.variables)
    if source.description:
        metadata[DESCRIPTION_KEY] = source.description
    try:
        stored = project.add_source(
            source.title,
            source.text,
            source.format,
            origin=source.details.get("origin", ""),
            author=source.details.get("author", ""),
            published=source.details.get("published", ""),
            marking=source.details.get("marking", ""),
            metadata=metadata,
        )
    except DuplicateSource as exc:  # the same text: its passages go onto the source here
        outcome.notices.append(
            f"source {source.title}: the same text is already source {exc.existing.id}"
            f" ({exc.existing.title}); its passages go there"
        )
        return int(exc.existing.id)
    outcome.sources += 1
    if outcome.first_source is None:
        outcome.first_source = stored.id
    return stored.id


def _merge_new(
    passage: NewPassage, theme_ids: list[int], memo: str, selection: RefiSelection
) -> NewPassage:
    """A span met again (a source the file holds twice): its themes, and a memo if none."""
    themes = tuple(dict.fromkeys([*passage.theme_ids, *theme_ids]))
    if passage.memo or not memo:
        return replace(passage, theme_ids=themes)
    return replace(
        passage,
        theme_ids=themes,
        memo=memo,
        memo_author=selection.memo_author,
        memo_at=selection.memo_at,
    )


def _merge(project: Project, found: Passage, theme_ids: list[int], memo: str) -> None:
    """A span that is a passage already gains the themes (and, if it has none, the memo)."""
    wanted = list(dict.fromkeys([*found.theme_ids, *theme_ids]))
    if wanted != list(found.theme_ids):
        project.set_passage_themes(found.id, wanted)
    if memo and not found.memo:
        project.set_memo(found.id, memo)
