"""The structured document every renderer draws from, built once from a NoteBundle.

Pipeline: note body -> citations replaced by placeholders -> the CommonMark reader
(``note_reader``) -> element tree -> placeholders and the author's ``[^x]`` references become
numbered ``<fnref n="..."/>`` elements with their ``Footnote``s, in reading order. Missing
passages become ``<span class="missing">``. Where each citation landed decides the findings
(``findings.py``): a placeholder the reader put in code or a link's address prints as typed.
The note's sections are made outline level 1 and a decision note's recommendations become its
decision block (``brief_structure``); the metadata is cleaned once (``header_block``) and the
annex chosen (``annex``).
"""

from __future__ import annotations

import copy
import dataclasses
import operator
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, SubElement

from briefing.core.model import NoteBundle, NoteMetadata
from briefing.core.templates import TemplateSettings, template_settings
from briefing.exporters.annex import Annex, AnnexChoice, annex_choice, build_annex
from briefing.exporters.brief_structure import add_decision_block, promote_headings
from briefing.exporters.citation_format import (
    CitationFormatter,
    Text,
    mark_start,
    missing_text,
    punctuation_after_mark,
    quoted,
)
from briefing.exporters.findings import Finding
from briefing.exporters.header_block import (
    Rows,
    clean_metadata,
    header_rows,
    purpose_label,
    signoff_rows,
)
from briefing.exporters.note_reader import MarkdownTree
from briefing.exporters.reading import NoteReading, read_body
from briefing.exporters.sources import (
    PLACEHOLDER_CLOSE,
    PLACEHOLDER_OPEN,
    ResolvedCitation,
)
from briefing.exporters.text import one_line

DRAFT = "DRAFT"
_PLACEHOLDER_RE = re.compile(PLACEHOLDER_OPEN + r"(\d+)" + PLACEHOLDER_CLOSE)


@dataclass(frozen=True)
class Footnote:
    """A numbered footnote: a citation's, or one the author wrote (``citation`` is None)."""

    number: int
    content: Element  # a <div> of block elements
    citation: ResolvedCitation | None = None


@dataclass(frozen=True)
class DocumentProperties:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    status: str


@dataclass
class BriefingDocument:
    """A note ready to render: metadata, body tree, footnotes in order, annex, problems."""

    title: str
    marking: str
    metadata: Rows  # (label, value) for the header block, non-empty only
    fields: dict[str, str]  # the single-valued front-matter values, cleaned
    themes: tuple[str, ...]  # the themes of the cited passages, in project order
    body: Element
    footnotes: list[Footnote]
    annex: Annex
    citations: list[ResolvedCitation]
    meta: NoteMetadata = field(default_factory=NoteMetadata)  # cleaned
    signoff: Rows = ()  # contact, prepared by, cleared by: closes the note
    settings: TemplateSettings = field(default_factory=TemplateSettings)
    has_decision: bool = False  # a decision block is in the body
    body_footnote: dict[int, int] = field(default_factory=dict)  # citation index -> number
    # citation index -> "body" or "footnote" (a citation inside the author's own footnote);
    # absent where Markdown made it literal text (a link target, an indented code block)
    placement: dict[int, str] = field(default_factory=dict)
    # citation index -> its words (CitationFormatter): the footnote's text for a citation in
    # the body that names a passage, the bracketed inline form for one in a footnote
    citation_text: dict[int, Text] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    source_body: str = ""  # the cleaned Markdown the tree came from
    # What the export warns about, with spans (``problems`` words them with line numbers)
    findings: list[Finding] = field(default_factory=list)
    # the lines (0-based, end exclusive) each top-level block of ``body`` was read from
    block_lines: list[tuple[int, int]] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        """A draft says DRAFT on every page; a final note does not."""
        return self.meta.is_draft

    @property
    def properties(self) -> DocumentProperties:
        reference = self.fields.get("reference", "")
        purpose = purpose_label(self.fields.get("purpose", ""))
        subject = " – ".join(p for p in (purpose, reference) if p)
        return DocumentProperties(
            self.title,
            self.fields.get("from", ""),
            subject,
            self.themes,
            self.fields.get("status", ""),
        )


