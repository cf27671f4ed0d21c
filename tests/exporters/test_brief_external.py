"""Issue 14 as LibreOffice prints it (PDF, pdftotext, pdfimages): DRAFT on every page of a draft
and on none of a final note, the header block and sign-off, the decision block on one page,
Annex A, and house templates (made with python-docx and with LibreOffice itself) that keep their
logo and department name. One soffice call converts every file; it fails without the tools."""

from __future__ import annotations

import math
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from house_templates import DEPARTMENT, FIRST_PAGE, FOOTER_TEXT, python_docx_house
from note_fixture import make_bundle, require_tool

from briefing.core.model import Contact, Signoff
from briefing.core.templates import template
from briefing.exporters import export_docx
from briefing.exporters.docx_page import PageOptions

pytestmark = pytest.mark.external

SIGNED = {
    "through": ("Deputy Minister",),
    "critical_date": "2025-12-05",
    "critical_reason": "The talks resume on 5 December",
    "contact": Contact("A. Analyst", "555 0100"),
    "cleared_by": (Signoff("B. Lead", "Director", "2025-03-14"),),
}


def run(*args: str | Path, timeout: float = 300) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args[0]} failed: {done.stderr[-2000:]}"
    return done.stdout


def soffice(folder: Path, profile: Path, fmt: str, *files: Path) -> None:
    run(
        require_tool("soffice"),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        fmt,
        "--outdir",
        folder,
        *files,
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each file's pages as pdftotext reads them, and the images on each page."""
    folder = tmp_path_factory.mktemp("brief")
    profile = tmp_path_factory.mktemp("lo-profile")
    house = python_docx_house(folder)
    # A house template LibreOffice wrote: ours, through LibreOffice's own format and back.
    made = tmp_path_factory.mktemp("lo-made")
    soffice(made, profile, "odt", house)
    soffice(made, profile, "docx:MS Word 2007 XML", made / "house.odt")
    bundle = make_bundle(**SIGNED)  # type: ignore[arg-type]
    information = replace(
        bundle,
        note=replace(
            bundle.note,
            body=template("information").body,
            metadata=replace(bundle.note.metadata, purpose="information", status="final"),
        ),
    )
    files = {
        "draft": lambda out: export_docx(bundle, out, page=PageOptions(watermark=True)),
        "final information": lambda out: export_docx(information, out),
        "house": lambda out: export_docx(bundle, out, reference_doc=house),
        "house by libreoffice": lambda out: export_docx(
            bundle, out, reference_doc=made / "house.docx"
        ),
    }
    paths = []
    for index, (_name, make) in enumerate(files.items()):
        paths.append(folder / f"f{index}.docx")
        make(paths[-1])
    soffice(folder, profile, "pdf", *paths)
    pdftotext, pdfimages = require_tool("pdftotext"), require_tool("pdfimages")
    result: dict[str, list[str]] = {}
    for name, path in zip(files, paths, strict=True):
        pdf = path.with_suffix(".pdf")
        pages = [p for p in run(pdftotext, "-layout", pdf, "-").split("\f") if p.strip()]
        result[name] = pages
        images = run(pdfimages, "-list", pdf).splitlines()[2:]
        result[f"{name} images"] = [line.split()[0] for line in images]  # page of each image
    return result


def lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def test_a_draft_says_draft_on_every_page_and_a_final_note_nowhere(
    printed: dict[str, list[str]],
) -> None:
    for number, page in enumerate(printed["draft"], start=1):
        assert lines(page)[:2] == ["OFFICIAL-SENSITIVE", "DRAFT"], number
    total = len(printed["final information"])
    for number, page in enumerate(printed["final information"], start=1):
        assert "DRAFT" not in page
        assert lines(page)[-1] == f"TP-2025-031 · Page {number} of {total}"


def test_header_block_and_sign_off_are_printed(printed: dict[str, list[str]]) -> None:
    first = lines(printed["draft"][0])
    assert "Through: Deputy Minister" in first
    assert "Critical date: 5 December 2025; The talks resume on 5 December" in first
    note = "\n".join("\n".join(lines(p)) for p in printed["draft"])
    assert "Contact: A. Analyst, 555 0100" in note
    assert "Cleared by: B. Lead, Director, 14 March 2025" in note


def test_the_decision_block_is_printed_whole_on_one_page(printed: dict[str, list[str]]) -> None:
    pages = [lines(p) for p in printed["draft"]]
    (page,) = [p for p in pages if any(line.startswith("Signature:") for line in p)]
    text = "\n".join(page)
    for expected in (
        "Recommendation Decision",
        "1. agree to support a joint framework; Agreed / Not agreed",
        "Name: Minister for Digital Affairs",
        "Comments:",
        "It is recommended that you:",  # the lead-in went with it
    ):
        assert expected in text
    assert "information" not in printed["final information"][0].lower().split("purpose")[0]
    assert not [p for p in printed["final information"] if "Signature:" in p]


def test_annex_a_is_labelled_with_sources_once(printed: dict[str, list[str]]) -> None:
    pages = printed["draft"]
    (annex,) = [lines(p) for p in pages if "Annex A: Source passages by theme" in p]
    text = "\n".join(annex)
    assert "Sources" in annex and text.count("stocktake.pdf") == 1  # named once, in full
    assert "capital, p. 3" in text  # the row's short form: "European compute and capital, p. 3"


@pytest.mark.parametrize("made_by", ["house", "house by libreoffice"])
def test_a_house_template_keeps_its_logo_and_department_name(
    printed: dict[str, list[str]], made_by: str
) -> None:
    pages = printed[made_by]
    assert FIRST_PAGE in lines(pages[0])[2]  # its own first-page header, under the marking
    for number, page in enumerate(pages, start=1):
        text = lines(page)
        assert text[:2] == ["OFFICIAL-SENSITIVE", "DRAFT"], number
        if number > 1:
            assert DEPARTMENT in text[2], number
        assert (
            FOOTER_TEXT in text[-3] and text[-1] == f"TP-2025-031 · Page {number} of {len(pages)}"
        )
    assert sorted(set(printed[f"{made_by} images"])) == [str(n) for n in range(1, len(pages) + 1)]


def test_the_page_meter_counts_the_decision_block_and_annex_as_libreoffice_does(
    printed: dict[str, list[str]],
) -> None:
    """The meter models the header block, the decision block kept whole and Annex A apart."""
    from briefing.exporters.pages import estimate

    measured = estimate(make_bundle(**SIGNED))  # type: ignore[arg-type]
    pages = printed["draft"]
    note_pages = [i for i, p in enumerate(pages, start=1) if "Annex A" not in p]
    assert math.ceil(measured.pages) == len(note_pages)
    assert measured.annex_pages == len(pages) - len(note_pages)
    signature = next(i for i, p in enumerate(pages, start=1) if "Signature:" in p)
    assert signature == math.ceil(measured.pages)  # the block moved on whole, as estimated
