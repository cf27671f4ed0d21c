"""A toolbar that wraps: its buttons take another row when the pane is narrow, instead of hiding
behind a » menu as QToolBar does (on a 1366x768 laptop at 125 % the themes' toolbar hid half
its actions). Buttons take no focus, as in a QToolBar: every action is also in a menu or a
context menu, so Tab does not stop at each one."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLayout, QLayoutItem, QToolButton, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, row_height = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and row_height > 0:
                x, y = area.x(), y + row_height + gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


class ActionBar(QWidget):
    """The part of QToolBar's interface the panes use, on a wrapping layout."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.flow = FlowLayout(self)
        self._buttons: dict[QAction, QToolButton] = {}
        self._style = Qt.ToolButtonStyle.ToolButtonTextOnly
        self._icon_size = QSize(16, 16)

    def addAction(self, action: QAction) -> None:  # type: ignore[override]
        super().addAction(action)
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolButtonStyle(self._style)
        button.setIconSize(self._icon_size)
        self._buttons[action] = button
        self.flow.addWidget(button)

    def addActions(self, actions: list[QAction]) -> None:  # type: ignore[override]
        for action in actions:
            self.addAction(action)

    def addWidget(self, widget: QWidget) -> None:
        if isinstance(widget, QToolButton):
            widget.setAutoRaise(True)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flow.addWidget(widget)

    def addSeparator(self) -> None:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        line.setFixedWidth(6)
        self.flow.addWidget(line)

    def widgetForAction(self, action: QAction) -> QToolButton | None:
        return self._buttons.get(action)

    def setToolButtonStyle(self, style: Qt.ToolButtonStyle) -> None:
        self._style = style
        for button in self._buttons.values():
            button.setToolButtonStyle(style)

    def setIconSize(self, size: QSize) -> None:
        self._icon_size = size
        for button in self._buttons.values():
            button.setIconSize(size)