def build_document(
    bundle: NoteBundle,
    *,
    annex: AnnexChoice | bool = "cited",
    settings: TemplateSettings | None = None,
) -> BriefingDocument:
    """Turn the note and its project into the structured document (once per export).

    ``annex``: "cited" (the passages the note cites), "all" or "none" (True and False, the old
    flag, mean "cited" and "none"). ``settings``: the note's template's, unless given.
    """
    note = bundle.note
    meta = clean_metadata(note.metadata)
    settings = settings or template_settings(note.template)
    reading = read_body(bundle)
    citations, tree = reading.citations, reading.tree
    promote_headings(tree.body)
    before = list(tree.body)
    has_decision = meta.purpose.lower() == "decision" and add_decision_block(
        tree.body, settings, meta.to
    )
    _keep_lines_aligned(tree, before)
    fields = {
        "title": one_line(note.title),
        "marking": meta.marking,
        "to": meta.to,
        "from": meta.sender,
        "date": meta.date,
        "reference": meta.reference,
        "purpose": meta.purpose,
        "status": meta.status,
    }
    doc = BriefingDocument(
        title=fields["title"] or "Untitled note",
        marking=fields["marking"] or "UNCLASSIFIED",
        metadata=header_rows(meta),
        fields=fields,
        themes=_cited_themes(bundle, citations),
        body=tree.body,
        footnotes=[],
        annex=build_annex(bundle, citations, annex_choice(annex)),
        citations=citations,
        source_body=reading.body,
        block_lines=tree.lines,
        meta=meta,
        signoff=signoff_rows(meta),
        settings=settings,
        has_decision=has_decision,
    )
    numberer = _Numberer(doc, tree.footnotes)
    numberer.expand(doc.body, in_footnote=False)
    _warn(doc, bundle, reading, numberer.literal)
    return doc


def _keep_lines_aligned(tree: MarkdownTree, before: list[Element]) -> None:
    """``tree.lines`` holds the body lines of each top-level block; a block the brief added
    (a decision block with no numbered list to replace) takes the lines of the block before it,
    so the checks can still pair blocks with lines."""
    if len(tree.lines) != len(before):
        return
    kept = {id(elem): lines for elem, lines in zip(before, tree.lines, strict=True)}
    aligned: list[tuple[int, int]] = []
    for elem in tree.body:
        aligned.append(kept.get(id(elem), aligned[-1] if aligned else (0, 0)))
    tree.lines = aligned


def _warn(
    doc: BriefingDocument, bundle: NoteBundle, reading: NoteReading, literal: dict[int, str]
) -> None:
    """The document's findings and problems, from where each citation landed."""
    placement: dict[int, str] = {**literal, **doc.placement}
    doc.findings = reading.findings(bundle, placement)
    doc.problems = reading.report(doc.findings)
    if reading.tree.plain:
        doc.problems.append(
            "The note is nested too deeply to format (quotes or lists inside one another); "
            "it is exported as plain paragraphs."
        )


def _cited_themes(bundle: NoteBundle, citations: list[ResolvedCitation]) -> tuple[str, ...]:
    cited: set[int] = set()
    for rc in citations:
        for entry in rc.entries:
            cited.update(bundle.passages[entry.passage_id].theme_ids)
    return tuple(one_line(t.name) for t in bundle.themes if t.id in cited)


def inline_elements(pieces: Text) -> list[str | Element]:
    """Citation text as the tree's inline content: strings, ``<em>`` titles, ``<a>`` links."""
    items: list[str | Element] = []
    for piece in pieces:
        if piece.kind == "title":
            em = Element("em")
            em.text = piece.text
            items.append(em)
        elif piece.kind == "link":
            link = Element("a", {"href": piece.url})
            link.text = piece.text
            items.append(link)
        elif piece.kind == "quote":
            items.append(quoted(piece.text))
        else:
            items.append(piece.text)
    return items


def text_span(pieces: Text) -> Element:
    """Citation text as one ``<span>``, for a renderer to lay out like the body's inlines."""
    span = Element("span")
    _assemble(span, inline_elements(pieces))
    return span


def _footnote_content(pieces: Text) -> Element:
    """A citation footnote: one paragraph of its text."""
    div = Element("div")
    _assemble(SubElement(div, "p"), inline_elements(pieces))
    return div


def _assemble(elem: Element, items: list[str | Element]) -> None:
    """Set ``elem``'s text and children from a flat list of strings and elements."""
    elem.text = None
    kids: list[Element] = []
    for item in items:
        if isinstance(item, str):
            if kids:
                kids[-1].tail = (kids[-1].tail or "") + item
            else:
                elem.text = (elem.text or "") + item
        else:
            item.tail = None
            kids.append(item)
    elem[:] = kids


def _tidy_marks(items: list[str | Element]) -> None:
    """Move citation marks past following punctuation and drop the space before them."""
    if items and not isinstance(items[0], str):
        items.insert(0, "")  # so every mark has an item before it
    for i, item in enumerate(items):
        if not (isinstance(item, Element) and item.get("kind") == "citation"):
            continue
        before = items[i - 1]
        if not isinstance(before, str):
            continue
        before = before[: mark_start(before, len(before))]
        after = items[i + 1] if i + 1 < len(items) else None
        if isinstance(after, str):
            punctuation = punctuation_after_mark(after)
            before += punctuation
            items[i + 1] = after[len(punctuation) :]
        items[i - 1] = before


