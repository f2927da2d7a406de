"""`estimates template` writes a macro-enabled template: byte-reproducible, with the
right content types, relationships, ribbon part and code names."""

import re
import time
import zipfile

from lxml import etree

from addin.build import UI14_REL, VBA_REL, build_template
from workbook.cli import run

from .vba import modules_of

NS = {
    "r": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}


def _xml(book, part):
    with zipfile.ZipFile(book) as z:
        return etree.fromstring(z.read(part))


def test_two_builds_are_byte_identical(tmp_path, capsys):
    assert run(["template", "-o", str(tmp_path / "a.xltm")]) == 0
    time.sleep(1.1)  # openpyxl stamps the save time: the build must not show it
    assert run(["template", "-o", str(tmp_path / "b.xltm")]) == 0
    a, b = (tmp_path / "a.xltm").read_bytes(), (tmp_path / "b.xltm").read_bytes()
    assert len(a) > 30_000
    assert a == b


def test_content_types_make_it_a_macro_enabled_template(template_dir):
    types = _xml(template_dir / "Estimates.xltm", "[Content_Types].xml")
    overrides = {
        o.get("PartName"): o.get("ContentType")
        for o in types.findall("ct:Override", NS)
    }
    assert overrides["/xl/workbook.xml"] == (
        "application/vnd.ms-excel.template.macroEnabled.main+xml"
    )
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    xlsm = _xml(template_dir / "Head135.xlsm", "[Content_Types].xml")
    main = xlsm.find("ct:Override[@PartName='/xl/workbook.xml']", NS).get("ContentType")
    assert main == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def test_ribbon_and_vba_relationships(template_dir):
    book = template_dir / "Estimates.xltm"
    root = {r.get("Type"): r.get("Target") for r in _xml(book, "_rels/.rels")}
    assert root[UI14_REL] == "customUI/customUI14.xml"
    wb_rels = {
        r.get("Type"): r.get("Target") for r in _xml(book, "xl/_rels/workbook.xml.rels")
    }
    assert wb_rels[VBA_REL] == "vbaProject.bin"
    with zipfile.ZipFile(book) as z:
        ui = z.read("customUI/customUI14.xml")
    assert b"http://schemas.microsoft.com/office/2009/07/customui" in ui


def test_code_names_match_the_document_modules(template_dir):
    book = template_dir / "Estimates.xltm"
    modules = modules_of(book)
    workbook = _xml(book, "xl/workbook.xml")
    assert workbook.find("m:workbookPr", NS).get("codeName") == "ThisWorkbook"
    with zipfile.ZipFile(book) as z:
        sheets = [
            n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
        ]
        code_names = {
            etree.fromstring(z.read(n)).find("m:sheetPr", NS).get("codeName")
            for n in sheets
        }
    documents = {
        name for name, code in modules.items() if 'VB_Base = "0{00020820' in code
    }
    assert code_names == documents
    assert {"wsHead", "wsProgrammes", "wsChecks", "wsXlwingsconf"} <= code_names
    assert 'VB_Base = "0{00020819' in modules["ThisWorkbook"]


def test_the_xlwings_conf_sheet_is_hidden_and_names_the_udf_module(template_dir):
    from openpyxl import load_workbook

    wb = load_workbook(template_dir / "Estimates.xltm", keep_vba=True)
    conf = wb["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    settings = {r[0]: r[1] for r in conf.iter_rows(values_only=True)}
    assert settings["UDF Modules"] == "udfs.functions"
    assert settings["Use UDF Server"] == "True"


def test_a_wrong_suffix_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError, match=r"xltm or \.xlsm"):
        build_template(tmp_path / "x.xlsx")
