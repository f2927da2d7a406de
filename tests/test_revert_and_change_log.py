"""Revert puts back every value the last refresh overwrote (macros wipe Excel's
undo); the Change log records each refresh or revert that changed the book; a
refresh that changes nothing leaves no trace."""

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook.cli import run
from workbook.io import load_book

from .remote_actions import apply_actions


def values(book):
    """Every cell but the job records and the Checks sheet (which Revert judges
    anew: tests/test_checks_after_revert_list_the_book_it_leaves.py)."""
    wb = load_book(book)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        if ws.title not in ("ChangeLog", "_Revert", "_Flags", "Checks")
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def log_rows(book):
    ws = load_book(book)["ChangeLog"]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value]


def _edit(book):
    wb = load_book(book)
    wb["Programmes"]["G8"] = 30.0  # changes totals, percentages, narrative, report
    wb["Programmes"]["G4"] = 999.9  # a typed-over total: kept, flagged
    wb.save(book)


def test_revert_restores_every_overwritten_cell(sample_book, capsys):
    _edit(sample_book)
    before = values(sample_book)
    assert run(["refresh", str(sample_book)]) == 1
    after = values(sample_book)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed  # the Narrative moved (the Checks sheet is judged anew)
    assert run(["revert", str(sample_book)]) == 0
    assert values(sample_book) == before
    assert f"{len(changed)} cell(s) put back" in capsys.readouterr().out
    wb = load_book(sample_book)
    # the flags are the reverted book's: the total typed over is still there
    assert wb["Programmes"]["G4"].fill.fill_type == "solid"
    assert wb["Programmes"]["G4"].comment is not None
    assert wb["_Revert"].sheet_state == "hidden"


def test_the_change_log_has_a_row_per_change_and_none_for_no_change(sample_book):
    built = log_rows(sample_book)  # the first row: the build
    assert [r[2:9] for r in built] == [
        ["build", "0.1.0", "0.1.0", 0, 0, 3, built[0][8]]
    ]
    assert built[0][8] > 100 and len(built[0][0]) == 19 and built[0][1]
    _edit(sample_book)
    run(["refresh", str(sample_book)])
    rows = log_rows(sample_book)[1:]
    assert len(rows) == 1
    time, user, action, template, addin, errors, warnings, info, cells = rows[0]
    assert (action, template, addin) == ("refresh", "0.1.0", "0.1.0")
    assert errors >= 1 and warnings == 1 and info == 3 and cells > 10
    assert len(time) == 19 and user
    run(["refresh", str(sample_book)])  # nothing left to change
    assert len(log_rows(sample_book)) == 2
    run(["revert", str(sample_book)])
    assert [r[2] for r in log_rows(sample_book)] == ["build", "refresh", "revert"]
    run(["revert", str(sample_book)])  # nothing left to revert
    assert len(log_rows(sample_book)) == 3


@pytest.mark.engine
def test_the_ribbons_revert_runs_on_the_remote_engine(
    sample_book, libreoffice, tmp_path
):
    _edit(sample_book)
    before = values(sample_book)
    run(["refresh", str(sample_book)])
    after = values(sample_book)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    recalculated = libreoffice.recalculate(sample_book, tmp_path / "lo")
    book = xw.Book(
        json=payload(
            load_book(sample_book), load_workbook(recalculated, data_only=True)
        )
    )
    restored = macros.revert(book)
    wb = load_book(sample_book)
    apply_actions(wb, book.json()["actions"])
    wb.save(tmp_path / "reverted.xlsx")
    assert restored == len(changed) > 0
    assert values(tmp_path / "reverted.xlsx") == before
