"""Real Word footnotes, which python-docx has no API for: the ``word/footnotes.xml`` part.

The part holds a separator and a continuation separator (ids -1 and 0 as Word writes them; a
house template's own ids are kept), then one ``w:footnote`` per note. ``settings.xml`` names the
separators in ``w:footnotePr``. The built-in reference document already has both.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml import parse_xml

from briefing.exporters.docx_settings import ensure_footnote_pr
from briefing.exporters.docx_xml import NSDECL, Elem, make, run, w, xml_root

_SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")
_SPACING = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
SEPARATORS_XML = (
    f'<w:footnote w:type="separator" w:id="-1"><w:p>{_SPACING}<w:r><w:separator/></w:r></w:p>'
    f'</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p>{_SPACING}'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)
FOOTNOTES_XML = f"<w:footnotes {NSDECL}>{SEPARATORS_XML}</w:footnotes>"


def register_part_class() -> None:
    """Have python-docx load footnotes.xml as XML (its documented extension point)."""
    PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)


def footnotes_part(document_part: Part) -> XmlPart:
    """The document's footnotes part, created when the template has none."""
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if isinstance(part, XmlPart):
                return part
            # Loaded before our class was registered: re-read it as XML.
            xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
            rel._target = xml_part  # python-docx has no public way to swap a target
            return xml_part
    package = document_part.package
    partname = PackURI("/word/footnotes.xml")
    if any(p.partname == partname for p in package.iter_parts()):
        partname = package.next_partname("/word/footnotes%d.xml")
    part = XmlPart(partname, CT.WML_FOOTNOTES, parse_xml(FOOTNOTES_XML), package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


class Footnotes:
    """Adds footnotes to a document, numbered after the separators."""

    def __init__(self, part: XmlPart, settings: Elem) -> None:
        self.part = part
        self.root = xml_root(part)
        for note in list(self.root.iterchildren(w("footnote"))):
            if note.get(w("type")) not in _SEPARATOR_TYPES:
                self.root.remove(note)  # the template's own example notes
        kinds = {n.get(w("type")): n for n in self.root.iterchildren(w("footnote"))}
        if "separator" not in kinds or "continuationSeparator" not in kinds:
            for note in kinds.values():
                self.root.remove(note)
            for note in parse_xml(FOOTNOTES_XML).iterchildren(w("footnote")):
                self.root.append(note)
            kinds = {n.get(w("type")): n for n in self.root.iterchildren(w("footnote"))}
        ids = [int(n.get(w("id"), "0")) for n in kinds.values()]
        self.next_id = max(ids, default=0) + 1
        ensure_footnote_pr(
            settings, [kinds["separator"].get(w("id")), kinds["continuationSeparator"].get(w("id"))]
        )

    def new(self, text_style: str, ref_style: str) -> tuple[int, Elem, Elem]:
        """A new footnote: its id, the element, and its first paragraph (mark already in)."""
        note_id = self.next_id
        self.next_id += 1
        note = make("footnote", {"id": str(note_id)}, self.root)
        p = make("p", parent=note)
        make("pStyle", {"val": text_style}, make("pPr", parent=p))
        make("footnoteRef", parent=run(p, style_id=ref_style))
        run(p, " ")
        return note_id, note, p
