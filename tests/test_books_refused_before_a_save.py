"""What a new user may hand to ``estimates refresh`` that is not a book we can
save: each is refused with exit 2 and the one line that names the real problem,
and the file is left as it was.

- an .xlsm renamed .xlsx (the extension says plain, the contents carry macros);
- a macro-enabled .ods (LibreOffice's Basic parts declare a DTD): it is not an
  OOXML workbook, which must be said before any XML safety scan;
- a workbook that is not an Estimates book (xlwings' own quickstart.xlsm): the
  line ``check`` gives, not a package-preservation refusal.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlwings

from workbook.cli import run

BASIC_DOCTYPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN"'
    ' "module.dtd">\n'
)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args], capture_output=True, text=True
    )


@pytest.mark.parametrize("command", ["refresh", "check"])
def test_a_macro_book_named_xlsx_is_refused(sample_xlsm, tmp_path, command):
    renamed = tmp_path / "renamed.xlsx"
    shutil.copyfile(sample_xlsm, renamed)
    before = renamed.read_bytes()
    done = _cli(command, str(renamed))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"estimates {command}: {renamed}: the extension says a plain workbook"
        " (.xlsx) but the"
        " contents carry macros: rename it to .xlsm and run this again"
    )
    assert renamed.read_bytes() == before


def _macro_ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
        )
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
        z.writestr(
            "Basic/Standard/Module1.xml",
            BASIC_DOCTYPE + '<script:module script:name="Module1"/>',
        )
        z.writestr(
            "Basic/script-lc.xml",
            BASIC_DOCTYPE.replace("script:module", "library:libraries")
            + "<library:libraries/>",
        )
    return path


@pytest.mark.parametrize("name", ["head.ods", "head.xlsm"])
@pytest.mark.parametrize("command", ["refresh", "check"])
def test_a_macro_enabled_ods_is_called_an_ods(tmp_path, capsys, name, command):
    ods = _macro_ods(tmp_path / name)
    assert run([command, str(ods)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates {command}: {ods}: not an Excel workbook (an OpenDocument"
        " spreadsheet, .ods):"
        " save it as an Excel workbook (.xlsx or .xlsm) and run this again"
    )


def test_a_workbook_of_another_program_is_not_an_estimates_book(tmp_path):
    book = tmp_path / "quickstart.xlsm"
    shutil.copyfile(Path(xlwings.__file__).parent / "quickstart.xlsm", book)
    before = book.read_bytes()
    said = {c: _cli(c, str(book)) for c in ("check", "refresh", "revert")}
    line = (
        f"{book}: not an Estimates workbook (no Head, Programmes or"
        " Subheads sheet); build one with 'estimates build DATA_DIR -o BOOK.xlsx'"
    )
    for command, done in said.items():
        assert done.returncode == 2, command
        assert done.stderr.startswith(f"estimates {command}: "), command
        assert done.stderr.splitlines()[0].endswith(f": {line}"), command
    assert book.read_bytes() == before
