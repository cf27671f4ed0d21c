"""E-mail: .eml (MIME as mail programs write it) and Outlook .msg from the corpus."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from briefing.importers import ImportFailure, read_bytes, read_file
from tests.importers.test_blocks import check_blocks

PDF_ATTACHMENT = b"%PDF-1.4 pretend\n%%EOF\n"

# As Thunderbird writes a message: encoded-word subject, multipart/alternative with an HTML part
# carrying a script and a style, a base64 attachment.
EML = (
    b"Return-Path: <analyst@ministry.example>\r\n"
    b"Received: from mail.ministry.example by mx.example; Tue, 21 May 2024 09:30:00 +0200\r\n"
    b"Message-ID: <1234@ministry.example>\r\n"
    b"Date: Tue, 21 May 2024 09:30:00 +0200\r\n"
    b"From: =?UTF-8?Q?Ana=C3=AFs_Analyst?= <analyst@ministry.example>\r\n"
    b"To: Desk One <one@ministry.example>, two@ministry.example\r\n"
    b"Cc: chief@ministry.example\r\n"
    b"Organization: Ministry of Trade\r\n"
    b"Subject: =?UTF-8?Q?OFFICIAL-SENSITIVE:_Chip_talks_=E2=80=93_r=C3=A9sum=C3=A9?=\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="outer"\r\n'
    b"\r\n"
    b"--outer\r\n"
    b'Content-Type: multipart/alternative; boundary="inner"\r\n'
    b"\r\n"
    b"--inner\r\n"
    b"Content-Type: text/plain; charset=UTF-8\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"Plain body: ministers met.\r\n"
    b"--inner\r\n"
    b"Content-Type: text/html; charset=UTF-8\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"<html><head><style>p {color: red}</style><script>alert('x')</script></head>"
    b"<body><h1>Chip talks</h1><p>Ministers met in Br=C3=BCssel on Tuesday.</p>"
    b"<ul><li>Licences</li><li>Screening</li></ul></body></html>\r\n"
    b"--inner--\r\n"
    b"--outer\r\n"
    b'Content-Type: application/pdf; name="report.pdf"\r\n'
    b'Content-Disposition: attachment; filename="report.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n" + base64.encodebytes(PDF_ATTACHMENT).replace(b"\n", b"\r\n") + b"--outer--\r\n"
)


def test_eml_html_body_headers_and_attachment(tmp_path: Path) -> None:
    path = tmp_path / "message.eml"
    path.write_bytes(EML)
    document = read_file(path)
    assert document.format == "eml"
    assert document.title == "OFFICIAL-SENSITIVE: Chip talks – résumé"
    assert document.text == "Chip talks\nMinisters met in Brüssel on Tuesday.\nLicences\nScreening"
    assert "alert" not in document.text and "color" not in document.text
    metadata = document.metadata
    assert metadata["from"] == ["Anaïs Analyst <analyst@ministry.example>"]
    assert metadata["to"] == ["Desk One <one@ministry.example>", "two@ministry.example"]
    assert metadata["cc"] == ["chief@ministry.example"]
    assert metadata["author"] == "Anaïs Analyst"
    assert metadata["date"] == "2024-05-21"
    assert metadata["organisation"] == "Ministry of Trade"
    assert metadata["marking"] == "OFFICIAL-SENSITIVE"
    assert metadata["message_id"] == "<1234@ministry.example>"
    assert metadata["attachments"] == [
        {"name": "report.pdf", "size": len(PDF_ATTACHMENT), "content_type": "application/pdf"}
    ]
    assert [(item.name, item.data) for item in document.attachments] == [
        ("report.pdf", PDF_ATTACHMENT)
    ]
    check_blocks(document)
    assert [block.kind for block in document.blocks] == [
        "heading",
        "paragraph",
        "list_item",
        "list_item",
    ]
    assert document.warnings == []


def test_plain_text_eml_and_sniffing_without_a_suffix() -> None:
    raw = (
        b"From: a@example.org\nTo: b@example.org\nSubject: Note\nDate: Mon, 3 Jun 2024 10:00 +0000"
        b"\n\nFirst paragraph\nstill first.\n\nSecond.\n"
    )
    document = read_bytes(raw, "download")
    assert document.format == "eml"
    assert document.text == "First paragraph\nstill first.\n\nSecond.\n"
    assert [(block.start, block.end) for block in document.blocks] == [(0, 28), (30, 37)]
    assert read_bytes(raw, "note.txt").format == "txt"  # a named text file stays text


def test_attachment_only_message_still_imports() -> None:
    raw = (
        b"From: a@example.org\nTo: b@example.org\nSubject: Scan\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
        b'Content-Type: image/png\nContent-Disposition: attachment; filename="scan.png"\n'
        b"Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n"
    )
    document = read_bytes(raw, "scan.eml")
    assert document.text == "Scan"
    assert document.warnings == ["the message has no text body; its attachments are listed"]
    assert document.attachments[0].name == "scan.png"


def test_outlook_msg_from_the_corpus(corpus: Path) -> None:
    document = read_file(corpus / "msg" / "unicode.msg")
    assert document.format == "msg"
    assert document.title == "Test for TIF files"
    assert document.text.startswith(
        "This is a test email to experiment with the MS Outlook MSG Extractor"
    )
    assert "Kind regards" in document.text
    assert "<span" not in document.text and "font-family" not in document.text
    metadata = document.metadata
    assert metadata["from"] == ["Brian Zhou <brizhou@gmail.com>"]
    assert metadata["to"] == ["brianzhou@me.com"]
    assert metadata["date"] == "2013-11-18"
    names = [item.name for item in document.attachments]
    assert names == ["import OleFileIO.tif", "raised value error.tif"]
    assert all(item.data.startswith((b"II*\x00", b"MM\x00*")) for item in document.attachments)
    assert [entry["size"] for entry in metadata["attachments"]] == [
        len(item.data) for item in document.attachments
    ]
    check_blocks(document)


def test_msg_suffix_on_other_bytes_is_refused() -> None:
    with pytest.raises(ImportFailure, match="not an Outlook message"):
        read_bytes(b"just text", "mail.msg")


def test_damaged_msg_is_one_line(corpus: Path) -> None:
    data = (corpus / "msg" / "unicode.msg").read_bytes()
    with pytest.raises(ImportFailure) as failure:
        read_bytes(data[:4096], "cut.msg")
    assert "\n" not in str(failure.value)


def test_without_extract_msg_one_line_says_what_to_install(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "extract_msg", None)  # an import of it now fails
    with pytest.raises(ImportFailure, match=r"needs the extract-msg package \(pip install"):
        read_file(corpus / "msg" / "unicode.msg")
