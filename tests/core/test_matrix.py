"""The theme matrix and the overlaps: the store's grouped queries against a walk over the
passages, on a hand-made project and on random ones."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.colours import contrast
from briefing.core.matrix import matrix_from_passages, overlaps_from_passages, pair, shade
from briefing.core.store import Project

THEMES = [
    {"name": "Trade", "colour": "#E0702E"},
    {"name": "Security", "colour": "#3F7FD9"},
    {"name": "Money", "colour": "#2E9E57"},
]
TEXT = "0123456789" * 10


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "m.briefing", THEMES) as opened:
        yield opened


def test_counts_totals_and_records_of_a_small_project(project: Project) -> None:
    first = project.add_source("First", TEXT, "txt")
    second = project.add_source("Second", TEXT + "!", "txt")
    empty = project.add_source("Untagged", TEXT + "?", "txt")
    trade, security, money = (t.id for t in project.themes())
    project.add_passage(first.id, 0, 10, [trade])
    project.add_passage(first.id, 5, 15, [trade, security])  # overlaps the first, two themes
    project.add_passage(first.id, 50, 60, [money])
    project.add_passage(second.id, 0, 5, [security])

    matrix = project.theme_matrix()

    assert [(s.title, s.passages) for s in matrix.sources] == [
        ("First", 3),
        ("Second", 1),
        ("Untagged", 0),
    ]
    assert [t.name for t in matrix.themes] == ["Trade", "Security", "Money"]
    assert matrix.count(first.id, trade) == 2
    assert matrix.count(first.id, security) == 1
    assert matrix.count(second.id, trade) == 0
    assert matrix.count(empty.id, money) == 0
    assert [matrix.theme_total(t) for t in (trade, security, money)] == [2, 2, 1]
    assert matrix.total == 4  # passages, not cells: the two-theme passage counts once
    assert matrix.largest == 2
    records = matrix.records()
    assert len(records) == 9  # every source with every theme, zeros included
    assert records[1] == {"source_id": first.id, "source": "First", "theme": "Security",
                          "passages": 1}  # fmt: skip

    overlaps = project.theme_overlaps()
    assert overlaps.count("both", trade, security) == 1
    assert overlaps.count("both", security, trade) == 1  # either order
    assert overlaps.count("both", trade, trade) == 2  # a theme with itself: its passages
    assert overlaps.count("both", trade, money) == 0
    # The passages 0-10 (Trade) and 5-15 (Trade, Security) overlap: one pair of passages,
    # which makes the pairs Trade-Trade and Trade-Security.
    assert overlaps.count("overlapping", trade, trade) == 1
    assert overlaps.count("overlapping", trade, security) == 1
    assert overlaps.count("overlapping", security, security) == 0
    assert overlaps.count("overlapping", trade, money) == 0


def test_touching_passages_do_not_overlap(project: Project) -> None:
    source = project.add_source("S", TEXT, "txt")
    trade, security, _ = (t.id for t in project.themes())
    project.add_passage(source.id, 0, 10, [trade])
    project.add_passage(source.id, 10, 20, [security])  # starts where the first ends
    project.add_passage(source.id, 0, 10, [security])  # the same span as the first
    overlaps = project.theme_overlaps()
    assert overlaps.overlapping == {pair(trade, security): 1}


spans = st.lists(
    st.tuples(
        st.integers(0, 1),  # which source
        st.integers(0, 40),  # start
        st.integers(1, 15),  # length
        st.sets(st.integers(0, 2), min_size=1),  # themes
    ),
    max_size=25,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=spans)
def test_the_store_counts_as_a_walk_over_the_passages_does(tmp_path: Path, specs) -> None:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "random.briefing"

    def populate(project: Project) -> None:
        sources = [project.add_source(f"S{n}", TEXT + str(n), "txt").id for n in range(2)]
        themes = [t.id for t in project.themes()]
        project.add_passages(
            [(sources[s], start, start + length, [themes[t] for t in sorted(chosen)])
             for s, start, length, chosen in specs]
        )  # fmt: skip

    with Project.create(path, THEMES, populate) as project:
        passages = project.passages()
        walked = matrix_from_passages(project.sources(), project.themes(), passages)
        stored = project.theme_matrix()
        assert stored.counts == walked.counts
        assert stored.theme_totals == walked.theme_totals
        assert stored.sources == walked.sources
        assert stored.total == walked.total == len(specs)
        stored_overlaps = project.theme_overlaps()
        walked_overlaps = overlaps_from_passages(project.themes(), passages)
        assert stored_overlaps.both == walked_overlaps.both
        assert stored_overlaps.overlapping == walked_overlaps.overlapping
        assert stored_overlaps.overlapping == _overlaps_slowly(passages)


def _overlaps_slowly(passages) -> dict[tuple[int, int], int]:
    """Every pair of passages compared with every other: sharing a character in one source."""
    found: Counter[tuple[int, int]] = Counter()
    for i, a in enumerate(passages):
        for b in passages[i + 1 :]:
            if a.source_id == b.source_id and a.start < b.end and b.start < a.end:
                found.update({pair(x, y) for x in a.theme_ids for y in b.theme_ids})
    return dict(found)


@pytest.mark.parametrize(
    ("accent", "page", "inks"),
    [
        ("#308CC6", "#FFFFFF", ("#000000", "#FFFFFF")),  # Fusion's light palette
        ("#2A82DA", "#1E1E1E", ("#FFFFFF", "#FFFFFF")),  # a dark palette
        ("#FFFF00", "#FFFFFF", ("#FFFFFF", "#FFFFFF")),  # a palette that fights back
    ],
)
def test_every_shade_keeps_its_ink_readable(accent: str, page: str, inks: tuple[str, str]) -> None:
    backgrounds = []
    for count in range(0, 21):
        background, ink = shade(count, 20, accent, page, inks)
        assert ink in inks
        if background != page:  # the page's own contrast is the palette's business
            assert contrast(ink, background) >= 4.5
        backgrounds.append(background)
    assert backgrounds[0] == page  # an empty cell is not shaded
    if inks[0] != inks[1]:  # with a choice of ink, larger counts get deeper shades
        assert len(set(backgrounds)) > 10
