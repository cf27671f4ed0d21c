"""Importing files into a project: an importer decides the text, the store keeps it.

Shared by the command line and the GUI's import worker, so both report the same outcomes. An
import has two steps that may run apart: ``read_path`` reads a file (the slow part: parsing,
OCR) without touching the project, and ``store`` adds what was read as sources, one
transaction each. The command line reads every file before it takes the project's lock, so a
long OCR never keeps another writer waiting; the window does both steps in its worker thread.

An e-mail's attachments become sources of their own: read with the message (``attachments=
True``) and stored after it, each naming the message it came from, or later from the
``ImportOutcome.attachments`` the message's outcome carries (the window asks first).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePath

from briefing.core.errors import BriefingError, DuplicateSource, InvalidInput
from briefing.core.model import MARKINGS, Source
from briefing.core.store import Project
from briefing.importers import SUPPORTED_SUFFIXES, read_bytes, read_file
from briefing.importers.base import (
    Attachment,
    Cancelled,
    ImportCancelled,
    ImportedDocument,
    ImportFailure,
    Progress,
)

logger = logging.getLogger(__name__)

OCR_LANGUAGE_KEY = "ocr_language"  # the project setting (Project.info) the importers are given
DEFAULT_OCR_LANGUAGE = "eng"
MAX_ATTACHMENT_DEPTH = 3  # a message attached to a message attached to a message, and no deeper
CANCELLED = "cancelled"
_LANGUAGE_RE = re.compile(r"[A-Za-z0-9_]+(?:\+[A-Za-z0-9_]+)*")


def ocr_language(project: Project) -> str:
    """The project's OCR language (Tesseract's codes, "eng" or "eng+fra")."""
    return project.info(OCR_LANGUAGE_KEY, DEFAULT_OCR_LANGUAGE) or DEFAULT_OCR_LANGUAGE


def valid_ocr_language(language: str) -> bool:
    """Whether ``language`` has the form of Tesseract's codes ("eng", "eng+fra")."""
    return _LANGUAGE_RE.fullmatch(language) is not None


def set_ocr_language(project: Project, language: str) -> str:
    """Store the project's OCR language; refuses what cannot be a Tesseract code."""
    language = language.strip()
    if not valid_ocr_language(language):
        raise InvalidInput(
            f"{language!r} is not an OCR language: use Tesseract's codes, such as eng, fra or"
            " eng+fra"
        )
    project.set_info(OCR_LANGUAGE_KEY, language)
    return language


@dataclass(frozen=True)
class ReadOptions:
    """What the importers are given: the OCR language, and the progress and cancel hooks that
    long reads (OCR) call between pages."""

    ocr_language: str = DEFAULT_OCR_LANGUAGE
    progress: Progress | None = None
    cancelled: Cancelled | None = None


@dataclass
class Reading:
    """A file, or an attachment, read and not yet stored: a document, or why not."""

    path: Path
    label: str  # how lines name it: the path, or "MESSAGE: attachment NAME"
    document: ImportedDocument | None = None
    error: str = ""
    skipped: str = ""  # an attachment of a kind Briefing does not import
    attachments: list[Reading] = field(default_factory=list)


