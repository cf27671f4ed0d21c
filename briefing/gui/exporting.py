"""Exporting from the window: the export runs in a worker thread, into a scratch folder.

Only when it has finished, and the user did not cancel, does the window write the file into
place, through ``briefing.core.safe_write`` (a temporary file beside the target, flushed, then
renamed). A cancelled or failed export therefore leaves the previous file exactly as it was.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from briefing.core.safe_write import write_atomically
from briefing.exporters.result import ExportError, ExportResult
from briefing.gui.background import BackgroundJob, BackgroundRunner

logger = logging.getLogger(__name__)


@dataclass
class ExportJobSpec:
    """What to write where; ``run`` writes it to the path it is given."""

    label: str  # "Word", "Markdown", "passages report"
    target: Path
    run: Callable[[Path], ExportResult]


class ExportJob(BackgroundJob):
    done = Signal(object, object, str)  # ExportResult | None, the bytes written, error message

    def __init__(self, spec: ExportJobSpec) -> None:
        super().__init__()
        self.spec = spec

    @Slot()
    def run(self) -> None:
        try:
            with tempfile.TemporaryDirectory(prefix="briefing-export-") as folder:
                scratch = Path(folder) / self.spec.target.name
                result = self.spec.run(scratch)
                data = scratch.read_bytes()
        except (ExportError, OSError) as exc:
            self.done.emit(None, b"", _reason(exc))
            return
        except Exception as exc:  # a bug must reach the user as a message, not kill the thread
            logger.exception("export failed")
            self.done.emit(None, b"", f"unexpected error: {exc}")
            return
        self.done.emit(result, data, "")


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
        self.launch(job, f"Exporting {spec.label}…", "Export", 0)
        return True

    def _on_done(self, result: ExportResult | None, data: bytes, error: str) -> None:
        cancelled = self.was_cancelled()
        job: ExportJob = self.finish()
        if cancelled:
            result, error = None, "cancelled"
        elif result is not None and not error:
            target = job.spec.target
            try:
                write_atomically(target, lambda handle: handle.write(data))
                result.path = target
            except OSError as exc:
                result, error = None, _reason(exc)
        self.finished.emit(result, error)
