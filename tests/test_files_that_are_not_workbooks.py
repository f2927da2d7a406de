"""Issue 9, "Other files": an .ods (LibreOffice's default save), an .xls, a .csv
or any file that is not an OOXML workbook: exit 2 and one line that names the file
and says what to do (save it as .xlsx or .xlsm), never a traceback."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def other_files(tmp_path_factory, libreoffice):
    from .clerk_cases import SAMPLE_HEAD_135

    folder = tmp_path_factory.mktemp("other")
    book = folder / "head135.xlsx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook.cli",
            "build",
            str(SAMPLE_HEAD_135),
            "-o",
            str(book),
        ],
        check=True,
        capture_output=True,
    )
    libreoffice.convert(book, folder / "ods", "ods")
    libreoffice.convert(book, folder / "xls", "xls")
    (folder / "head135.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return {
        "ods": folder / "ods" / "head135.ods",
        "xls": folder / "xls" / "head135.xls",
        "csv": folder / "head135.csv",
    }


@pytest.mark.parametrize("kind", ["ods", "xls", "csv"])
@pytest.mark.parametrize("command", ["refresh", "check"])
def test_a_file_that_is_not_a_workbook_exits_2_with_one_line(
    other_files, kind, command
):
    path = other_files[kind]
    before = path.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "workbook.cli", command, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = (run.stdout + run.stderr).strip()
    assert run.returncode == 2, said
    assert "Traceback" not in said and len(said.splitlines()) == 1, said
    assert path.name in said and ".xlsx" in said and ".xlsm" in said
    assert path.read_bytes() == before
