"""What Briefing needs of ``word/settings.xml``: footnote separators named, a zoom Word accepts,
Word 2013+ compatibility.

Word reads settings in schema order and refuses a file whose ``w:zoom`` lacks ``w:percent``
(python-docx's blank template, which many house styles start from, has ``<w:zoom
w:val="bestFit"/>``; LibreOffice forgives it, the schema and Word do not).
"""

from __future__ import annotations

from lxml import etree

from briefing.exporters.docx_xml import make, w

# Elements that follow w:footnotePr in CT_Settings, which Word reads in schema order.
_AFTER_FOOTNOTE_PR = frozenset(
    {
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    }
)


def ensure_footnote_pr(settings: etree._Element, separator_ids: list[str | None]) -> None:
    """Name the footnote separators in ``w:footnotePr``, unless the settings already do."""
    if settings.find(w("footnotePr")) is not None:
        return
    footnote_pr = make("footnotePr")
    for sid in separator_ids:
        make("footnote", {"id": sid or "0"}, footnote_pr)
    for child in settings:
        local = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if local in _AFTER_FOOTNOTE_PR:
            child.addprevious(footnote_pr)
            return
    settings.append(footnote_pr)


def mend_zoom(settings: etree._Element) -> None:
    """Give a ``w:zoom`` without the required ``w:percent`` Word's default of 100."""
    zoom = settings.find(w("zoom"))
    if zoom is not None and zoom.get(w("percent")) is None:
        zoom.set(w("percent"), "100")


_WORD_URI = "http://schemas.microsoft.com/office/word"
COMPATIBILITY_MODE = "15"  # Word 2013 and later: no compatibility mode, modern layout


def set_compatibility_mode(settings: etree._Element, mode: str = COMPATIBILITY_MODE) -> None:
    """Open in Word 2013+'s own layout, not "[Compatibility Mode]" (``w:compat``, which
    follows ``w:footnotePr`` and ``w:endnotePr`` in the settings)."""
    compat = settings.find(w("compat"))
    if compat is None:
        compat = make("compat")
        after = _AFTER_FOOTNOTE_PR - {"endnotePr"}
        for child in settings:
            local = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if local in after:
                child.addprevious(compat)
                break
        else:
            settings.append(compat)
    for setting in compat.iterchildren(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode" and setting.get(w("uri")) == _WORD_URI:
            setting.set(w("val"), mode)
            return
    make("compatSetting", {"name": "compatibilityMode", "uri": _WORD_URI, "val": mode}, compat)
