"""Trial 10e items 5 and 11 (issue 13 too): the package type follows the
extension. `build -o X.xlsm` (and `template --data`) wrote no Change log "build"
row (and a rolled book's export lost its "new year" row, so its F01s); an .xlsx
renamed .xlsm was refreshed, reverted or rolled into a "macro-enabled" book with
no VBA and no ribbon, exit 0. Now a book built as .xlsm is built as the .xlsx
is (same log rows, same findings) and carries the template's VBA and ribbon; a
book named .xlsm with no macros in it is refused by every command that would
write a book from it, in one line saying what to do, exit 2, the file unchanged.
On Head 135, a generated Head and a real Head-year (the ribbon runs only inside
a macro-enabled book, so it has no such path)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from workbook import layout as L
from workbook.cycle import ACTION_COL, NEW_YEAR
from workbook.io import load_book
from workbook.refresh import check_file

from .generated_heads import source_folder
from .hosts import cli_said

KINDS = ("sample", "real", "generated")


def _actions(book: Path) -> list[str]:
    log = load_book(book)[L.CHANGE_LOG]
    return [
        str(log.cell(r, ACTION_COL).value)
        for r in range(1, log.max_row + 1)
        if log.cell(r, ACTION_COL).value not in (None, "Action 操作")
    ]


def _parts(book: Path) -> set[str]:
    with zipfile.ZipFile(book) as z:
        return set(z.namelist())


def _rules(book: Path) -> list[tuple[str, str]]:
    return sorted((f.rule, str(f.ref)) for f in check_file(book).findings)


@pytest.mark.parametrize("kind", KINDS)
def test_a_book_built_as_xlsm_is_built_as_the_xlsx_with_the_ribbon(kind, tmp_path):
    folder = source_folder(kind, tmp_path / "src", "2014-37", 43)
    plain, macro = tmp_path / "b.xlsx", tmp_path / "b.xlsm"
    for book in (plain, macro):
        assert cli_said("build", folder, "-o", book) == (0, [])
    assert _actions(macro) == _actions(plain) == ["build"]
    assert {"xl/vbaProject.bin", "customUI/customUI14.xml"} <= _parts(macro)
    assert _rules(macro) == _rules(plain)
    template = tmp_path / "t.xlsm"
    assert cli_said("template", "--data", folder, "-o", template) == (0, [])
    assert _actions(template) == ["build"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_rolled_books_export_built_as_xlsm_stays_rolled(kind, tmp_path):
    folder = source_folder(kind, tmp_path / "src", "2014-37", 43)
    book, rolled = tmp_path / "b.xlsx", tmp_path / "rolled.xlsx"
    assert cli_said("build", folder, "-o", book)[0] == 0
    assert cli_said("rollforward", book, "-o", rolled)[0] in (0, 1)
    assert cli_said("export", rolled, "-o", tmp_path / "exported")[0] in (0, 1)
    again = tmp_path / "again.xlsm"
    assert cli_said("build", tmp_path / "exported", "-o", again)[0] in (0, 1)
    assert _actions(again)[0].startswith(NEW_YEAR)  # still a rolled-forward book
    assert [r for r in _rules(again) if r[0] == "F01"] == [
        r for r in _rules(rolled) if r[0] == "F01"
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_an_xlsx_renamed_xlsm_is_refused_by_every_command_that_writes(kind, tmp_path):
    folder = source_folder(kind, tmp_path / "src", "2014-37", 43)
    book = tmp_path / "renamed.xlsm"
    assert cli_said("build", folder, "-o", tmp_path / "b.xlsx")[0] == 0
    shutil.copy(tmp_path / "b.xlsx", book)
    before = book.read_bytes()
    said = (
        f"{book}: has no macros (a plain .xlsx renamed .xlsm?), so the book written"
        " would have no Estimates tab: rename it .xlsx and run this again; for a"
        " book with the tab, 'estimates export' it and 'estimates build' the folder"
        " with -o BOOK.xlsm"
    )
    for command in (["refresh", book], ["refresh", book, "-o", tmp_path / "r.xlsm"],
                    ["rollforward", book, "-o", tmp_path / "n.xlsm"],
                    ["revert", book]):  # fmt: skip
        assert cli_said(*command) == (2, [f"estimates {command[0]}: {said}"]), command
    assert book.read_bytes() == before
    assert not (tmp_path / "r.xlsm").exists() and not (tmp_path / "n.xlsm").exists()
    assert cli_said("check", book)[0] in (0, 1)  # reading it is fine
    shutil.copy(tmp_path / "b.xlsx", tmp_path / "named.xlsx")
    assert cli_said("refresh", tmp_path / "named.xlsx")[0] in (0, 1)  # as told: works
