"""Where a query occurs in a text: the one rule that Find (Ctrl+F) and Search All Sources share.

The query is found as typed, as Find does in Word or a browser: its words in order, with any
run of spaces or line breaks between them, so "export control" is one match (also across a
line break), never one per word. Whole words by default: "port" does not match "export";
a word ending in ``*`` matches as the start of a word ("invest*" finds "investment"). Part of
words and match case are options. Straight and curly quotes and apostrophes match each other
(sources from Word are full of ’ that nobody types), and quotation marks around the whole
query are dropped, so ``"digital europe"`` still finds the phrase.

Everything here is pure: the store's search confirms the places its index found with
``find_matches``, and the find bar calls it on the source shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that stand for each other: what Word writes and what keyboards type.
_EQUIVALENT = {
    "'": "'‘’",
    "‘": "'‘’",
    "’": "'‘’",
    '"': '"“”',
    "“": '"“”',
    "”": '"“”',
}
_QUOTES = '"“”'


@dataclass(frozen=True)
class MatchOptions:
    """How a query matches: whole words (the default) or any part of a word; any case (the
    default) or the case typed."""

    whole_words: bool = True
    match_case: bool = False


WHOLE_WORDS = MatchOptions()


def query_words(query: str) -> list[str]:
    """The query's words, in order; quotation marks around the whole query are dropped, and a
    word that is only ``*`` is nothing."""
    text = query.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1]
    return [word for word in text.split() if word.rstrip("*")]


def _word_pattern(word: str) -> str:
    prefix = word.endswith("*")
    body = "".join(
        f"[{_EQUIVALENT[ch]}]" if ch in _EQUIVALENT else re.escape(ch) for ch in word.rstrip("*")
    )
    return body + (r"\w*" if prefix else "")


def compile_query(query: str, options: MatchOptions = WHOLE_WORDS) -> re.Pattern[str] | None:
    """The query as a pattern, or None when it has no words. In whole-word mode a match may
    not start or end inside a word (where the query itself starts or ends with a letter).
    This is the rule; ``find_matches`` finds the same matches faster."""
    words = query_words(query)
    if not words:
        return None
    lead, body = _parts(words, options)
    return re.compile(lead + body, 0 if options.match_case else re.IGNORECASE)


def _parts(words: list[str], options: MatchOptions) -> tuple[str, str]:
    """The pattern's word-edge check before the first word (empty when none), and the rest."""
    body = r"\s+".join(_word_pattern(w) for w in words)
    lead = ""
    if options.whole_words:
        if _is_word_char(words[0][0]):
            lead = r"(?<!\w)"
        if words[-1].endswith("*") or _is_word_char(words[-1].rstrip("*")[-1]):
            body += r"(?!\w)"
    return lead, body


def find_matches(
    text: str, query: str, options: MatchOptions = WHOLE_WORDS
) -> list[tuple[int, int]]:
    """Code-point spans of every match of ``query`` in ``text``, in order, never overlapping:
    the matches of ``compile_query``'s pattern.

    A case-insensitive pattern over megabytes is slow (80 ms for a phrase across 50 reports),
    so the search runs case-sensitively on a lower-cased copy (the same length, else the slow
    way) with the query lower-cased, which lets the regex engine skip ahead to the first
    word's letters; the word edge before a match is checked here."""
    words = query_words(query)
    if not words:
        return []
    haystack = text if options.match_case else text.lower()
    if len(haystack) != len(text):  # a few characters change length in lower case
        pattern = compile_query(query, options)
        assert pattern is not None
        return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    if not options.match_case:
        words = [w.lower() for w in words]
    lead, body = _parts(words, options)
    pattern = re.compile(body)
    edge = re.compile(lead) if lead else None
    spans: list[tuple[int, int]] = []
    found = pattern.search(haystack)
    while found is not None:
        start, end = found.span()
        if end > start and (edge is None or edge.match(haystack, start)):
            spans.append((start, end))
            found = pattern.search(haystack, end)
        else:
            found = pattern.search(haystack, start + 1)
    return spans


def count_matches(text: str, query: str, options: MatchOptions = WHOLE_WORDS) -> int:
    return len(find_matches(text, query, options))


def index_terms(query: str, options: MatchOptions = WHOLE_WORDS) -> list[str] | None:
    """What a word index (FTS5, a tsvector) is asked for to narrow the sources before
    ``find_matches`` confirms each place: the phrase (``prefix*`` on its last word), or its
    words one by one when a word inside it is a prefix. None when an index of whole words
    cannot narrow: a search for parts of words, or a query without a letter or digit."""
    words = query_words(query)
    if not options.whole_words or not any(_is_word_char(ch) for w in words for ch in w):
        return None
    if any(w.endswith("*") for w in words[:-1]):
        return words
    return [" ".join(words)]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
