"""Build the macro-enabled template (.xltm) or workbook (.xlsm).

The workbook comes from ``workbook.build``; this adds the VBA project (written from
text by ``ovba``), the ribbon part with its root relationship, the macro-enabled
content type, code names that match the document modules and a hidden
``xlwings.conf`` sheet. The zip is written with fixed timestamps and part order, so
the same sources always give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from importlib import resources
from pathlib import Path

import xlwings
from openpyxl import Workbook

from estimates import __version__
from estimates.source import load_source
from udfs.catalog import wrapper_module
from workbook import layout as L
from workbook.build import new_template
from workbook.io import write_cell
from workbook.refresh import build_workbook, refresh_workbook
from workbook.versions import XLWINGS_VERSION

from .ovba import DOCUMENT_BASES, Module, vba_project

ADDIN = Path(__file__).parent
VBA_DIR = ADDIN / "vba"
RIBBON = ADDIN / "ribbon" / "customUI14.xml"
UI14_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CONTENT_TYPES = {
    ".xltm": "application/vnd.ms-excel.template.macroEnabled.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
CONF_SHEET = "xlwings.conf"
# Only keys with values: xlwings takes a key from this sheet as soon as it exists,
# so a blank Interpreter_Win would override IT's user xlwings.conf. The rows must
# be contiguous (xlwings reads A1 down to the first blank). "Use UDF Server" makes
# RunPython go through xlwings' COM server on Windows: the second and later clicks
# pay no Python start-up. Excel for Mac ignores it (a process per click).
XLWINGS_CONF = (
    ("UDF Modules", "udfs.functions"),
    ("Use UDF Server", "True"),
    ("Show Console", "False"),
    ("Debug UDFs", "False"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
)
# Excel stores these for every class module (read from xlwings.xlam's Dictionary).
CLASS_ATTRIBUTES = (
    'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
    "Attribute VB_GlobalNameSpace = False",
    "Attribute VB_Creatable = False",
    "Attribute VB_PredeclaredId = False",
    "Attribute VB_Exposed = True",
    "Attribute VB_TemplateDerived = False",
    "Attribute VB_Customizable = False",
)


def code_name(sheet: str) -> str:
    """A sheet's VBA code name: a valid identifier from its name."""
    plain = re.sub(r"[^A-Za-z0-9]", "", sheet)
    return "ws" + plain[:1].upper() + plain[1:]


def class_module_code(code: str) -> str:
    """A .cls file's text as Excel stores it in the module stream: no
    VERSION/BEGIN...END header, and the attributes Excel writes for every class
    module (VB_Base, VB_TemplateDerived, VB_Customizable ...) in Excel's order."""
    lines = code.replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("VERSION"):
        end = next(i for i, line in enumerate(lines) if line.strip() == "END")
        lines = lines[end + 1 :]
    top = 0
    while top < len(lines) and lines[top].startswith("Attribute VB_"):
        top += 1  # the module's own attributes; members' ones stay in the body
    header, body = lines[:top], lines[top:]
    standard = {a.split(" = ")[0] for a in CLASS_ATTRIBUTES}
    names = [a for a in header if a.startswith("Attribute VB_Name ")]
    others = [a for a in header if a not in names and a.split(" = ")[0] not in standard]
    return "\n".join(names + list(CLASS_ATTRIBUTES) + others + body)


def xlwings_modules() -> list[Module]:
    """xlwings' VBA, from the installed package (never copied into git): the
    pinned version only, since the book's VBA names that version's DLL."""
    if xlwings.__version__ != XLWINGS_VERSION:
        raise RuntimeError(
            f"xlwings {xlwings.__version__} is installed, but the template is built"
            f" with xlwings {XLWINGS_VERSION}: pip install xlwings=={XLWINGS_VERSION}"
        )
    root = resources.files(xlwings)
    main = (root / "xlwings.bas").read_text(encoding="utf-8")
    dictionary = (root / "addin" / "Dictionary.cls").read_text(encoding="utf-8")
    return [
        Module("xlwings", "standard", main),
        Module("Dictionary", "class", class_module_code(dictionary)),
    ]


def document_module(name: str, base: str, body: str = "") -> Module:
    header = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{DOCUMENT_BASES[base]}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, "document", "\n".join(header) + ("\n" + body if body else ""))


