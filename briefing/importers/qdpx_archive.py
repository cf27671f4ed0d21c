"""Opening a .qdpx safely: the zip, its project.qde, its text sources.

Everything a hostile archive could try is refused with one line before anything is used: a
name that climbs out (``..``, an absolute path), a member that expands far beyond its size (a
zip bomb), a password, an XML document type (entity expansion, external entities), a missing
source. Nothing is ever extracted to disk: members are read into memory, capped.

Text sources are decoded as the importers decode text, and normalised as they normalise it (line
endings to ``\\n``, control characters out); ``TextMap`` carries each position in the file's
text to the same character in the normalised text, so selections stay exact.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from briefing.importers.base import ImportFailure
from briefing.importers.text import decode_text

MB = 1024 * 1024
MAX_QDE = 256 * MB  # project.qde, uncompressed
MAX_SOURCE = 50 * MB  # one text source, as the importers' limit for a file
MAX_READ = 1024 * MB  # everything read from one archive
MAX_MEMBERS = 100_000
MAX_RATIO = 100  # a member this much smaller than it expands, and large: a zip bomb
_SUSPECT_SIZE = 10 * MB
_REMOVED_RE = re.compile("\r(?=\n)|[\x00-\x08\x0e-\x1f]")
_TO_NEWLINE = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n"})


class QdpxArchive:
    """An open .qdpx: the project document's root, and its members by name, any case."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = self._zip.infolist()
        except FileNotFoundError as exc:
            raise ImportFailure("the file does not exist") from exc
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ImportFailure("not a REFI-QDA project: the file is not a readable zip") from exc
        if len(infos) > MAX_MEMBERS:
            raise ImportFailure(f"the archive holds {len(infos):,} files, over the limit")
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            _check_name(info.filename)
            if info.flag_bits & 0x1:
                raise ImportFailure("the archive is password-protected")
            self._members[info.filename.lower()] = info
        self._read = 0

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def project_document(self) -> etree._Element:
        """The root of project.qde (or of the archive's one .qde), parsed safely."""
        name = "project.qde"
        if name not in self._members:
            found = [n for n in self._members if n.endswith(".qde") and "/" not in n]
            if len(found) != 1:
                raise ImportFailure("not a REFI-QDA project: the archive has no project.qde")
            name = found[0]
        return parse_xml(self._bytes(self._members[name], MAX_QDE), name)

    def has(self, name: str) -> bool:
        return name.lower() in self._members

    def internal(self, reference: str) -> bytes:
        """The bytes of an ``internal://NAME`` file in ``sources/``."""
        name = reference[len("internal://") :]
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ImportFailure(f"a source path is not a plain file name: {reference[:80]}")
        info = self._members.get(f"sources/{name}".lower())
        if info is None:
            raise ImportFailure(f"a source is missing from the archive: sources/{name[:80]}")
        return self._bytes(info, MAX_SOURCE)

    def _bytes(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        size = info.file_size
        if size > limit:
            raise ImportFailure(
                f"{info.filename[:80]} expands to {size // MB} MB, over the {limit // MB} MB limit"
            )
        if size > _SUSPECT_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFailure(
                f"{info.filename[:80]} expands {size // max(info.compress_size, 1)} times its"
                " size (a zip bomb?)"
            )
        self._read += size
        if self._read > MAX_READ:
            raise ImportFailure(f"the archive expands to over {MAX_READ // MB} MB (a zip bomb?)")
        try:
            with self._zip.open(info) as member:
                data = member.read(limit + 1)  # a member larger than it says is still capped
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise ImportFailure(f"{info.filename[:80]} cannot be read: {exc}") from exc
        if len(data) > limit:
            raise ImportFailure(f"{info.filename[:80]} is larger than the archive says")
        return data


def _check_name(name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    if (
        "\\" in name
        or name.startswith("/")
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
    ):
        raise ImportFailure(f"the archive holds a file outside its folder: {name[:80]}")


def parse_xml(data: bytes, name: str) -> etree._Element:
    """XML with no document type: no entities to expand, nothing fetched, nothing loaded."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(f"{name} is not well-formed XML: {exc.msg}") from exc
    info = root.getroottree().docinfo
    if getattr(info, "doctype", "") or getattr(info, "internalDTD", None) is not None:
        raise ImportFailure(f"{name} declares a document type; REFI-QDA files have none")
    return root


# ---- text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextMap:
    """A source's text as it will be stored, and where each position of the file's text went."""

    text: str
    raw_length: int
    removed: tuple[int, ...]  # positions in the file's text of the characters taken out

    def position(self, raw: int) -> int:
        return raw - bisect_left(self.removed, raw)


def decode_source(data: bytes, name: str) -> tuple[str, list[str]]:
    """A text source's bytes as text: UTF-8 (REFI-QDA 9.1.2), a BOM's encoding where one
    says otherwise, Windows-1252 with a warning for what is not UTF-8."""
    try:
        return decode_text(data)
    except ImportFailure as exc:
        raise ImportFailure(f"source {name[:80]}: {exc}") from exc


def text_map(raw: str, *, crlf_as_one: bool = False) -> TextMap:
    """Normalise as the importers do (``importers.text.normalise_count``), keeping the way back.

    ``crlf_as_one``: the positions count a CR LF line ending as one character (ATLAS.ti).
    """
    if crlf_as_one:
        raw = raw.replace("\r\n", "\n")
    removed = [m.start() for m in _REMOVED_RE.finditer(raw)]
    if raw.startswith("\ufeff"):  # a BOM that the decoding left (a second one)
        removed.insert(0, 0)
    pieces, last = [], 0
    for index in removed:
        pieces.append(raw[last:index])
        last = index + 1
    pieces.append(raw[last:])
    return TextMap("".join(pieces).translate(_TO_NEWLINE), len(raw), tuple(removed))
