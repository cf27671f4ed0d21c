"""The Word file's properties: the core ones (title, author, subject, keywords = themes) and
custom ones a department's systems read (Marking, Status, Reference, Purpose), in
``docProps/custom.xml``. A house template's other custom properties are kept.
"""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from lxml import etree

from briefing.exporters.document import BriefingDocument
from briefing.exporters.docx_xml import Elem
from briefing.exporters.header_block import purpose_label
from briefing.exporters.text import one_line

CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id of user-defined properties
_CORE_LIMIT = 255  # python-docx refuses longer core properties


def register_custom_part_class() -> None:
    """Have python-docx load a template's docProps/custom.xml as XML, to edit it."""
    PartFactory.part_type_for.setdefault(CUSTOM_CT, XmlPart)


def set_core_properties(document: DocxDocument, doc: BriefingDocument, author: str) -> None:
    props = doc.properties
    core = document.core_properties
    exporter = one_line(author)
    core.title = props.title[:_CORE_LIMIT]
    core.author = (props.author or exporter)[:_CORE_LIMIT]
    core.last_modified_by = (exporter or props.author)[:_CORE_LIMIT]
    core.subject = props.subject[:_CORE_LIMIT]
    core.keywords = ", ".join(props.keywords)[:_CORE_LIMIT]
    core.category = doc.marking[:_CORE_LIMIT]
    core.content_status = props.status[:_CORE_LIMIT]
    core.comments = ""
    core.revision = 1
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core.created = now
    core.modified = now


def custom_values(doc: BriefingDocument) -> dict[str, str]:
    return {
        "Marking": doc.marking,
        "Status": doc.meta.status,
        "Reference": doc.meta.reference,
        "Purpose": purpose_label(doc.meta.purpose),
    }


def set_custom_properties(document: DocxDocument, values: dict[str, str]) -> None:
    """Write ``values`` as text properties, replacing those of the same name."""
    package = document.part.package
    root: Elem | None = None
    for rel in package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            part = rel.target_part
            if isinstance(part, XmlPart):
                root = part.element
            else:  # loaded as bytes before our class was registered: read it again
                xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), package)
                rel._target = xml_part  # python-docx has no public way to swap a target
                root = xml_part.element
            break
    if root is None:
        root = parse_xml(f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"/>')
        part = XmlPart(PackURI("/docProps/custom.xml"), CUSTOM_CT, root, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    assert root is not None
    for prop in list(root):
        if prop.get("name") in values:
            root.remove(prop)
    pids = [int(p.get("pid", "1")) for p in root if str(p.get("pid", "")).isdigit()]
    pid = max([1, *pids]) + 1
    for name, value in values.items():
        prop = etree.SubElement(
            root, f"{{{CUSTOM_NS}}}property", {"fmtid": _FMTID, "pid": str(pid), "name": name}
        )
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value[:_CORE_LIMIT]
        pid += 1
