"""Every file of ../shared/corpus/{docx,pdf}: imports with its text, or fails with its reason.

The tables name every file, so a file added to or removed from the corpus fails a test until
someone looks at it and says what it should give.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from briefing.importers import ImportFailure, read_file

TEXT, ERROR = "text", "error"
SCANNED = (ERROR, "no text layer: it looks scanned (OCR it first)")
NO_TEXT = (ERROR, "the Word document contains no text")

DOCX: dict[str, tuple[str, str]] = {
    "comments.docx": (TEXT, "Ouch."),
    "embedded-style-map.docx": (TEXT, "Walking on imported air"),
    "empty.docx": NO_TEXT,
    "endnotes.docx": (TEXT, "Notes\n[i] A tachyon walks into a bar.\n[ii] Fin."),
    "external-picture.docx": NO_TEXT,
    "footnote-hyperlink.docx": (TEXT, "[1]\nNotes\n[1] Example"),
    "footnotes.docx": (TEXT, "Ouch[1].[2]\nNotes\n[1] A tachyon walks into a bar.\n[2] Fin."),
    "simple-list.docx": (TEXT, "Apple\nBanana"),
    "single-paragraph.docx": (TEXT, "Walking on imported air"),
    "strict-format.docx": (TEXT, "Test"),
    "strikethrough.docx": (TEXT, "Today's Special: Salmon Sold out"),
    "tables.docx": (TEXT, "Above\nTop left\tTop right\nBottom left\tBottom right\nBelow"),
    "text-box.docx": (TEXT, "Datum plane"),
    "tiny-picture-target-base-relative.docx": NO_TEXT,
    "tiny-picture.docx": NO_TEXT,
    "underline.docx": (TEXT, "The Sunset Tree"),
    "utf8-bom.docx": (TEXT, "This XML has a byte order mark."),
}

PDF: dict[str, tuple[str, str]] = {
    "002-trivial-libre-office-writer.pdf": (TEXT, "Lorem ipsum dolor sit amet, consetetur"),
    "annotated_pdf.pdf": (TEXT, "Not highlighted"),
    "cmyk-image.pdf": SCANNED,
    "crazyones-pdfa.pdf": (TEXT, "The Crazy Ones\nOctober 14, 1998"),
    "google-doc-document.pdf": (TEXT, "Beautiful is better than ugly."),
    "grayscale-image.pdf": SCANNED,
    "habibi-oneline-cmap.pdf": (TEXT, "habibi"),
    "habibi-rotated.pdf": (TEXT, "حَبيبي habibi حَبيبي"),
    "habibi.pdf": (TEXT, "حَبيبي habibi حَبيبي"),
    "imagemagick-ASCII85Decode.pdf": SCANNED,
    "imagemagick-CCITTFaxDecode.pdf": SCANNED,
    "imagemagick-images.pdf": (TEXT, "Background"),
    "imagemagick-lzw.pdf": SCANNED,
    "inline-image.pdf": (TEXT, "Test"),
    "libre-office-link.pdf": (TEXT, "This is a link to an awesome blog."),
    "libreoffice-form.pdf": (TEXT, "Example for a Form"),
    "libreoffice-writer-password.pdf": (ERROR, "password-protected"),
    "minimal-document.pdf": (TEXT, "Lorem ipsum dolor sit amet, consetetur sadipscing elitr"),
    "mistitled_outlines_example.pdf": (TEXT, "Hello, here is some text without a meaning."),
    "multicolumn.pdf": (TEXT, "Two-Column Document with Lorem Ipsum"),
    "output_with_metadata_pymupdf.pdf": (TEXT, "Hello, World!"),
    "pdfkit.pdf": (TEXT, "Foo:\n\tbar\nABC:\n\tDEF"),
    "pdflatex-4-pages.pdf": (TEXT, "Hello, here is some text without a meaning."),
    "pdflatex-forms.pdf": (TEXT, "Name\nCheck\nSubmit"),
    "pdflatex-image.pdf": (TEXT, "1 Your Chapter"),
    "pdflatex-outline.pdf": (TEXT, "1 Foo"),
    "reportlab-overlay.pdf": (TEXT, "Fingerprint: asdfSa2123"),
    "with-attachment.pdf": (TEXT, "Lorem ipsum dolor sit amet"),
}

TABLES = {"docx": DOCX, "pdf": PDF}
CASES = [(folder, name) for folder, table in TABLES.items() for name in table]


@pytest.mark.parametrize("folder", sorted(TABLES))
def test_tables_name_every_corpus_file(corpus: Path, folder: str) -> None:
    present = {path.name for path in (corpus / folder).glob(f"*.{folder}")}
    assert present == set(TABLES[folder])


@pytest.mark.parametrize(("folder", "name"), CASES)
def test_corpus_file(
    corpus: Path, folder: str, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)  # pypdf's own warnings about fonts are not ours
    path = corpus / folder / name
    kind, expected = TABLES[folder][name]
    if kind == ERROR:
        with pytest.raises(ImportFailure) as failure:
            read_file(path)
        message = str(failure.value)
        assert expected in message
        assert "\n" not in message
        return
    document = read_file(path)
    assert expected in document.text
    assert document.format == folder
    assert document.metadata["origin"] == str(path.resolve())
    assert "\r" not in document.text
    assert document.title
    if folder == "pdf":
        starts = document.metadata["pages"]
        assert starts[0] == 0
        assert starts == sorted(starts)
        assert all(start == 0 or document.text[start - 1] == "\n" for start in starts)


def test_pdf_page_counts_match_files_json(corpus: Path) -> None:
    listing = json.loads((corpus / "pdf" / "files.json").read_text(encoding="utf-8"))["data"]
    expected = {Path(entry["path"]).name: entry["pages"] for entry in listing}
    checked = 0
    for name, (kind, _) in PDF.items():
        if kind == TEXT and name in expected:
            assert len(read_file(corpus / "pdf" / name).metadata["pages"]) == expected[name], name
            checked += 1
    assert checked >= 15


def test_mixed_pdf_warns_about_its_image_pages(corpus: Path) -> None:
    document = read_file(corpus / "pdf" / "imagemagick-images.pdf")
    assert document.warnings == [
        "2 of 6 pages have no text (scanned images?); their text is missing"
    ]
