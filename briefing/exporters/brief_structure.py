"""What turns a note's element tree into a brief: its outline levels and the decision block.

Both are passes over the tree ``build_document`` makes, so the Word file, the preview and the
page meter show the same thing.

- **Outline.** The note's top sections become level 1 whatever level the author wrote them at
  (the templates use ``##``): Word's navigation pane then shows them as the outline, under the
  title, which has the Title style.
- **Decision block.** In a note for decision, the numbered items of the Recommendation section
  are the recommendations the decision maker answers: the first numbered list there becomes a
  ``<decision>`` element holding its items, each with the options the template gives (Agreed /
  Not agreed; Noted / Please discuss for an item that begins "Note"). With no numbered list, a
  ``<decision>`` with no items closes the section: the recommendation above is answered as one.
  Renderers add the decision maker's signature, name and date, and room for comments.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from briefing.core.templates import TemplateSettings

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
DECISION = "decision"
OPTION_SEPARATOR = " / "
SIGNATURE_LABELS = ("Signature", "Name", "Date", "Comments")
_RECOMMENDATION_RE = re.compile(r"^\s*recommendations?\s*:?\s*$", re.IGNORECASE)
_NOTING_RE = re.compile(r"^\W*note\b", re.IGNORECASE)


def promote_headings(body: Element) -> None:
    """Shift every heading so the shallowest one in the body is level 1."""
    levels = [int(e.tag[1]) for e in body.iter() if e.tag in HEADING_TAGS]
    shift = min(levels, default=1) - 1
    if shift <= 0:
        return
    for elem in body.iter():
        if elem.tag in HEADING_TAGS:
            elem.tag = f"h{int(elem.tag[1]) - shift}"


def add_decision_block(body: Element, settings: TemplateSettings, decision_maker: str) -> bool:
    """Turn the Recommendation section's numbered items into the decision block; True if the
    note has a Recommendation section to answer."""
    children = list(body)
    for index, child in enumerate(children):
        if child.tag not in HEADING_TAGS or not _RECOMMENDATION_RE.match(_text(child)):
            continue
        level = int(child.tag[1])
        end = index + 1
        while end < len(children) and not (
            children[end].tag in HEADING_TAGS and int(children[end].tag[1]) <= level
        ):
            end += 1
        block = Element(DECISION, {"name": decision_maker})
        numbered = next((c for c in children[index + 1 : end] if c.tag == "ol"), None)
        if numbered is None:
            block.set("options", OPTION_SEPARATOR.join(settings.decision_options))
            body.insert(end, block)
            return True
        start = numbered.get("start", "1")
        number = int(start) if start.isdigit() else 1
        for item in list(numbered):
            if item.tag != "li":
                continue
            noting = _NOTING_RE.match(_text(item))
            options = settings.noting_options if noting else settings.decision_options
            item.set("n", str(number))
            item.set("options", OPTION_SEPARATOR.join(options))
            block.append(item)
            number += 1
        block.tail = numbered.tail
        body.insert(list(body).index(numbered), block)
        body.remove(numbered)
        return True
    return False


def _text(elem: Element) -> str:
    return " ".join("".join(elem.itertext()).split())
