"""The sample project: the article in ``seeds/``, the default themes, tagged passages, a note.

It uses both the importers and the store, so it sits above them, beside the command line.

Passages are found by their text, not by counted offsets, so they stay right if the seed's
wording is edited; a phrase that is no longer in the article fails loudly.
"""

from __future__ import annotations

from pathlib import Path

from briefing.core.errors import InvalidInput
from briefing.core.location import ServerAddress
from briefing.core.model import NoteMetadata
from briefing.core.resources import default_themes, seed_path
from briefing.core.store import Project
from briefing.core.templates import template
from briefing.importers import read_file

SEED = "us-eu-ai-access-talks.txt"
SEED_TITLE = "US and EU open talks on access to AI models after Anthropic dispute"

# (phrase, themes, memo). The sixth and seventh overlap; the second has two themes.
PASSAGES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "the US already restricts exports of certain AI technologies to rival nations, and"
        " Europe worries those restrictions could eventually extend to allies",
        ("Export controls",),
        "The core risk for us: controls written for rivals reaching allies.",
    ),
    (
        "The recent US export controls—aimed at preventing advanced chips and models from"
        " reaching adversaries—have given that push new urgency.",
        ("Export controls", "Sovereignty"),
        "",
    ),
    (
        "Several EU member states now argue that the only way to guarantee access is to build"
        " homegrown alternatives.",
        ("Sovereignty",),
        "",
    ),
    (
        "The European Commission has already pledged billions in funding for AI research under"
        " its Digital Europe program.",
        ("Investment",),
        "",
    ),
    (
        "But critics say the continent lacks the venture capital and large-scale computing"
        " infrastructure needed to compete with US giants like OpenAI and Google.",
        ("Investment",),
        "",
    ),
    (
        "Funds that once put all their AI money into Silicon Valley are now looking at European"
        " labs, especially in Paris and London. If Europe does gain more independence, it could"
        " attract a wave of investment",
        ("Investment",),
        "",
    ),
    (
        "If Europe does gain more independence, it could attract a wave of investment that would"
        " otherwise flow to the US.",
        ("Sovereignty",),
        "",
    ),
    (
        "The European Commission is expected to release a white paper on AI sovereignty later"
        " this year, which could set the terms for any deal.",
        ("Sovereignty",),
        "Watch for the white paper: it may fix the EU position before the talks end.",
    ),
)

NOTE_TITLE = "US-EU talks on access to AI models: our position"

# The decision template's sections, filled in. {pN} placeholders become the real passage ids.
NOTE_SECTIONS = {
    "Summary": (
        "US export controls on advanced AI could reach allies, and the EU is answering with"
        " funding and a push for homegrown models [@p{p1}]. It is recommended that you support a"
        " joint US-EU framework for access to AI models, with a carve-out for allies."
    ),
    "Issue": "Whether to back a joint framework for access to AI models in the US-EU talks.",
    "Background": (
        "The talks follow a dispute over access to Anthropic's models for European researchers"
        " and businesses. The recent US controls have made European independence more urgent"
        " [@p{p2}; @p{p3}]."
    ),
    "Key considerations": (
        "- **Export controls**: the reach of US controls to allies is the main risk [@p{p1}].\n"
        "- **Sovereignty**: a Commission white paper may set the EU position first [@p{p8}].\n"
        "- **Investment**: Brussels has pledged billions [@p{p4}], and capital may follow"
        " independence [@p{p7}]."
    ),
    "Options": (
        "1. *Support a joint framework*: predictable access, but constraints on our own rules.\n"
        "2. *Stay out of the talks*: freedom of action, but the risk of a patchwork of rules."
    ),
    "Recommendation": (
        "It is recommended that you:\n\n"
        "1. Agree to support a joint US-EU framework with a carve-out for allies.\n"
        "2. Note that officials will report back once the Commission's white paper is out."
    ),
}


def build_sample(path: Path | str | ServerAddress) -> Project:
    """Create the sample project at ``path`` (a new file, or a server URL whose database holds
    no project yet) and return it open."""
    document = read_file(seed_path(SEED))

    def populate(project: Project) -> None:
        source = project.add_source(
            SEED_TITLE,
            document.text,
            document.format,
            origin="seeds/" + SEED,
            author="Wire report",
            published="2026-11-20",
            marking="UNCLASSIFIED",
            blocks=document.blocks,
        )
        themes = {t.name: t.id for t in project.themes()}
        ids: dict[str, int] = {}
        for number, (phrase, names, memo) in enumerate(PASSAGES, start=1):
            start = document.text.find(phrase)
            if start < 0:
                raise InvalidInput(f"sample passage {number} is not in {SEED}: {phrase[:40]!r}")
            passage = project.add_passage(
                source.id, start, start + len(phrase), [themes[n] for n in names], memo
            )
            ids[f"p{number}"] = passage.id
        project.add_note(
            NOTE_TITLE,
            "decision",
            _note_body(ids),
            NoteMetadata(
                marking="OFFICIAL",
                to="Minister for Trade",
                sender="Director, Technology Policy",
                date="2026-11-27",
                reference="BN-2026-041",
                purpose="decision",
            ),
        )

    return Project.create(path, default_themes(), populate)


def _note_body(ids: dict[str, int]) -> str:
    """The decision template's headings, in its order, each with the sample's text."""
    parts = []
    for line in template("decision").body.splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            parts.append(f"## {heading}\n\n{NOTE_SECTIONS[heading].format(**ids)}\n")
    return "\n".join(parts)
