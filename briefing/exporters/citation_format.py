"""How a citation reads, for every renderer: its footnote, its inline form, where its mark goes.

The wording lives here once. A text is a tuple of ``Piece``s (our punctuation, text from the
project, a source's title, a link, a quote); the document builder turns pieces into elements
for the Word export and the preview (``document.inline_elements``), the Markdown export into
escaped Markdown (``markdown_export.markdown_pieces``), the page meter into plain text.

``CitationFormatter`` words the citations of one note. The document builder makes one per note
and asks it about each citation once, in reading order, and keeps the answers for every
renderer: a rule that depends on what came before (a later citation of a passage in a short
form) belongs in it, and the Word, Markdown and preview outputs follow it together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# Punctuation a note mark moves past, as pandoc places note citations; not the "[" or "(" of
# a link or a parenthesis that follows it.
_MARK_PUNCTUATION_RE = re.compile(r"[.,;:!?]+(?![\[(])")

PieceKind = Literal["punct", "text", "title", "link", "quote"]


@dataclass(frozen=True)
class Piece:
    """A stretch of citation text. ``punct`` is ours and never needs escaping; ``text`` comes
    from the project; ``title`` is shown in italics, ``quote`` in curly quotes, and ``link``
    links ``text`` to ``url``."""

    kind: PieceKind
    text: str
    url: str = ""


Text = tuple[Piece, ...]


@dataclass(frozen=True)
class CitedPassage:
    """What a footnote or the annex says about one passage."""

    passage_id: int
    title: str
    author: str  # the author, else the outlet
    date: str
    page: str  # "p. 3", a citation's own locator, or ""
    origin: str  # as shown: a URL, or a file's name (never the analyst's folders)
    origin_url: str  # the origin when it is an http(s) URL, else ""
    quote: str  # the passage on one line
    memo: str

    def label_parts(self) -> list[str]:
        """Title, author, date, page and origin, those that are known."""
        return [p for p in (self.title, self.author, self.date, self.page, self.origin) if p]


def missing_text(pid: int) -> str:
    """What the body shows where a cited passage does not exist."""
    return f"[missing passage p{pid}]"


def grouped(entries: Sequence[CitedPassage]) -> list[tuple[CitedPassage, list[str]]]:
    """Consecutive passages with the same label, named once: (first entry, their quotes)."""
    groups: list[tuple[CitedPassage, list[str]]] = []
    for entry in entries:
        if groups and groups[-1][0].label_parts() == entry.label_parts():
            groups[-1][1].append(entry.quote)
        else:
            groups.append((entry, [entry.quote]))
    return groups


def source_label(entry: CitedPassage) -> Text:
    """A passage's source: title (italic), author, date, page, origin (linked when a URL)."""
    pieces = [Piece("title", entry.title)]
    for value in (entry.author, entry.date, entry.page):
        if value:
            pieces += [Piece("punct", ", "), Piece("text", value)]
    if entry.origin:
        pieces.append(Piece("punct", ", "))
        kind: PieceKind = "link" if entry.origin_url else "text"
        pieces.append(Piece(kind, entry.origin, entry.origin_url))
    return tuple(pieces)


def quoted(text: str) -> str:
    """A passage's words as every output quotes them."""
    return f"“{text}”"


def plain_text(pieces: Iterable[Piece]) -> str:
    """The pieces as unformatted text (quotes keep their quotation marks)."""
    return "".join(quoted(p.text) if p.kind == "quote" else p.text for p in pieces)


class CitationFormatter:
    """The text of each citation of one note, asked for in reading order."""

    def footnote(self, entries: Sequence[CitedPassage]) -> Text:
        """A citation's footnote: each source's label, then its quotes; sources separated by
        semicolons; a full stop at the end unless a quote ends it."""
        pieces: list[Piece] = []
        for i, (entry, quotes) in enumerate(grouped(entries)):
            if i:
                pieces.append(Piece("punct", "; "))
            pieces += source_label(entry)
            shown = [q for q in quotes if q]
            for n, quote in enumerate(shown):
                pieces += [Piece("punct", "; " if n else ": "), Piece("quote", quote)]
        if not entries or not entries[-1].quote:
            pieces.append(Piece("punct", "."))
        return tuple(pieces)

    def inline(self, entries: Sequence[CitedPassage], missing: Sequence[int]) -> Text:
        """A citation inside the author's own footnote, where Word allows no footnote: the
        sources' labels (plain) and any missing passages, in brackets."""
        labels = [[Piece("text", part) for part in e.label_parts()] for e in entries]
        labels += [[Piece("text", missing_text(pid))] for pid in missing]
        pieces = [Piece("punct", "(")]
        for i, label in enumerate(labels):
            if i:
                pieces.append(Piece("punct", "; "))
            for n, piece in enumerate(label):
                if n:
                    pieces.append(Piece("punct", ", "))
                pieces.append(piece)
        pieces.append(Piece("punct", ")"))
        return tuple(pieces)


# Where a note mark goes: no space before it, and after the punctuation that follows the
# citation ("text [@p1]." is written "text.¹"). Both renderers of the body place marks so.


def mark_start(text: str, start: int) -> int:
    """Where a mark replacing a citation at ``text[start:]`` begins: spaces before it go."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def punctuation_after_mark(text: str, pos: int = 0) -> str:
    """The punctuation at ``text[pos:]`` that a mark just before ``pos`` moves past."""
    match = _MARK_PUNCTUATION_RE.match(text, pos)
    return match.group(0) if match else ""
