"""HTML: the readable text of a page, with the standard library's html.parser only.

Nothing is fetched: html.parser never loads anything, images are dropped, and this module
imports no network code. Script, style and embedded content are dropped, as is navigation
boilerplate (nav, header, footer, aside, form, ...). If the page has <main> or <article>, only
their text is kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from briefing.importers.base import (
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    ImportedDocument,
    ImportFailure,
    Line,
    build,
)
from briefing.importers.properties import iso_date, marking_value
from briefing.importers.text import decode_text, normalise, require_text, split_bom

logger = logging.getLogger(__name__)

# Content never shown as text. (script and style bodies are CDATA for html.parser.)
_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "head", "select", "canvas", "audio", "video", "picture", "map"}
)  # fmt: skip
# Site chrome rather than the document. header is kept inside main/article (headline, byline).
_BOILERPLATE = frozenset({"nav", "header", "footer", "aside", "form", "button", "menu", "dialog"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "div",
     "section", "article", "main", "blockquote", "pre", "table", "thead", "tbody", "tfoot",
     "tr", "caption", "figure", "figcaption", "address", "hr", "br", "body", "html", "details",
     "summary", "center", "fieldset", "legend", "hgroup"}
)  # fmt: skip
_HEAD_TAGS = frozenset({"head", "title", "meta", "link", "style", "script", "base", "noscript",
                        "template", "html"})  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; never \xa0
_SPACES_RE = re.compile(r" {2,}")
_TAB_RE = re.compile(r" *\t *")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_DATE_META = ("article:published_time", "date", "dc.date", "dcterms.created", "pubdate",
              "citation_publication_date", "og:published_time")  # fmt: skip
_ORGANISATION_META = ("organisation", "organization", "publisher", "dc.publisher",
                      "citation_publisher", "og:site_name", "dcterms.publisher")  # fmt: skip
_MARKING_META = ("classification", "security-classification", "marking", "protective-marking",
                 "dcterms.accessrights", "dc.rights.accessrights")  # fmt: skip


_LISTS = frozenset({"ul", "ol", "menu"})


@dataclass
class HtmlText:
    """What the extractor found: the text lines (with their block kinds) and the page's metadata."""

    lines: list[Line]
    title: str = ""
    first_h1: str = ""
    first_heading: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self, drop_boilerplate: bool, prefer_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_boilerplate = drop_boilerplate
        self.prefer_main = prefer_main
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hides its content, is footnotes)
        self.open: dict[str, int] = {}  # tag -> how many are open; O(1) stray-end-tag checks
        self.hidden = 0  # open elements whose content is dropped
        self.main = 0  # open main/article elements
        self.pre = 0
        self.cell = 0  # open td/th: blocks inside a cell become spaces, not lines
        self.cells_in_row = 0
        self.line: list[str] = []
        self.line_pre = False
        self.line_in_main = False
        self.line_kind: Line | None = None  # the block the current line belongs to
        self.lists: list[list[Any]] = []  # open lists: [tag, items so far]
        self.footnotes = 0  # open <div class="footnote(s)">: Markdown's and many sites' notes
        self.headings: list[int] = []  # levels of the open h1-h6
        self.all_lines: list[Line] = []
        self.main_lines: list[Line] = []
        self.saw_main = False
        self.heading: list[str] | None = None
        self.heading_tag = ""
        self.title_parts: list[str] | None = None
        self.out = HtmlText(lines=[])

    # -- structure -------------------------------------------------------------------------
    def _drops(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _HIDDEN or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True
        if not self.drop_boilerplate or tag not in _BOILERPLATE:
            return False
        return not (tag == "header" and self.main)

    def _close_implied(self, tag: str) -> None:
        # What browsers do for unclosed cells, rows and list items: a new one closes the last.
        if self.open.get("head") and (tag == "body" or tag not in _HEAD_TAGS):
            self.handle_endtag("head")
        targets = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("tr",), "li": ("li",)}.get(tag)
        if not targets:
            return
        scope = "table" if tag != "li" else ("ul", "ol", "menu")
        for name, _hides, _notes in reversed(self.stack):
            if name in targets:
                self.handle_endtag(name)
                return
            if name in scope:
                return

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        self._close_implied(tag)
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            self._set("url", attrs.get("href") or "")
        elif tag == "time" and attrs.get("datetime") and "date" not in self.out.metadata:
            self._set_date(attrs["datetime"] or "")
        if tag == "title" and self.title_parts is None and not self.out.title:
            self.title_parts = []
        if tag in _BLOCK:
            self._break()
        if tag == "tr":
            self.cells_in_row = 0
        elif tag in ("td", "th"):
            if self.cells_in_row and not self.hidden:
                self._starting_line()
                self.line.append("\t")
            self.cells_in_row += 1
        if tag in _VOID:
            return
        hides = self._drops(tag, attrs)
        notes = tag in ("div", "section", "ol") and bool(
            {"footnote", "footnotes"} & set((attrs.get("class") or "").split())
        )
        self.stack.append((tag, hides, notes))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.hidden += hides
        self.footnotes += notes
        self._structure_open(tag, attrs)
        if tag in ("main", "article"):
            self.main += 1
            self.saw_main = True
        elif tag == "pre":
            self.pre += 1
        elif tag in ("td", "th"):
            self.cell += 1
        elif tag in _HEADINGS and self.heading is None:
            self.heading, self.heading_tag = [], tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.out.title = _SPACE_RE.sub(" ", "".join(self.title_parts)).strip()
            self.title_parts = None
        if not self.open.get(tag):
            return  # a stray end tag: ignore it, as browsers do
        while self.stack:
            name, hides, notes = self.stack.pop()
            self.open[name] -= 1
            self.hidden -= hides
            self.footnotes -= notes
            self._closed(name)
            if name == tag:
                break
        if tag in _BLOCK:
            self._break()

    def _structure_open(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _LISTS:
            start = attrs.get("start") or ""
            self.lists.append([tag, int(start) - 1 if start.strip().isdigit() else 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
        elif tag in _HEADINGS:
            self.headings.append(int(tag[1]))

    def _context(self) -> Line:
        """The block a line starting now belongs to."""
        if self.cell or self.open.get("tr"):
            return Line("", TABLE_ROW)
        if self.footnotes:
            return Line("", FOOTNOTE)
        if self.headings:
            return Line("", HEADING, level=self.headings[-1])
        if self.open.get("li") and self.lists:
            tag, count = self.lists[-1]
            numbered = tag == "ol"
            label = f"{count}." if numbered else "•"
            return Line("", LIST_ITEM, len(self.lists), numbered, label)
        return Line("", PARAGRAPH)

    def _closed(self, name: str) -> None:
        if name in _LISTS and self.lists:
            self.lists.pop()
        elif name in _HEADINGS and self.headings:
            self.headings.pop()
        if name in ("main", "article"):
            self._break()
            self.main -= 1
        elif name == "pre":
            self._break()
            self.pre -= 1
        elif name in ("td", "th"):
            self.cell -= 1
        elif name == self.heading_tag and self.heading is not None:
            text = _SPACE_RE.sub(" ", "".join(self.heading)).strip()
            if text and not self.out.first_heading:
                self.out.first_heading = text
            if text and name == "h1" and not self.out.first_h1:
                self.out.first_h1 = text
            self.heading, self.heading_tag = None, ""

    # -- text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.hidden:
            return
        if self.heading is not None:
            self.heading.append(data)
        if self.main:
            self.line_in_main = True
        self._starting_line()
        if not self.pre:
            self.line.append(_SPACE_RE.sub(" ", data))
            return
        # Preformatted: each source line is a line; its indentation is kept.
        self.line_pre = True
        first, *rest = data.split("\n")
        self.line.append(first)
        for part in rest:
            self._break(force=True)
            self.line_pre, self.line_in_main = True, bool(self.main)
            self._starting_line()
            self.line.append(part)

    def _starting_line(self) -> None:
        if self.line_kind is None:
            self.line_kind = self._context()

    def _break(self, force: bool = False) -> None:
        if self.cell and not force:
            self.line.append(" ")
            return
        if not self.line:
            return
        line = "".join(self.line)
        if self.line_pre:
            line = line.rstrip()
        else:
            # A trailing no-break space is invisible; a leading one may be indentation.
            line = _TAB_RE.sub("\t", _SPACES_RE.sub(" ", line)).lstrip(" ").rstrip(" \xa0")
        if line.strip("\t "):
            found = self.line_kind or Line("")
            block = Line(line, found.kind, found.level, found.numbered, found.label)
            if block.kind == TABLE_ROW and "\t" not in line:
                block.kind = PARAGRAPH  # a one-cell row, or a caption: not worth a grid
            self.all_lines.append(block)
            if self.line_in_main:
                self.main_lines.append(block)
        self.line, self.line_pre, self.line_in_main = [], False, False
        self.line_kind = None

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if key == "author":
            self._set("author", content)
        elif key in _DATE_META and content and "date" not in self.out.metadata:
            self._set_date(content)
        elif key in _ORGANISATION_META:
            self._set("organisation", content)
        elif key == "og:url":
            self._set("url", content)
        elif key in _MARKING_META:
            self._set("marking", marking_value(content))

    def _set(self, key: str, value: str) -> None:
        value = " ".join(value.split())
        if key == "url" and not value.lower().startswith(("http://", "https://")):
            return
        if value and key not in self.out.metadata:
            self.out.metadata[key] = value

    def _set_date(self, value: str) -> None:
        iso = iso_date(value)
        if iso:
            self.out.metadata["date"] = iso

    def result(self) -> HtmlText:
        self._break()
        use_main = self.prefer_main and self.saw_main and self.main_lines
        self.out.lines = self.main_lines if use_main else self.all_lines
        return self.out


def extract(html: str, *, drop_boilerplate: bool = True, prefer_main: bool = True) -> HtmlText:
    """Readable lines of an HTML string: one line per block, cells tab-separated."""
    parser = _Extractor(drop_boilerplate, prefer_main)
    parser.feed(html)
    parser.close()
    return parser.result()


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Bytes to str: BOM, then <meta charset>, then UTF-8, then cp1252."""
    declared = None
    if split_bom(data)[0] is None:
        match = _CHARSET_RE.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", errors="replace")
    return decode_text(data, declared)


def read_html(data: bytes, title: str) -> ImportedDocument:
    if not data:
        raise ImportFailure("the file is empty")
    html, warnings = decode_html(data)
    html, more = normalise(html)
    try:
        found = extract(html)
    except Exception as exc:  # html.parser is lenient; this is a last resort
        logger.debug("HTML extraction failed", exc_info=True)
        raise ImportFailure(f"the HTML could not be read: {exc}") from exc
    text, blocks = build(found.lines)
    require_text(text, "the page contains no readable text")
    return ImportedDocument(
        title=found.title or found.first_h1 or title,
        text=text,
        format="html",
        metadata=dict(found.metadata),
        warnings=warnings + more,
        blocks=blocks,
    )
