"""The ribbon's macros run on xlwings' remote engine, from the JSON a client sends
for a real workbook; the actions they return, applied to the file, give the same
workbook the CLI's refresh gives."""

import collections

import pytest
import xlwings as xw

from addin import macros
from workbook.io import load_book
from workbook.refresh import refresh_file

from .hosts import remote_book
from .remote_actions import apply_actions, cells_of

pytestmark = pytest.mark.engine


def _edit(path, changes):
    wb = load_book(path)
    for sheet, cell, value in changes:
        wb[sheet][cell] = value
    wb.save(path)


def test_remote_refresh_equals_the_cli_refresh(sample_xlsm, libreoffice, tmp_path):
    _edit(
        sample_xlsm,
        [("Subhead000", "D9", 151762), ("Head", "C13", 8), ("Subheads", "H7", -5)],
    )
    cli = tmp_path / "cli.xlsm"
    outcome = refresh_file(sample_xlsm, cli)
    assert {f.rule for f in outcome.findings} >= {"T05", "S02", "D03"}

    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    findings = macros.refresh(book)
    assert [(f.rule, f.cell) for f in findings] == [
        (f.rule, f.cell) for f in outcome.findings
    ]
    remote = load_book(sample_xlsm)
    leftover = apply_actions(remote, book.json()["actions"])
    assert leftover == []

    expected, got = cells_of(load_book(cli)), cells_of(remote)
    # The change log's time and the revert records differ by design: the remote
    # engine sees values where the file has formulas. Its log row says the same.
    # (row 4 is the build's: the .xlsm is built as the .xlsx, its log says so)
    log = {k: v for k, v in got.items() if k[0] == "ChangeLog" and k[1][1:] == "5"}
    assert [log[("ChangeLog", f"{c}5")][0] for c in "CDEFGH"] == [
        "refresh",
        "0.1.0",
        "0.1.0",
        3,  # Subheads!H7 -5 moves the Revised gap off the one its footnotes
        1,  # explain (recorded at build): T03 is an error again, not info
        2,
    ]
    for book_cells in (expected, got):
        for key in [k for k in book_cells if k[0] in ("ChangeLog", "_Revert")]:
            del book_cells[key]
    differ = {
        k: (expected.get(k), got.get(k))
        for k in expected.keys() | got.keys()
        if expected.get(k) != got.get(k)
    }
    assert differ == {}
    flagged = {k for k, v in got.items() if v[2] and "[Estimates]" in v[2]}
    assert ("Subhead000", "D4") in flagged and ("Head", "C13") in flagged


def _actions_for(path, libreoffice, tmp_path, name):
    book = remote_book(path, libreoffice, tmp_path / name)
    findings = macros.refresh(book)
    actions = book.json()["actions"]
    flagged = len({ref for f in findings for ref in f.cells})  # every compared
    return actions, flagged


def test_actions_grow_with_flagged_cells_not_with_cells(
    sample_xlsm, libreoffice, tmp_path
):
    from workbook.layout import TABLES

    base, base_flags = _actions_for(sample_xlsm, libreoffice, tmp_path, "base")
    # + the Checks sheet's hidden record column (a block apart from the list)
    assert len(base) <= 3 * len(TABLES) + 2 * base_flags + 3

    wb = load_book(sample_xlsm)  # 60 more establishment rows: many more cells
    ws = wb["Establishment"]
    for r in range(31, 91):
        for c, v in enumerate(["Clerk", "文員", "N", "MPS", 3, 15, "2", 0, 0], start=1):
            ws.cell(r, c, v)
    wb.save(sample_xlsm)
    more_cells, more_flags = _actions_for(sample_xlsm, libreoffice, tmp_path, "cells")
    assert more_flags == base_flags
    # the table grows: its resize, its rows record (a defined name), its new rows'
    # computed cells, the totals above them whose formulas span the rows, the
    # revert record's layout row, and the directorate rows' formulas whose "" a
    # values-only host cannot tell from an empty cell: six, not sixty
    assert len(more_cells) <= len(base) + 6

    _edit(sample_xlsm, [("Subheads", c, -1) for c in ("F5", "G5", "H5", "I5")])
    flagged, n_flags = _actions_for(sample_xlsm, libreoffice, tmp_path, "flags")
    assert n_flags > more_flags
    assert len(more_cells) <= 3 * len(TABLES) + 2 * more_flags + 3 + 5  # as above
    # beyond two actions a flag: Checks is written one block per row width (a
    # finding links each cell it compares) and the changed Narrative sentences,
    # and the DRAFT mark of the Report and the two COR sheets (errors appeared)
    assert len(flagged) <= 3 * len(TABLES) + 2 * n_flags + 4 + 3 + 3
    counts = collections.Counter(a["func"] for a in flagged)
    assert counts["setRangeColor"] == n_flags


def test_clear_flags_puts_back_only_what_it_flagged(sample_xlsm, libreoffice, tmp_path):
    _edit(sample_xlsm, [("Head", "C13", 8)])
    refresh_file(sample_xlsm)
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    macros.clear_flags(book)
    wb = load_book(sample_xlsm)
    apply_actions(wb, book.json()["actions"])
    cells = cells_of(wb)
    assert not any(v[2] and "[Estimates]" in v[2] for v in cells.values())
    assert wb["Head"]["C13"].fill.fill_type is None
    assert wb["Head"]["C13"].value == 8  # the clerk's value stays
    records = [
        v for row in wb["_Flags"].iter_rows(min_row=2, values_only=True) for v in row
    ]
    assert [c.value for c in wb["_Flags"][1]][:2] == ["sheet", "cell"]
    assert set(records) <= {None}


def test_next_flag_selects_the_next_flagged_cell(sample_xlsm, libreoffice, tmp_path):
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.next_flag(book) == ("Programmes", "D4")
    funcs = [a["func"] for a in book.json()["actions"]]
    assert "select" in " ".join(funcs).lower()


def test_about_and_a_version_mismatch_tell_the_clerk_what_to_do(
    sample_xlsm, libreoffice, tmp_path
):
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    text = macros.about(book)
    assert "they match" in text
    alerts = [a for a in book.json()["actions"] if a["func"] == "alert"]
    assert alerts and "0.1.0" in alerts[0]["args"][0]
    advice = macros.version_advice("0.0.9")
    assert "pip install estimates-addin==0.0.9" in advice
    assert "rebuild the workbook from the 0.1.0 template" in advice
    assert "範本" in advice


def test_a_book_not_from_the_template_gets_a_plain_message(tmp_path):
    data = {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": "Other.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [
            {
                "name": "Sheet1",
                "values": [["x"]],
                "pictures": [],
                "tables": [],
                "notes": [],
            }
        ],
    }
    book = xw.Book(json=data)
    assert macros.refresh(book) is None
    alerts = [a for a in book.json()["actions"] if a["func"] == "alert"]
    assert len(alerts) == 1
    assert "not made from the Estimates template" in alerts[0]["args"][0]
    assert "Traceback" not in alerts[0]["args"][0]
