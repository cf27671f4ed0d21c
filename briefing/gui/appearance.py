"""The window's colours: the system's palette, or the light, dark or high-contrast scheme of
``briefing.core.colours`` chosen in View > Theme.

Every colour the window adds to the palette (find matches, warnings, the preview's headings,
passage highlights) comes from ``scheme_of(widget.palette())``: the chosen scheme itself, or,
with the system's palette, a scheme derived from it whose added colours were checked against
it. Widgets that paint such colours repaint on their ``PaletteChange`` event, which Qt sends
after any change of palette (a choice in View > Theme, or the system turning dark).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from briefing.core.colours import SCHEMES, Scheme, derive_scheme

# View > Theme, in its order: the setting's value -> the menu's words.
THEME_CHOICES = {
    "system": "&System",
    "light": "&Light",
    "dark": "&Dark",
    "high contrast": "&High Contrast",
}
Role = QPalette.ColorRole
Group = QPalette.ColorGroup
_ROLES = {
    "window": Role.Window,
    "window_text": Role.WindowText,
    "base": Role.Base,
    "alternate_base": Role.AlternateBase,
    "text": Role.Text,
    "button": Role.Button,
    "button_text": Role.ButtonText,
    "selection": Role.Highlight,
    "selected_text": Role.HighlightedText,
    "muted": Role.PlaceholderText,
    "link": Role.Link,
}


def palette_for(scheme: Scheme) -> QPalette:
    """A whole palette from a scheme: every role of every group, so nothing of the platform's
    palette shows through."""
    palette = QPalette()
    for name, role in _ROLES.items():
        palette.setColor(role, QColor(getattr(scheme, name)))
    palette.setColor(Role.ToolTipBase, QColor(scheme.base))
    palette.setColor(Role.ToolTipText, QColor(scheme.text))
    palette.setColor(Role.BrightText, QColor(scheme.error))
    palette.setColor(Role.LinkVisited, QColor(scheme.link))
    palette.setColor(Role.Accent, QColor(scheme.selection))
    # Bevels and frames: steps either side of the button colour.
    button = QColor(scheme.button)
    palette.setColor(Role.Light, button.lighter(150))
    palette.setColor(Role.Midlight, button.lighter(125))
    palette.setColor(Role.Mid, button.darker(130))
    palette.setColor(Role.Dark, button.darker(200))
    palette.setColor(Role.Shadow, QColor("#000000"))
    if scheme.name == "high contrast":  # frames drawn in the text colour, as Windows does
        for role in (Role.Light, Role.Midlight, Role.Mid, Role.Dark):
            palette.setColor(role, QColor(scheme.text))
    # Disabled controls: the muted colour (WCAG asks no contrast of what cannot be used).
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(_disabled(scheme)))
    palette.setColor(Group.Disabled, Role.Highlight, QColor(scheme.button))
    return palette


def _disabled(scheme: Scheme) -> str:
    return "#7F7F7F" if scheme.dark else "#8C8C8C"


def scheme_of(palette: QPalette) -> Scheme:
    """The scheme a palette shows: one of ours when it is ours, else derived and checked."""
    colours = {name: palette.color(Group.Active, role).name() for name, role in _ROLES.items()}
    return _scheme(tuple(sorted(colours.items())))


@lru_cache(maxsize=16)
def _scheme(colours: tuple[tuple[str, str], ...]) -> Scheme:
    given = dict(colours)
    for scheme in SCHEMES.values():
        if all(getattr(scheme, name).lower() == value.lower() for name, value in given.items()):
            return scheme
    return derive_scheme(**{name: value.upper() for name, value in given.items()})


def is_dark(palette: QPalette) -> bool:
    return scheme_of(palette).dark


class HighContrastStyle(QProxyStyle):
    """Fusion with a frame in the text colour around every field, list and button: Fusion draws
    frames a shade darker than the window, which on black is black, so fields vanished."""

    FRAMED = frozenset(
        {
            QStyle.PrimitiveElement.PE_FrameLineEdit,
            QStyle.PrimitiveElement.PE_Frame,
            QStyle.PrimitiveElement.PE_PanelButtonCommand,
        }
    )
    FRAMED_CONTROLS = frozenset(
        {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox}
    )

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self.FRAMED:
            self._frame(option, painter)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in self.FRAMED_CONTROLS:
            self._frame(option, painter)

    @staticmethod
    def _frame(option: QStyleOption, painter: QPainter) -> None:
        painter.save()
        painter.setPen(option.palette.color(Role.Text))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.restore()


class ThemeSwitch:
    """Applies a choice of View > Theme to the application: our palette in the Fusion style
    (which draws with the palette everywhere), or back to the platform's style and palette."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.system_style = app.style().name()
        self.choice = "system"

    def apply(self, choice: str) -> None:
        if choice not in THEME_CHOICES:
            choice = "system"
        if choice == self.choice:
            return
        self.choice = choice
        if choice == "system":
            self.app.setStyle(self.system_style)
            self.app.setPalette(QPalette())  # nothing set: Qt resolves the platform's palette
        else:
            if choice == "high contrast":
                self.app.setStyle(HighContrastStyle(QStyleFactory.create("Fusion")))
            elif self.app.style().name().lower() != "fusion" or isinstance(
                self.app.style(), HighContrastStyle
            ):
                self.app.setStyle("Fusion")
            self.app.setPalette(palette_for(SCHEMES[choice]))


_switch: ThemeSwitch | None = None


def apply_theme(choice: str) -> None:
    """Show the application in ``choice`` (a key of ``THEME_CHOICES``); widgets repaint on
    the palette change Qt posts to each."""
    global _switch
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _switch is None or _switch.app is not app:
        _switch = ThemeSwitch(app)
    _switch.apply(choice)
