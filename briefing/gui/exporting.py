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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing.exporters.result import ExportError, ExportResult
from briefing.exporters.safe_write import match_mode

logger = logging.getLogger(__name__)


@dataclass
class ExportJobSpec:
    """What to write where; ``run`` writes it to the path it is given."""

    label: str  # "Word", "Markdown", "passages report"
    target: Path
    run: Callable[[Path], ExportResult]
    open_when_done: bool = False


class ExportJob(QObject):
    done = Signal(object, str)  # ExportResult | None, error message

    def __init__(self, spec: ExportJobSpec) -> None:
        super().__init__()
        self.spec = spec
        self.cancelled = threading.Event()
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


class ExportController(QObject):
    """One export at a time; ``finished(result, error)`` when it has ended (or was cancelled)."""

    finished = Signal(object, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self._job: ExportJob | None = None
        self._dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self._thread is not None

    def start(self, spec: ExportJobSpec) -> bool:
        if self.busy():
            return False
        try:
            spec.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.finished.emit(None, _reason(exc))
            return False
        self._job = ExportJob(spec)
        self._thread = QThread(self)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.done.connect(self._on_done)
        dialog = QProgressDialog(f"Exporting {spec.label}…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled.set()

    def wait(self, milliseconds: int = 60000) -> None:
        if self._thread is not None:
            self._thread.wait(milliseconds)

    def _on_done(self, result: ExportResult | None, error: str) -> None:
        job = self._job
        assert job is not None
        cancelled = job.cancelled.is_set()  # before closing the dialog, which emits canceled
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
        self._thread, self._job, self._dialog = None, None, None
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
        job.deleteLater()
        self.finished.emit(result, error)
