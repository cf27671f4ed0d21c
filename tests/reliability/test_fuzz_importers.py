"""Fuzzing the importers: damaged copies of the real corpus files, and random bytes.

Every case must end in an ImportedDocument or an ImportFailure whose message is one non-empty
line: never another exception, a crash or a hang (each case gets TIME_LIMIT seconds). The cases
are derandomized, so a failure found here is found again on the next run and in CI.

At the end of the module a summary line goes to stderr (and is appended to the file named by
$BRIEFING_FUZZ_REPORT, if set): "fuzz: N cases, C crashes, slowest S s (...)". The counts include
Hypothesis' replays while it shrinks a failure. A failing input is written to
$TMPDIR/briefing-fuzz-failing-input (the last one written is the shrunk example).
"catch-all" counts refusals where read_bytes wrapped a parser's own exception ("could not read
the file: KeyError: ..."): allowed, but a sign the importer could say something clearer.
"""

from __future__ import annotations

import faulthandler
import io
import os
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.importers import ImportedDocument, ImportFailure, read_bytes

# The same folder as tests/conftest.py's CORPUS (conftest modules are not importable by name).
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TIME_LIMIT = 10.0  # seconds per case
HARD_LIMIT = 60.0  # a hang in C code, which SIGALRM cannot interrupt, kills the run instead
SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf")
WRONG_SUFFIXES = (*SUFFIXES, ".bin", "")
CATCH_ALL = "could not read the file:"  # read_bytes' wrapper around a parser's own exception

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)



def _load_corpus() -> dict[str, bytes]:
    """Path under the corpus -> bytes, for every .docx and .pdf file; {} if it is absent."""
    if not CORPUS.is_dir():
        return {}
    paths = sorted(CORPUS.glob("docx/*.docx")) + sorted(CORPUS.glob("pdf/*.pdf"))
    return {path.relative_to(CORPUS).as_posix(): path.read_bytes() for path in paths}


CORPUS_DATA = _load_corpus()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


# --- bookkeeping ---------------------------------------------------------------------------


@dataclass
class Stats:
    cases: int = 0
    crashes: int = 0
    documents: int = 0
    failures: int = 0
    caught: dict[str, int] = field(default_factory=dict)  # parser exceptions read_bytes wrapped
    slowest: float = 0.0
    slowest_case: str = ""

    def summary(self) -> str:
        caught = sum(self.caught.values())
        line = (
            f"fuzz: {self.cases} cases, {self.crashes} crashes, slowest {self.slowest:.2f} s "
            f"({self.slowest_case[:120]}); {self.documents} documents, {self.failures} refused, "
            f"{caught} by the catch-all"
        )
        if self.caught:
            kinds = sorted(self.caught.items(), key=lambda item: -item[1])
            line += " [" + ", ".join(f"{kind} x{count}" for kind, count in kinds) + "]"
        return line


STATS = Stats()


