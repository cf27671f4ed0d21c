"""Importing files off the GUI thread, with a progress dialog that can cancel.

Each file is read (the slow part: parsing a PDF or a Word file, reading scanned pages with OCR)
and then stored as one source in one transaction, in a worker thread. The importers report
their progress between pages (OCR of page 3 of 40) and ask between pages whether to stop, so
Cancel stops a long OCR at the next page; a file read when the user cancelled is not stored:
nothing is left half-imported. An e-mail's attachments are offered afterwards and imported by
a second job (``start_attachments``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from PySide6.QtCore import Signal, Slot

from briefing.core.model import Source
from briefing.core.store import Project
from briefing.gui.background import BackgroundJob, BackgroundRunner
from briefing.importers import SUPPORTED_SUFFIXES, ImportFailure
from briefing.importers.base import Attachment
from briefing.ingest import (
    ImportOutcome,
    ReadOptions,
    attachments_of,
    import_attachments,
    import_path,
)

STEPS = 1000  # progress steps per file: pages move the bar within a file


@dataclass(frozen=True)
class AttachmentsOf:
    """A stored message and the attachments to import from it; ``attachments`` empty means
    read them again from the message's file (Source Details, later on)."""

    parent: Source
    attachments: tuple[Attachment, ...] = ()


def readable_name(name: str) -> bool:
    """Whether a file so named is one Briefing reads (one with no suffix is tried)."""
    return PurePath(name).suffix.lower() in ("", *SUPPORTED_SUFFIXES)


def importable(attachments: Sequence[Attachment]) -> list[Attachment]:
    """The attachments Briefing can read, by their names."""
    return [a for a in attachments if readable_name(a.name)]


class ImportJob(BackgroundJob):
    """Runs in its own thread; talks to the window only through signals."""

    progress = Signal(int, str)  # files done, the file now being read
    pages = Signal(int, int, str)  # within the file: done, total, what (OCR of page 2...)
    done = Signal(list)  # list[ImportOutcome], in the order of the paths

    def __init__(self, project: Project, paths: Sequence[Path], language: str) -> None:
        super().__init__()
        self.project = project
        self.paths = list(paths)
        self.options = ReadOptions(language, self.pages.emit, self.cancelled.is_set)

    @Slot()
    def run(self) -> None:

        outcomes: list[ImportOutcome] = []
        for number, path in enumerate(self.paths):
            if self.cancelled.is_set():
                break
            self.progress.emit(number, path.name)
            outcome = import_path(
                self.project, path, lambda: not self.cancelled.is_set(), options=self.options
            )
            outcomes.append(outcome)
        self.progress.emit(len(outcomes), "")
        self.done.emit(outcomes)


class AttachmentsJob(ImportJob):
    """Imports messages' attachments as sources of their own."""

    def __init__(self, project: Project, wanted: Sequence[AttachmentsOf], language: str) -> None:
        super().__init__(project, [Path(w.parent.title) for w in wanted], language)
        self.wanted = list(wanted)

    @Slot()
    def run(self) -> None:
        outcomes: list[ImportOutcome] = []
        for number, item in enumerate(self.wanted):
            if self.cancelled.is_set():
                break
            self.progress.emit(number, f"the attachments of {item.parent.title}")
            attachments = list(item.attachments)
            if not attachments:
                try:
                    attachments = importable(attachments_of(item.parent, self.options))
                except ImportFailure as exc:
                    label = item.parent.origin or item.parent.title
                    outcomes.append(ImportOutcome(Path(label), error=str(exc)))
                    continue
            outcomes += import_attachments(
                self.project,
                item.parent,
                attachments,
                self.options,
                lambda: not self.cancelled.is_set(),
            )
        self.progress.emit(len(self.wanted), "")
        self.done.emit(outcomes)


class ImportController(BackgroundRunner):
    """Starts one import at a time and reports its outcomes with ``finished``."""

    finished = Signal(list)  # list[ImportOutcome]

    def start(self, project: Project, paths: Sequence[Path], language: str = "eng") -> bool:
        if self.busy() or not paths:
            return False
        self._launch(ImportJob(project, paths, language), len(paths))
        return True

    def start_attachments(
        self, project: Project, wanted: Sequence[AttachmentsOf], language: str = "eng"
    ) -> bool:
        if self.busy() or not wanted:
            return False
        self._launch(AttachmentsJob(project, wanted, language), len(wanted))
        return True

    def _launch(self, job: ImportJob, files: int) -> None:
        self._file, self._name = 0, ""
        job.progress.connect(self._on_progress)
        job.pages.connect(self._on_pages)
        job.done.connect(self._on_done)
        self.launch(job, "Importing…", "Import Sources", files * STEPS)

    def cancel(self) -> None:
        super().cancel()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling…")

    def _on_progress(self, done: int, name: str) -> None:
        self._file, self._name = done, name
        # A modal dialog's setValue runs the event loop, where the import may finish and the
        # dialog go: hold it for both calls.
        dialog = self.progress
        if dialog is not None and not self.was_cancelled():
            dialog.setValue(done * STEPS)
            if name:
                dialog.setLabelText(f"Importing {name}…")

    def _on_pages(self, done: int, total: int, what: str) -> None:
        """A long file's own progress (its pages, its OCR) moves the bar within the file."""
        if self.progress is None or self.was_cancelled() or total <= 0:
            return
        within = min(STEPS - 1, done * STEPS // total)
        dialog = self.progress
        dialog.setValue(self._file * STEPS + within)
        dialog.setLabelText(f"Importing {self._name}: {what}…")

    def _on_done(self, outcomes: list[ImportOutcome]) -> None:
        self.finish()
        self.finished.emit(outcomes)


def summary(outcomes: Sequence[ImportOutcome]) -> tuple[str, list[str]]:
    """A status-bar line for the whole import, and the lines worth a dialog (failures etc.)."""
    imported = [o for o in outcomes if o.source is not None]
    problems = [o.line() for o in outcomes if o.source is None and not o.cancelled]
    problems += [f"warning: {o.label}: {w}" for o in outcomes for w in o.warnings]
    cancelled = any(o.cancelled for o in outcomes)
    head = f"Imported {len(imported)} of {len(outcomes)} file{'s' * (len(outcomes) != 1)}"
    if cancelled:
        head += " (cancelled)"
    return head, problems


def offered_attachments(outcomes: Sequence[ImportOutcome]) -> list[AttachmentsOf]:
    """The messages just imported that carry attachments Briefing can import."""
    offers = []
    for outcome in outcomes:
        holder = outcome.source or outcome.duplicate_of
        wanted = importable(outcome.attachments)
        if holder is not None and wanted:
            offers.append(AttachmentsOf(holder, tuple(wanted)))
    return offers
