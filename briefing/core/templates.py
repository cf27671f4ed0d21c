"""Note templates from ``resources/templates``: the sections of a briefing note, with prompts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from briefing.core.errors import NotFound
from briefing.core.resources import resource_path


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    purpose: str  # "decision" or "information": the note's default purpose
    body: str


def templates() -> list[Template]:
    folder = resource_path("templates")
    index = json.loads((folder / "templates.json").read_text(encoding="utf-8"))
    return [
        Template(
            name=entry["name"],
            label=entry["label"],
            purpose=entry["purpose"],
            body=(folder / entry["file"]).read_text(encoding="utf-8"),
        )
        for entry in index["templates"]
    ]


def template(name: str) -> Template:
    for candidate in templates():
        if candidate.name == name.strip().lower():
            return candidate
    known = ", ".join(t.name for t in templates())
    raise NotFound(f"no template named {name!r} (templates: {known})")
