"""Measures the window as a screen of one size shows it, in a process of its own: the screen and
the scale factor (QT_SCALE_FACTOR) must be set before the QApplication exists.

    QT_SCALE_FACTOR=1.25 python tests/gui/layout_probe.py PROJECT WIDTH HEIGHT OUT.json [PNG]

Writes what tests/gui/test_layouts.py checks: for every theme in the Themes list and Coverage,
the width its name needs (the item's size hint: swatch, text, margins, indentation) against the
width its column gives it; each column header's label against its section; every toolbar
button's place; how many rows the passages table has room for.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTabBar,
    QToolBar,
    QTreeView,
)

from briefing.core.store import Project
from briefing.gui.action_bar import ActionBar
from briefing.gui.app import application
from briefing.gui.main_window import MainWindow
from briefing.gui.settings import Settings


def screen_config(width: int, height: int) -> str:
    """An offscreen platform with one screen of this size (logical pixels at scale 1)."""
    config = {
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [
            {
                "name": f"{width}x{height}",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        ],
    }
    path = Path(tempfile.mkdtemp(prefix="briefing-screen-")) / "screen.json"
    path.write_text(json.dumps(config))
    return str(path)


def names_against_columns(view: QTreeView) -> list[dict[str, object]]:
    rows = []
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0, QModelIndex())
        indent = view.indentation() if view.rootIsDecorated() else 0
        rows.append(
            {
                "name": str(index.data()),
                "needed": view.sizeHintForIndex(index).width() + indent,
                "column": view.visualRect(index).width() + indent,
            }
        )
    return rows


def headers(window: MainWindow) -> list[dict[str, object]]:
    found = []
    for header in window.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation().name != "Horizontal":
            continue
        metrics = header.fontMetrics()
        model = header.model()
        if model is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            label = str(model.headerData(section, header.orientation()) or "")
            found.append(
                {
                    "label": label,
                    "needed": max(
                        metrics.horizontalAdvance(label) + 8, header.sectionSizeHint(section)
                    ),
                    "width": header.sectionSize(section),
                }
            )
    return found


def toolbars(window: MainWindow) -> list[dict[str, object]]:
    found = []
    for bar in [*window.findChildren(ActionBar), *window.findChildren(QToolBar)]:
        if not bar.isVisible():
            continue
        inside = QRect(0, 0, bar.width(), bar.height())
        hidden = []
        for action in bar.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            button = bar.widgetForAction(action)
            if button is None or not button.isVisible() or not inside.contains(button.geometry()):
                hidden.append(action.iconText())
        found.append({"bar": bar.windowTitle(), "hidden": hidden})
    return found


def main() -> None:
    project, width, height, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    picture = sys.argv[5] if len(sys.argv) > 5 else ""
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_config(width, height)}"
    app = application()
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(Settings(Path(scratch) / "settings.ini"), Project.open(Path(project)))
        window.show()
        window.analysis.analyse()
        for dock in ("coverage", "passages"):
            window.docks[dock].raise_()
        for _ in range(3):
            app.processEvents()
        table: QAbstractItemView = window.passages_panel.view
        row = max(1, table.verticalHeader().defaultSectionSize())
        geometry = app.primaryScreen().availableGeometry()
        report = {
            "screen": [geometry.width(), geometry.height()],
            "window": [window.width(), window.height()],
            "themes": names_against_columns(window.themes_panel.view),
            "coverage": names_against_columns(window.coverage_panel.tree),
            "headers": headers(window),
            "toolbars": toolbars(window),
            "passage_rows": table.viewport().height() // row,
            "tab_bars": [
                [bar.tabText(i) for i in range(bar.count())]
                # The window's own: the docks' tab bars (a panel's inner tabs are its business)
                for bar in window.findChildren(
                    QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly
                )
                if bar.isVisible()
            ],
            "narrow": window.docks["outline"].isFloating() is False
            and window.dockWidgetArea(window.docks["outline"]).name,
        }
        if picture:
            window.grab().save(picture)
        window.close()
    Path(out).write_text(json.dumps(report, indent=1))
    QApplication.processEvents()


if __name__ == "__main__":
    main()