@dataclass
class ImportOutcome:
    """What happened to one file: ``source`` when imported, else ``error`` (one line)."""

    path: Path
    source: Source | None = None
    error: str = ""
    duplicate_of: Source | None = None
    warnings: list[str] = field(default_factory=list)
    label: str = ""  # the path, or "MESSAGE: attachment NAME"
    parent: Source | None = None  # the message an attachment came from
    skipped: str = ""  # an attachment not imported, and why
    attachments: list[Attachment] = field(default_factory=list)  # carried, not imported yet

    def __post_init__(self) -> None:
        self.label = self.label or str(self.path)

    @property
    def cancelled(self) -> bool:
        return self.error == CANCELLED

    @property
    def failed(self) -> bool:
        return bool(self.error) and not self.cancelled

    def line(self) -> str:
        """One line for this file: the command line prints it (failures go to stderr, see
        ``error_line``), the window lists it in the import summary."""
        if self.source is not None:
            chars = f"{self.source.chars:,} characters"
            line = f"imported: {self.source.id}\t{self.source.title}\t{chars}"
            if self.parent is not None:
                line += f"\tattachment of {self.parent.id} ({self.parent.title})"
            return line
        if self.duplicate_of is not None:
            return (
                f"skipped: {self.label}: the same text is already source"
                f" {self.duplicate_of.id} ({self.duplicate_of.title})"
            )
        if self.skipped:
            return f"skipped: {self.label}: {self.skipped}"
        return f"failed: {self.label}: {self.error}"

    def error_line(self) -> str:
        """A failure as every error is reported: ``FILE: reason``."""
        return f"{self.label}: {self.error}"


# ---- reading ------------------------------------------------------------------------------


def read_path(
    path: Path, options: ReadOptions | None = None, *, attachments: bool = False
) -> Reading:
    """Read one file. Never raises for a bad file: the reading says what went wrong.

    With ``attachments``, an e-mail's attachments are read too (nested messages' as well, up to
    ``MAX_ATTACHMENT_DEPTH``), to be stored after it.
    """
    options = options or ReadOptions()
    path = Path(path)
    reading = Reading(path, str(path))
    reading.document, reading.error = _guarded(
        str(path),
        lambda: read_file(
            path,
            ocr_language=options.ocr_language,
            progress=options.progress,
            cancelled=options.cancelled,
        ),
    )
    if attachments and reading.document is not None:
        reading.attachments = read_attachments(
            reading.document.attachments, reading.label, _origin(reading.document), options
        )
    return reading


def read_attachments(
    attachments: Sequence[Attachment],
    parent_label: str,
    parent_origin: str,
    options: ReadOptions | None = None,
    depth: int = 1,
) -> list[Reading]:
    """Read a message's attachments, each named after the message it came from."""
    options = options or ReadOptions()
    readings: list[Reading] = []
    for attachment in attachments:
        name = " ".join(attachment.name.split()) or "unnamed attachment"
        reading = Reading(Path(parent_label), f"{parent_label}: attachment {name}")
        suffix = PurePath(name).suffix.lower()
        if suffix and suffix not in SUPPORTED_SUFFIXES:
            reading.skipped = f"Briefing does not import {suffix} files"
            readings.append(reading)
            continue
        reading.document, reading.error = _guarded(
            reading.label, partial(_read_attachment, attachment, name, options)
        )
        if reading.document is not None:
            # Where it came from, for Source Details and the footnotes: the message's file.
            reading.document.metadata["origin"] = f"{parent_origin} (attachment {name})"
            if depth < MAX_ATTACHMENT_DEPTH:
                reading.attachments = read_attachments(
                    reading.document.attachments,
                    reading.label,
                    _origin(reading.document),
                    options,
                    depth + 1,
                )
        readings.append(reading)
        if reading.error == CANCELLED:
            break
    return readings


def _read_attachment(attachment: Attachment, name: str, options: ReadOptions) -> ImportedDocument:
    return read_bytes(
        attachment.data,
        name,
        ocr_language=options.ocr_language,
        progress=options.progress,
        cancelled=options.cancelled,
    )


def _guarded(
    label: str, read: Callable[[], ImportedDocument]
) -> tuple[ImportedDocument | None, str]:
    """(document, "") or (None, one line): every way a read can fail, as one reason."""
    try:
        return read(), ""
    except ImportCancelled:
        return None, CANCELLED
    except ImportFailure as exc:
        return None, str(exc)
    except OSError as exc:
        return None, exc.strerror or str(exc)
    except Exception as exc:  # a bug in a parser: report it for this file, go on with the rest
        logger.exception("import of %s failed", label)
        return None, f"unexpected error: {exc}"


