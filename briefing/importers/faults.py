"""Library chatter kept off the terminal: warnings and log records become one Briefing warning.

pypdfium2, extract-msg, RTFDE, olefile and python-docx warn through ``warnings`` and
``logging``. While an import runs, their records are collected here instead of reaching the
terminal (or the command line's log handler); the import then reports them as one line.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# The loggers of the libraries the importers use (each library logs under its package name).
LIBRARY_LOGGERS = (
    "pypdfium2",
    "extract_msg",
    "RTFDE",
    "olefile",
    "compressed_rtf",
    "docx",
    "markdown",
    "MARKDOWN",
    "bs4",
    "tzlocal",
)
MAX_NOTE = 160


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a library's bad format string must not break the import
            self.messages.append(str(record.msg))


@contextmanager
def quiet_libraries() -> Iterator[list[str]]:
    """Collect the libraries' warnings and log records (WARNING and above) into the list yielded.

    ``warnings.catch_warnings`` is process-wide: an import in a worker thread also hides a
    warning another thread raises meanwhile. That costs a warning, never a result.
    """
    collector = _Collector()
    saved: list[tuple[logging.Logger, bool]] = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(collector)
        logger.propagate = False
    messages: list[str] = []
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as recorded:
            warnings.simplefilter("always")
            try:
                yield messages
            finally:
                caught = list(recorded or [])
    finally:
        for logger, propagate in saved:
            logger.removeHandler(collector)
            logger.propagate = propagate
        messages.extend(collector.messages)
        messages.extend(str(item.message) for item in caught)


def library_note(messages: list[str]) -> str:
    """One line for the user from what the libraries said, or "" if they said nothing."""
    lines = [" ".join(message.split()) for message in messages]
    unique = list(dict.fromkeys(line for line in lines if line))
    if not unique:
        return ""
    first = unique[0] if len(unique[0]) <= MAX_NOTE else unique[0][: MAX_NOTE - 1] + "…"
    more = f" (and {len(unique) - 1} more)" if len(unique) > 1 else ""
    return f"the file reader reported: {first}{more}"
