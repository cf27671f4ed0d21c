"""The sample project: what a first-time user sees must show every part working."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from briefing.core.store import Project
from briefing.core.templates import template


def test_sample_passages_point_at_their_text(sample_path: Path) -> None:
    with Project.open(sample_path) as project:
        (source,) = project.sources()
        text = project.source_text(source.id)
        passages = project.passages()
        names = {t.id: t.name for t in project.themes()}
        assert len(passages) >= 6
        for passage in passages:
            assert passage.text == text[passage.start : passage.end]
        covered = {names[t] for p in passages for t in p.theme_ids}
        assert {"Export controls", "Sovereignty", "Investment"} <= covered
        assert any(len(p.theme_ids) >= 2 for p in passages)
        assert any(p.memo for p in passages)
        spans = sorted((p.start, p.end) for p in passages)
        assert any(b[0] < a[1] for a, b in itertools.pairwise(spans))


def test_sample_note_is_a_cited_decision_note(sample_path: Path) -> None:
    with Project.open(sample_path) as project:
        (note,) = project.notes()
        ids = {p.id for p in project.passages()}
    assert note.title and note.metadata.marking and note.metadata.purpose == "decision"
    headings = re.findall(r"^## (.+)$", note.body, flags=re.M)
    assert headings == re.findall(r"^## (.+)$", template("decision").body, flags=re.M)
    cited = [int(n) for n in re.findall(r"@p(\d+)", note.body)]
    assert len(cited) >= 3 and set(cited) <= ids