class _Numberer:
    """Numbers footnotes in reading order while swapping placeholders for elements."""

    def __init__(self, doc: BriefingDocument, definitions: dict[str, Element]) -> None:
        self.doc = doc
        self.definitions = definitions
        self.formatter = CitationFormatter()
        self.literal: dict[int, str] = {}  # citation index -> where it printed as typed

    def expand(self, elem: Element, *, in_footnote: bool) -> None:
        if elem.tag in ("pre", "code"):
            elem.text = self._raw(elem.text or "", "code")
            return
        for key, value in elem.items():
            elem.set(key, self._raw(value, "address"))
        items: list[str | Element] = self._split(elem.text, in_footnote)
        for child in list(elem):
            tail = child.tail
            if child.tag == "fnref":
                items.extend(self._author_note(child.get("label", ""), in_footnote))
            else:
                self.expand(child, in_footnote=in_footnote)
                items.append(child)
            items.extend(self._split(tail, in_footnote))
        _tidy_marks(items)
        _assemble(elem, items)

    def _raw(self, text: str, where: str) -> str:
        """Placeholders where no footnote can go (code, link targets) show the citation."""

        def raw(match: re.Match[str]) -> str:
            index = int(match.group(1))
            self.literal.setdefault(index, where)
            return self.doc.citations[index].citation.raw

        return _PLACEHOLDER_RE.sub(raw, text)

    def _split(self, text: str | None, in_footnote: bool) -> list[str | Element]:
        if not text:
            return []
        items: list[str | Element] = []
        pos = 0
        for match in _PLACEHOLDER_RE.finditer(text):
            items.append(text[pos : match.start()])
            items.extend(self._citation(self.doc.citations[int(match.group(1))], in_footnote))
            pos = match.end()
        items.append(text[pos:])
        return items

    def _citation(self, rc: ResolvedCitation, in_footnote: bool) -> list[str | Element]:
        if in_footnote:
            self.doc.placement[rc.index] = "footnote"
            text = self.doc.citation_text[rc.index] = self.formatter.inline(rc.entries, rc.missing)
            return inline_elements(text)
        self.doc.placement[rc.index] = "body"
        items: list[str | Element] = []
        if rc.entries:
            text = self.doc.citation_text[rc.index] = self.formatter.footnote(rc.entries)
            number = self._add(_footnote_content(text), rc)
            self.doc.body_footnote[rc.index] = number
            items.append(Element("fnref", {"n": str(number), "kind": "citation"}))
        for pid in rc.missing:
            if items:
                items.append(" ")
            span = Element("span", {"class": "missing"})
            span.text = missing_text(pid)
            items.append(span)
        return items

    def _author_note(self, label: str, in_footnote: bool) -> list[str | Element]:
        definition = self.definitions.get(label)
        if definition is None or in_footnote:
            return []  # Word has no footnotes inside footnotes
        content = copy.deepcopy(definition)
        self.expand(content, in_footnote=True)
        return [Element("fnref", {"n": str(self._add(content, None))})]

    def _add(self, content: Element, rc: ResolvedCitation | None) -> int:
        number = len(self.doc.footnotes) + 1
        self.doc.footnotes.append(Footnote(number, content, rc))
        return number


_shared: list[tuple[tuple[object, ...], tuple[int, int], BriefingDocument]] = []


def shared_document(bundle: NoteBundle, annex: AnnexChoice | bool = "none") -> BriefingDocument:
    """``build_document(bundle, annex=annex)``, its body read once for the readers of one bundle.

    After a pause in typing the window asks the page meter, the checks and the preview about
    the same bundle: the first reads the body, the others reuse it; the annex (which never
    changes the body) is added to a copy for those that show it. The document must not be
    changed (no renderer changes one). A bundle is immutable in use; one whose dictionaries
    changed size is read again.
    """
    parts = (bundle, bundle.note, bundle.sources, bundle.passages, bundle.themes)
    sizes = (len(bundle.sources), len(bundle.passages))
    last = _shared[0] if _shared else None  # read once: another thread may replace it
    if last is not None and last[1] == sizes and all(map(operator.is_, last[0], parts)):
        doc = last[2]
    else:
        doc = build_document(bundle, annex=False)
        _shared[:] = [(parts, sizes, doc)]
    choice = annex_choice(annex)
    if choice == "none":
        return doc
    return dataclasses.replace(doc, annex=build_annex(bundle, doc.citations, choice))
