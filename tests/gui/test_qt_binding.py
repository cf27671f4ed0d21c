"""The Qt binding itself must not corrupt the interpreter over a long session."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QTextCharFormat


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_setters_keep_none_alive() -> None:
    # PySide6 6.12.0 dropped a reference to None on each call of a void setter: the viewer makes
    # thousands per repaint, and the interpreter aborts with "deallocating None".
    colour, fmt = QColor("#E0702E"), QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(2000):
        colour.setAlphaF(0.3)
        fmt.setBackground(colour)
    assert sys.getrefcount(None) >= before - 50
