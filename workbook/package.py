"""Keep every package part a refresh does not own, byte for byte, or refuse.

openpyxl rewrites what it models (sheets, strings, styles, tables, notes, charts:
the parts a refresh owns) and drops or garbles the rest: a VBA signature's
relationship, custom XML, threaded comments, slicers, pivot caches, images, form
controls, x14 extensions. After openpyxl saves, every part the refresh does not
own is put back from the original with its relationships and content type. A part
that only a rewritten part points to (by ``r:id`` in its XML, or from a sheet or
drawing whose part names openpyxl renumbers) cannot be put back safely: the
refresh then refuses before writing anything, naming the part, and the clerk uses
the ribbon's Refresh in Excel, which keeps everything.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

TYPES_PART = "[Content_Types].xml"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_NAMESPACES = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}",
)
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
WORKBOOK_TYPES = {
    SML + "sheet.main+xml",
    SML + "template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
WORKSHEET = SML + "worksheet+xml"
DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
# What openpyxl writes from its model: the refresh owns these parts.
OWNED_TYPES = WORKBOOK_TYPES | {
    WORKSHEET,
    SML + "sharedStrings+xml",
    SML + "styles+xml",
    SML + "table+xml",
    SML + "comments+xml",
    SML + "calcChain+xml",
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    DRAWING,
    VML,
}
# Workbook extensions openpyxl drops that carry nothing of the clerk's.
HARMLESS_WORKBOOK_EXTS = {
    "{140A7094-0E35-4892-8432-C4D2E57EDEB5}",  # x15:workbookPr chartTrackingRefBase
    "{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}",  # xcalcf:calcFeatures
    "{79F54976-1DA5-4618-B147-4CDE4B953A38}",  # x14:workbookPr
    "{7626C862-2A13-11E5-B345-FEFF819CDC9F}",  # LibreOffice: loext:extCalcPr
}
KINDS = {
    "threadedComment": "threaded comments",
    "person": "threaded comments' people",
    "slicer": "slicers",
    "pivot": "pivot tables and caches",
    "image/": "images",
    "ctrlProps": "form controls",
    "activeX": "ActiveX controls",
    "printerSettings": "printer settings",
    "externalLink": "links to other workbooks",
    "chartstyle": "chart styles",
    "chartcolorstyle": "chart colours",
    "timeline": "timelines",
    "oleObject": "embedded objects",
    "chartsheet": "chart sheets",
}


# A ribbon part openpyxl alone left unreferenced (it keeps only the 2006 one's
# relationship) is given its relationship back: the tab depends on it.
RIBBON_PARTS = {
    "customUI/customUI14.xml": (
        "rIdUI14",
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    ),
    "customUI/customUI.xml": (
        "rIdUI",
        "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    ),
}


class UnkeptPart(ValueError):
    """A part the refresh could not keep; the message names it."""


@dataclass(frozen=True)
class Rel:
    source: str  # the part that holds the relationship, "" for the package
    rel_id: str
    rel_type: str
    target: str  # resolved part name; "" for an external target


@dataclass
class Package:
    parts: dict[str, bytes]
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    rels: list[Rel] = field(default_factory=list)

    def content_type(self, name: str) -> str:
        ext = name.rsplit(".", 1)[-1].lower()
        return self.overrides.get(name, self.defaults.get(ext, ""))

    def main(self) -> str:
        """The workbook part, as the package's officeDocument relationship names it."""
        return next(
            (r.target for r in self.rels if r.source == "" and r.rel_type.endswith(
                "/officeDocument")),
            "xl/workbook.xml",
        )  # fmt: skip


def rels_part(source: str) -> str:
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _source_of(rels_name: str) -> str:
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def read_package(data: dict[str, bytes]) -> Package:
    pkg = Package(parts=data)
    pkg.defaults, pkg.overrides = _types_of(data[TYPES_PART])
    for name in data:
        if not name.endswith(".rels") or "/_rels/" not in f"/{name}":
            continue
        source = "" if name == "_rels/.rels" else _source_of(name)
        for r in ElementTree.fromstring(data[name]).iter(f"{RELS_NS}Relationship"):
            external = r.get("TargetMode") == "External"
            target = "" if external else _resolve(source, r.get("Target", ""))
            pkg.rels.append(Rel(source, r.get("Id", ""), r.get("Type", ""), target))
    return pkg


def _zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.endswith("/")}


