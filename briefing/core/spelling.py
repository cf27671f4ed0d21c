"""Spelling: which words of a note are misspelt, what to suggest, and how many words it has.

Pure Python, no Qt, so the window's spell check and the ``check`` verb read a note the same way.
Words are runs of letters (apostrophes inside count: "don't", "Europe's"); never checked:
citations, code (spans and fenced blocks), URLs and e-mail addresses, the template's
bracketed prompts, words in capitals (OFFICIAL, EU) or with capitals inside (PostgreSQL), and
the project's own dictionary.

The word lists are pyspellchecker's (MIT; English, French, German, Spanish and more), read
directly from its package. They do not tell UK and US spelling apart (the English list is
American), so English (UK) accepts the British form of a word whose American form is listed
(colour, centre, organise, analyse, defence, travelled, programme...) and flags the common
American-only forms (color, center, analyze...). See docs/decisions.md for the choice.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from briefing.core.citations import Citation, code_ranges, parse_citations

LANGUAGES = {
    "en_GB": "English (UK)",
    "en_US": "English (US)",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
}
DEFAULT_LANGUAGE = "en_GB"
LANGUAGE_KEY = "spelling.language"  # project info: the language a project's notes are in
WORDS_KEY = "spelling.words"  # project info: the project dictionary, one word a line
MAX_TWO_EDITS = 12  # longer words get one-edit suggestions only (two take seconds)
_WORD_LIST = {"en_GB": "en", "en_US": "en", "fr": "fr", "de": "de", "es": "es"}

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# What is never spell-checked, each tried only when its telltale character is in the text
# (the e-mail pattern alone cost a third of a millisecond on a long paragraph).
_SKIPS = (
    ("/", re.compile(r"(?:https?://|ftp://)[^\s<>()\[\]]+")),  # URLs
    ("www.", re.compile(r"www\.[^\s<>()\[\]]+")),
    ("@", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),  # e-mail addresses
    ("[", re.compile(r"\[[^\[\]\n]*\](?!\()")),  # bracketed prompts; a link's text is read
    ("](", re.compile(r"\]\([^)\s]*\)")),  # a link's destination
)
_COUNTED_RE = re.compile(r"[\w’'-]*\w[\w’'-]*")
_LIST_MARKER_RE = re.compile(r"^[ \t>]*\d{1,9}[.)](?=[ \t])", re.M)
_POSSESSIVE_RE = re.compile(r"['’]s$", re.I)
# British endings -> American ones: a British word is right when its American form is listed.
_UK_ENDINGS = (
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourite", "orite"),
    ("ourites", "orites"), ("ourable", "orable"), ("ourful", "orful"), ("ourless", "orless"),
    ("tre", "ter"), ("tres", "ters"), ("tred", "tered"), ("tring", "tering"),
    ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("isation", "ization"), ("isations", "izations"), ("iser", "izer"), ("isers", "izers"),
    ("yse", "yze"), ("ysed", "yzed"), ("yses", "yzes"), ("ysing", "yzing"),
    ("ence", "ense"), ("ences", "enses"), ("ogue", "og"), ("ogues", "ogs"),
    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers"),
    ("mme", "m"), ("mmes", "ms"), ("ement", "ment"), ("eing", "ing"),
)  # fmt: skip
_UK_WORDS = {"grey": "gray", "greys": "grays", "cheque": "check", "cheques": "checks",
             "tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "manoeuvre": "maneuver",
             "manoeuvres": "maneuvers", "plough": "plow", "sceptical": "skeptical",
             "paediatric": "pediatric", "kerb": "curb", "storey": "story",
             "storeys": "stories"}  # fmt: skip
# American-only forms that a British reader marks wrong, with the British form to suggest.
_US_ONLY = {
    "color": "colour", "colors": "colours", "colored": "coloured", "coloring": "colouring",
    "favor": "favour", "favors": "favours", "favorite": "favourite", "favorable": "favourable",
    "honor": "honour", "honors": "honours", "labor": "labour", "neighbor": "neighbour",
    "neighbors": "neighbours", "behavior": "behaviour", "behaviors": "behaviours",
    "harbor": "harbour", "humor": "humour", "rumor": "rumour", "vapor": "vapour",
    "endeavor": "endeavour", "center": "centre", "centers": "centres", "centered": "centred",
    "theater": "theatre", "fiber": "fibre", "liter": "litre", "defense": "defence",
    "offense": "offence", "pretense": "pretence", "analyze": "analyse", "analyzed": "analysed",
    "analyzing": "analysing", "paralyze": "paralyse", "catalog": "catalogue",
    "traveled": "travelled", "traveling": "travelling", "traveler": "traveller",
    "canceled": "cancelled", "canceling": "cancelling", "modeled": "modelled",
    "modeling": "modelling", "labeled": "labelled", "labeling": "labelling", "gray": "grey",
    "aluminum": "aluminium", "maneuver": "manoeuvre", "skeptical": "sceptical",
}  # fmt: skip
_LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz'",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ'",
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
}


@dataclass
class Dictionary:
    """One language's words (lower case) with how common each is, for ranking suggestions."""

    language: str
    counts: dict[str, int] = field(repr=False)

    def known(self, word: str, extra: frozenset[str] = frozenset()) -> bool:
        """Whether ``word`` is spelt right (as written, or in lower case at a sentence start)."""
        if word in extra or word.lower() in extra:
            return True
        plain = word.replace("’", "'")
        lower = plain.lower()
        if self.language == "en_GB" and lower in _US_ONLY:
            return False
        if lower in self.counts:
            return True
        stem = _POSSESSIVE_RE.sub("", lower)
        if stem != lower and stem in self.counts:
            return True
        head, _, tail = lower.partition("'")
        if self.language == "fr" and tail and (len(head) <= 2 or head in ("qu", "jusqu")):
            return tail in self.counts  # elisions: l'économie, d'agir, qu'il
        return self.language == "en_GB" and _american(stem) in self.counts

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Words within two edits of ``word``, most common first, in its capitalisation."""
        lower = word.lower().replace("’", "'")
        found: list[str] = []
        if self.language == "en_GB" and lower in _US_ONLY:
            found.append(_US_ONLY[lower])
        letters = _LETTERS.get(_WORD_LIST[self.language], _LETTERS["en"])
        near = _edits(lower, letters)
        ranked = sorted((w for w in near if self._fits(w)), key=self._rank)
        if not ranked and len(lower) <= MAX_TWO_EDITS:
            # Two edits only when one finds nothing: a million candidates for a long word.
            farther = {w for e in near for w in _edits(e, letters) if w != lower}
            ranked = sorted((w for w in farther - near if self._fits(w)), key=self._rank)
        found += [w for w in ranked if w not in found]
        return [_like(word, w) for w in found[:limit]]

    def _fits(self, word: str) -> bool:
        return word in self.counts and not (self.language == "en_GB" and word in _US_ONLY)

    def _rank(self, word: str) -> tuple[int, str]:
        return (-self.counts.get(word, 0), word)


def _american(word: str) -> str:
    if word in _UK_WORDS:
        return _UK_WORDS[word]
    for uk, us in _UK_ENDINGS:
        if word.endswith(uk) and len(word) > len(uk) + 1:
            return word[: -len(uk)] + us
    return word


def _edits(word: str, letters: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | swaps | replaces | inserts


def _like(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def read_word_list(language: str) -> dict[str, int]:
    """The word list of a language (``LANGUAGES``) from pyspellchecker's package data.

    The file holds one ``"word": count,`` a line; read line by line (a plain loop rather than
    one ``json.loads``), so a thread loading it lets the window's thread run meanwhile."""
    name = _WORD_LIST.get(language)
    if name is None:
        raise ValueError(f"no dictionary for the language {language!r}")
    data = resources.files("spellchecker").joinpath(f"resources/{name}.json.gz").read_bytes()
    counts: dict[str, int] = {}
    for line in gzip.decompress(data).decode("utf-8").split("\n"):
        end = line.find('"', 1)
        if line.startswith('"') and end > 1:
            digits = line[end + 2 :].strip(" ,")
            counts[line[1:end]] = int(digits) if digits.isdigit() else 1
    return counts


