"""One long job at a time in a worker thread, with a progress dialog that can cancel it.

The import and the export controllers share this: starting the thread, cancelling, waiting on
close, and tidying the thread, the job and the dialog away when the job reports back.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget


class BackgroundJob(QObject):
    """A job for the worker thread: ``run`` does the work; ``cancelled`` is set by the user."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = threading.Event()

    def run(self) -> None:
        raise NotImplementedError


class BackgroundRunner(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self._job: Any = None
        self._dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self._thread is not None

    def _launch(self, job: BackgroundJob, label: str, title: str, steps: int) -> None:
        """Run ``job`` in a new thread; the dialog shows only if it takes a while."""
        self._job = job
        self._thread = QThread(self)
        job.moveToThread(self._thread)
        self._thread.started.connect(job.run)
        dialog = QProgressDialog(label, "Cancel", 0, steps, self._parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick job shows no dialog at all
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._thread.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled.set()

    def wait(self, milliseconds: int = 60000) -> None:
        """Block until the worker ends (closing the window waits for it)."""
        if self._thread is not None:
            self._thread.wait(milliseconds)

    def _tidy(self) -> Any:
        """The job has reported: stop its thread, close the dialog. Returns the job."""
        job = self._job
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)  # closing emits canceled
            self._dialog.close()
            self._dialog.deleteLater()
        if job is not None:
            job.deleteLater()
        self._thread, self._job, self._dialog = None, None, None
        return job
