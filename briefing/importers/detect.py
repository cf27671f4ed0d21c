"""Which importer reads a file: decided by its first bytes first, its suffix second.

A PDF named .txt is read as a PDF; a Word file named .txt as Word; a zip that is not a Word
package, an old binary .doc or an encrypted Office file is refused with a sentence that says so.
Zip packages are checked here, before any parser sees them, against zip bombs.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import TYPE_CHECKING

from briefing.importers.base import ImportFailure

if TYPE_CHECKING:  # zipfile costs start-up time; it is imported when a zip arrives
    import zipfile

logger = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_EXPANDED = 200 * MB  # total uncompressed size of a .docx package
MAX_RATIO = 100  # compression ratio refused for a member that is also large
MAX_MEMBERS = 10_000

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or an empty archive

SUFFIXES: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
    ".odt": "odt", ".ott": "odt",
    ".pdf": "pdf",
    ".eml": "eml",
    ".msg": "msg",
}  # fmt: skip
ODT_MIMETYPES = (b"application/vnd.oasis.opendocument.text",)  # .odt and .ott
# An Outlook .msg is an OLE file whose streams are named "__substg1.0_..." (UTF-16 names).
_MSG_STREAM = "__substg1.0_".encode("utf-16-le")

_WORD_MAIN = "word/document.xml"
_OFFICE_DOCUMENT_REL = "/officeDocument"  # the Type ends so in Transitional and Strict


def sniff(data: bytes, suffix: str) -> str:
    """The importer to use: txt, md, html, docx, odt, pdf, eml or msg. Raises ImportFailure for
    known misfits."""
    suffix = suffix.lower()
    # Readers accept junk before the header, so look in the first 1 KB; but a text that merely
    # mentions "%PDF-" is not a PDF, so away from offset 0 we also want the end marker.
    at = data[:1024].find(PDF_MAGIC)
    if at == 0 or (at > 0 and (suffix == ".pdf" or b"%%EOF" in data[-2048:])):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        if suffix == ".msg" or _MSG_STREAM in data:
            return "msg"
        raise ImportFailure("an old Word .doc or password-protected file; save it as .docx")
    if data.startswith(ZIP_MAGICS):
        # ODF puts an uncompressed "mimetype" member first, so its value sits at a fixed place.
        if data[30:38] == b"mimetype" and data[38:].startswith(ODT_MIMETYPES):
            return "odt"
        return "docx"  # read_docx refuses zips that are not Word packages
    by_suffix = SUFFIXES.get(suffix)
    if by_suffix == "pdf":
        raise ImportFailure("not a PDF: the file does not start with %PDF-")
    if by_suffix == "msg":
        raise ImportFailure("not an Outlook message: a .msg file is an OLE file and this is not")
    if by_suffix == "odt":
        raise ImportFailure("not an OpenDocument text: an .odt file is a zip package")
    if by_suffix == "docx" or suffix in (".doc", ".rtf"):
        if data.lstrip()[:5] == b"{\\rtf":
            raise ImportFailure("an RTF file, not a Word document; save it as .docx")
        raise ImportFailure("not a Word document: a .docx file is a zip package and this is not")
    if by_suffix is not None:
        return by_suffix
    from briefing.importers.email_doc import looks_like_email

    if looks_like_email(data):
        return "eml"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"  # unknown suffix: read as text if it is text (text.py refuses binary)


def open_zip(data: bytes, what: str = "Word file") -> zipfile.ZipFile:
    """A zip package, checked for damage, zip bombs and encrypted members."""
    import zipfile

    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # BadZipFile, EOFError, ValueError, ... on damaged archives
        logger.debug("zip open failed", exc_info=True)
        message = f"the {what} is damaged or truncated (its zip cannot be read)"
        raise ImportFailure(message) from exc
    if len(infos) > MAX_MEMBERS:
        raise ImportFailure(f"not a {what}: the zip holds {len(infos)} files")
    total = sum(info.file_size for info in infos)
    if total > MAX_EXPANDED:
        raise ImportFailure(
            f"the file expands to {total // MB} MB, over the {MAX_EXPANDED // MB} MB limit "
            "(a zip bomb?)"
        )
    for info in infos:
        if info.file_size > 10 * MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFailure(
                f"the file expands to {total // MB} MB, over the limit for its size "
                f"(compression ratio over {MAX_RATIO}:1, a zip bomb?)"
            )
        if info.flag_bits & 0x1:
            raise ImportFailure(f"the {what} is password-protected; save an unprotected copy")
    return archive


def open_package(data: bytes) -> zipfile.ZipFile:
    """The zip of a .docx, checked for damage, zip bombs and foreign packages."""
    archive = open_zip(data)
    names = set(archive.namelist())
    main = _main_part(archive, names)
    if main is None:
        raise ImportFailure(_foreign_package(archive, names))
    return archive


def main_part_name(archive: zipfile.ZipFile) -> str:
    name = _main_part(archive, set(archive.namelist()))
    if name is None:  # open_package has checked this already
        raise ImportFailure("not a Word document: the zip has no word/document.xml")
    return name


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main document part named by _rels/.rels, or word/document.xml."""
    if "_rels/.rels" in names:
        try:
            from xml.etree import ElementTree  # with a zip only: start-up need not pay for it

            root = ElementTree.fromstring(archive.read("_rels/.rels"))
        except Exception:
            logger.debug("unreadable _rels/.rels", exc_info=True)
            root = None
        for rel in root if root is not None else ():
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT_REL):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return _WORD_MAIN if _WORD_MAIN in names else None


def _foreign_package(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names:
        try:
            mimetype = archive.read("mimetype")[:100]
        except Exception:
            mimetype = b""
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            kind = mimetype.rsplit(b".", 1)[-1].decode("ascii", errors="replace")
            return f"an OpenDocument {kind} file, not a text document"
    if "xl/workbook.xml" in names:
        return "an Excel workbook, not a Word document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file, not a Word document"
    return "not a Word document: the zip has no word/document.xml"
