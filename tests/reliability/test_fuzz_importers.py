"""Fuzzing the importers: damaged copies of the real corpus files, and random bytes.

Every case must end in an ImportedDocument or an ImportFailure whose message is one non-empty
line: never another exception or a crash. Work is bounded, not timed: scanned pages are read
with OCR off (one test counts the OCR calls a damaged scan makes instead), and a watchdog dumps
the stacks and ends the run if one case hangs for HANG_GUARD seconds (a guard against a stuck
CI, not a speed budget). The cases are derandomized, so a failure found here is found again on
the next run and in CI. Formats: .docx, .pdf and .msg from the corpus, an .eml written here, an
.odt written by pandoc (when installed) and a scanned (image-only) PDF.

At the end of the module a summary line goes to stderr (and is appended to the file named by
$BRIEFING_FUZZ_REPORT, if set): "fuzz: N cases, C crashes, ...". The counts include
Hypothesis' replays while it shrinks a failure. A failing input is written to
$TMPDIR/briefing-fuzz-failing-input (the last one written is the shrunk example).
"catch-all" counts refusals where read_bytes wrapped a parser's own exception ("could not read
the file: KeyError: ..."): allowed, but a sign the importer could say something clearer.
"""

from __future__ import annotations

import faulthandler
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing.importers.ocr as ocr
from briefing.importers import ImportedDocument, ImportFailure, read_bytes
from tests.importers.test_email_import import EML
from tests.importers.test_ocr import image_only_pdf

pytestmark = pytest.mark.slow

# The same folder as tests/conftest.py's CORPUS (conftest modules are not importable by name).
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
HANG_GUARD = 300.0  # seconds: a case stuck this long (in C code too) ends the run with stacks
SUFFIXES = (".txt", ".md", ".html", ".docx", ".odt", ".pdf", ".eml", ".msg")
WRONG_SUFFIXES = (*SUFFIXES, ".bin", "")
CATCH_ALL = "could not read the file:"  # read_bytes' wrapper around a parser's own exception

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _scanned_pdf(pages: int) -> bytes:
    """An image-only PDF: grey stripes, no text layer (what a scanner gives, without words)."""
    width, height = 200, 280
    pixels = bytes((255 if (row // 20) % 2 else 128) for row in range(height) for _ in range(width))
    one = image_only_pdf(width, height, pixels, 72)
    if pages == 1:
        return one
    # Several pages: the same page object listed again in the page tree.
    kids = b" ".join([b"3 0 R"] * pages)
    return one.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [%s] /Count %d" % (kids, pages))


def _pandoc_odt() -> bytes | None:
    if shutil.which("pandoc") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.md"
        source.write_text("# Title\n\nText[^1] and\n\n- a list\n\n[^1]: A note.\n")
        target = Path(folder) / "doc.odt"
        subprocess.run(["pandoc", str(source), "-o", str(target)], check=True)
        return target.read_bytes()


def _load_corpus() -> dict[str, bytes]:
    """Name -> bytes: every corpus .docx, .pdf and .msg, plus the files written here."""
    found: dict[str, bytes] = {"made/message.eml": EML, "made/scanned.pdf": _scanned_pdf(1)}
    odt = _pandoc_odt()
    if odt is not None:
        found["made/pandoc.odt"] = odt
    if CORPUS.is_dir():
        paths = sorted(CORPUS.glob("docx/*.docx")) + sorted(CORPUS.glob("pdf/*.pdf"))
        paths += sorted(CORPUS.glob("msg/*.msg"))
        found.update({path.relative_to(CORPUS).as_posix(): path.read_bytes() for path in paths})
    return found


CORPUS_DATA = _load_corpus()
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir() and not os.environ.get("CI"), reason=f"no corpus at {CORPUS}"
)


# --- bookkeeping ---------------------------------------------------------------------------


@dataclass
class Stats:
    cases: int = 0
    crashes: int = 0
    documents: int = 0
    failures: int = 0
    caught: dict[str, int] = field(default_factory=dict)  # parser exceptions read_bytes wrapped

    def summary(self) -> str:
        caught = sum(self.caught.values())
        line = (
            f"fuzz: {self.cases} cases, {self.crashes} crashes; {self.documents} documents, "
            f"{self.failures} refused, {caught} by the catch-all"
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


def _save(data: bytes, name: str) -> str:
    path = Path(tempfile.gettempdir()) / "briefing-fuzz-failing-input"
    path.write_bytes(data)
    return f"{path}, to read as {name!r}"


def check_case(data: bytes, name: str, description: str) -> None:
    """Import data as name (OCR off: bounded work); fail with the case's description otherwise."""
    STATS.cases += 1
    problem = ""
    outcome: object = None
    faulthandler.dump_traceback_later(HANG_GUARD, exit=True)
    try:
        outcome = read_bytes(data, name, ocr=False)
    except ImportFailure as failure:
        outcome = failure
    except Exception as exc:  # what read_bytes promises never escapes it
        problem = f"raised {type(exc).__name__}: {exc}"
    finally:
        faulthandler.cancel_dump_traceback_later()
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
    if suffix in (".docx", ".odt"):
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


def test_the_harness_catches_escapes_and_bad_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: an escaping exception or a two-line refusal is reported."""

    def escape(data: bytes, name: str, **options: object) -> ImportedDocument:
        raise ValueError("boom")

    def two_lines(data: bytes, name: str, **options: object) -> ImportedDocument:
        raise ImportFailure("line one\nline two")

    module = sys.modules[__name__]
    monkeypatch.setattr(module, "STATS", Stats())  # the summary counts real cases only
    monkeypatch.setattr(module, "_save", lambda data, name: "nowhere")
    monkeypatch.setattr(module, "read_bytes", escape)
    with pytest.raises(pytest.fail.Exception, match="escape: raised ValueError: boom"):
        check_case(b"x", "x.txt", "escape")
    monkeypatch.setattr(module, "read_bytes", two_lines)
    with pytest.raises(pytest.fail.Exception, match="not one non-empty line"):
        check_case(b"x", "x.txt", "two lines")
    assert module.STATS.crashes == 2


@settings(FUZZ, max_examples=40)
@given(
    pages=st.integers(1, 6),
    cut=st.integers(0, 400),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 255)), max_size=6),
)
def test_damaged_scans_make_at_most_one_ocr_call_a_page(
    pages: int, cut: int, flips: list[tuple[int, int]]
) -> None:
    """OCR work is bounded by the pages: a damaged scan never loops on Tesseract."""
    data = bytearray(_scanned_pdf(pages))
    for at, mask in flips:
        data[at % len(data)] ^= mask
    damaged = bytes(data[: len(data) - cut]) if cut else bytes(data)
    calls: list[int] = []

    def fake_ocr(page: object, language: str, program: str) -> ocr.OcrPage:
        calls.append(1)
        return ocr.OcrPage()

    original, found = ocr.read_scanned_page, ocr.tesseract
    ocr.read_scanned_page, ocr.tesseract = fake_ocr, lambda: "tesseract"
    try:
        read_bytes(damaged, "scan.pdf")
    except ImportFailure as failure:
        assert "\n" not in str(failure)
    finally:
        ocr.read_scanned_page, ocr.tesseract = original, found
    assert len(calls) <= pages
