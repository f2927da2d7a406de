"""The built template read back with independent parsers (olefile, oletools, lxml)
and set against what Excel itself stores (xlwings' Excel-saved xlwings.xlam):
storages start at sector 0, class modules carry Excel's attributes, the source is
ASCII, the xlwings.conf sheet holds only keys with values, the xlwings version is
pinned once and named everywhere, the ribbon honours RunPython's failure code and
the function wizard's registration is qualified with its workbook."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from importlib import resources
from pathlib import Path

import olefile
import pytest
import xlwings
from lxml import etree
from oletools.olevba import decompress_stream

from addin.ovba import Module, vba_project
from workbook.versions import XLWINGS_VERSION, advice

from .vba import modules_of

ROOT = Path(__file__).resolve().parents[1]
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _ole(book: Path) -> olefile.OleFileIO:
    with zipfile.ZipFile(book) as z:
        return olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin")))


def _header(code: str) -> list[str]:
    lines = code.replace("\r\n", "\n").split("\n")
    return [line for line in lines[:20] if line.startswith("Attribute VB_")]


def test_storages_start_at_sector_zero(template_dir):
    """[MS-CFB] 2.6.3: a storage's Starting Sector Location and size are 0."""
    ole = _ole(template_dir / "Estimates.xltm")
    storages = [
        e for e in ole.direntries if e and e.entry_type == olefile.STGTY_STORAGE
    ]
    assert [e.name for e in storages] == ["VBA"]
    for entry in storages:
        assert (entry.isectStart, entry.size) == (0, 0), entry.name
    ole.close()


def test_class_modules_carry_the_attributes_excel_stores(template_dir):
    reference = modules_of(resources.files(xlwings) / "addin" / "xlwings.xlam")
    ours = modules_of(template_dir / "Estimates.xltm")
    excel = _header(reference["Dictionary"])
    assert 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"' in excel
    assert _header(ours["Dictionary"]) == excel
    assert "Attribute Item.VB_UserMemId = 0" in ours["Dictionary"]  # members' stay


def test_every_module_stream_is_ascii(template_dir):
    ole = _ole(template_dir / "Estimates.xltm")
    streams = [s for s in ole.listdir() if s[0] == "VBA" and s[1] not in
               ("dir", "_VBA_PROJECT")]  # fmt: skip
    assert len(streams) > 5
    for path in streams:
        source = decompress_stream(bytearray(ole.openstream(path).read()))
        high = sorted({b for b in source if b > 127})
        assert not high, f"{path[1]} stores bytes {high} (code-page dependent)"
    ole.close()
    udfs = modules_of(template_dir / "Estimates.xltm")["EstimatesUdfs"]
    assert 'or " & ChrW(8212) & " for none' in udfs  # the em dash, as ChrW


def test_a_non_ascii_module_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"Bad, line 2: '—'"):
        vba_project([Module("Bad", "standard", 'Attribute VB_Name = "Bad"\n\'—\n')])


def _conf_rows(book: Path) -> list[list[str]]:
    with zipfile.ZipFile(book) as z:
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sheet = wb.find(f"{M}sheets/{M}sheet[@name='xlwings.conf']")
        assert sheet.get("state") == "hidden"
        target = targets[sheet.get(f"{R}id")].lstrip("/").removeprefix("xl/")
        xml = etree.fromstring(z.read("xl/" + target))
        shared = [
            "".join(si.itertext())
            for si in etree.fromstring(z.read("xl/sharedStrings.xml"))
        ] if "xl/sharedStrings.xml" in z.namelist() else []  # fmt: skip
    rows = []
    for row in xml.iter(f"{M}row"):
        cells = []
        for c in row.iter(f"{M}c"):
            v = c.find(f"{M}v")
            text = c.find(f"{M}is")
            if c.get("t") == "s":
                cells.append(shared[int(v.text)])
            elif text is not None:
                cells.append("".join(text.itertext()))
            else:
                cells.append(v.text if v is not None else "")
        rows.append((int(row.get("r")), cells))
    assert [r for r, _ in rows] == list(range(1, len(rows) + 1)), "rows not contiguous"
    return [cells for _, cells in rows]


def test_the_conf_sheet_holds_only_keys_with_values(template_dir):
    rows = _conf_rows(template_dir / "Estimates.xltm")
    for cells in rows:
        assert len(cells) == 2 and all(c.strip() for c in cells), cells
    settings = dict(rows)
    assert settings["UDF Modules"] == "udfs.functions"
    assert settings["Use UDF Server"] == "True"  # warm clicks on Windows
    for key in ("Interpreter_Win", "Interpreter_Mac", "PYTHONPATH"):
        assert key.upper() not in {k.upper() for k in settings}  # IT's conf decides


