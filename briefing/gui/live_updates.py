"""What other writers change on a server project, shown in this window within a second.

A thread of its own waits on the project's change feed (PostgreSQL's LISTEN/NOTIFY, through
``Project.open_change_feed``) so the window's thread never blocks on the network; what it hears
comes to the window as the ``changed`` signal, a set of table names, gathered for a moment so
that a burst of commits redraws once. A file project has no feed: nothing starts.

A lost server stops nothing: the thread says so (``trouble``) and listens again a little later.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from briefing.core.errors import BriefingError
from briefing.core.store import ChangeFeed, Project

logger = logging.getLogger(__name__)

WAIT_S = 0.25  # each wait; also how long stopping may take
RETRY_S = 2.0  # after the server was lost
GATHER_MS = 200  # notices this close together redraw once (a busy team: 5 redraws a second)


class _Listener(QThread):
    heard = Signal(object)  # frozenset[str]: tables other writers changed
    trouble = Signal(str)  # one line: the feed failed (it is tried again)
    listening = Signal()  # the feed is open: from now on, nothing committed is missed

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def run(self) -> None:
        feed: ChangeFeed | None = None
        while not self.isInterruptionRequested():
            try:
                if feed is None:
                    feed = self.project.open_change_feed()
                    if feed is None:
                        return  # a file: one writer, nothing to hear
                    self.listening.emit()
                tables = feed.wait(WAIT_S)
                if tables:
                    self.heard.emit(tables)
            except (BriefingError, OSError) as exc:
                self.trouble.emit(str(exc))
                self._pause(feed)
                feed = None
            except Exception as exc:  # the driver's own errors: the feed's connection is gone
                logger.warning("live updates: %s", exc)
                self.trouble.emit(" ".join(str(exc).split()) or type(exc).__name__)
                self._pause(feed)
                feed = None
        _closed(feed)

    def _pause(self, feed: ChangeFeed | None) -> None:
        """Let go of a failed feed and wait before listening again (stopping cuts it short)."""
        _closed(feed)
        for _ in range(int(RETRY_S / WAIT_S)):
            if self.isInterruptionRequested():
                break
            self.msleep(int(WAIT_S * 1000))


def _closed(feed: ChangeFeed | None) -> None:
    """Close a feed, if any; a lost connection's close may fail too, with nothing to keep."""
    if feed is not None:
        try:
            feed.close()
        except Exception as exc:
            logger.debug("closing the change feed: %s", exc)


class LiveUpdates(QObject):
    """Listens to one project at a time; ``listen`` again for another, ``stop`` on close."""

    changed = Signal(object)  # frozenset[str]: tables other writers changed
    trouble = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: _Listener | None = None
        self.active = False  # the feed is open (and not lost since)
        self._pending: set[str] = set()
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._deliver)

    def listen(self, project: Project) -> None:
        self.stop()
        if not project.on_server:
            return
        listener = _Listener(project)
        listener.heard.connect(self._heard)
        listener.trouble.connect(self.trouble)
        listener.trouble.connect(lambda _message: setattr(self, "active", False))
        listener.listening.connect(lambda: setattr(self, "active", True))
        self._listener = listener
        listener.start()

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        self.active = False
        if listener is not None:
            listener.requestInterruption()
            listener.wait()
            listener.heard.disconnect(self._heard)
            listener.deleteLater()
        self._gather.stop()
        self._pending.clear()

    def _heard(self, tables: frozenset[str]) -> None:
        self._pending |= tables
        if not self._gather.isActive():
            self._gather.start()

    def _deliver(self) -> None:
        tables, self._pending = frozenset(self._pending), set()
        if tables:
            self.changed.emit(tables)
