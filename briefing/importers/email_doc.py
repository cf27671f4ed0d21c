"""E-mail: .eml with the standard library's ``email``, Outlook .msg with extract-msg.

The subject is the title; sender, recipients and date are metadata. The HTML body goes through
the HTML extractor (scripts, styles and hidden content dropped), else the plain body is read as
text. Attachments are listed in metadata["attachments"] and returned with their bytes in
``ImportedDocument.attachments``, for ingest to import as sources of their own.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from datetime import datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from briefing.importers.base import (
    Attachment,
    Block,
    ImportedDocument,
    ImportFailure,
    build,
    paragraph_blocks,
)
from briefing.importers.html_doc import decode_html, extract
from briefing.importers.properties import find_marking
from briefing.importers.text import decode_text, normalise

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 200
_HEADER_RE = re.compile(rb"^[!-9;-~]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*")
_MAIL_HEADERS = frozenset(
    {b"from", b"to", b"subject", b"date", b"received", b"return-path", b"message-id",
     b"mime-version", b"delivered-to", b"cc", b"reply-to", b"content-type"}
)  # fmt: skip
_MARKING_HEADERS = ("X-Classification", "X-Security-Classification", "X-Protective-Marking",
                    "Classification", "X-Sensitivity")  # fmt: skip


def looks_like_email(data: bytes) -> bool:
    """An RFC 5322 header block: at least three known header lines, From among them."""
    head = data[:16384].lstrip(b"\r\n")
    names: set[bytes] = set()
    while head and not head.startswith((b"\r\n", b"\n")):
        match = _HEADER_RE.match(head)
        if not match:
            return False
        names.add(match.group(0).split(b":", 1)[0].lower())
        head = head[match.end() :]
    return b"from" in names and len(names & _MAIL_HEADERS) >= 3


def _addresses(values: list[str]) -> list[str]:
    found = []
    for name, address in getaddresses(values):
        name = " ".join(name.split())
        if address or name:
            found.append(f"{name} <{address}>" if name and address else address or name)
    return found


def _body_from_html(html: str) -> tuple[str, list[Block]]:
    lines = extract(html, drop_boilerplate=False, prefer_main=False).lines
    return build(lines)


def _finish(
    title: str,
    text: str,
    blocks: list[Block],
    metadata: dict[str, Any],
    attachments: list[Attachment],
    warnings: list[str],
    kind: str,
) -> ImportedDocument:
    if attachments:
        metadata["attachments"] = [
            {"name": item.name, "size": len(item.data), "content_type": item.content_type}
            for item in attachments
        ]
    if not text.strip():
        # A message that is only its attachments is still a source: its headers say what it is.
        text = metadata.get("subject") or "(no text)"
        blocks = paragraph_blocks(text)
        warnings.append("the message has no text body; its attachments are listed")
    return ImportedDocument(
        title=metadata.get("subject") or title,
        text=text,
        format=kind,
        metadata=metadata,
        warnings=warnings,
        blocks=blocks,
        attachments=attachments,
    )


def _marking(subject: str, headers: dict[str, str]) -> str:
    for name in _MARKING_HEADERS:
        marking = find_marking(headers.get(name, "").upper())
        if marking:
            return marking
    return find_marking(subject)


# --- .eml ------------------------------------------------------------------------------------


def _part_text(part: Message) -> tuple[str, list[str]]:
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    if part.get_content_type() == "text/html":
        return decode_html(raw) if part.get_content_charset() is None else _decode(part, raw)
    return _decode(part, raw)


def _decode(part: Message, raw: bytes) -> tuple[str, list[str]]:
    return decode_text(raw, part.get_content_charset())


def _eml_attachments(message: EmailMessage, warnings: list[str]) -> list[Attachment]:
    found: list[Attachment] = []
    for number, part in enumerate(message.iter_attachments(), start=1):
        if len(found) >= MAX_ATTACHMENTS:
            warnings.append(f"only the first {MAX_ATTACHMENTS} attachments are listed")
            break
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            data = inner.as_bytes() if isinstance(inner, Message) else b""
            name = part.get_filename() or f"message-{number}.eml"
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            name = part.get_filename() or f"attachment-{number}"
        found.append(Attachment(" ".join(str(name).split()), data, content_type))
    return found


def read_eml(data: bytes, title: str) -> ImportedDocument:
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is a last resort
        raise ImportFailure("the e-mail could not be read") from exc
    if not isinstance(parsed, EmailMessage):
        raise ImportFailure("the e-mail could not be read")
    message = parsed
    warnings: list[str] = []
    headers = {name: str(value) for name, value in message.items()}
    metadata = _eml_metadata(message, headers)
    body = message.get_body(preferencelist=("html", "plain"))
    text, blocks = "", list[Block]()
    if body is not None:
        content, decoded_warnings = _part_text(body)
        warnings += decoded_warnings
        content, _ = normalise(content)
        if body.get_content_type() == "text/html":
            text, blocks = _body_from_html(content)
        else:
            text, blocks = content, paragraph_blocks(content)
    if message.defects:
        warnings.append(f"the message has {len(message.defects)} format defect(s); check it")
    attachments = _eml_attachments(message, warnings)
    return _finish(title, text, blocks, metadata, attachments, warnings, "eml")


def _eml_metadata(message: EmailMessage, headers: dict[str, str]) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    subject = " ".join(headers.get("Subject", "").split())
    if subject:
        metadata["subject"] = subject
    for key, name in (("from", "From"), ("to", "To"), ("cc", "Cc")):
        values = [str(value) for value in message.get_all(name, [])]
        addresses = _addresses(values)
        if addresses:
            metadata[key] = addresses
    if metadata.get("from"):
        sender = getaddresses([str(message.get("From", ""))])
        metadata["author"] = (sender[0][0] or sender[0][1]) if sender else metadata["from"][0]
    try:
        when = parsedate_to_datetime(headers["Date"]) if headers.get("Date") else None
    except (TypeError, ValueError, IndexError):
        when = None
    if when is not None:
        metadata["date"] = when.date().isoformat()
    organisation = " ".join(headers.get("Organization", headers.get("Organisation", "")).split())
    if organisation:
        metadata["organisation"] = organisation
    if headers.get("Message-ID"):
        metadata["message_id"] = headers["Message-ID"].strip()
    marking = _marking(subject, headers)
    if marking:
        metadata["marking"] = marking
    return metadata


# --- .msg ------------------------------------------------------------------------------------


def _msg_attachments(message: Any, warnings: list[str]) -> list[Attachment]:
    found: list[Attachment] = []
    for number, item in enumerate(message.attachments, start=1):
        if len(found) >= MAX_ATTACHMENTS:
            warnings.append(f"only the first {MAX_ATTACHMENTS} attachments are listed")
            break
        name = item.longFilename or item.shortFilename or getattr(item, "displayName", "") or ""
        data = item.data
        content_type = getattr(item, "mimetype", None) or ""
        if not isinstance(data, bytes | bytearray):
            export = getattr(data, "exportBytes", None)  # an embedded message
            data = export() if callable(export) else b""
            name = name or f"message-{number}.msg"
            content_type = content_type or "application/vnd.ms-outlook"
        if not data:
            warnings.append(f"attachment {name or number} has no data and is left out")
            continue
        found.append(Attachment(" ".join((name or f"attachment-{number}").split()), bytes(data),
                                content_type))  # fmt: skip
    return found


def read_msg(data: bytes, title: str) -> ImportedDocument:
    try:
        import extract_msg  # with olefile, RTFDE, bs4: a tenth of a second; only for .msg files
    except ImportError as exc:  # extract-msg is GPL-3.0: an installation may leave it out
        raise ImportFailure(
            "reading Outlook .msg files needs the extract-msg package (pip install extract-msg); "
            "or save the message as .eml"
        ) from exc

    try:
        message = extract_msg.openMsg(data, strict=False)
    except Exception as exc:
        logger.debug("extract-msg refused the file", exc_info=True)
        raise ImportFailure("not an Outlook message, or a damaged one (.msg)") from exc
    try:
        if not hasattr(message, "subject") or not hasattr(message, "attachments"):
            raise ImportFailure("an Outlook item that is not a message (a contact, a task...)")
        return _read_msg(message, title)
    finally:
        message.close()


def _read_msg(message: Any, title: str) -> ImportedDocument:
    warnings: list[str] = []
    header = message.header
    headers = {str(name): str(value) for name, value in header.items()} if header else {}
    metadata: dict[str, Any] = {}
    subject = " ".join((message.subject or "").split())
    if subject:
        metadata["subject"] = subject
    for key, value in (("from", message.sender), ("to", message.to), ("cc", message.cc)):
        addresses = _addresses([value]) if value else []
        if addresses:
            metadata[key] = addresses
    if metadata.get("from"):
        sender = getaddresses([message.sender])
        metadata["author"] = sender[0][0] or sender[0][1]
    when = message.date
    if isinstance(when, datetime):
        metadata["date"] = when.date().isoformat()
    if message.messageId:
        metadata["message_id"] = str(message.messageId).strip()
    marking = _marking(subject, headers)
    if marking:
        metadata["marking"] = marking
    text, blocks = "", list[Block]()
    html = _msg_html(message)
    if html is not None:
        content, _ = normalise(html)
        text, blocks = _body_from_html(content)
    if not text.strip() and message.body:
        text, _ = normalise(str(message.body))
        text = text.strip("\n")
        blocks = paragraph_blocks(text)
    attachments = _msg_attachments(message, warnings)
    return _finish(title, text, blocks, metadata, attachments, warnings, "msg")


def _msg_html(message: Any) -> str | None:
    try:
        html = message.htmlBody  # from the HTML property, or de-encapsulated from RTF
    except Exception:  # RTFDE on odd RTF: fall back to the plain body
        logger.debug("no HTML body", exc_info=True)
        return None
    if not html:
        return None
    if isinstance(html, bytes):
        return decode_html(html)[0]
    return str(html)
