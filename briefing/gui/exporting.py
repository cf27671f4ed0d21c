"""Exporting from the window: the options dialog, then the export in a worker thread.

The worker writes to a temporary file beside the target; only when it has finished, and the
user did not cancel, does the window move it into place. A cancelled or failed export therefore
leaves the previous file exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from briefing.core.safe_write import match_mode
from briefing.exporters.result import ExportError, ExportResult
from briefing.gui.background import BackgroundJob, BackgroundRunner

logger = logging.getLogger(__name__)


@dataclass
class ExportJobSpec:
    """What to write where; ``run`` writes it to the path it is given."""

    label: str  # "Word", "Markdown", "passages report"
    target: Path
    run: Callable[[Path], ExportResult]
    open_when_done: bool = False


class ExportJob(BackgroundJob):
    done = Signal(object, str)  # ExportResult | None, error message

    def __init__(self, spec: ExportJobSpec) -> None:
        super().__init__()
        self.spec = spec
        self.scratch: Path | None = None

    @Slot()
    def run(self) -> None:
        target = self.spec.target
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent
        )
        os.close(handle)
        self.scratch = Path(name)
        try:
            result = self.spec.run(self.scratch)
        except (ExportError, OSError) as exc:
            self.done.emit(None, _reason(exc))
            return
        except Exception as exc:  # a bug must reach the user as a message, not kill the thread
            logger.exception("export failed")
            self.done.emit(None, f"unexpected error: {exc}")
            return
        self.done.emit(result, "")


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return str(exc)


class ExportController(BackgroundRunner):
    """One export at a time; ``finished(result, error)`` when it has ended (or was cancelled)."""

    finished = Signal(object, str)

    def start(self, spec: ExportJobSpec) -> bool:
        if self.busy():
            return False
        try:
            spec.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.finished.emit(None, _reason(exc))
            return False
        job = ExportJob(spec)
        job.done.connect(self._on_done)
        self._launch(job, f"Exporting {spec.label}…", "Export", 0)
        return True

    def _on_done(self, result: ExportResult | None, error: str) -> None:
        cancelled = self._job is not None and self._job.cancelled.is_set()
        job: ExportJob = self._tidy()
        scratch, target = job.scratch, job.spec.target
        if result is not None and not error and not cancelled and scratch:
            try:
                match_mode(scratch, target)  # the scratch file was made private
                os.replace(scratch, target)
                result.path = target
            except OSError as exc:
                result, error = None, _reason(exc)
        elif cancelled:
            result, error = None, "cancelled"
        if scratch is not None:
            with contextlib.suppress(OSError):
                scratch.unlink(missing_ok=True)
        self.finished.emit(result, error)
