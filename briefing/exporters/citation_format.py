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
    source_id: int = 0  # 0 when not known: the title then tells sources apart
    short_title: str = ""  # the title before its subtitle, at most five words

    @property
    def source_key(self) -> int | str:
        return self.source_id or self.title

    def label_parts(self) -> list[str]:
        """Title, author, date, page and origin, those that are known."""
        return [p for p in (self.title, self.author, self.date, self.page, self.origin) if p]


_SUBTITLE_RE = re.compile(r"\s*[:–—]\s+|\s+-\s+")
_SHORT_WORDS = 5


def short_title(title: str) -> str:
    """A source's short title (Chicago's short form): the title before its subtitle, its
    first five words when it has more than six."""
    main = _SUBTITLE_RE.split(title, maxsplit=1)[0].strip() or title
    words = main.split()
    return " ".join(words[:_SHORT_WORDS] if len(words) > _SHORT_WORDS + 1 else words)


def missing_text(pid: int) -> str:
    """What the body shows where a cited passage does not exist."""
    return f"[missing passage p{pid}]"


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


def short_label(entry: CitedPassage, title: str | None = None) -> Text:
    """A passage's source named again: its short title (italic) and page."""
    pieces = [Piece("title", title or entry.short_title or entry.title)]
    if entry.page:
        pieces += [Piece("punct", ", "), Piece("text", entry.page)]
    return tuple(pieces)


def quoted(text: str) -> str:
    """A passage's words as every output quotes them."""
    return f"“{text}”"


def plain_text(pieces: Iterable[Piece]) -> str:
    """The pieces as unformatted text (quotes keep their quotation marks)."""
    return "".join(quoted(p.text) if p.kind == "quote" else p.text for p in pieces)


class ShortTitles:
    """Short titles that tell sources apart: a source whose short title another source already
    took is named by its full title."""

    def __init__(self) -> None:
        self._owner: dict[str, int | str] = {}

    def __call__(self, entry: CitedPassage) -> str:
        short = entry.short_title or entry.title
        owner = self._owner.setdefault(short, entry.source_key)
        return short if owner == entry.source_key else entry.title


class CitationFormatter:
    """The text of each citation of one note, asked for in reading order.

    Concise citations: a source is named in full (title, author, date, page, origin) the first
    time it is cited, and by its short title and page after that; a passage is quoted the first
    time it is cited only. A later citation of the same passage is therefore "*Short title*, p. 3."
    """

    def __init__(self) -> None:
        self.sources_named: set[int | str] = set()
        self.passages_quoted: set[int] = set()
        self.short_titles = ShortTitles()

    def footnote(self, entries: Sequence[CitedPassage]) -> Text:
        """A citation's footnote: each source's label, then its quotes not given before;
        sources separated by semicolons; a full stop at the end unless a quote ends it."""
        pieces: list[Piece] = []
        ends_on_quote = False
        for i, (entry, group) in enumerate(self._groups(entries)):
            if i:
                pieces.append(Piece("punct", "; "))
            if entry.source_key in self.sources_named:
                pieces += short_label(entry, self.short_titles(entry))
            else:
                self.short_titles(entry)
                pieces += source_label(entry)
                self.sources_named.add(entry.source_key)
            shown = [e.quote for e in group if e.quote and e.passage_id not in self.passages_quoted]
            self.passages_quoted.update(e.passage_id for e in group)
            for n, quote in enumerate(shown):
                pieces += [Piece("punct", "; " if n else ": "), Piece("quote", quote)]
            ends_on_quote = bool(shown)
        if not ends_on_quote:
            pieces.append(Piece("punct", "."))
        return tuple(pieces)

    @staticmethod
    def _groups(entries: Sequence[CitedPassage]) -> list[tuple[CitedPassage, list[CitedPassage]]]:
        """Consecutive passages with the same label: (the first, all of them)."""
        groups: list[tuple[CitedPassage, list[CitedPassage]]] = []
        for entry in entries:
            if groups and groups[-1][0].label_parts() == entry.label_parts():
                groups[-1][1].append(entry)
            else:
                groups.append((entry, [entry]))
        return groups

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
