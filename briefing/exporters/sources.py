"""Citations resolved against the project: what a footnote says about a passage.

What the exports warn about is in ``findings.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from briefing.core.citations import Citation
from briefing.core.model import NoteBundle, Passage, Source
from briefing.exporters.citation_format import CitedPassage, short_title
from briefing.exporters.text import clean, format_date, one_line

# Private-use characters mark citations while Markdown runs; the body may not hold them.
PLACEHOLDER_OPEN = "\ue000"
PLACEHOLDER_CLOSE = "\ue001"


@dataclass(frozen=True)
class ResolvedCitation:
    """A citation of the body with the passages it names looked up."""

    index: int
    citation: Citation
    entries: tuple[CitedPassage, ...]
    missing: tuple[int, ...]

    @property
    def placeholder(self) -> str:
        return f"{PLACEHOLDER_OPEN}{self.index}{PLACEHOLDER_CLOSE}"


def clean_body(body: str) -> str:
    """The note body as every exporter reads it."""
    return clean(body).replace(PLACEHOLDER_OPEN, "").replace(PLACEHOLDER_CLOSE, "")


def page_of(source: Source, offset: int) -> int | None:
    """The PDF page holding ``offset`` (from the importer's page-start offsets), if known."""
    pages: object = source.metadata.get("pages") if isinstance(source.metadata, dict) else None
    if not isinstance(pages, list | tuple) or not pages:
        return None
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in pages):
        return None
    if any(a > b for a, b in pairwise(pages)):
        return None
    return max(1, bisect_right(pages, offset))


def _outlet(source: Source) -> str:
    """Who published the source when no author is known: its organisation (Source Details,
    or the document's properties), an outlet the metadata names, else a web origin's host."""
    if source.organisation:
        return one_line(source.organisation)
    meta = source.metadata if isinstance(source.metadata, dict) else {}
    for key in ("outlet", "publisher", "site_name"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            return one_line(meta[key])
    if source.origin.lower().startswith(("http://", "https://")):
        try:
            host = urlsplit(one_line(source.origin)).hostname or ""
        except ValueError:
            host = ""
        return host.removeprefix("www.")
    return ""


def _origin(source: Source) -> tuple[str, str]:
    """(what the footnote shows, the link): the source's URL where it has one, else its origin
    (a URL, or a file's name)."""
    url = one_line(source.url)
    if url.lower().startswith(("http://", "https://")):
        return url, url
    origin = one_line(source.origin)
    if not origin:
        return "", ""
    if origin.lower().startswith(("http://", "https://")):
        return origin, origin
    if origin.lower().startswith("clipboard"):
        return origin, ""
    # A file path: its name only, so a brief does not reveal the analyst's folders.
    name = PureWindowsPath(origin).name if "\\" in origin else PurePosixPath(origin).name
    return name or origin, ""


def describe(passage: Passage, source: Source | None, locator: str = "") -> CitedPassage:
    """A passage as footnotes and the annex name it."""
    if source is None:
        title, author, date, origin, url = f"Unknown source {passage.source_id}", "", "", "", ""
        page = one_line(locator)
    else:
        title = one_line(source.title) or "Untitled source"
        author = one_line(source.author) or _outlet(source)
        date = format_date(source.published)
        origin, url = _origin(source)
        page_number = page_of(source, passage.start)
        page = one_line(locator) or (f"p. {page_number}" if page_number else "")
    return CitedPassage(
        passage_id=passage.id,
        title=title,
        author=author,
        date=date,
        page=page,
        origin=origin,
        origin_url=url,
        quote=one_line(passage.text),
        memo=one_line(passage.memo),
        source_id=passage.source_id,
        short_title=short_title(title),
    )


def resolve_citations(bundle: NoteBundle, citations: list[Citation]) -> list[ResolvedCitation]:
    """Each citation with its passages looked up, numbered in order."""
    resolved: list[ResolvedCitation] = []
    for index, citation in enumerate(citations):
        entries: list[CitedPassage] = []
        missing: list[int] = []
        for pid, locator in zip(citation.passage_ids, citation.locators, strict=True):
            passage = bundle.passages.get(pid)
            if passage is None:
                missing.append(pid)
            else:
                entries.append(describe(passage, bundle.sources.get(passage.source_id), locator))
        resolved.append(ResolvedCitation(index, citation, tuple(entries), tuple(missing)))
    return resolved
