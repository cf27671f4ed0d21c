"""A note's Markdown as the clean element tree every renderer draws from, read as CommonMark.

The tokens come from ``briefing.core.commonmark`` (markdown-it-py: CommonMark, pipe tables,
footnotes, front matter; raw HTML off, so ``<script>`` is ordinary text). They become a small
HTML vocabulary the renderers know: blocks ``p h1-h6 ul ol li blockquote pre table thead tbody
tr th td hr``, inlines ``em strong code br a span`` (an image is ``<span class="image">`` with
its alt text), and ``<fnref label="..."/>`` for a reference to a footnote the author wrote
(``[^x]``). Links keep only safe schemes. A paragraph of a tight list item is not wrapped in
``<p>`` (its text sits in the ``<li>``), which tells the renderers the list is tight.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement

from briefing.core.commonmark import note_tokens, too_deep
from briefing.exporters.text import safe_href

if TYPE_CHECKING:
    from markdown_it.token import Token

logger = logging.getLogger(__name__)

_BLOCK_TAGS = {
    "paragraph_open": "p",
    "blockquote_open": "blockquote",
    "bullet_list_open": "ul",
    "ordered_list_open": "ol",
    "list_item_open": "li",
    "table_open": "table",
    "thead_open": "thead",
    "tbody_open": "tbody",
    "tr_open": "tr",
    "th_open": "th",
    "td_open": "td",
}
_INLINE_TAGS = {"em_open": "em", "strong_open": "strong"}
_ALIGN_RE = re.compile(r"text-align:\s*(left|right|center)")


class MarkdownTree:
    """A read body: its blocks, the author's footnote definitions by label, and for each
    top-level block the lines (0-based, end exclusive) it was read from."""

    def __init__(
        self,
        body: Element,
        footnotes: dict[str, Element],
        *,
        plain: bool = False,
        lines: list[tuple[int, int]] | None = None,
    ) -> None:
        self.body = body
        self.footnotes = footnotes
        self.plain = plain  # True when the body was too deeply nested and came out as plain text
        self.lines = lines or []


def markdown_to_tree(text: str) -> MarkdownTree:
    """Read note Markdown; a body nested too deeply to structure becomes plain paragraphs."""
    try:
        tokens = note_tokens(text)
        deep = too_deep(tokens)
    except RecursionError:
        deep = True
    if deep:
        # The renderers recurse per level; no real note nests anywhere near this deep.
        logger.info("note too deeply nested; exported as plain paragraphs")
        return MarkdownTree(_plain_paragraphs(text), {}, plain=True)
    return _Builder().build(tokens)


def _plain_paragraphs(text: str) -> Element:
    body = Element("div")
    for block in re.split(r"\n\s*\n", text):
        if block.strip():
            SubElement(body, "p").text = block.strip()
    return body


class _Builder:
    """Turns block tokens into elements, keeping a stack of the open containers."""

    def __init__(self) -> None:
        self.root = Element("div")
        self.footnotes: dict[str, Element] = {}
        self.lines: list[tuple[int, int]] = []

    def build(self, tokens: tuple[Token, ...]) -> MarkdownTree:
        stack = [self.root]
        for token in tokens:
            kind = token.type
            parent = stack[-1]
            if kind == "footnote_reference_open":
                # A definition is kept by its label, out of the body; the first one counts.
                holder = Element("div")
                self.footnotes.setdefault(str(token.meta.get("label", "")), holder)
                stack.append(holder)
            elif kind == "footnote_reference_close":
                stack.pop()
            elif kind in _BLOCK_TAGS:
                if kind == "paragraph_open" and token.hidden:
                    stack.append(parent)  # a tight list's paragraph: its text goes in the <li>
                    continue
                stack.append(self._open(parent, _BLOCK_TAGS[kind], token))
            elif kind.endswith("_close"):
                stack.pop()
            elif kind == "heading_open":
                stack.append(self._open(parent, token.tag, token))
            elif kind == "inline":
                self._inline(parent, token.children or [])
            elif kind in ("fence", "code_block"):
                pre = self._open(parent, "pre", token)
                pre.text = token.content.rstrip("\n")
            elif kind == "hr":
                self._open(parent, "hr", token)
            # front_matter, and anything else: not part of the text
        return MarkdownTree(self.root, self.footnotes, lines=self.lines)

    def _open(self, parent: Element, tag: str, token: Token) -> Element:
        attrs: dict[str, str] = {}
        if tag == "ol":
            attrs["start"] = str(token.attrGet("start") or 1)
        elif tag in ("th", "td"):
            match = _ALIGN_RE.search(str(token.attrGet("style") or ""))
            if match:
                attrs["align"] = match.group(1)
        elem = SubElement(parent, tag, attrs)
        if parent is self.root and token.map is not None:
            self.lines.append((token.map[0], token.map[1]))
        return elem

    def _inline(self, parent: Element, children: list[Token]) -> None:
        stack = [parent]
        for child in children:
            kind = child.type
            top = stack[-1]
            if kind == "text":
                _append_text(top, child.content)
            elif kind == "softbreak":
                _append_text(top, "\n")
            elif kind == "hardbreak":
                SubElement(top, "br")
            elif kind == "code_inline":
                SubElement(top, "code").text = child.content
            elif kind in _INLINE_TAGS:
                stack.append(SubElement(top, _INLINE_TAGS[kind]))
            elif kind == "link_open":
                href = safe_href(str(child.attrGet("href") or ""))
                # An unsafe link keeps its text, in a holder that is not a link.
                stack.append(SubElement(top, "a", {"href": href}) if href else top)
            elif kind in ("em_close", "strong_close", "link_close"):
                if len(stack) > 1:
                    stack.pop()
            elif kind == "image":
                span = SubElement(top, "span", {"class": "image"})
                span.text = _alt_text(child).strip() or "image"
            elif kind == "footnote_ref":
                SubElement(top, "fnref", {"label": str(child.meta.get("label", ""))})
            elif child.content:  # anything else keeps its text
                _append_text(top, child.content)


def _alt_text(image: Token) -> str:
    """An image's description as plain text, as HTML's alt attribute holds it."""
    parts: list[str] = []
    for child in image.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_alt_text(child))
    return "".join(parts)


def _append_text(dst: Element, text: str) -> None:
    if not text:
        return
    if len(dst):
        dst[-1].tail = (dst[-1].tail or "") + text
    else:
        dst.text = (dst.text or "") + text
