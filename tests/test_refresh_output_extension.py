"""``estimates refresh BOOK -o OUT``: a macro-enabled book may be written as .xlsm
or .xltm (the package type follows the extension, VBA kept); anything else is
refused with one line saying exactly what is allowed."""

import zipfile

import pytest

from workbook.cli import run

MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TEMPLATE_TYPE = "application/vnd.ms-excel.template.macroEnabled.main+xml"


def _types(book) -> str:
    with zipfile.ZipFile(book) as z:
        return z.read("[Content_Types].xml").decode()


@pytest.mark.parametrize(
    ("name", "kind"), [("out.xltm", TEMPLATE_TYPE), ("out.xlsm", MACRO_TYPE)]
)
def test_a_macro_book_is_saved_as_either_macro_type(sample_xlsm, tmp_path, name, kind):
    out = tmp_path / name
    assert run(["refresh", str(sample_xlsm), "-o", str(out)]) in (0, 1)
    assert f'ContentType="{kind}"' in _types(out)
    with zipfile.ZipFile(out) as z:
        assert "xl/vbaProject.bin" in z.namelist()


def test_a_macro_book_as_plain_is_refused_saying_what_is_allowed(
    sample_xlsm, tmp_path, capsys
):
    out = tmp_path / "out.xlsx"
    assert run(["refresh", str(sample_xlsm), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates refresh: {out}: the file type comes from its extension: give"
        " .xlsm (a macro-enabled book) or .xltm (a macro-enabled template)"
    )
    assert not out.exists()


def test_a_plain_book_stays_plain(sample_book, tmp_path, capsys):
    out = tmp_path / "out.xlsm"
    assert run(["refresh", str(sample_book), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates refresh: {out}: the file type comes from its extension: give"
        " .xlsx (a plain book)"
    )
