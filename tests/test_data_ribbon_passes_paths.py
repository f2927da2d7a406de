"""The Data group's callbacks hand paths to Python as lists of UTF-16 code units
(EstimatesRibbon.PyText): a folder with Chinese, quotes, spaces or characters
beyond the BMP arrives whole, and the RunPython line stays free of quotes."""

import re

from addin import macros

from .test_built_vba_matches_excel_references import _python_call
from .vba import modules_of


def py_text(text: str) -> list[int]:
    """What EstimatesRibbon.PyText sends: AscW of each UTF-16 unit, And &HFFFF&."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def test_any_path_arrives_whole():
    for path in (r"C:\Users\clerk\預算 2026-27\源資料", "/tmp/it's \"here\"/𠀀 x",
                 r"\\server\share\Head 135"):  # fmt: skip
        assert str(macros._path(py_text(path))) == str(macros._path(path))


def test_the_python_line_for_each_data_entry_compiles(template_dir):
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    assert "Application.FileDialog(4)" in code  # the folder picker
    multi = re.findall(r"GetOpenFilename\(\"CSV files[^\n]*_\n[^\n]*, , True\)", code)
    assert len(multi) == 2  # the published CSV files; the actual expenditure
    assert code.count("GetSaveAsFilename(") == 2  # New year's book, Export's folder
    assert "SaveCopyAs" in code and "NewYearHere" in code
    units = ",".join(map(str, py_text(r"C:\預算")))
    for entry, args in (("import_data", f"paths=[[{units}]]"),
                        ("new_year", f"actual_paths=[[{units}]]"),
                        ("export_data", f"folder=[{units}]")):  # fmt: skip
        line = _python_call(code, entry).replace("()", f"({args})")
        assert '"' not in line and "|" not in line
        compile(line, "<RunPython>", "exec")
        assert f"estimates_macros.{entry}({args})" in line
