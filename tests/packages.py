"""Books carrying the package parts Excel writes and openpyxl does not model,
written to ECMA-376 / [MS-XLSX] into a built book, and independent readers
(zipfile + lxml) for parts, relationships and content types."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS = "http://schemas.microsoft.com/office/"


@dataclass
class Extra:
    """Parts to add: name -> bytes; (source part, id, type, target) relationships
    ("" for the package); Override content types; XML put into a part before a
    closing tag (part -> (before, xml))."""

    parts: dict[str, bytes] = field(default_factory=dict)
    rels: list[tuple[str, str, str, str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    inserts: list[tuple[str, str, str]] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)


def read(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as z:
        return {n: z.read(n) for n in z.namelist()}


def rels_name(source: str) -> str:
    if not source:
        return "_rels/.rels"
    folder, name = posixpath.split(source)
    return f"{folder}/_rels/{name}.rels"


def sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    wb = etree.fromstring(parts["xl/workbook.xml"])
    rid = wb.find(f"{{{MAIN_NS}}}sheets/{{{MAIN_NS}}}sheet[@name='{sheet}']").get(
        f"{{{R_NS}}}id"
    )
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _add_rel(parts: dict[str, bytes], source: str, rid: str, kind: str, target: str):
    name = rels_name(source)
    root = (
        etree.fromstring(parts[name])
        if name in parts
        else etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    )
    rel = etree.SubElement(root, f"{{{REL_NS}}}Relationship")
    rel.set("Id", rid)
    rel.set("Type", kind)
    rel.set("Target", target)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write_book(base: Path, target: Path, extra: Extra) -> Path:
    """``base`` with ``extra`` added, as a new file ``target``."""
    parts = read(base)
    for old, new in extra.renames.items():
        parts[new] = parts.pop(old)
        for name in list(parts):
            if name.endswith(".rels") or name == "[Content_Types].xml":
                parts[name] = parts[name].replace(
                    posixpath.basename(old).encode(), posixpath.basename(new).encode()
                )
    for part, before, xml in extra.inserts:
        text = parts[part].decode("utf-8")
        assert before in text, f"{before} not in {part}"
        parts[part] = text.replace(before, xml + before, 1).encode("utf-8")
    parts.update(extra.parts)
    for source, rid, kind, rel_target in extra.rels:
        _add_rel(parts, source, rid, kind, rel_target)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for name, kind in extra.types.items():
        o = etree.SubElement(types, f"{{{CT_NS}}}Override")
        o.set("PartName", "/" + name)
        o.set("ContentType", kind)
    parts["[Content_Types].xml"] = etree.tostring(
        types, xml_declaration=True, encoding="UTF-8"
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def content_type(parts: dict[str, bytes], name: str) -> str:
    types = etree.fromstring(parts["[Content_Types].xml"])
    for o in types.iter(f"{{{CT_NS}}}Override"):
        if o.get("PartName") == "/" + name:
            return o.get("ContentType")
    ext = name.rsplit(".", 1)[-1].lower()
    for d in types.iter(f"{{{CT_NS}}}Default"):
        if d.get("Extension").lower() == ext:
            return d.get("ContentType")
    return ""


def relationships(parts: dict[str, bytes]) -> set[tuple[str, str, str]]:
    """(source, type, resolved target) of every internal relationship."""
    out = set()
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        source = (
            "" if name == "_rels/.rels" else f"{folder}/{posixpath.basename(name)[:-5]}"
        ).lstrip("/")
        for r in etree.fromstring(data):
            if r.get("TargetMode") == "External":
                continue
            target = r.get("Target")
            resolved = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(
                    posixpath.join(posixpath.dirname(source), target)
                )
            )
            out.add((source, r.get("Type"), resolved))
    return out


def reachable(parts: dict[str, bytes]) -> set[str]:
    """Parts a chain of relationships from the package reaches."""
    rels = relationships(parts)
    seen, todo = set(), [""]
    while todo:
        source = todo.pop()
        for s, _, target in rels:
            if s == source and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