@lru_cache(maxsize=4)
def dictionary(language: str) -> Dictionary:
    """The dictionary of a language, loaded once per process."""
    return Dictionary(language, read_word_list(language))


@lru_cache(maxsize=8)
def literal_spans(text: str) -> tuple[tuple[Citation, ...], tuple[tuple[int, int], ...]]:
    """The citations and the code of ``text``, read once for the spell check and the editor's
    highlighting of the same line (each keystroke asks for both)."""
    return tuple(parse_citations(text)), tuple(code_ranges(text))


def words(text: str) -> list[tuple[int, int, str]]:
    """The words to check in ``text`` (one line or a whole body): (start, end, word), code
    points, leaving out citations, code, URLs, bracketed prompts, capitals and inner capitals."""
    citations, code = literal_spans(text)
    skipped = [(c.start, c.end) for c in citations] + list(code)
    skipped += _skipped(text)
    skipped.sort()
    found = []
    index = 0
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        while index < len(skipped) and skipped[index][1] <= start:
            index += 1
        if index < len(skipped) and skipped[index][0] < end:
            continue
        word = match.group()
        rest = word[1:]
        if not rest or rest != rest.lower():
            continue  # acronyms, markings and names like PostgreSQL are nobody's typo
        found.append((start, end, word))
    return found


def _skipped(text: str, *, prompts: bool = True) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for telltale, pattern in _SKIPS:
        if telltale in text and (prompts or telltale != "["):
            spans += [m.span() for m in pattern.finditer(text)]
    return spans


def misspellings(
    body: str, language: str = DEFAULT_LANGUAGE, extra_words: Iterable[str] = ()
) -> list[tuple[int, int, str]]:
    """The misspelt words of a note body: (start, end, word), code points, in order."""
    checker = dictionary(language)
    extra = frozenset(extra_words)
    return [(s, e, w) for s, e, w in words(body) if not checker.known(w, extra)]


def count_words(body: str) -> int:
    """Words as a reader counts them: markup, citations and URLs left out."""
    skipped = [(c.start, c.end) for c in parse_citations(body)]
    skipped += _skipped(body, prompts=False)
    skipped += [m.span() for m in _LIST_MARKER_RE.finditer(body)]
    skipped.sort()
    total = index = 0
    for match in _COUNTED_RE.finditer(body):
        while index < len(skipped) and skipped[index][1] <= match.start():
            index += 1
        if index == len(skipped) or skipped[index][0] > match.start():
            total += 1
    return total


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Dictionary",
    "count_words",
    "dictionary",
    "literal_spans",
    "misspellings",
    "read_word_list",
    "words",
]


def project_spelling(info: Callable[[str, str], str]) -> tuple[str, frozenset[str]]:
    """A project's language and dictionary, from its info (``Project.info``)."""
    language = info(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    words = frozenset(w for w in info(WORDS_KEY, "").split("\n") if w.strip())
    return (language if language in LANGUAGES else DEFAULT_LANGUAGE), words
