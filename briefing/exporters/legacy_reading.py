"""How notes were read before they were read as CommonMark: Python-Markdown, as an element tree.

Kept for one purpose: a note written before the change (``Note.dialect`` is
``LEGACY_DIALECT``) is read both ways, and ``reading_changes.py`` lists each place where the
two readings differ, so that a line that used to be a heading and is now text is pointed out
once rather than changed silently. Nothing exports through this reader any more.

Raw HTML is disabled (its processors are removed, so ``<script>`` is ordinary text and shows as
text), links keep only safe schemes, images become their alt text. The result uses a small
HTML vocabulary that the renderers know, plus ``<fnref label="..."/>`` for a reference to a
footnote the author wrote by hand (``[^x]``).
"""

from __future__ import annotations

import html
import logging
import re
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown import util
from markdown.extensions.footnotes import NBSP_PLACEHOLDER, FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from briefing.exporters.text import safe_href

logger = logging.getLogger(__name__)

BLOCK_CONTAINERS = frozenset({"div", "ul", "ol", "blockquote", "table", "thead", "tbody", "tr"})
KEPT_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "hr", "em", "strong", "code", "br"}
    | BLOCK_CONTAINERS
)
_STASH_RE = re.compile(re.escape(util.STX) + r"wzxhzdk:(\d+)" + re.escape(util.ETX))
_AMP_RE = re.compile(re.escape(util.AMP_SUBSTITUTE) + r"(#\d+;|#[xX][0-9a-fA-F]+;|\w+;)")
_ALIGN_RE = re.compile(r"text-align:\s*(left|right|center)")
_FOOTNOTE_HREF_RE = re.compile(r"#fn:(.*)")
MAX_DEPTH = 64  # element nesting; deeper bodies are exported as plain paragraphs


class _Capture(Treeprocessor):
    """Keeps the finished tree; Markdown's own serialisation of it is thrown away."""

    root: Element | None = None

    def run(self, root: Element) -> None:
        self.root = root


class MarkdownTree:
    """A converted body: its blocks and the author's own footnote definitions by label."""

    def __init__(
        self, body: Element, footnotes: dict[str, Element], *, plain: bool = False
    ) -> None:
        self.body = body
        self.footnotes = footnotes
        self.plain = plain  # True when the body was too deeply nested and came out as plain text


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def fences_to_indented(text: str) -> str:
    """Fenced code blocks as indented ones, which the parser keeps verbatim.

    Python-Markdown's fenced_code extension hands its output through the raw-HTML stash, which
    is switched off here (raw HTML is shown as text), so fences are rewritten instead.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append("")  # an indented block needs a blank line before it
            continue
        if fence is not None:
            if match and match.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
                out.append("")
                continue
            out.append("    " + line)
            continue
        out.append(line)
    return "\n".join(out)


def markdown_to_tree(text: str) -> MarkdownTree:
    """Convert note Markdown; a body too deeply nested for the parser becomes plain paragraphs."""
    text = fences_to_indented(text)
    md = markdown.Markdown(
        # Instances, not names: names make Markdown scan every installed package's entry
        # points (30 ms, on each note the page meter measures).
        extensions=[FootnoteExtension(UNIQUE_IDS=False), TableExtension(), SaneListExtension()],
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    capture = _Capture(md)
    md.treeprocessors.register(capture, "briefing_capture", -100)
    try:
        md.convert(text)
    except RecursionError:
        capture.root = None
        too_deep = True
    else:
        too_deep = capture.root is not None and _depth(capture.root) > MAX_DEPTH
    if too_deep:
        # The renderers recurse per level; no real note nests anywhere near this deep.
        logger.info("note too deeply nested; exported as plain paragraphs")
        return MarkdownTree(_plain_paragraphs(text), {}, plain=True)
    root = capture.root
    if root is None:  # an empty body
        return MarkdownTree(Element("div"), {})
    stash = [str(block) for block in md.htmlStash.rawHtmlBlocks]
    _fix_strings(root, stash)
    footnotes: dict[str, Element] = {}
    for child in list(root):
        if child.tag == "div" and child.get("class") == "footnote":
            root.remove(child)
            for li in child.iter("li"):
                label = (li.get("id") or "").removeprefix("fn:")
                holder = Element("div")
                _append_content(li, holder)
                footnotes.setdefault(label, holder)
    body = Element("div")
    _append_content(root, body)
    return MarkdownTree(body, footnotes)


def _depth(root: Element) -> int:
    deepest = 0
    stack = [(root, 1)]
    while stack:
        elem, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in elem)
    return deepest


def _plain_paragraphs(text: str) -> Element:
    body = Element("div")
    for block in re.split(r"\n\s*\n", text):
        if block.strip():
            SubElement(body, "p").text = block.strip()
    return body


def _fix(value: str, stash: list[str]) -> str:
    """Resolve Markdown's stash placeholders (entities) and drop any other marker bytes."""
    if util.STX in value:
        value = _STASH_RE.sub(lambda m: _stashed(stash, int(m.group(1))), value)
        value = _AMP_RE.sub(lambda m: html.unescape("&" + m.group(1)), value)
        value = value.replace(NBSP_PLACEHOLDER, "")
        value = value.replace(util.STX, "").replace(util.ETX, "")
    return value


