"""The note preview: the exporters' preview HTML in a QTextBrowser that loads nothing.

The HTML is already sanitised (``briefing.exporters.html_preview``); this is the second wall.
Every resource request (images, stylesheets) is refused and recorded, links never navigate the
browser, and only web and mail links reach the caller, who decides whether to open them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

logger = logging.getLogger(__name__)

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class PreviewBrowser(QTextBrowser):
    link_clicked = Signal(str)  # an http, https or mailto URL the user clicked
    palette_changed = Signal()  # the HTML's colours are the palette's: it is due again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requested: list[str] = []  # every URL Qt asked to load; all were refused
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setReadOnly(True)
        self.anchorClicked.connect(self._on_anchor)

    def show_html(self, html: str) -> None:
        """Replace the content, keeping the reader where they were."""
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(html)
        bar.setValue(min(position, bar.maximum()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.palette_changed.emit()

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        url = name.toString() if isinstance(name, QUrl) else str(name)
        self.requested.append(url)
        logger.debug("preview refused to load %s (type %s)", url, type)
        return None  # an empty QVariant: nothing from disk, resources or the network

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in EXTERNAL_SCHEMES:
            self.link_clicked.emit(url.toString())
        elif not scheme and not url.path() and url.hasFragment():
            self.scrollToAnchor(url.fragment())  # footnote and back-reference links
        else:
            logger.info("preview ignored a link to %s", url.toString())
