"""A project as a REFI-QDA project exchange file (.qdpx): NVivo, ATLAS.ti, MAXQDA, QualCoder.

The file is a zip holding ``project.qde`` (XML in ``urn:QDA-XML:project:1.0``, valid against
the REFI-QDA schema Project-mrt2019.xsd) and ``sources/``: each source's text as UTF-8,
``sources/GUID.txt``, referenced as ``internal://GUID.txt``. Themes are codes (name, colour,
description), passages are plain-text selections with one coding per theme, memos are notes
(and the selection's description, where QualCoder and ATLAS.ti read a comment), Briefing's
notes are notes on the project. A source's details are variables. Who tagged a passage, wrote
its memo or last wrote a note are users, each record's ``creatingUser``, with its time. Positions
count code points, end exclusive (REFI-QDA 1.5, section 10.2), as Briefing's offsets do.

Plain data in, bytes out: ``briefing.exchange`` reads the project and writes the file.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from briefing import __version__
from briefing.core.model import Note, Passage, Source, Theme

NAMESPACE = "urn:QDA-XML:project:1.0"
QDE_NAME = "project.qde"
SOURCES_FOLDER = "sources"
GUID_KEY = "qdpx_guid"  # a source imported from a .qdpx keeps its GUID in its metadata
VARIABLES_KEY = "qdpx_variables"  # and the variables Briefing has no field for
DESCRIPTION_KEY = "qdpx_description"
# A source's details, as variables other tools show beside the document.
SOURCE_VARIABLES = ("Format", "Author", "Published", "Origin", "Marking")
_NAME_CHARS = 80  # a selection's name: the start of its text, as ATLAS.ti and NVivo write
# What XML 1.0 cannot hold at all; everything else is written as it is.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_COLOUR_RE = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_DATE_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


@dataclass(frozen=True)
class ExchangeProject:
    """What a .qdpx carries of a project, read from it in one go."""

    name: str
    created_at: str
    sources: tuple[Source, ...]
    texts: Mapping[int, str]
    themes: tuple[Theme, ...]
    passages: tuple[Passage, ...]
    notes: tuple[Note, ...] = ()
    losses: list[str] = field(default_factory=list)


def qdpx_bytes(project: ExchangeProject) -> bytes:
    """The .qdpx file: project.qde and one text file per source."""
    guids = Guids(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _put(archive, QDE_NAME, qde_bytes(project, guids))
        for source in project.sources:
            name = f"{SOURCES_FOLDER}/{guids.text_file(source)}"
            _put(archive, name, project.texts[source.id].encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


def losses(project: ExchangeProject) -> list[str]:
    """What Briefing holds that REFI-QDA has no place for, one line each (spec section 7)."""
    found = list(project.losses)
    keyworded = sum(1 for t in project.themes if t.keywords)
    if keyworded:
        found.append(f"the keywords of {keyworded} theme(s) are left out: REFI-QDA codes have none")
    if project.notes:
        found.append(
            f"{len(project.notes)} note(s) go as notes on the project, title and text; their"
            " template and header fields (marking, to, from ...) are left out"
        )
    return found


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same file each time
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


class Guids:
    """Stable GUIDs: derived from the project and each record's id, so that exporting the same
    project twice names everything alike (a tool re-importing it can match its records)."""

    def __init__(self, project: ExchangeProject) -> None:
        self._space = uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{project.created_at}")

    def of(self, kind: str, key: object) -> str:
        return str(uuid.uuid5(self._space, f"{kind}:{key}"))

    def source(self, source: Source) -> str:
        kept = source.metadata.get(GUID_KEY)
        return kept if isinstance(kept, str) and _is_guid(kept) else self.of("source", source.id)

    def text_file(self, source: Source) -> str:
        return f"{self.of('text', self.source(source))}.txt"


def _is_guid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# ---- project.qde --------------------------------------------------------------------------


def qde_bytes(project: ExchangeProject, guids: Guids | None = None) -> bytes:
    guids = guids or Guids(project)
    writer = _QdeWriter(project, guids)
    return etree.tostring(writer.build(), xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _QdeWriter:
    def __init__(self, project: ExchangeProject, guids: Guids) -> None:
        self.project, self.guids = project, guids
        self.users: dict[str, str] = {}  # author name -> user GUID
        self.notes: list[etree._Element] = []
        self.code_guid = {t.id: guids.of("theme", t.id) for t in project.themes}

    def build(self) -> etree._Element:
        project = self.project
        root = etree.Element(_q("Project"), nsmap={None: NAMESPACE})  # type: ignore[dict-item]
        root.set("name", _xml(project.name) or "Briefing project")
        root.set("origin", f"Briefing {__version__}")
        _set_time(root, "creationDateTime", project.created_at)
        users = etree.SubElement(root, _q("Users"))
        if project.themes:
            codes = etree.SubElement(etree.SubElement(root, _q("CodeBook")), _q("Codes"))
            for theme in project.themes:
                self._code(codes, theme)
        variables = self._variables(root)
        if project.sources:
            sources = etree.SubElement(root, _q("Sources"))
            by_source: dict[int, list[Passage]] = {}
            for passage in project.passages:
                by_source.setdefault(passage.source_id, []).append(passage)
            for source in project.sources:
                self._source(sources, source, by_source.get(source.id, []), variables)
        project_notes = [
            self._note(n.title, n.body, n.updated_at, self._user(n)) for n in project.notes
        ]
        if self.notes:
            notes = etree.SubElement(root, _q("Notes"))
            notes.extend(self.notes)
        for guid in project_notes:
            etree.SubElement(root, _q("NoteRef"), targetGUID=guid)
        if self.users:
            for name, guid in self.users.items():
                etree.SubElement(users, _q("User"), guid=guid, name=name)
        else:
            root.remove(users)
        return root

    def _user(self, record: object, attribute: str = "author") -> str:
        """The GUID of the record's author, where the project knows one ("" otherwise)."""
        name = _xml(str(getattr(record, attribute, "") or "")).strip()
        if not name:
            return ""
        return self.users.setdefault(name, self.guids.of("user", name))

    def _code(self, parent: etree._Element, theme: Theme) -> None:
        code = etree.SubElement(parent, _q("Code"))
        code.set("guid", self.code_guid[theme.id])
        code.set("name", _xml(theme.name))
        code.set("isCodable", "true")
        colour = _colour(theme.colour)
        if colour:
            code.set("color", colour)
        if theme.description:
            etree.SubElement(code, _q("Description")).text = _xml(theme.description)

    def _variables(self, root: etree._Element) -> dict[str, str]:
        """The source details in use, as Text variables: name -> GUID."""
        names = [
            name
            for name in SOURCE_VARIABLES
            if any(_source_detail(s, name) for s in self.project.sources)
        ]
        extra: dict[str, None] = {}
        for source in self.project.sources:
            for name in _kept_variables(source):
                if name.lower() not in {n.lower() for n in SOURCE_VARIABLES}:
                    extra[name] = None
        names += list(extra)
        if not names:
            return {}
        holder = etree.SubElement(root, _q("Variables"))
        guids = {}
        for name in names:
            guids[name] = self.guids.of("variable", name)
            etree.SubElement(
                holder, _q("Variable"), guid=guids[name], name=_xml(name), typeOfVariable="Text"
            )
        return guids

    def _source(
        self,
        parent: etree._Element,
        source: Source,
        passages: Sequence[Passage],
        variables: Mapping[str, str],
    ) -> None:
        element = etree.SubElement(parent, _q("TextSource"))
        element.set("guid", self.guids.source(source))
        element.set("name", _xml(source.title))
        element.set("plainTextPath", f"internal://{self.guids.text_file(source)}")
        _set_time(element, "creationDateTime", source.imported_at)
        description = source.metadata.get(DESCRIPTION_KEY)
        if isinstance(description, str) and description:
            etree.SubElement(element, _q("Description")).text = _xml(description)
        for passage in passages:
            self._selection(element, passage)
        kept = _kept_variables(source)
        for name, guid in variables.items():
            value = _source_detail(source, name) or kept.get(name, "")
            if value:
                holder = etree.SubElement(element, _q("VariableValue"))
                etree.SubElement(holder, _q("VariableRef"), targetGUID=guid)
                etree.SubElement(holder, _q("TextValue")).text = _xml(value)

    def _selection(self, parent: etree._Element, passage: Passage) -> None:
        selection = etree.SubElement(parent, _q("PlainTextSelection"))
        selection.set("guid", self.guids.of("passage", passage.id))
        selection.set("name", _xml(_snippet(passage.text)))
        selection.set("startPosition", str(passage.start))
        selection.set("endPosition", str(passage.end))
        author = self._user(passage)
        if author:
            selection.set("creatingUser", author)
        _set_time(selection, "creationDateTime", passage.created_at)
        if passage.memo:
            etree.SubElement(selection, _q("Description")).text = _xml(passage.memo)
        for theme_id in passage.theme_ids:
            if theme_id not in self.code_guid:
                continue
            coding = etree.SubElement(selection, _q("Coding"))
            coding.set("guid", self.guids.of("coding", f"{passage.id}:{theme_id}"))
            if author:
                coding.set("creatingUser", author)
            _set_time(coding, "creationDateTime", passage.created_at)
            etree.SubElement(coding, _q("CodeRef"), targetGUID=self.code_guid[theme_id])
        if passage.memo:
            guid = self._note(
                f"Memo: {_snippet(passage.text, 60)}",
                passage.memo,
                passage.memo_at or passage.created_at,
                self._user(passage, "memo_author"),
                key=f"memo:{passage.id}",
            )
            etree.SubElement(selection, _q("NoteRef"), targetGUID=guid)

    def _note(self, title: str, text: str, when: str, author: str, key: str = "") -> str:
        guid = self.guids.of("note", key or f"note:{title}:{len(self.notes)}")
        note = etree.Element(_q("Note"), guid=guid, name=_xml(title) or "Note")
        if author:
            note.set("creatingUser", author)
        _set_time(note, "creationDateTime", when)
        etree.SubElement(note, _q("PlainTextContent")).text = _xml(text)
        self.notes.append(note)
        return guid


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _xml(text: str) -> str:
    return _NOT_XML_RE.sub("", text)


def _snippet(text: str, limit: int = _NAME_CHARS) -> str:
    flat = " ".join(_xml(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _colour(colour: str) -> str:
    value = colour.strip()
    return value if _COLOUR_RE.fullmatch(value) else ""


def _set_time(element: etree._Element, attribute: str, stamp: str) -> None:
    """An xsd:dateTime, when the stamp is one (Briefing writes ISO 8601 with a zone)."""
    if _DATE_TIME_RE.fullmatch(stamp or ""):
        element.set(attribute, stamp)


def _source_detail(source: Source, variable: str) -> str:
    fields: dict[str, Any] = {
        "Format": source.format,
        "Author": source.author,
        "Published": source.published,
        "Origin": source.origin,
        "Marking": source.marking,
    }
    return str(fields.get(variable, "") or "")


def _kept_variables(source: Source) -> dict[str, str]:
    kept = source.metadata.get(VARIABLES_KEY)
    if not isinstance(kept, dict):
        return {}
    return {str(k): str(v) for k, v in kept.items() if str(v)}