def _stashed(stash: list[str], index: int) -> str:
    raw = stash[index] if 0 <= index < len(stash) else ""
    return html.unescape(raw) if raw.startswith("&") else raw


def _uncode(text: str) -> str:
    """Undo ``markdown.util.code_escape`` (code text arrives pre-escaped)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _fix_strings(root: Element, stash: list[str]) -> None:
    for elem in root.iter():
        if elem.text:
            elem.text = _fix(elem.text, stash)
            if elem.tag == "code":
                elem.text = _uncode(elem.text)
        if elem.tail:
            elem.tail = _fix(elem.tail, stash)
        for key, value in elem.items():
            elem.set(key, _fix(value, stash))


def _append_text(dst: Element, text: str | None) -> None:
    if not text:
        return
    if dst.tag in BLOCK_CONTAINERS and not text.strip():
        return  # Markdown's pretty-printing newlines between blocks
    if len(dst):
        dst[-1].tail = (dst[-1].tail or "") + text
    else:
        dst.text = (dst.text or "") + text


def _append_content(src: Element, dst: Element) -> None:
    """Append a sanitised copy of ``src``'s text and children to ``dst``."""
    _append_text(dst, src.text)
    for child in src:
        _append_child(child, dst)
        _append_text(dst, child.tail)


def _append_child(child: Element, dst: Element) -> None:
    tag = child.tag
    if tag == "img":
        span = SubElement(dst, "span", {"class": "image"})
        span.text = (child.get("alt") or "").strip() or "image"
    elif tag == "a":
        if child.get("class") == "footnote-backref":
            return
        href = safe_href(child.get("href"))
        target = SubElement(dst, "a", {"href": href}) if href else dst
        _append_content(child, target)
    elif tag == "sup" and len(child) and child[0].get("class") == "footnote-ref":
        match = _FOOTNOTE_HREF_RE.match(child[0].get("href") or "")
        SubElement(dst, "fnref", {"label": match.group(1) if match else ""})
    elif tag == "pre":
        SubElement(dst, "pre").text = "".join(child.itertext()).rstrip("\n")
    elif tag in ("ol", "ul"):
        attrs = {"start": child.get("start", "1")} if tag == "ol" else {}
        _append_content(child, SubElement(dst, tag, attrs))
    elif tag in ("th", "td"):
        match = _ALIGN_RE.search(child.get("style") or "") or None
        align = match.group(1) if match else (child.get("align") or "")
        _append_content(child, SubElement(dst, tag, {"align": align} if align else {}))
    elif tag in KEPT_TAGS:
        _append_content(child, SubElement(dst, tag))
    else:
        _append_content(child, dst)  # anything else keeps its text only
