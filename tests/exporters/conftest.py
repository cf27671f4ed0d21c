"""Fixtures of the exporter tests; the project itself is built in ``note_fixture.py``."""

from __future__ import annotations

import pytest
from note_fixture import make_bundle

from briefing.core.model import NoteBundle


@pytest.fixture
def bundle() -> NoteBundle:
    return make_bundle()