@pytest.fixture(scope="module", autouse=True)
def _fuzz_summary(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    line = STATS.summary()
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:  # teardown output is captured: show this line as capsys.disabled()
        with capture.global_and_fixture_disabled():
            print(f"\n{line}", file=sys.stderr, flush=True)
    else:
        print(f"\n{line}", file=sys.stderr, flush=True)
    report = os.environ.get("BRIEFING_FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


class CaseTimeout(BaseException):
    """Raised by SIGALRM. A BaseException, so that read_bytes' `except Exception` lets it by."""


def _on_alarm(signum: int, frame: object) -> None:
    raise CaseTimeout


def _save(data: bytes, name: str) -> str:
    path = Path(tempfile.gettempdir()) / "briefing-fuzz-failing-input"
    path.write_bytes(data)
    return f"{path}, to read as {name!r}"


def check_case(data: bytes, name: str, description: str) -> None:
    """Import data as name within TIME_LIMIT; fail with the case's description otherwise."""
    assert threading.current_thread() is threading.main_thread(), "SIGALRM needs the main thread"
    STATS.cases += 1
    problem = ""
    outcome: object = None
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    faulthandler.dump_traceback_later(HARD_LIMIT, exit=True)
    start = time.perf_counter()
    old_timer = 0.0
    try:
        old_timer, _ = signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
        try:
            outcome = read_bytes(data, name)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except CaseTimeout:
        problem = f"took over {TIME_LIMIT:g} s"
    except ImportFailure as failure:
        outcome = failure
    except Exception as exc:  # what read_bytes promises never escapes it
        problem = f"raised {type(exc).__name__}: {exc}"
    finally:
        elapsed = time.perf_counter() - start
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, old_handler)
        if old_timer:  # someone else's alarm (pytest-timeout?) was pending: put it back
            signal.setitimer(signal.ITIMER_REAL, max(old_timer - elapsed, 0.001))
    if elapsed > STATS.slowest:
        STATS.slowest, STATS.slowest_case = elapsed, description
    if isinstance(outcome, ImportFailure):
        message = str(outcome)
        if not message.strip() or len(message.splitlines()) != 1:
            problem = f"ImportFailure message is not one non-empty line: {message!r}"
        else:
            STATS.failures += 1
            if message.startswith(CATCH_ALL):
                kind = message[len(CATCH_ALL) :].split(":", 1)[0].strip()
                STATS.caught[kind] = STATS.caught.get(kind, 0) + 1
    elif isinstance(outcome, ImportedDocument):
        if not isinstance(outcome.text, str):
            problem = f"document text is {type(outcome.text).__name__}, not str"
        elif "\r" in outcome.text or "\x00" in outcome.text:
            problem = "document text holds \\r or NUL after normalisation"
        else:
            STATS.documents += 1
    elif not problem:
        problem = f"returned {type(outcome).__name__}, not an ImportedDocument"
    if problem:
        STATS.crashes += 1
        saved = _save(data, name)
        pytest.fail(f"{description}: {problem} (input saved to {saved})", pytrace=False)


# --- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One damaged corpus file, described well enough to rebuild it by hand."""

    source: str  # path under the corpus folder
    mutation: str  # truncate, flip, drop-member, replace-member
    name: str  # the file name read_bytes sees
    at: int = 0  # truncate: the new length
    flips: tuple[tuple[int, int], ...] = ()  # flip: (offset, XOR mask) pairs
    member: str = ""  # drop-member, replace-member: the zip entry
    content: bytes = b""  # replace-member: its new content

    def __repr__(self) -> str:
        detail = {
            "truncate": f"at {self.at}",
            "flip": f"(offset, xor) {list(self.flips)}",
            "drop-member": repr(self.member),
            "replace-member": f"{self.member!r} with {self.content!r}",
        }[self.mutation]
        return f"<{self.mutation} {self.source} {detail}, named {self.name!r}>"

    def build(self) -> bytes:
        data = CORPUS_DATA[self.source]
        if self.mutation == "truncate":
            return data[: self.at]
        if self.mutation == "flip":
            out = bytearray(data)
            for at, mask in self.flips:
                out[at] ^= mask
            return bytes(out)
        replacement = self.content if self.mutation == "replace-member" else None
        return rebuild_zip(data, self.member, replacement)


def rebuild_zip(data: bytes, member: str, content: bytes | None) -> bytes:
    """The zip again, without member (content None) or with member's content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
            elif content is not None:
                target.writestr(info, content)
    return out.getvalue()


def _offset(draw: st.DrawFn, size: int) -> int:
    """Anywhere, or near either end, where PDF trailers and zip directories live."""
    return draw(
        st.one_of(
            st.integers(0, size - 1),
            st.integers(max(0, size - 2048), size - 1),
            st.integers(0, min(size, 1024) - 1),
        )
    )


@st.composite
def damaged_files(draw: st.DrawFn) -> Case:
    source = draw(st.sampled_from(sorted(CORPUS_DATA)))
    data = CORPUS_DATA[source]
    suffix = Path(source).suffix
    kinds = ["truncate", "flip"]
    if suffix == ".docx":
        kinds += ["drop-member", "replace-member"]
    mutation = draw(st.sampled_from(kinds))
    wrong = draw(st.integers(0, 3)) == 0  # one case in four under a misleading suffix
    name = Path(source).stem + (draw(st.sampled_from(WRONG_SUFFIXES)) if wrong else suffix)
    if mutation == "truncate":
        return Case(source, mutation, name, at=_offset(draw, len(data)))
    if mutation == "flip":
        count = draw(st.integers(1, 20))
        flips = tuple((_offset(draw, len(data)), draw(st.integers(1, 255))) for _ in range(count))
        return Case(source, mutation, name, flips=flips)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = draw(st.sampled_from(archive.namelist()))
    if mutation == "drop-member":
        return Case(source, mutation, name, member=member)
    return Case(source, mutation, name, member=member, content=draw(st.binary(max_size=2048)))


@needs_corpus
@settings(FUZZ, max_examples=500)
@given(case=damaged_files())
def test_damaged_corpus_files_import_or_fail_cleanly(case: Case) -> None:
    check_case(case.build(), case.name, repr(case))


@settings(FUZZ, max_examples=200)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_import_or_fail_cleanly(data: bytes, suffix: str) -> None:
    check_case(data, "random" + suffix, f"{len(data)} random bytes {data[:64]!r}... as {suffix}")


def test_the_harness_catches_escapes_and_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: an escaping exception or an endless loop is reported."""

    def escape(data: bytes, name: str) -> ImportedDocument:
        raise ValueError("boom")

    def hang(data: bytes, name: str) -> ImportedDocument:
        while True:
            pass

    module = sys.modules[__name__]
    handler = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(module, "STATS", Stats())  # the summary counts real cases only
    monkeypatch.setattr(module, "_save", lambda data, name: "nowhere")
    monkeypatch.setattr(module, "read_bytes", escape)
    with pytest.raises(pytest.fail.Exception, match="escape: raised ValueError: boom"):
        check_case(b"x", "x.txt", "escape")
    monkeypatch.setattr(module, "read_bytes", hang)
    monkeypatch.setattr(module, "TIME_LIMIT", 0.2)
    start = time.perf_counter()
    with pytest.raises(pytest.fail.Exception, match=r"hang: took over 0\.2 s"):
        check_case(b"x", "x.txt", "hang")
    assert time.perf_counter() - start < 5
    assert module.STATS.crashes == 2
    assert signal.getsignal(signal.SIGALRM) == handler  # the old handler is back
