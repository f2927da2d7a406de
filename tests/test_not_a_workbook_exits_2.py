"""A file that is not an OOXML workbook (.ods, LibreOffice's default save; .xls;
.csv; anything else) exits 2 with one line that says what to do."""

from __future__ import annotations

import zipfile

import pytest

from workbook.cli import run


def _ods(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _xls(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return path


def _csv(path):
    path.write_text("programme,title_en\n1,Admin\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "make", "what"),
    [
        ("head.ods", _ods, "an OpenDocument spreadsheet, .ods"),
        ("head.xls", _xls, "an old-format .xls file"),
        ("head.csv", _csv, "a text file"),
        ("head.xlsx", _ods, "an OpenDocument spreadsheet, .ods"),  # renamed
    ],
)
@pytest.mark.parametrize("command", ["check", "refresh", "report", "revert"])
def test_not_a_workbook_exits_2_with_one_line(
    tmp_path, capsys, name, make, what, command
):
    book = make(tmp_path / name)
    args = [command, str(book)] + (["--json"] if command == "report" else [])
    assert run(args) == 2
    err = capsys.readouterr().err.strip()
    save_as = "save it as an Excel workbook (.xlsx or .xlsm) and run this again"
    if name.endswith(".csv"):  # how to import it first (trial 10e item 10)
        save_as = (
            "a CSV file of published Estimates goes into a book with 'estimates"
            " import FILES --head N --year YYYY-YY -o DIR', then 'estimates build"
            " DIR -o BOOK.xlsx' (the ribbon: Import…); or " + save_as
        )
    said = f"{book}: not an Excel workbook ({what}): {save_as}"
    assert err == f"estimates {command}: {said}"


def test_a_libreoffice_ods_exits_2(sample_book, libreoffice, tmp_path, capsys):
    ods = libreoffice.convert(sample_book, tmp_path / "lo", "ods")
    assert run(["refresh", str(ods)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".ods" in err and "save it as" in err
