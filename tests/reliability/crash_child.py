"""An editing session that the crash test kills at a random moment (run as a script).

It tags, edits memos, renames themes, deletes passages and types into the note through the
NoteEditor and its autosave, exactly as the window does, and reports on stdout (flushed):
    B {...}   an action is about to be written
    D {...}   that action was committed
    T text t  these characters were typed at monotonic time t
    READY     set up; the clock for the kill starts
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from briefing.core.store import Project
from briefing.gui.note_editor import NoteEditor

WORDS = [
    "export",
    "controls",
    "sovereignty",
    "investment",
    "allies",
    "chips",
    "capital",
    "talks",
    "brief",
]


def say(*parts: str) -> None:
    print(*parts, flush=True)


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    app = QApplication(sys.argv[:1])
    project = Project.open(path)
    note = project.notes()[0]
    source = project.sources()[0]
    length = source.chars

    def write_note(body: str) -> None:
        say("B", json.dumps({"kind": "note", "length": len(body)}))
        project.update_note(note.id, body=body)
        say("D", json.dumps({"kind": "note", "length": len(body)}))

    editor = NoteEditor()
    editor.load(note.body, write_note)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    say("READY")
    counter = 0
    while True:
        counter += 1
        choice = rng.random()
        if choice < 0.55:  # type a few characters, then let the event loop run (timers)
            chunk = rng.choice(WORDS)[: rng.randint(1, 6)] + " "
            editor.insertPlainText(chunk)
            say("T", json.dumps({"text": chunk, "at": time.monotonic()}))
            until = time.monotonic() + rng.uniform(0.005, 0.04)
            while time.monotonic() < until:
                app.processEvents()
                time.sleep(0.002)
            continue
        themes = [t.id for t in project.themes()]
        passages = project.passages()
        if choice < 0.75:
            start = rng.randrange(0, length - 40)
            chosen = sorted(rng.sample(themes, 2 if rng.random() < 0.3 else 1))
            action = {"kind": "tag", "span": [start, start + rng.randint(5, 40)], "themes": chosen}
            say("B", json.dumps(action))
            passage = project.add_passage(source.id, *action["span"], chosen)
            say("D", json.dumps({**action, "id": passage.id}))
        elif choice < 0.85 and passages:
            target = rng.choice(passages)
            action = {"kind": "memo", "id": target.id, "memo": f"memo {seed}-{counter}"}
            say("B", json.dumps(action))
            project.set_memo(target.id, action["memo"])
            say("D", json.dumps(action))
        elif choice < 0.93:
            target_id = rng.choice(themes)
            action = {"kind": "theme", "id": target_id, "name": f"Theme {seed}-{counter}"}
            say("B", json.dumps(action))
            project.update_theme(target_id, name=action["name"])
            say("D", json.dumps(action))
        elif passages:
            target = rng.choice(passages)
            action = {"kind": "delete", "id": target.id}
            say("B", json.dumps(action))
            project.delete_passage(target.id)
            say("D", json.dumps(action))


if __name__ == "__main__":
    main()
