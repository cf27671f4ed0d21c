"""Default themes and the note templates (their colours: test_colours.py)."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.core.resources import default_themes
from briefing.core.templates import template, templates


def test_default_themes_are_complete() -> None:
    themes = default_themes()
    names = [t["name"] for t in themes]
    assert names[:3] == ["Export controls", "Sovereignty", "Investment"]
    for theme in themes:
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", theme["colour"])
        assert len(theme["description"]) > 20
        assert theme["keywords"]


def test_templates_have_sections_and_prompts() -> None:
    assert {t.name for t in templates()} == {
        "decision",
        "information",
        "meeting",
        "canada-decision",
        "uk-submission",
    }
    decision = template("decision").body
    headings = re.findall(r"^## (.+)$", decision, flags=re.M)
    assert headings == [
        "Summary",
        "Issue",
        "Background",
        "Key considerations",
        "Options",
        "Recommendation",
    ]
    for t in templates():
        sections = re.split(r"^## .+$", t.body, flags=re.M)[1:]
        assert all(re.search(r"\[[^\]@]+\]", s) for s in sections), t.name
    assert "Points to make" in template("meeting").body
    assert "Recommendation" not in template("information").body


def test_resources_travel_with_the_installed_package() -> None:
    import briefing
    from briefing.core.resources import resource_path, seed_path

    package = Path(briefing.__file__).parent
    themes, seed = resource_path("themes.json"), seed_path("us-eu-ai-access-talks.txt")
    assert themes.is_file() and seed.is_file()
    if "site-packages" in str(package):  # a wheel install (CI): inside the package itself
        assert package in themes.parents and package in seed.parents


def test_templates_for_canadian_and_uk_formats() -> None:
    """Issue 14, point 5: the sections of a Canadian decision note and a UK submission."""
    canada, uk = template("canada-decision"), template("uk-submission")
    assert re.findall(r"^## (.+)$", canada.body, flags=re.M) == [
        "Summary",
        "Issue",
        "Background",
        "Considerations",
        "Recommendation",
    ]
    assert re.findall(r"^## (.+)$", uk.body, flags=re.M) == [
        "Issue",
        "Recommendation",
        "Timing",
        "Background",
        "Argument",
        "Presentation",
    ]
    assert canada.settings.decision_options == ("Agree", "Disagree")
    assert canada.settings.marking_position == "right"  # PROTECTED B, top right
    assert template("decision").settings.noting_options == ("Noted", "Please discuss")
    assert canada.purpose == uk.purpose == "decision"
