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
    """A subclass starts its job with ``launch`` and, when the job reports, calls ``finish``;
    meanwhile ``job`` and ``progress`` are the running job and its dialog."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.dialog_parent = parent
        self.worker: QThread | None = None
        self.job: Any = None
        self.progress: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.worker is not None

    def was_cancelled(self) -> bool:
        return self.job is not None and self.job.cancelled.is_set()

    def launch(self, job: BackgroundJob, label: str, title: str, steps: int) -> None:
        """Run ``job`` in a new thread; the dialog shows only if it takes a while."""
        self.job = job
        self.worker = QThread(self)
        job.moveToThread(self.worker)
        self.worker.started.connect(job.run)
        dialog = QProgressDialog(label, "Cancel", 0, steps, self.dialog_parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick job shows no dialog at all
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.progress = dialog
        self.worker.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancelled.set()

    def wait(self, milliseconds: int = 60000) -> None:
        """Block until the worker ends (closing the window waits for it)."""
        if self.worker is not None:
            self.worker.wait(milliseconds)

    def stop(self) -> None:
        """The window is closing: cancel a job under way and wait for its thread."""
        if self.busy():
            self.cancel()
            self.wait()

    def finish(self) -> Any:
        """The job has reported: stop its thread, close the dialog. Returns the job."""
        job = self.job
        if self.worker is not None:
            self.worker.quit()
            self.worker.wait()
            self.worker.deleteLater()
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)  # closing emits canceled
            self.progress.close()
            self.progress.deleteLater()
        if job is not None:
            job.deleteLater()
        self.worker, self.job, self.progress = None, None, None
        return job
