"""Kill real editing sessions with SIGKILL and check that nothing reported written is lost.

Each session (crash_child.py, a separate process) tags, edits memos, renames themes, deletes
passages and types into the note through the NoteEditor's autosave, reporting every action before
and after it is committed. After each kill the project must pass PRAGMA integrity_check, open,
hold every committed action, and hold the one in flight either whole or not at all. The note
must be a prefix of what was typed, exactly as the last save the editor committed (or the one in
flight) left it. How much typing a kill lost, in seconds, is printed, not asserted: it depends on
the machine's load, and the autosave's deadline has its own test (tests/gui).

BRIEFING_CRASH_KILLS (or ``pytest --kills N``) sets the number of kills; the default keeps CI
under two minutes for this test, which is marked slow (``pytest -m "not slow"`` leaves it out).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from briefing.core.store import Project
from briefing.sample import build_sample

pytestmark = pytest.mark.slow

CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class State:
    passages: dict[int, tuple[int, int, tuple[int, ...], str]]
    themes: dict[int, str]
    body: str

    @classmethod
    def read(cls, path: Path) -> State:
        with Project.open(path, readonly=True) as project:
            return cls(
                {
                    p.id: (p.start, p.end, tuple(sorted(p.theme_ids)), p.memo)
                    for p in project.passages()
                },
                {t.id: t.name for t in project.themes()},
                project.notes()[0].body,
            )


@dataclass
class Session:
    lines: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)


def run_session(path: Path, seed: int, rng: random.Random) -> Session:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    session = Session()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if not line.endswith("\n"):  # cut off by the kill mid-write: never reported
                break
            session.lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                session.ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    if not session.ready.wait(60):
        child.kill()
        raise AssertionError(f"session {seed} never got ready")
    time.sleep(rng.uniform(0.05, 1.6))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reader.join(10)
    return session


def apply(state: State, action: dict, new_id: int | None = None) -> State:
    passages, themes = dict(state.passages), dict(state.themes)
    kind = action["kind"]
    if kind == "tag":
        key = action.get("id", new_id)
        passages[key] = (*action["span"], tuple(action["themes"]), "")
    elif kind == "memo" and action["id"] in passages:
        start, end, ids, _memo = passages[action["id"]]
        passages[action["id"]] = (start, end, ids, action["memo"])
    elif kind == "theme":
        themes[action["id"]] = action["name"]
    elif kind == "delete":
        passages.pop(action["id"], None)
    return State(passages, themes, state.body)


@dataclass
class Outcome:
    loss_s: float  # how long before the kill the first unsaved character was typed
    note_saves: int  # how many saves of the note this session committed


def check(before: State, session: Session, after: State) -> Outcome:
    """Assert the kill lost nothing committed and split nothing."""
    expected = before
    pending: dict | None = None
    typed, times = before.body, []
    saved, saves = len(before.body), 0  # the note's length as last committed
    for line in session.lines:
        tag, _, rest = line.partition(" ")
        if tag == "B":
            pending = json.loads(rest)
        elif tag == "D":
            done = json.loads(rest)
            if done["kind"] == "note":
                saved, saves = done["length"], saves + 1
            else:
                expected = apply(expected, done)
            pending = None
        elif tag == "T":
            chunk = json.loads(rest)
            times.extend([chunk["at"]] * len(chunk["text"]))
            typed += chunk["text"]
    variants = [expected]
    if pending is not None and pending["kind"] != "note":
        extra = set(after.passages) - set(expected.passages)
        new_id = min(extra) if pending["kind"] == "tag" and extra else None
        variants.append(apply(expected, pending, new_id))
    assert any((after.passages, after.themes) == (v.passages, v.themes) for v in variants), (
        f"state after the kill matches neither before nor after the action in flight: {pending}"
    )
    # The note: a prefix of what was typed, never a mixture, and exactly the last save
    # committed, or the save in flight written whole.
    assert typed.startswith(after.body), "the saved note is not what was typed"
    lengths = {saved} | ({pending["length"]} if pending and pending["kind"] == "note" else set())
    assert len(after.body) in lengths, (
        f"the saved note has {len(after.body)} characters; the editor committed {saved}"
        f"{f' and was writing {pending}' if len(lengths) > 1 else ''}"
    )
    unsaved = len(typed) - len(after.body)
    if unsaved <= 0:
        return Outcome(0.0, saves)
    first_unsaved = times[len(after.body) - len(before.body)]
    return Outcome(times[-1] - first_unsaved, saves)


def test_sigkill_during_editing_loses_nothing_written(tmp_path: Path, kills: int) -> None:
    path = tmp_path / "crash.briefing"
    build_sample(path).close()
    rng = random.Random(20261127)
    largest_loss, largest_chars, actions, note_saves = 0.0, 0, 0, 0
    for number in range(kills):
        before = State.read(path)
        session = run_session(path, 1000 + number, rng)
        conn = sqlite3.connect(path)  # a writer: it rolls back a hot journal first
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        with Project.open(path):  # opens, and takes over the dead process's lock
            pass
        after = State.read(path)
        outcome = check(before, session, after)
        typed_chars = sum(
            len(json.loads(line[2:])["text"]) for line in session.lines if line[:1] == "T"
        )
        largest_chars = max(largest_chars, typed_chars - (len(after.body) - len(before.body)))
        largest_loss = max(largest_loss, outcome.loss_s)
        note_saves += outcome.note_saves
        actions += sum(line.startswith("D ") for line in session.lines)
    report = (
        f"crash test: {kills} kills survived, {actions} committed actions checked"
        f" ({note_saves} saves of the note), largest loss of typed note text"
        f" {largest_loss:.2f} s ({largest_chars} characters)"
    )
    print(report)
    if os.environ.get("BRIEFING_CRASH_REPORT"):
        Path(os.environ["BRIEFING_CRASH_REPORT"]).write_text(report + "\n", encoding="utf-8")
    if kills >= 20:  # sessions last up to 1.6 s; over so many, the autosave (0.9 s) must run
        assert note_saves > 0, f"the note was never saved, so never checked: {report}"


@pytest.fixture
def kills(request: pytest.FixtureRequest) -> int:
    option = request.config.getoption("--kills")
    return int(option or os.environ.get("BRIEFING_CRASH_KILLS", "100"))