def test_xlwings_is_pinned_once_and_the_book_names_that_dll(template_dir):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("xlwings")]
    assert pins == [f"xlwings=={XLWINGS_VERSION}"]
    assert xlwings.__version__ == XLWINGS_VERSION
    code = modules_of(template_dir / "Estimates.xltm")["xlwings"]
    dlls = set(re.findall(r'Lib "(xlwings(?:32|64)-[\d.]+\.dll)"', code))
    expected = {f"xlwings{b}-{XLWINGS_VERSION}.dll" for b in (32, 64)}
    assert dlls == expected
    assert f'XLWINGS_VERSION As String = "{XLWINGS_VERSION}"' in code


def test_about_and_v01_name_the_xlwings_version():
    from addin.macros import version_advice
    from workbook.layout import TEMPLATE_VERSION

    assert f"xlwings {XLWINGS_VERSION}" in version_advice(TEMPLATE_VERSION)
    en, zh = advice("0.0.9")
    assert f"xlwings {XLWINGS_VERSION}" in en and f"xlwings {XLWINGS_VERSION}" in zh


def test_the_build_refuses_another_xlwings(monkeypatch, tmp_path):
    from addin.build import build_template

    monkeypatch.setattr(xlwings, "__version__", "0.99.0")
    with pytest.raises(RuntimeError, match=f"pip install xlwings=={XLWINGS_VERSION}"):
        build_template(tmp_path / "Estimates.xltm")


def _sub(code: str, name: str) -> str:
    start = code.index(f"Sub {name}(")
    return code[start : code.index("End Sub", start)]


def test_the_ribbon_honours_run_pythons_failure_code(template_dir):
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    run = _sub(code, "RunEstimates")
    call = re.search(r"(\w+) = RunPython\(", run)
    assert call, "RunPython's result is ignored"
    assert re.search(rf"If {call.group(1)} = -1 Then CannotRun", run)
    message = _sub(code, "CannotRun")
    assert "MsgBox" in message and "Ask IT" in message


def test_macro_options_are_qualified_with_the_workbook(template_dir):
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesUdfs"]
    calls = re.findall(r"Application\.MacroOptions Macro:=([^,]+),", code)
    assert len(calls) == 6
    for target in calls:
        assert re.fullmatch(r"\"'\" & ThisWorkbook\.Name & \"'!EST_\w+\"", target)


def _python_call(code: str, entry: str) -> str:
    """The Python line EstimatesRibbon.PythonCall gives RunPython for ``entry``."""
    start = code.index("Function PythonCall(")
    body = code[start : code.index("End Function", start)]
    expression = body.split("PythonCall = ", 1)[1].replace(" _\n", " ")
    out = []
    for literal, name in re.findall(r'"((?:[^"]|"")*)"|(\w+)', expression):
        out.append(entry if name == "entry" else literal.replace('""', '"'))
    return "".join(out)


def _click(template_dir, tmp_path, path: str):
    """Run the Refresh button's Python line with only ``path`` importable (-S:
    no site-packages; a stand-in xlwings in ``tmp_path`` records the alert)."""
    import subprocess
    import sys

    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    line = _python_call(code, "refresh")
    assert '"' not in line and "|" not in line  # safe in cmd.exe's and sh's quotes
    compile(line, "<RunPython>", "exec")
    fake = tmp_path / "xlwings"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "class _App:\n"
        "    def alert(self, text, title=''):\n"
        "        print(title + ': ' + text)\n"
        "class Book:\n"
        "    @staticmethod\n"
        "    def caller():\n"
        "        return type('B', (), {'app': _App()})()\n"
    )
    return subprocess.run(
        [sys.executable, "-S", "-c", line], cwd=tmp_path, capture_output=True,
        text=True, env={"PYTHONPATH": path}, timeout=60,
    )  # fmt: skip


def test_without_the_package_a_click_shows_a_plain_message(template_dir, tmp_path):
    """The line RunPython runs, in a Python that has xlwings but not our package:
    a plain message and exit 0, never an ImportError's traceback."""
    done = _click(template_dir, tmp_path, str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Estimates: The estimates-addin package is not")
    assert "Traceback" not in done.stderr


def test_without_a_dependency_a_click_names_it(template_dir, tmp_path):
    """Our package importable but openpyxl not (the Python the book uses lacks a
    dependency): the plain message names openpyxl, no traceback."""
    import os

    root = Path(__file__).resolve().parent.parent
    done = _click(template_dir, tmp_path, os.pathsep.join([str(tmp_path), str(root)]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "Estimates: The estimates-addin package needs the module openpyxl, which is"
        " not installed for the Python this workbook uses. Ask IT to install it"
        " (see the README)."
    )
    assert "Traceback" not in done.stderr