def _referenced_ids(xml: bytes) -> set[str]:
    """Every relationship id the part's XML names (r:id, r:embed, o:relid ...)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return set()  # not XML (vbaProject.bin): it names no relationship
    ids = set()
    for el in root.iter():
        for key, value in el.attrib.items():
            if key.startswith(R_NAMESPACES) or key.endswith("}relid"):
                ids.add(value)
    return ids


def _kind(name: str, content_type: str) -> str:
    text = f"{name} {content_type}"
    return next((k for key, k in KINDS.items() if key in text), content_type or "part")


def _owned(pkg: Package) -> set[str]:
    return {n for n in pkg.parts if pkg.content_type(n) in OWNED_TYPES}


def _keepable(pkg: Package) -> tuple[set[str], dict[str, Rel], dict[str, str]]:
    """(parts to put back, printer settings to put back under their sheet's new
    part name, part -> why it cannot be put back)."""
    owned = _owned(pkg)
    incoming: dict[str, list[Rel]] = {}
    for r in pkg.rels:
        if r.target in pkg.parts:
            incoming.setdefault(r.target, []).append(r)
    candidates = sorted(
        n for n in incoming if n not in owned and not n.endswith(".rels")
    )
    named: dict[str, set[str]] = {}

    def implicit(r: Rel) -> bool:
        """Only the relationship names the part: no XML of the source does."""
        if r.source not in named:
            named[r.source] = _referenced_ids(pkg.parts.get(r.source, b""))
        return r.rel_id not in named[r.source]

    keep: set[str] = set()
    stable = {"", pkg.main()}  # names openpyxl keeps; sheets it renumbers
    grew = True
    while grew:
        grew = False
        for name in candidates:
            if name not in keep and all(
                (r.source in stable or r.source in keep) and implicit(r)
                for r in incoming[name]
            ):
                keep.add(name)
                grew = True
    reattach = {
        n: incoming[n][0]
        for n in candidates
        if n not in keep and _page_setup_only(pkg, incoming[n])
    }
    unkept = {
        n: f"{_kind(n, pkg.content_type(n))}, from {incoming[n][0].source}"
        for n in candidates
        if n not in keep and n not in reattach
    }
    return keep, reattach, unkept | _content_losses(pkg, owned)


def _page_setup_only(pkg: Package, rels: list[Rel]) -> bool:
    """A sheet's printer settings, named only by its pageSetup's r:id (openpyxl
    drops both; the refresh puts them back under the sheet's new part name)."""
    if len(rels) != 1 or not rels[0].rel_type.endswith("/printerSettings"):
        return False
    rel = rels[0]
    if pkg.content_type(rel.source) != WORKSHEET:
        return False
    uses = [
        el.tag
        for el in ElementTree.fromstring(pkg.parts[rel.source]).iter()
        for k, v in el.attrib.items()
        if k.startswith(R_NAMESPACES) and v == rel.rel_id
    ]
    return uses == [f"{MAIN}pageSetup"]


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
VML_X = "{urn:schemas-microsoft-com:office:excel}"
ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")


def _sheet_loss(xml: bytes) -> str:
    if b"extLst" not in xml and b"AlternateContent" not in xml:
        return ""
    root = ElementTree.fromstring(xml)
    uris = [e.get("uri", "") for e in root.iterfind(f"{MAIN}extLst/{MAIN}ext")]
    if uris:
        return (
            "x14 extensions (data bars, icon sets, extended data validation,"
            f" sparklines or slicers: {', '.join(uris)})"
        )
    if root.find(f"{MC}AlternateContent") is not None:
        return "form controls or embedded objects"
    return ""


def _workbook_loss(xml: bytes) -> str:
    if b"extLst" not in xml:
        return ""
    root = ElementTree.fromstring(xml)
    uris = [
        e.get("uri", "")
        for e in root.iterfind(f"{MAIN}extLst/{MAIN}ext")
        if e.get("uri", "").upper() not in HARMLESS_WORKBOOK_EXTS
    ]
    return (
        f"workbook extensions (slicers, timelines, data model: {', '.join(uris)})"
        if uris
        else ""
    )


def _drawing_loss(xml: bytes) -> str:
    root = ElementTree.fromstring(xml)
    for anchor in root:
        if anchor.tag.removeprefix(XDR) not in ANCHORS:
            continue
        shape = next(
            (c for c in anchor if c.tag.removeprefix(XDR) not in
             ("from", "to", "pos", "ext", "clientData")),
            None,
        )  # fmt: skip
        data = anchor.find(f"{XDR}graphicFrame/{A}graphic/{A}graphicData")
        if shape is None or (data is not None and data.get("uri") == CHART_URI):
            continue
        return f"a picture or shape ({shape.tag.rsplit('}', 1)[-1]})"
    return ""


def _vml_loss(xml: bytes) -> str:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return "VML that is not well-formed XML"
    kinds = {c.get("ObjectType", "") for c in root.iter(f"{VML_X}ClientData")}
    other = sorted(kinds - {"Note"})
    return f"form controls ({', '.join(other)})" if other else ""


def _content_losses(pkg: Package, owned: set[str]) -> dict[str, str]:
    """Owned parts holding what openpyxl drops while rewriting them."""
    checks = {WORKSHEET: _sheet_loss, DRAWING: _drawing_loss, VML: _vml_loss}
    for t in WORKBOOK_TYPES:
        checks[t] = _workbook_loss
    losses = {}
    for name in sorted(owned):
        check = checks.get(pkg.content_type(name))
        reason = check(pkg.parts[name]) if check else ""
        if reason:
            losses[name] = reason
    return losses


@dataclass
class Preserver:
    """What a refresh must put back into the book openpyxl saves."""

    original: Package
    keep: set[str]
    reattach: dict[str, Rel] = field(default_factory=dict)

    @classmethod
    def check(cls, path: Path) -> Preserver:
        """Read ``path``; refuse (UnkeptPart) if a part cannot be kept."""
        pkg = read_package(_zip_parts(path))
        targets = {r.target for r in pkg.rels}
        for part, (rel_id, rel_type) in RIBBON_PARTS.items():
            if part in pkg.parts and part not in targets:
                pkg.rels.append(Rel("", rel_id, rel_type, part))
        keep, reattach, unkept = _keepable(pkg)
        if unkept:
            listed = "; ".join(f"{n} ({why})" for n, why in sorted(unkept.items()))
            raise UnkeptPart(
                f"{path}: refresh here would lose {listed}. Nothing was written:"
                " open the book in Excel and use the ribbon's Estimates > Refresh,"
                " which keeps them."
            )
        return cls(pkg, keep, reattach)

    def restore(self, saved: Path) -> None:
        """Put the kept parts back into ``saved``, drop parts nothing refers to,
        and prove every kept part came back with its relationships and type."""
        parts = _zip_parts(saved)
        as_saved = dict(parts)
        out = read_package(parts)
        sources = {"": "", self.original.main(): out.main()}
        for name in self.keep:
            parts[name] = self.original.parts[name]
            own_rels = rels_part(name)
            if own_rels in self.original.parts:
                parts[own_rels] = self.original.parts[own_rels]
        for r in self.original.rels:
            if r.target in self.keep and r.source in sources:
                _add_rel(parts, sources[r.source], r)
        if self.reattach:
            sources |= _sheet_map(self.original, out)
            for name, r in self.reattach.items():
                sheet = sources.get(r.source)
                if sheet is None or sheet not in parts:
                    raise UnkeptPart(f"{name}: its sheet {r.source} was not saved")
                parts[name] = self.original.parts[name]
                rel_id = _add_rel(parts, sheet, r)
                parts[sheet] = _page_setup_names(parts[sheet], rel_id, name)
        parts[TYPES_PART] = _types_with(parts[TYPES_PART], self._types())
        parts = _reachable_only(parts)
        self._verify(read_package(parts), sources)
        if parts != as_saved:  # most refreshes of our own books change nothing
            _write_zip(saved, parts)

    def _types(self) -> dict[str, str]:
        return {
            n: self.original.content_type(n) for n in self.keep | set(self.reattach)
        }

    def _verify(self, out: Package, sources: dict[str, str]) -> None:
        have = {(r.source, r.rel_type, r.target) for r in out.rels}
        for name in sorted(self.keep | set(self.reattach)):
            same = out.parts.get(name) == self.original.parts[name]
            typed = out.content_type(name) == self.original.content_type(name)
            linked = all(
                (sources.get(r.source, r.source), r.rel_type, r.target) in have
                for r in self.original.rels
                if r.target == name
            )
            if not (same and typed and linked):
                raise UnkeptPart(f"{name}: could not be kept byte for byte")


def _add_rel(parts: dict[str, bytes], source: str, rel: Rel) -> str:
    """Add ``rel`` to ``source``'s relationships unless there; return its id."""
    name = rels_part(source) if source else "_rels/.rels"
    if name not in parts:
        parts[name] = (
            f'<Relationships xmlns="{RELS_NS[1:-1]}"></Relationships>'.encode()
        )
    text = parts[name].decode("utf-8")
    pkg_rels = ElementTree.fromstring(parts[name])
    for r in pkg_rels.iter(f"{RELS_NS}Relationship"):
        if (r.get("Type"), _resolve(source, r.get("Target", ""))) == (
            rel.rel_type,
            rel.target,
        ):
            return r.get("Id", "")
    ids = {r.get("Id") for r in pkg_rels.iter(f"{RELS_NS}Relationship")}
    rel_id, n = rel.rel_id, 0
    while rel_id in ids:
        n += 1
        rel_id = f"rIdKept{n}"
    target = posixpath.relpath(rel.target, posixpath.dirname(source) or ".")
    entry = (
        f'<Relationship Id="{_attr(rel_id)}" Type="{_attr(rel.rel_type)}"'
        f' Target="{_attr(target)}"/>'
    )
    parts[name] = text.replace("</Relationships>", entry + "</Relationships>").encode(
        "utf-8"
    )
    return rel_id


def _sheet_map(original: Package, out: Package) -> dict[str, str]:
    """Original sheet part -> the part openpyxl saved the same sheet as."""

    def parts_by_name(pkg: Package) -> dict[str, str]:
        main = pkg.main()
        by_id = {r.rel_id: r.target for r in pkg.rels if r.source == main}
        sheets = ElementTree.fromstring(pkg.parts[main]).iterfind(
            f"{MAIN}sheets/{MAIN}sheet"
        )
        ids = {
            s.get("name", ""): next(
                (v for k, v in s.attrib.items() if k.startswith(R_NAMESPACES)), ""
            )
            for s in sheets
        }
        return {name: by_id.get(rid, "") for name, rid in ids.items()}

    before, after = parts_by_name(original), parts_by_name(out)
    return {before[n]: after[n] for n in before if after.get(n)}


def _page_setup_names(xml: bytes, rel_id: str, part: str) -> bytes:
    """The saved sheet with its pageSetup naming the printer settings again."""
    tag = b"<pageSetup"
    at = xml.find(tag + b" ")
    if at < 0:
        at = xml.find(tag + b"/")
    if at < 0:
        raise UnkeptPart(f"{part}: the saved sheet has no page setup to name it")
    ns = R_NAMESPACES[0][1:-1]
    attr = f' xmlns:r="{ns}" r:id="{_attr(rel_id)}"'.encode()
    end = at + len(tag)
    return xml[:end] + attr + xml[end:]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _types_of(xml: bytes) -> tuple[dict[str, str], dict[str, str]]:
    root = ElementTree.fromstring(xml)
    defaults = {
        d.get("Extension", "").lower(): d.get("ContentType", "")
        for d in root.iter(f"{CT}Default")
    }
    overrides = {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in root.iter(f"{CT}Override")
    }
    return defaults, overrides


def _types_xml(defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    body = "".join(
        f'<Default Extension="{_attr(e)}" ContentType="{_attr(t)}"/>'
        for e, t in defaults.items()
    ) + "".join(
        f'<Override PartName="/{_attr(n)}" ContentType="{_attr(t)}"/>'
        for n, t in overrides.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{CT[1:-1]}">{body}</Types>'
    ).encode()


def _types_with(xml: bytes, wanted: dict[str, str]) -> bytes:
    """Content types giving each part in ``wanted`` its type: by the extension's
    Default where that says so, else by an Override."""
    defaults, overrides = _types_of(xml)
    for name, kind in sorted(wanted.items()):
        if defaults.get(name.rsplit(".", 1)[-1].lower()) == kind:
            overrides.pop(name, None)
        else:
            overrides[name] = kind
    return _types_xml(defaults, overrides)


def _reachable_only(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts a relationship chain from the package reaches (openpyxl copies
    old VML and control parts it no longer refers to)."""
    pkg = read_package(parts)
    out_of: dict[str, list[str]] = {}
    for r in pkg.rels:
        out_of.setdefault(r.source, []).append(r.target)
    seen: set[str] = set()
    todo = [""]
    while todo:
        for target in out_of.get(todo.pop(), []):
            if target and target not in seen:
                seen.add(target)
                todo.append(target)
    live = {TYPES_PART, "_rels/.rels"} | seen | {rels_part(n) for n in seen}
    if set(parts) <= live:
        return parts
    pruned = {n: data for n, data in parts.items() if n in live}
    defaults, overrides = _types_of(parts[TYPES_PART])
    overrides = {n: t for n, t in overrides.items() if n in pruned}
    pruned[TYPES_PART] = _types_xml(defaults, overrides)
    return pruned


def _write_zip(path: Path, parts: dict[str, bytes]) -> None:
    tmp = path.with_name(path.name + ".kept")
    first = [TYPES_PART, "_rels/.rels"]
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name in first + [n for n in parts if n not in first]:
                z.writestr(name, parts[name])
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
