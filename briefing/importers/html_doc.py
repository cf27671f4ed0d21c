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

from briefing.importers.base import ImportedDocument, ImportFailure
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
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_DATE_META = ("article:published_time", "date", "dc.date", "dcterms.created", "pubdate",
              "citation_publication_date", "og:published_time")  # fmt: skip


@dataclass
class HtmlText:
    """What the extractor found: the text lines and the page's own metadata."""

    lines: list[str]
    title: str = ""
    first_h1: str = ""
    first_heading: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self, drop_boilerplate: bool, prefer_main: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_boilerplate = drop_boilerplate
        self.prefer_main = prefer_main
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.open: dict[str, int] = {}  # tag -> how many are open; O(1) stray-end-tag checks
        self.hidden = 0  # open elements whose content is dropped
        self.main = 0  # open main/article elements
        self.pre = 0
        self.cell = 0  # open td/th: blocks inside a cell become spaces, not lines
        self.cells_in_row = 0
        self.line: list[str] = []
        self.line_pre = False
        self.line_in_main = False
        self.all_lines: list[str] = []
        self.main_lines: list[str] = []
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
        for name, _hides in reversed(self.stack):
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
                self.line.append("\t")
            self.cells_in_row += 1
        if tag in _VOID:
            return
        hides = self._drops(tag, attrs)
        self.stack.append((tag, hides))
        self.open[tag] = self.open.get(tag, 0) + 1
        self.hidden += hides
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
            name, hides = self.stack.pop()
            self.open[name] -= 1
            self.hidden -= hides
            self._closed(name)
            if name == tag:
                break
        if tag in _BLOCK:
            self._break()

    def _closed(self, name: str) -> None:
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
            self.line.append(part)

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
            self.all_lines.append(line)
            if self.line_in_main:
                self.main_lines.append(line)
        self.line, self.line_pre, self.line_in_main = [], False, False

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if key == "author" and content and "author" not in self.out.metadata:
            self.out.metadata["author"] = content
        elif key in _DATE_META and content and "date" not in self.out.metadata:
            self._set_date(content)

    def _set_date(self, value: str) -> None:
        iso = iso_date(value)
        if iso:
            self.out.metadata["date"] = iso

    def result(self) -> HtmlText:
        self._break()
        use_main = self.prefer_main and self.saw_main and self.main_lines
        self.out.lines = self.main_lines if use_main else self.all_lines
        return self.out


def iso_date(value: str) -> str:
    """YYYY-MM-DD from the start of an ISO-like date, or "" if there is none."""
    match = _DATE_RE.search(value)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31 and year >= 1000:
        return match.group(0)
    return ""


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
    text = "\n".join(found.lines)
    require_text(text, "the page contains no readable text")
    return ImportedDocument(
        title=found.title or found.first_h1 or title,
        text=text,
        format="html",
        metadata=dict(found.metadata),
        warnings=warnings + more,
    )
