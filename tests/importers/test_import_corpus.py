"""Every file of ../shared/corpus/{docx,pdf}: imports with its text, or fails with its reason.

The tables name every file, so a file added to or removed from the corpus fails a test until
someone looks at it and says what it should give.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.importers import ImportFailure, read_file

TEXT, ERROR = "text", "error"
SCANNED = (ERROR, "no text layer")  # pictures only: OCR finds no words, or is not installed
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
    # Its Arabic font has no ToUnicode map: PDFium guesses, and the import says so (see below).
    "habibi-rotated.pdf": (TEXT, "habibi"),
    "habibi.pdf": (TEXT, "habibi"),
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
    "pdfkit.pdf": (TEXT, "Foo: bar\nABC: DEF"),
    "pdflatex-4-pages.pdf": (TEXT, "Hello, here is some text without a meaning. This text should"),
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
def test_corpus_file(corpus: Path, folder: str, name: str) -> None:
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
    document = read_file(corpus / "pdf" / "imagemagick-images.pdf", ocr=False)
    assert document.warnings == [
        "2 of 6 pages have no text layer (scanned?) and are left empty (pages 4, 5): "
        "OCR is switched off"
    ]


def test_font_without_unicode_map_is_reported(corpus: Path) -> None:
    document = read_file(corpus / "pdf" / "habibi.pdf")
    assert len(document.warnings) == 1
    assert "have no Unicode meaning in their font (no ToUnicode map)" in document.warnings[0]


def test_ligatures_become_letters(corpus: Path) -> None:
    text = read_file(corpus / "pdf" / "crazyones-pdfa.pdf").text
    assert "The misfits." in text
    assert not any("\ufb00" <= char <= "\ufb06" for char in text)


def test_line_end_hyphens_join_words_the_document_uses(corpus: Path) -> None:
    text = read_file(corpus / "pdf" / "multicolumn.pdf").text
    assert "consectetuer adipiscing elit" in text
    assert "\ufffe" not in text and "adip-iscing" not in text


def test_google_docs_flags_outside_the_bmp_are_kept(corpus: Path) -> None:
    # Google Docs draws emoji as images with /ActualText; PDFium's text page skips them.
    text = read_file(corpus / "pdf" / "google-doc-document.pdf").text
    assert "Indonesia 🇮🇩 Germany 🇩🇪 Austria 🇦🇹" in text


def test_missing_corpus_fails_in_ci_and_skips_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.importers import conftest

    monkeypatch.setattr(conftest, "CORPUS", tmp_path / "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        conftest.require_corpus()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        conftest.require_corpus()
