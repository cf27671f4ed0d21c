"""Every kind of Word file Briefing writes validates against the WordprocessingML schemas.

Word is strict where LibreOffice forgives: a part that breaks the schema makes Word report
"unreadable content". The validator is ../shared/ooxml (RELAX NG schemas, run by jing; see
``ooxml_validation.py``). Without jing or the schemas these tests fail when ``CI`` is set, and
skip elsewhere.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from house_templates import placeholder_house, python_docx_house
from note_fixture import REPO, make_bundle
from ooxml_validation import validate, validator_missing, validator_or_skip

from briefing.core.model import Contact, Note, NoteBundle, NoteMetadata, Signoff
from briefing.exporters import export_docx, export_passages_report
from briefing.exporters.docx_page import PageOptions
from briefing.sample import build_sample

PARTS_CHECKED = ("word/document.xml", "word/styles.xml", "word/settings.xml")

# A body reaching every branch of the Word renderer the fixture note does not.
EVERY_BLOCK = """\
# One
## Two
### Three
#### Four
##### Five
###### Six

A line with a hard break[BR]
and an image ![a chart](https://example.org/c.png), a [link](https://example.org/a b), a
[bookmark](#one) and **bold *italic [linked](mailto:a@example.org)* words** with `code`.

```python
def f():
    return "[@p1]"
```

---

> Outer quote [@p1].
>
> > Inner quote with a list:
> >
> > - one
> > - two [@p99]

3. starts at three

    with a second paragraph (a loose list)

4. four
    - nested
        1. deeper
            - deeper still
                - and again
                    - and again
                        - and again
                            - and again
                                - past Word's nine levels

| Left | Centre | Right |
|:-----|:------:|------:|
| a [@p2] | b | c |
| d | | |
| only one cell |

| Adjacent | table |
|---|---|
| x | y |

Note with a citation and a link inside.[^n] Control characters: \x00\x0b\ufffe gone.

[^n]: See [@p3; @p99] and <https://example.org/x>; **bold** in a note.

    A second paragraph of the note, as code.
""".replace("[BR]", "  ")  # two spaces: a hard line break


def _sample_bundle(folder: Path) -> NoteBundle:
    with build_sample(folder / "sample.briefing") as project:
        return project.bundle(project.notes()[0].id)


def _house_template(folder: Path) -> Path:
    """python-docx's blank document with a first page and even pages of their own."""
    path = folder / "house.docx"
    template = docx.Document()
    template.sections[0].different_first_page_header_footer = True
    template.settings.odd_and_even_pages_header_footer = True
    template.save(str(path))
    return path


def _write_files(folder: Path) -> dict[str, Path]:
    """One Word file of each kind Briefing writes, by a name for the test's id."""
    sample = _sample_bundle(folder)
    bundle = make_bundle()
    house = _house_template(folder)
    earlier = folder / "earlier.docx"  # an earlier export as the house style: notes, lists
    export_docx(bundle, earlier)
    empty = NoteBundle(Note(1, "", "", "", NoteMetadata()), {}, {}, ())
    signed = make_bundle(
        through=("Deputy Minister",),
        contact=Contact("A. Analyst", "555 0100"),
        cleared_by=(Signoff("B. Lead", "Director", "2025-03-14"),),
    )
    makers: dict[str, Callable[[Path], object]] = {
        "sample note": lambda out: export_docx(sample, out, author="A. Clerk"),
        "sample note without annex": lambda out: export_docx(sample, out, annex=False),
        "fixture note": lambda out: export_docx(bundle, out),
        "every block": lambda out: export_docx(make_bundle(body=EVERY_BLOCK), out),
        "empty note": lambda out: export_docx(empty, out),
        "passages report": lambda out: export_passages_report(sample, [1, 2, 3], out, "docx"),
        "house template": lambda out: export_docx(bundle, out, reference_doc=house),
        "earlier export as template": lambda out: export_docx(bundle, out, reference_doc=earlier),
        "draft with watermark, marking top right": lambda out: export_docx(
            bundle, out, page=PageOptions("right", "C00000", watermark=True)
        ),
        "house template with a logo": lambda out: export_docx(
            signed, out, reference_doc=python_docx_house(folder), annex="all"
        ),
        "house template with placeholders": lambda out: export_docx(
            bundle, out, reference_doc=placeholder_house(folder)
        ),
        "right to left, a wide table": lambda out: export_docx(make_bundle(body=RTL_AND_WIDE), out),
    }
    files: dict[str, Path] = {}
    for index, (name, make) in enumerate(makers.items()):
        files[name] = folder / f"{index}.docx"
        make(files[name])
    files["reference document"] = REPO / "resources" / "reference.docx"
    return files


KINDS = (
    "sample note",
    "sample note without annex",
    "fixture note",
    "every block",
    "empty note",
    "passages report",
    "house template",
    "earlier export as template",
    "draft with watermark, marking top right",
    "house template with a logo",
    "house template with placeholders",
    "right to left, a wide table",
    "reference document",
)
RTL_AND_WIDE = (
    "مرحبا بالعالم [@p1] and English.\n\n"
    + "| "
    + " | ".join(f"Column{n}" for n in range(12))
    + " |\n|"
    + "---|" * 12
    + "\n| "
    + " | ".join("interoperability" for _ in range(12))
    + " |\n"
)


@pytest.fixture(scope="module")
def validations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Each file's parts and their schema errors; a known-bad file goes in as a control."""
    if validator_missing():
        return {}  # each test fails or skips, with the reason
    folder = tmp_path_factory.mktemp("valid")
    files = _write_files(folder)
    assert tuple(files) == KINDS
    control = folder / "control.docx"
    docx.Document().save(str(control))  # python-docx's zoom has no w:percent
    return validate({**files, "control": control}, folder / "parts")


@pytest.mark.parametrize("kind", KINDS)
def test_word_file_validates(kind: str, validations: dict[str, dict[str, list[str]]]) -> None:
    validator_or_skip()
    parts = validations[kind]
    assert set(PARTS_CHECKED) <= set(parts), sorted(parts)  # the parts were really read
    errors = {part: found for part, found in parts.items() if found}
    assert not errors, f"{kind} breaks the schema: {errors}"


def test_the_control_file_is_caught(validations: dict[str, dict[str, list[str]]]) -> None:
    """So a green run means something: the same run reports what Word refuses."""
    validator_or_skip()
    control = validations["control"]
    assert [part for part, found in control.items() if found] == ["word/settings.xml"]
    (error,) = control["word/settings.xml"]
    assert 'element "w:zoom" missing required attribute "w:percent"' in error


def test_validate_py_itself_catches_what_word_refuses(tmp_path: Path) -> None:
    """The shared script, run as documented, on a package holding only a bad settings part."""
    folder = validator_or_skip()
    blank = tmp_path / "blank.docx"
    docx.Document().save(str(blank))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(broken, "w") as dst:
        dst.writestr("word/settings.xml", src.read("word/settings.xml"))
    done = subprocess.run(
        [sys.executable, str(folder / "validate.py"), str(folder), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert 'element "w:zoom" missing required attribute "w:percent"' in done.stdout


@pytest.mark.parametrize("ci", ["1", ""])
def test_without_jing_ci_fails_and_elsewhere_skips(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", ci)
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match="jing is not installed"):
        validator_or_skip()
