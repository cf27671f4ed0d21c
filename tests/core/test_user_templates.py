"""Issue 14, point 5: templates a user adds live in the data folder and serve every project."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.core.errors import InvalidInput
from briefing.core.templates import (
    TemplateSettings,
    add_user_template,
    parse_options,
    template,
    template_settings,
    templates,
    user_templates_folder,
)

BODY = "## Purpose\n\n[Say why.]\n\n## Recommendation\n\n1. [That you sign ...]\n"


def test_a_user_template_is_saved_in_the_data_folder_with_its_settings() -> None:
    settings = TemplateSettings(("Signed", "Not signed"), ("Noted", "Discuss"), "right")
    added = add_user_template("us-memo", "Action memo (US)", "decision", BODY, settings)
    folder = user_templates_folder()
    assert folder.parent == Path(os.environ["BRIEFING_DATA_DIR"])
    assert (folder / "us-memo.md").read_text(encoding="utf-8") == BODY
    index = json.loads((folder / "templates.json").read_text(encoding="utf-8"))
    assert index["templates"][0]["decision_options"] == ["Signed", "Not signed"]
    assert added.user and added.body == BODY and added.settings == settings
    assert [t.name for t in templates()][-1] == "us-memo"
    assert template("US-Memo").label == "Action memo (US)"
    assert template_settings("us-memo").marking_position == "right"


@pytest.mark.parametrize(
    ("name", "purpose", "body", "message"),
    [
        ("decision", "decision", BODY, "exists already"),
        ("bad name!", "decision", BODY, "cannot name a template"),
        ("fine", "vote", BODY, "purpose is one of"),
        ("fine", "decision", "  \n", "Markdown is empty"),
    ],
)
def test_bad_templates_are_refused_in_one_line(
    name: str, purpose: str, body: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        add_user_template(name, "Label", purpose, body, TemplateSettings())
    assert not (user_templates_folder() / "fine.md").exists()


def test_a_damaged_user_index_hides_only_the_users_templates() -> None:
    folder = user_templates_folder()
    folder.mkdir(parents=True)
    (folder / "templates.json").write_text("{not json", encoding="utf-8")
    assert {t.name for t in templates()} >= {"decision", "information", "meeting"}
    assert template_settings("unknown") == TemplateSettings()


def test_options_typed_in_a_form() -> None:
    assert parse_options(" Agree /Disagree ") == ("Agree", "Disagree")
    assert parse_options("") == ()