def _origin(document: ImportedDocument) -> str:
    return str(document.metadata.get("origin", "") or "")


# ---- storing ------------------------------------------------------------------------------


def add_document(project: Project, document: ImportedDocument) -> Source:
    """Store an imported document as one new source (one transaction), with its blocks.

    The importer's author, date and marking become the source's own fields; organisation and
    URL stay in the metadata under their keys, where ``Source`` reads them. A marking outside
    the known scale is kept in the metadata only, never put in the field the checks compare.
    """
    meta = dict(document.metadata)
    marking = str(meta.pop("marking", "") or "").strip().upper()
    if marking and marking not in MARKINGS:
        meta["marking_found"] = marking
        marking = ""
    return project.add_source(
        document.title,
        document.text,
        document.format,
        origin=str(meta.pop("origin", "") or ""),
        author=str(meta.pop("author", "") or ""),
        published=str(meta.pop("date", "") or ""),
        marking=marking,
        metadata=meta,
        blocks=document.blocks,
    )


def store(project: Project, reading: Reading, parent: Source | None = None) -> list[ImportOutcome]:
    """Store what was read: the file's outcome first, then its attachments' (read with it)."""
    outcome = ImportOutcome(reading.path, label=reading.label, parent=parent)
    outcome.error, outcome.skipped = reading.error, reading.skipped
    document = reading.document
    if document is None:
        return [outcome]
    outcome.warnings = list(document.warnings)
    if parent is not None:
        document.metadata["attachment_of"] = parent.id  # Source Details names the message
    try:
        outcome.source = add_document(project, document)
    except DuplicateSource as exc:
        outcome.duplicate_of = exc.existing
    except BriefingError as exc:
        outcome.error = str(exc)
        return [outcome]
    outcomes = [outcome]
    holder = outcome.source or outcome.duplicate_of
    if reading.attachments:
        for attachment in reading.attachments:
            outcomes += store(project, attachment, holder)
    elif document.attachments and holder is not None:
        outcome.attachments = list(document.attachments)  # for the window to offer
    return outcomes


def import_path(
    project: Project,
    path: Path,
    keep_going: Callable[[], bool] | None = None,
    *,
    options: ReadOptions | None = None,
) -> ImportOutcome:
    """Read and store one file; its attachments stay in ``outcome.attachments``.

    ``keep_going`` is asked after the (slow) read: False means the user cancelled, and nothing
    is stored. ``options.cancelled`` stops a long read (OCR) between pages.
    """
    reading = read_path(path, options)
    if reading.document is not None and keep_going is not None and not keep_going():
        return ImportOutcome(Path(path), error=CANCELLED)
    return store(project, reading)[0]


def import_attachments(
    project: Project,
    parent: Source,
    attachments: Sequence[Attachment],
    options: ReadOptions | None = None,
    keep_going: Callable[[], bool] | None = None,
) -> list[ImportOutcome]:
    """Import a stored message's attachments as sources of their own (the window's choice)."""
    label = parent.origin or parent.title
    outcomes: list[ImportOutcome] = []
    for reading in read_attachments(attachments, label, parent.origin or parent.title, options):
        if keep_going is not None and not keep_going():
            outcomes.append(ImportOutcome(reading.path, label=reading.label, error=CANCELLED))
            break
        outcomes += store(project, reading, parent)
    return outcomes


def attachments_of(source: Source, options: ReadOptions | None = None) -> list[Attachment]:
    """A stored message's attachments, read again from its file (the store keeps no copy).

    Raises ImportFailure with one line when the file is gone or no longer reads."""
    origin = Path(source.origin) if source.origin else None
    if origin is None or not origin.is_file():
        raise ImportFailure(f"the message is no longer at {source.origin or '(unknown)'}")
    options = options or ReadOptions()
    document = read_file(
        origin,
        ocr_language=options.ocr_language,
        progress=options.progress,
        cancelled=options.cancelled,
    )
    return list(document.attachments)
