"""A note's YAML front matter: the header block and sign-off at the top of a Markdown file.

The keys are those of DESIGN.md section 6 (``title`` and ``METADATA_KEYS``); lists are YAML
lists, the contact and the sign-off people YAML mappings (a bare name is accepted for each).
``briefing note PROJECT --from FILE.md`` reads them; the Markdown export writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefing.core.errors import InvalidInput
from briefing.core.model import METADATA_KEYS, NoteMetadata

FRONT_MATTER_KEYS: tuple[str, ...] = ("title", *METADATA_KEYS)
# Keys older exports wrote that carry nothing to read back: skipped without a warning.
_DERIVED_KEYS = frozenset({"themes"})
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class NoteFile:
    """A Markdown note split into its front matter and body."""

    body: str
    data: dict[str, Any] = field(default_factory=dict)  # the known keys it sets
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str | None:
        value = self.data.get("title")
        return None if value is None else " ".join(str(value).split())

    def metadata(self, current: NoteMetadata | None = None) -> NoteMetadata:
        """``current`` with the keys the front matter sets replaced (defaults for a new note)."""
        merged = (current or NoteMetadata()).as_dict()
        merged.update({k: v for k, v in self.data.items() if k != "title"})
        return NoteMetadata.from_dict(merged)


def read_note_file(text: str) -> NoteFile:
    """Split ``text`` (a .md file's content, LF line endings) into front matter and body.

    A file without front matter is all body. Raises InvalidInput, in one line, for front matter
    that is not YAML or not a mapping; unknown keys are skipped with a warning.
    """
    if not text.startswith("---\n"):
        return NoteFile(text)
    close = _CLOSE_RE.search(text, 4)
    if close is None:
        return NoteFile(text)  # a thematic break, not front matter
    raw = text[4 : close.start()]
    body = text[close.end() :]
    body = body[1:] if body.startswith("\n") else body
    body = body[1:] if body.startswith("\n") else body  # the blank line after the fence
    import yaml  # loaded when a file has front matter: the command line starts fast without

    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InvalidInput(f"the front matter is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise InvalidInput("the front matter must be a YAML mapping of keys to values")
    known = {str(k): v for k, v in data.items() if str(k) in FRONT_MATTER_KEYS}
    unknown = [str(k) for k in data if str(k) not in {*FRONT_MATTER_KEYS, *_DERIVED_KEYS}]
    warnings = tuple(
        f"front matter key {key!r} is not a note field; it was ignored "
        f"(keys: {', '.join(FRONT_MATTER_KEYS)})"
        for key in unknown
    )
    return NoteFile(body, known, warnings)
