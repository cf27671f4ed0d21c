"""The Markdown export's footnote labels carry the citation, so a note read back is the same note.

A citation's footnote is labelled by the passages it names: ``[@p12]`` -> ``[^p12]``,
``[@p1; @p2]`` -> ``[^p1_p2]``, a locator after ``~`` with every character but ASCII letters and
digits percent-encoded (``[@p4, p. 3]`` -> ``[^p4~p%2E%203]``); a label used before gets ``.2``,
``.3``... Labels hold no space or bracket, as pandoc and CommonMark footnotes require.

``restore_citations`` undoes the export: each labelled mark becomes its citation again, in
pandoc's place for it (``text [@p1].``: a space before, the punctuation the export moved in
front of the mark back after it), and the footnote definitions and the annex the export added go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.core.citations import code_ranges
from briefing.exporters.annex import ANNEX_INTROS, ANNEX_TITLE
from briefing.exporters.citation_format import missing_text

ITEM = r"p\d+(?:~[A-Za-z0-9%]*)?"
LABEL = rf"{ITEM}(?:_{ITEM})*(?:\.\d+)?"
_LABEL_RE = re.compile(rf"^{LABEL}$")
_REF_RE = re.compile(rf"(?<!\\)\[\^({LABEL})\](?!:)")
_DEFINITION_RE = re.compile(rf"^\[\^({LABEL})\]: .*$", re.MULTILINE)
_MISSING_RE = re.compile(r"\\\[missing passage p(\d+)\\\]")
_MOVED_PUNCTUATION_RE = re.compile(r"(?<=\S)[.,;:!?]+$")
_ESCAPED_HTML_RE = re.compile(r"&lt;(?=[A-Za-z/!?])")


def encode_locator(locator: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else _percent(c) for c in locator)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _decode_locator(text: str) -> str:
    data = bytearray()
    pos = 0
    while pos < len(text):
        if text[pos] == "%" and pos + 3 <= len(text):
            data += bytes.fromhex(text[pos + 1 : pos + 3])
            pos += 3
        else:
            data += text[pos].encode("utf-8")
            pos += 1
    return data.decode("utf-8", errors="replace")


def citation_label(passage_ids: Sequence[int], locators: Sequence[str]) -> str:
    items = [
        f"p{pid}" + (f"~{encode_locator(loc)}" if loc else "")
        for pid, loc in zip(passage_ids, locators, strict=True)
    ]
    return "_".join(items)


def unique_labels(labels: Sequence[str], taken: set[str]) -> list[str]:
    """``labels`` made unique among themselves and ``taken`` with ``.2``, ``.3``..."""
    used = set(taken)
    out = []
    for label in labels:
        candidate, n = label, 1
        while candidate in used:
            n += 1
            candidate = f"{label}.{n}"
        used.add(candidate)
        out.append(candidate)
    return out


def parse_label(label: str) -> list[tuple[int, str]]:
    """(passage id, locator) of each passage a label names."""
    base = re.sub(r"\.\d+$", "", label)
    parsed = []
    for item in base.split("_"):
        pid, _, locator = item.partition("~")
        parsed.append((int(pid[1:]), _decode_locator(locator)))
    return parsed


def citation_text(items: list[tuple[int, str]]) -> str:
    return "[" + "; ".join(f"@p{pid}" + (f", {loc}" if loc else "") for pid, loc in items) + "]"


def is_citation_label(label: str) -> bool:
    return bool(_LABEL_RE.match(label))


def restore_citations(text: str) -> str:
    """The body of an exported note as it was typed: citations back, additions gone."""
    body = "\n".join(_without_annex(text.split("\n")))
    body = _DEFINITION_RE.sub("", body)
    body = re.sub(r"\n{3,}", "\n\n", body).rstrip("\n") + "\n"
    protected = code_ranges(body)
    out: list[str] = []
    pos = 0
    for match in _REF_RE.finditer(body):
        if in_code(protected, match.start()):
            continue
        before = body[pos : match.start()]
        items = parse_label(match.group(1))
        after = match.end()
        for pid in (pid for pid, _loc in items):
            missing = " " + missing_text(pid).replace("[", "\\[").replace("]", "\\]")
            if body.startswith(missing, after):
                after += len(missing)
        moved = _MOVED_PUNCTUATION_RE.search(before)
        if moved:
            before = before[: moved.start()]
        space = "" if not before or before[-1] in " \t\n" else " "
        out += [before, space, citation_text(items), moved.group(0) if moved else ""]
        pos = after
    out.append(body[pos:])
    restored = "".join(out)
    restored = _MISSING_RE.sub(lambda m: f"[@p{m.group(1)}]", restored)
    protected = code_ranges(restored)
    return _ESCAPED_HTML_RE.sub(
        lambda m: m.group(0) if in_code(protected, m.start()) else "<", restored
    )


def _without_annex(lines: list[str]) -> list[str]:
    """The lines before the annex the export wrote: its heading, then its introduction."""
    heading = f"# {ANNEX_TITLE}"
    intros = set(ANNEX_INTROS.values())
    for index in range(len(lines) - 1, -1, -1):
        if lines[index] != heading:
            continue
        following = next((line for line in lines[index + 1 :] if line.strip()), "")
        if following in intros:
            return lines[:index]
    return lines


def in_code(ranges: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in ranges)
