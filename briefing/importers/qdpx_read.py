"""Reading a REFI-QDA project (.qdpx) into what Briefing can hold, and a line for the rest.

Text sources (and the text of PDF sources) become sources; codes become themes, a nested code
named by its path ("Trade / Export controls"); plain-text selections with their codings become
passages (several selections of one span, as MAXQDA writes one per code, become one passage
with several themes); a selection's description and its notes become its memo; notes on the
project, a source or a code become notes. Who made a selection or a note and when (its
``creatingUser``, a user's name, and ``creationDateTime``) come with it. Positions are code
points, end exclusive (REFI-QDA 1.5, 10.2; ATLAS.ti's example in Annex A), counted in the
source's text as the file holds it, a CR LF line ending two characters, except in ATLAS.ti's
files, which count it as one.

Whatever cannot come in (pictures, audio, video, PDF regions, cases, sets, graphs, links, the
second user of a span two users coded) is named in ``RefiProject.skipped``, one line each. A
broken file (missing source, positions outside the text, a coding of an unknown code) raises
``ImportFailure`` with one line: nothing of it is imported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from briefing.importers.base import ImportFailure
from briefing.importers.qdpx_archive import QdpxArchive, TextMap, decode_source, text_map

PATH_SEPARATOR = " / "
SOURCE_DETAILS = ("format", "author", "published", "origin", "marking")
_MEDIA = {
    "PictureSource": "a picture",
    "AudioSource": "an audio recording",
    "VideoSource": "a video",
}
_OTHER_PARTS = {"Cases": "case", "Sets": "set", "Links": "link", "Graphs": "graph"}


@dataclass
class RefiCode:
    guid: str
    name: str  # the path of names, outermost first
    colour: str
    description: str


@dataclass
class RefiSelection:
    start: int  # in the source's normalised text, code points, end exclusive
    end: int
    codes: list[str]  # code GUIDs, in order, each once
    memos: list[str]
    created_at: str | None
    author: str  # the user's name, "" when unknown
    memo_author: str = ""  # who wrote the memo (its note's user, else the selection's)
    memo_at: str | None = None


@dataclass
class RefiSource:
    guid: str
    title: str
    text: str
    format: str
    details: dict[str, str]  # author, origin, published, marking
    variables: dict[str, str]  # other variables, kept in the source's metadata
    description: str
    selections: list[RefiSelection]


@dataclass
class RefiNote:
    title: str
    text: str
    author: str = ""  # the user's name, "" when unknown
    created_at: str | None = None


@dataclass
class RefiProject:
    name: str
    origin: str
    codes: list[RefiCode]
    sources: list[RefiSource]
    notes: list[RefiNote]
    skipped: list[str] = field(default_factory=list)  # what could not come in, one line each
    warnings: list[str] = field(default_factory=list)


def read_qdpx(path: Path) -> RefiProject:
    """Read a .qdpx; ImportFailure (one line) for a file that is broken or hostile."""
    try:
        with QdpxArchive(path) as archive:
            return _Reader(archive).read()
    except ImportFailure:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a shape nobody foresaw
        raise ImportFailure(f"not a REFI-QDA project Briefing can read: {exc}") from exc


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    """The children named ``name`` in any namespace (or none), found by lxml itself: a name
    compared per child in Python was half of a large file's reading."""
    return list(element.iterchildren(f"{{*}}{name}"))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _inside(element: etree._Element, holder: str, name: str = "") -> list[etree._Element]:
    """The elements (named ``name``, or all) inside ``element``'s ``holder`` child."""
    found = _child(element, holder)
    if found is None:
        return []
    return [c for c in found if isinstance(c.tag, str) and (not name or _local(c) == name)]


def _text(element: etree._Element | None) -> str:
    return "".join(str(t) for t in element.itertext()) if element is not None else ""


def _words(text: str) -> str:
    return " ".join(text.split())


def _title(text: str) -> str:
    """A source's name on one line, its spacing kept, as the store keeps a title's."""
    return "".join(" " if ch in "\r\n\t\v\f" else ch for ch in text).strip()


