"""Add or edit a theme: name, colour, description and keywords.

``values()`` gives exactly the keyword arguments of ``Project.add_theme`` and
``Project.update_theme``; the main window makes the undoable command from them.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from briefing.core.colours import highlight, parse_hex, to_hex
from briefing.core.model import Theme
from briefing.core.resources import theme_palette
from briefing.gui.appearance import scheme_of
from briefing.gui.swatches import swatch_icon

_SEPARATORS = re.compile(r"[,\n]")


def ask_colour(parent: QWidget | None, initial: str) -> str | None:
    """The colour picked in Qt's colour dialog as #RRGGBB; None when cancelled. Tests patch it."""
    chosen = QColorDialog.getColor(QColor(initial), parent, "Theme Colour")
    return chosen.name(QColor.NameFormat.HexRgb).upper() if chosen.isValid() else None


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords one per line or comma-separated: trimmed, blanks dropped, the first spelling of
    each kept when they differ only in case."""
    seen: dict[str, str] = {}
    for part in _SEPARATORS.split(text):
        keyword = " ".join(part.split())
        if keyword and keyword.casefold() not in seen:
            seen[keyword.casefold()] = keyword
    return tuple(seen.values())


def normalise_colour(colour: str, fallback: str) -> str:
    try:
        return to_hex(parse_hex(colour))
    except ValueError:
        return to_hex(parse_hex(fallback))


class ThemeDialog(QDialog):
    def __init__(
        self,
        theme: Theme | None,
        parent: QWidget | None = None,
        *,
        suggested_name: str = "",
        suggested_colour: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Theme" if theme else "New Theme")
        self.setMinimumWidth(460)
        self._palette = [normalise_colour(c, "#808080") for c in theme_palette()]
        initial = theme.colour if theme else suggested_colour
        self._colour = normalise_colour(initial or self._palette[0], self._palette[0])

        self.name_edit = QLineEdit(theme.name if theme else suggested_name)
        self.name_edit.setPlaceholderText("Required")
        self.colour_button = QPushButton()
        self.colour_button.setToolTip("Choose any colour")
        self.colour_button.clicked.connect(self._choose_colour)
        self.swatches: dict[str, QToolButton] = {}
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour_button)
        for colour in dict.fromkeys(self._palette):
            swatch = QToolButton()
            swatch.setIcon(swatch_icon([colour]))
            swatch.setToolTip(colour)
            swatch.setCheckable(True)
            swatch.setAutoRaise(True)
            swatch.clicked.connect(lambda _checked=False, c=colour: self._set_colour(c))
            self.swatches[colour] = swatch
            colour_row.addWidget(swatch)
        colour_row.addStretch(1)
        self.preview = QLabel("A passage tagged with this theme")
        self.preview.setMargin(4)
        self.description_edit = QPlainTextEdit(theme.description if theme else "")
        self.description_edit.setPlaceholderText("What belongs under this theme")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.keywords_edit = QPlainTextEdit("\n".join(theme.keywords) if theme else "")
        self.keywords_edit.setPlaceholderText(
            "One per line, or separated by commas: used to suggest passages"
        )
        self.keywords_edit.setTabChangesFocus(True)
        self.keywords_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("&Name:", self.name_edit)
        colour_label = QLabel("&Colour:")
        colour_label.setBuddy(self.colour_button)  # a row of buttons has no buddy of its own
        form.addRow(colour_label, colour_row)
        form.addRow("Preview:", self.preview)
        form.addRow("&Description:", self.description_edit)
        form.addRow("&Keywords:", self.keywords_edit)
        form.addRow(self.buttons)

        self.name_edit.textChanged.connect(self._update_ok)
        self._set_colour(self._colour)
        self._update_ok()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``Project.add_theme`` / ``Project.update_theme``."""
        return {
            "name": " ".join(self.name_edit.text().split()),
            "colour": self._colour,
            "description": self.description_edit.toPlainText().strip(),
            "keywords": parse_keywords(self.keywords_edit.toPlainText()),
        }

    def colour(self) -> str:
        return self._colour

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _choose_colour(self) -> None:
        chosen = ask_colour(self, self._colour)
        if chosen:
            self._set_colour(chosen)

    def _set_colour(self, colour: str) -> None:
        self._colour = normalise_colour(colour, self._colour)
        self.colour_button.setIcon(swatch_icon([self._colour]))
        self.colour_button.setText(self._colour)
        for value, swatch in self.swatches.items():
            swatch.setChecked(value == self._colour)
        # Show it as the viewer will: blended over this palette's page, in its text colour.
        scheme = scheme_of(self.palette())
        self.preview.setStyleSheet(
            f"background: {highlight(self._colour, scheme=scheme)}; color: {scheme.text};"
        )

    def _update_ok(self) -> None:
        self.ok_button().setEnabled(bool(self.name_edit.text().strip()))
