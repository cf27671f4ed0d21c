"""Note templates: the sections of a briefing note, with prompts, and how its brief is laid out.

Two folders hold them, each with a ``templates.json`` index and one Markdown file a template:
the shipped ones in ``resources/templates``, and the user's own in ``templates/`` under the
data folder (``briefing.core.paths.data_dir``), so a template a user adds serves every project.
Each entry names its file and carries its settings: the purpose a new note starts with, the
options of the decision block, the marking's place on the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.errors import InvalidInput, NotFound
from briefing.core.paths import data_dir
from briefing.core.resources import resource_path
from briefing.core.safe_write import write_atomically

PURPOSES = ("decision", "information")
MARKING_POSITIONS = ("centre", "right")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class TemplateSettings:
    """How a brief from the template is laid out (the defaults suit an Australian-style brief).

    ``decision_options`` go beside each recommendation of the decision block; a recommendation
    that begins "Note" gets ``noting_options`` instead (a minister notes, rather than agrees to,
    what is only for information). ``marking_position`` is "centre" or "right" (top right, as
    Canadian notes place PROTECTED B)."""

    decision_options: tuple[str, ...] = ("Agreed", "Not agreed")
    noting_options: tuple[str, ...] = ("Noted", "Please discuss")
    marking_position: str = "centre"

    def as_dict(self) -> dict[str, Any]:
        return {
            "decision_options": list(self.decision_options),
            "noting_options": list(self.noting_options),
            "marking_position": self.marking_position,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TemplateSettings:
        default = cls()
        position = str(data.get("marking_position", default.marking_position)).lower()
        return cls(
            decision_options=_options(data.get("decision_options"), default.decision_options),
            noting_options=_options(data.get("noting_options"), default.noting_options),
            marking_position=position if position in MARKING_POSITIONS else "centre",
        )


def _options(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split("/")
    if not isinstance(value, list | tuple):
        return default
    found = tuple(" ".join(str(v).split()) for v in value if str(v).strip())
    return found or default


def parse_options(text: str) -> tuple[str, ...]:
    """ "Agree / Disagree" as typed in a form -> ("Agree", "Disagree")."""
    return _options(text, ())


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    purpose: str  # "decision" or "information": the note's default purpose
    body: str
    settings: TemplateSettings = field(default_factory=TemplateSettings)
    user: bool = False  # added by the user (in the data folder), not shipped


def user_templates_folder() -> Path:
    return data_dir() / "templates"


def _index(folder: Path) -> list[dict[str, Any]]:
    path = folder / "templates.json"
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get("templates", [])
    except (OSError, ValueError, AttributeError):
        return []  # a damaged user index hides the user's templates, never the shipped ones
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("name"), str)]


def _load(folder: Path, entry: dict[str, Any], *, user: bool) -> Template | None:
    try:
        body = (folder / str(entry["file"])).read_text(encoding="utf-8")
    except (OSError, KeyError, UnicodeDecodeError):
        return None
    purpose = str(entry.get("purpose", "decision"))
    return Template(
        name=entry["name"],
        label=str(entry.get("label") or entry["name"]),
        purpose=purpose if purpose in PURPOSES else "decision",
        body=body.replace("\r\n", "\n"),
        settings=TemplateSettings.from_dict(entry),
        user=user,
    )


def templates() -> list[Template]:
    """The shipped templates, then the user's own."""
    found: list[Template] = []
    for folder, user in ((resource_path("templates"), False), (user_templates_folder(), True)):
        for entry in _index(folder):
            loaded = _load(folder, entry, user=user)
            if loaded is not None and all(t.name != loaded.name for t in found):
                found.append(loaded)
    return found


def template(name: str) -> Template:
    for candidate in templates():
        if candidate.name == name.strip().lower():
            return candidate
    known = ", ".join(t.name for t in templates())
    raise NotFound(f"no template named {name!r} (templates: {known})")


def template_settings(name: str) -> TemplateSettings:
    """The settings of the template a note was made from; the defaults for an unknown one.
    Reads only the indexes (the page meter asks on every pause in typing)."""
    key = name.strip().lower()
    for folder in (resource_path("templates"), user_templates_folder()):
        for entry in _index(folder):
            if entry["name"] == key:
                return TemplateSettings.from_dict(entry)
    return TemplateSettings()


def add_user_template(
    name: str, label: str, purpose: str, body: str, settings: TemplateSettings
) -> Template:
    """Save a template of the user's in the data folder; refused if the name is taken."""
    key = name.strip().lower()
    if not _NAME_RE.match(key):
        raise InvalidInput(f"{name!r} cannot name a template: use up to 40 letters, digits, - or _")
    if any(t.name == key for t in templates()):
        raise InvalidInput(f"a template named {key!r} exists already")
    if purpose not in PURPOSES:
        raise InvalidInput(f"a template's purpose is one of {', '.join(PURPOSES)}")
    if not body.strip():
        raise InvalidInput("the template's Markdown is empty")
    folder = user_templates_folder()
    folder.mkdir(parents=True, exist_ok=True)
    entries = _index(folder)
    data = body.replace("\r\n", "\n").encode("utf-8")
    write_atomically(folder / f"{key}.md", lambda handle: handle.write(data))
    entry = {"name": key, "label": " ".join(label.split()) or key, "purpose": purpose}
    entry |= {"file": f"{key}.md", **settings.as_dict()}
    index = json.dumps({"templates": [*entries, entry]}, indent=2, ensure_ascii=False)
    write_atomically(folder / "templates.json", lambda h: h.write(index.encode("utf-8")))
    return template(key)