def our_modules() -> list[Module]:
    """The add-in's own VBA text, in name order, with the template version filled."""
    out = []
    for path in sorted(VBA_DIR.glob("*.bas")):
        code = path.read_text(encoding="utf-8").replace(
            "{{TEMPLATE_VERSION}}", L.TEMPLATE_VERSION
        )
        out.append(Module(path.stem, "standard", code))
    return out


def modules_for(wb: Workbook) -> list[Module]:
    """Every module of the project: documents, ours, the UDF wrappers, xlwings'."""
    this = (VBA_DIR / "ThisWorkbook.cls").read_text(encoding="utf-8")
    modules = [Module("ThisWorkbook", "document", this)]
    modules += [
        document_module(ws.sheet_properties.codeName, "worksheet")
        for ws in wb.worksheets
    ]
    modules += our_modules()
    modules.append(Module("EstimatesUdfs", "standard", wrapper_module()))
    modules += xlwings_modules()
    return modules


def macro_workbook(data_dir: Path | None = None) -> Workbook:
    """The template workbook with code names and the xlwings.conf sheet."""
    if data_dir is not None:  # as 'estimates build' makes a book: its log says so
        wb, _ = build_workbook(load_source(Path(data_dir)))
    else:
        wb = new_template()
        refresh_workbook(wb, "template", record=False)
    conf = wb.create_sheet(CONF_SHEET)
    for row, (key, value) in enumerate(XLWINGS_CONF, start=1):
        write_cell(conf, row, 1, key, None)
        write_cell(conf, row, 2, value, None)
    conf.sheet_state = "hidden"
    wb.code_name = "ThisWorkbook"
    for ws in wb.worksheets:
        ws.sheet_properties.codeName = code_name(ws.title)
    stamp = datetime(*FIXED_TIME)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = f"estimates-addin {__version__}"
    return wb


def _add_relationship(rels: str, rel_id: str, rel_type: str, target: str) -> str:
    if f'Type="{rel_type}"' in rels:
        return rels
    rel = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
    return rels.replace("</Relationships>", rel + "</Relationships>")


def package(xlsx: bytes, modules: list[Module], suffix: str) -> bytes:
    """Turn openpyxl's .xlsx bytes into a macro-enabled package, reproducibly."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = re.sub(
        r'(PartName="/xl/workbook.xml" ContentType=")[^"]+"',
        rf'\g<1>{CONTENT_TYPES[suffix]}"',
        types,
    )
    if "/xl/vbaProject.bin" not in types:
        types = types.replace(
            "</Types>",
            '<Override PartName="/xl/vbaProject.bin"'
            f' ContentType="{VBA_CONTENT_TYPE}"/>'
            "</Types>",
        )
    parts["[Content_Types].xml"] = types.encode("utf-8")
    # openpyxl stamps the save time into core.xml; a build carries a fixed one.
    stamp = datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + stamp.encode() + rb"\g<2>",
        parts["docProps/core.xml"],
    )
    parts["xl/_rels/workbook.xml.rels"] = _add_relationship(
        parts["xl/_rels/workbook.xml.rels"].decode("utf-8"),
        "rIdVBA",
        VBA_REL,
        "vbaProject.bin",
    ).encode("utf-8")
    parts["_rels/.rels"] = _add_relationship(
        parts["_rels/.rels"].decode("utf-8"),
        "rIdUI14",
        UI14_REL,
        "customUI/customUI14.xml",
    ).encode("utf-8")
    parts["xl/vbaProject.bin"] = vba_project(modules)
    parts["customUI/customUI14.xml"] = RIBBON.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        first = ["[Content_Types].xml", "_rels/.rels"]
        for name in first + sorted(n for n in parts if n not in first):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, parts[name])
    return out.getvalue()


def build_template(target: Path, data_dir: Path | None = None) -> Path:
    """Write ``Estimates.xltm`` (or ``.xlsm``) to ``target``."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise ValueError(f"{target}: the template is .xltm or .xlsm")
    wb = macro_workbook(data_dir)
    wb.template = suffix == ".xltm"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = package(buffer.getvalue(), modules_for(wb), suffix)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    temp.write_bytes(data)
    temp.replace(target)
    return target
