"""Finding the files in ``resources/`` and ``seeds/``, installed or in a checkout.

The wheel carries both folders inside the package (as ``briefing/_resources`` and
``briefing/_seeds``); a checkout or an editable install has them at the top level.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def _folder(installed: str, checkout: str) -> Path:
    for candidate in (_PACKAGE / installed, _PACKAGE.parent / checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Briefing's {checkout}/ folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``."""
    return _folder("_resources", "resources").joinpath(*parts)


def seed_path(*parts: str) -> Path:
    """A file under ``seeds/``."""
    return _folder("_seeds", "seeds").joinpath(*parts)


def default_themes() -> list[dict[str, Any]]:
    """The themes a new project starts with: name, colour, description, keywords."""
    data = json.loads(resource_path("themes.json").read_text(encoding="utf-8"))
    return list(data["themes"])


def theme_palette() -> list[str]:
    """Colours offered to new themes after the defaults' own."""
    data = json.loads(resource_path("themes.json").read_text(encoding="utf-8"))
    return [t["colour"] for t in data["themes"]] + list(data["palette"])
