"""A long PDF read on two cores: a forked child reads the second half of the pages.

PDFium is single-threaded, and its text layout is what the time of a long import goes into
(about 3 ms a page). Where it is safe, a child process forked after the document is open reads
the second half of the pages with the same handle (fork copies PDFium's memory) and sends the
lines back through a pipe, while this process reads the first half.

Safe means: a POSIX fork (not macOS, whose system libraries refuse to run after fork) in a
process with one thread, counted by the kernel (/proc/self/task), so that threads Python cannot
see (a GUI toolkit's) count too: a fork beside another thread can deadlock the child on a lock
that thread held. The window's import runs in a worker thread, so it always reads serially; the
command line and scripts get both cores. Anything unexpected (the child fails, its answer is
damaged) falls back to reading those pages here.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from briefing.importers.pdf_page import PageText, PdfLine

logger = logging.getLogger(__name__)

MIN_PAGES = 64  # below this the fork costs more than it saves

ReadPage = Callable[[int], PageText]


def os_threads() -> int:
    """Threads of this process as the kernel counts them; 0 where it does not say (no /proc)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def can_fork(count: int) -> bool:
    return (
        count >= MIN_PAGES
        and hasattr(os, "fork")
        and sys.platform != "darwin"
        and (os.cpu_count() or 1) >= 2
        and os.environ.get("BRIEFING_PDF_FORK", "1") != "0"
        and threading.active_count() == 1
        and os_threads() == 1
    )


def _pack(pages: list[PageText]) -> bytes:
    plain = [
        (page.unmapped, page.failed,
         [(line.text, line.left, line.right, line.bottom, line.top, line.size,
           line.first_bottom) for line in page.lines])
        for page in pages
    ]  # fmt: skip
    return pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes, expected: int) -> list[PageText] | None:
    try:
        plain: Any = pickle.loads(data)  # our own child's bytes, through our own pipe
        pages = [
            PageText([PdfLine(*line) for line in lines], unmapped, failed=failed)
            for unmapped, failed, lines in plain
        ]
    except Exception:
        logger.debug("the PDF child's answer is unreadable", exc_info=True)
        return None
    return pages if len(pages) == expected else None


def _child(read: ReadPage, indexes: range, write_end: int) -> None:
    """In the child: read the pages, write them to the pipe, and leave without cleanup."""
    status = 1
    try:
        pages = []
        for index in indexes:
            try:
                pages.append(read(index))
            except Exception:
                pages.append(PageText(failed=True))
        data = _pack(pages)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)  # never run the parent's atexit handlers or flush its buffers twice


def read_in_two(
    read: ReadPage, count: int, read_range: Callable[[range], list[PageText]]
) -> list[PageText] | None:
    """All pages: the second half from a forked child (with ``read``), the first from
    ``read_range`` here, which reports progress and checks for a cancel.

    Returns None if no child could be started (the caller then reads every page itself).
    Exceptions from ``read_range`` (a cancel, a deadline) stop and reap the child first.
    """
    half = count // 2
    second = range(half, count)
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        logger.debug("fork failed; reading the PDF serially", exc_info=True)
        return None
    if pid == 0:  # pragma: no cover - the child ends in os._exit; its work is checked by parent
        os.close(read_end)
        _child(read, second, write_end)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    finished = False
    try:
        first = read_range(range(half))
        data = pipe.read()
        _, status = os.waitpid(pid, 0)
        finished = True
    finally:
        pipe.close()
        if not finished:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    rest = _unpack(data, len(second)) if status == 0 else None
    if rest is None:  # the child failed: read its pages here
        logger.debug("the PDF child failed (status %s); reading its pages here", status)
        rest = read_range(second)
    return first + rest