class _Reader:
    def __init__(self, archive: QdpxArchive) -> None:
        self.archive = archive
        self.skipped: list[str] = []
        self.warnings: list[str] = []
        self.users: dict[str, str] = {}
        self.codes: dict[str, RefiCode] = {}
        self.variables: dict[str, str] = {}  # variable GUID -> name
        self.note_texts: dict[str, RefiNote] = {}  # note GUID -> note
        self.notes_used: set[str] = set()
        self.attached: list[tuple[str, str]] = []  # (note GUID, what it is about)
        self.coders: Counter[str] = Counter()  # users whose coding of a span another's holds

    def read(self) -> RefiProject:
        root = self.archive.project_document()
        if _local(root) != "Project" or not str(etree.QName(root.tag).namespace or "").startswith(
            "urn:QDA-XML:project"
        ):
            raise ImportFailure("not a REFI-QDA project: project.qde has no Project element")
        origin = root.get("origin", "")
        self.crlf_as_one = "atlas.ti" in origin.lower()
        for user in _inside(root, "Users", "User"):
            name = _words(user.get("name", "")) or _words(user.get("id", ""))
            self.users[user.get("guid", "").lower()] = name  # "": nobody known
        codebook = _child(root, "CodeBook")
        codes = _child(codebook, "Codes") if codebook is not None else None
        for code in _children(codes, "Code") if codes is not None else []:
            self._code(code, [])
        for variable in _inside(root, "Variables", "Variable"):
            self.variables[variable.get("guid", "").lower()] = variable.get("name", "")
        for note in _inside(root, "Notes", "Note"):
            self._note(note)
        sources: list[RefiSource] = []
        for element in _inside(root, "Sources"):
            source = self._source(element)
            if source is not None:
                sources.append(source)
        for ref in _children(root, "NoteRef"):
            self.attached.append((ref.get("targetGUID", "").lower(), ""))
        for part, noun in _OTHER_PARTS.items():
            count = len(_inside(root, part))
            if count:
                self.skipped.append(f"{count} {noun}{'s' * (count != 1)}: Briefing has no {noun}s")
        if self.coders:  # a passage has one author: the span's first user
            names = ", ".join(sorted(self.coders))
            total = sum(self.coders.values())
            self.skipped.append(
                f"who coded {total} span(s) another user had coded first ({names}): a passage"
                " records the first"
            )
        return RefiProject(
            name=root.get("name", ""),
            origin=origin,
            codes=list(self.codes.values()),
            sources=sources,
            notes=self._loose_notes(),
            skipped=self.skipped,
            warnings=self.warnings,
        )

    # ---- codes ------------------------------------------------------------------------

    def _code(self, element: etree._Element, path: list[str]) -> None:
        name = _words(element.get("name", "")) or "Untitled code"
        here = [*path, name]
        guid = element.get("guid", "").lower()
        if element.get("isCodable", "true").strip().lower() not in ("false", "0"):
            self.codes[guid] = RefiCode(
                guid,
                PATH_SEPARATOR.join(here),
                _colour(element.get("color", "")),
                _text(_child(element, "Description")).strip(),
            )
            for ref in _children(element, "NoteRef"):
                self.attached.append((ref.get("targetGUID", "").lower(), f"theme {here[-1]}"))
        for child in _children(element, "Code"):
            self._code(child, here)

    # ---- notes ------------------------------------------------------------------------

    def _note(self, element: etree._Element) -> None:
        guid = element.get("guid", "").lower()
        title = _words(element.get("name", "")) or "Note"
        text = self._plain_text(element, f"note {title}", required=False)
        self.note_texts[guid] = RefiNote(
            title, text.text if text else "", self._user(element), _time(element)
        )
        coded = len(_children(element, "PlainTextSelection")) + len(_children(element, "Coding"))
        if coded:
            self.skipped.append(f"note {title}: {coded} coding(s) of the note's own text")

    def _memo(self, element: etree._Element) -> tuple[list[str], list[str]]:
        """A selection's (or coding's) description and the notes it refers to: the texts, and
        the notes' GUIDs (used up once the selection is kept)."""
        memos = [_text(_child(element, "Description")).strip()]
        guids = []
        for ref in _children(element, "NoteRef"):
            guid = ref.get("targetGUID", "").lower()
            note = self.note_texts.get(guid)
            if note is not None:
                guids.append(guid)
                memos.append(note.text.strip())
        for coding in _children(element, "Coding"):
            more, more_guids = self._memo(coding)
            memos += more
            guids += more_guids
        # Once each: a tool (Briefing too) may write a memo as the description and as a note,
        # whose text has had its line endings made \n.
        once = {_lines(m): m for m in reversed(memos) if m}
        return list(reversed(once.values())), guids

    def _loose_notes(self) -> list[RefiNote]:
        """Notes that are no passage's memo: on the project, a source or a code, or on nothing."""
        about = {guid: what for guid, what in self.attached}
        notes = []
        for guid, note in self.note_texts.items():
            if guid in self.notes_used or not note.text.strip():
                continue
            what = about.get(guid, "")
            title = note.title if not what or note.title != "Note" else f"Note on {what}"
            notes.append(RefiNote(title, note.text, note.author, note.created_at))
        return notes

    # ---- sources ----------------------------------------------------------------------

    def _source(self, element: etree._Element) -> RefiSource | None:
        kind = _local(element)
        name = _title(element.get("name", "")) or "Untitled source"
        if kind in _MEDIA:
            self._skip_media(element, _MEDIA[kind], name)
            return None
        if kind == "PDFSource":
            regions = len(_children(element, "PDFSelection"))
            if regions:
                self.skipped.append(f"{name}: {regions} PDF selection(s) by region")
            representation = _child(element, "Representation")
            if representation is None:
                self.skipped.append(f"{name}: a PDF without its text (no representation)")
                return None
            return self._text_source(representation, name, "pdf", element)
        if kind != "TextSource":
            self.skipped.append(f"{name}: a {kind}, which Briefing does not know")
            return None
        rich = element.get("richTextPath", "").lower()
        return self._text_source(element, name, "docx" if rich.endswith(".docx") else "txt", None)

    def _skip_media(self, element: etree._Element, noun: str, name: str) -> None:
        marks = sum(len(_children(element, f"{k}Selection")) for k in ("Picture", "Audio", "Video"))
        marked = f" and its {marks} selection(s)" if marks else ""
        self.skipped.append(f"{name}: {noun}{marked} (Briefing holds text only)")

    def _text_source(
        self, element: etree._Element, name: str, fmt: str, outer: etree._Element | None
    ) -> RefiSource | None:
        holder = outer if outer is not None else element
        mapped = self._plain_text(element, f"source {name}", required=True)
        if mapped is None:
            return None
        if not mapped.text.strip():
            self.skipped.append(f"{name}: a source with no text")
            return None
        details, variables = self._variable_values(holder)
        whole = len(_children(holder, "Coding"))
        if whole:
            self.skipped.append(f"{name}: {whole} coding(s) of the whole source")
        for ref in _children(holder, "NoteRef"):
            self.attached.append((ref.get("targetGUID", "").lower(), f"source {name}"))
        selections = self._selections(element, mapped, name)
        return RefiSource(
            guid=holder.get("guid", ""),
            title=name,
            text=mapped.text,
            format=details.pop("format", "") or fmt,
            details=details,
            variables=variables,
            description=_text(_child(holder, "Description")).strip(),
            selections=selections,
        )

    def _plain_text(self, element: etree._Element, what: str, *, required: bool) -> TextMap | None:
        content = _child(element, "PlainTextContent")
        if content is not None:
            return text_map(_text(content), crlf_as_one=self.crlf_as_one)
        reference = element.get("plainTextPath", "").strip()
        if reference.lower().startswith("internal://"):
            raw, warnings = decode_source(self.archive.internal(reference), what)
            self.warnings += [f"{what}: {w}" for w in warnings]
            return text_map(raw, crlf_as_one=self.crlf_as_one)
        if reference:
            self.skipped.append(f"{what}: its text is outside the file ({reference[:80]})")
            return None
        if required:
            raise ImportFailure(f"{what[:80]} has no text (no PlainTextContent or plainTextPath)")
        return None

    def _variable_values(self, element: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
        details: dict[str, str] = {}
        others: dict[str, str] = {}
        for value in _children(element, "VariableValue"):
            ref = _child(value, "VariableRef")
            name = (
                self.variables.get(ref.get("targetGUID", "").lower(), "") if ref is not None else ""
            )
            text = "".join(_text(child) for child in value if _local(child) != "VariableRef")
            if not name or not text.strip():
                continue
            key = name.strip().lower()
            if key in SOURCE_DETAILS:
                details[key] = text.strip()
            else:
                others[name] = text.strip()
        return details, others

    def _selections(
        self, element: etree._Element, mapped: TextMap, name: str
    ) -> list[RefiSelection]:
        merged: dict[tuple[int, int], RefiSelection] = {}
        for number, selection in enumerate(_children(element, "PlainTextSelection"), 1):
            start, end = _position(selection, "startPosition"), _position(selection, "endPosition")
            if start is None or end is None or not 0 <= start <= end <= mapped.raw_length:
                shown = f"{selection.get('startPosition')}-{selection.get('endPosition')}"
                raise ImportFailure(
                    f"source {name[:60]}: selection {number} at {shown} is outside its"
                    f" {mapped.raw_length:,} characters"
                )
            first, last = mapped.position(start), mapped.position(end)
            codes = []
            codings = _children(selection, "Coding")
            for coding in codings:
                ref = _child(coding, "CodeRef")
                guid = ref.get("targetGUID", "").lower() if ref is not None else ""
                if guid not in self.codes:
                    raise ImportFailure(
                        f"source {name[:60]}: selection {number} is coded with a code that is"
                        " not in the codebook"
                    )
                codes.append(guid)
            memos, notes = self._memo(selection)
            if first >= last:
                self.skipped.append(f"{name}: an empty selection at {start}")
                continue
            if not codes:
                memo = f" (memo: {_words(memos[0])[:60]})" if memos else ""
                self.skipped.append(f"{name}: selection {start}-{end} has no code{memo}")
                continue
            self.notes_used.update(notes)
            author = self._user(selection, *codings)
            created = _time(selection, *codings)
            # The memo's author: its note's (the first that names one), else the selection's.
            writers = [self.note_texts[g] for g in notes if self.note_texts[g].author]
            memo_author = (writers[0].author if writers else author) if memos else ""
            memo_at = (writers[0].created_at if writers else created) if memos else None
            found = merged.get((first, last))
            if found is None:
                merged[(first, last)] = RefiSelection(
                    first, last, list(dict.fromkeys(codes)), memos, created, author,
                    memo_author, memo_at,
                )  # fmt: skip
                continue
            # One span, several selections (MAXQDA writes one per code): one passage.
            found.codes = list(dict.fromkeys(found.codes + codes))
            if memos and not found.memos:
                found.memo_author, found.memo_at = memo_author, memo_at
            found.memos = list(dict.fromkeys(found.memos + memos))
            if author and not found.author:  # the first user named tagged it
                found.author, found.created_at = author, created or found.created_at
            elif author and author != found.author:
                self.coders[author] += 1
        return list(merged.values())

    def _user(self, *elements: etree._Element) -> str:
        """The name of the first ``creatingUser`` among the elements, "" when none is known."""
        for element in elements:
            name = self.users.get(element.get("creatingUser", "").lower(), "")
            if name:
                return name
        return ""


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(element: etree._Element, attribute: str) -> int | None:
    value = element.get(attribute, "").strip()
    return int(value) if value.lstrip("-").isdigit() else None


def _colour(value: str) -> str:
    value = value.strip()
    digits = value[1:]
    if not value.startswith("#") or len(digits) not in (3, 6):
        return ""
    if any(ch not in "0123456789abcdefABCDEF" for ch in digits):
        return ""
    return "#" + ("".join(ch * 2 for ch in digits) if len(digits) == 3 else digits)


def _time(*elements: etree._Element) -> str | None:
    """The first element's creation (or else modification) time, in the store's form."""
    stamps = (e.get("creationDateTime") or e.get("modifiedDateTime") for e in elements)
    stamp = next((s for s in stamps if s), None)
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")
