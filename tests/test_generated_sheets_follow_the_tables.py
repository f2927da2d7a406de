"""The Report, the Narrative and every computed block are rebuilt from the rows
the reader found, on both hosts: a reclassified line, a line appended below the
table, a line deleted mid-table and a blank row inside a table all give the
right figures after recalculation, formulas (not constants) in every figure
cell; what a clerk typed beside the generated columns is never touched, and
what a clerk typed inside them is flagged (C02) and kept on the revert record."""

import pytest
from openpyxl import load_workbook

from estimates.narrative import plain
from workbook.io import load_book

from .hosts import HOSTS, recalculate_all, refresh_on

pytestmark = pytest.mark.engine

KEY, FIRST = 12, 4  # the Report's key column; its first amount column


def _row(ws, key):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, KEY).value == key)


def _figures(ws, key):
    r = _row(ws, key)
    return [ws.cell(r, c).value for c in range(FIRST, FIRST + 4)]


def _subhead_row(ws, code):
    return next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value == code)


def _edit(path, edit):
    wb = load_book(path)
    edit(wb)
    wb.save(path)


def _reclassify_700(wb):
    ws = wb["Subheads"]
    ws.cell(_subhead_row(ws, "700"), 2).value = "Recurrent"


def _append_881(wb):
    ws = wb["Subheads"]
    r = ws.max_row + 1
    line = ["Capital", "Subventions", "881", "Grant", "資助", 10, 20, 30, 40]
    for c, v in enumerate(line, start=1):
        ws.cell(r, c).value = v


def _delete_700(wb):
    ws = wb["Subheads"]
    ws.delete_rows(_subhead_row(ws, "700"))


def _blank_programme_row(wb):
    ws = wb["Programmes"]
    ws.insert_rows(9)  # between programme (1) and (2)
    ref = ws.tables["tblProgrammes"].ref
    first, last = ref.split(":")
    grown = f"{first}:{last[0]}{int(last[1:]) + 1}"
    ws.tables["tblProgrammes"].ref = grown
    ws.tables["tblProgrammes"].autoFilter.ref = grown


CASES = {
    "reclassify": (
        _reclassify_700,
        {
            "total:Total, Operating Account": [479993, 540593, 243500, 175587],
            "total:Total Expenditure": [564524, 660263, 329505, 269731],
        },
    ),
    "append": (
        _append_881,
        {
            "total:Total, Subventions": [10, 20, 30, 40],
            "total:Total Expenditure": [564534, 660283, 329535, 269771],
        },
    ),
    "delete": (_delete_700, {}),
    "blank_row": (_blank_programme_row, {}),
}


@pytest.mark.slow
@pytest.mark.parametrize("host", HOSTS)
def test_the_report_follows_every_edit_of_the_tables(
    host, sample_xlsm, libreoffice, tmp_path
):
    books, findings = [], {}
    for name, (edit, _) in CASES.items():
        path = tmp_path / f"{name}.xlsm"
        path.write_bytes(sample_xlsm.read_bytes())
        _edit(path, edit)
        findings[name] = refresh_on(host, path, libreoffice, tmp_path)
        books.append(path)
    values = recalculate_all(libreoffice, books, tmp_path / "recalculated")
    for (name, (_, totals)), book, shown in zip(
        CASES.items(), books, values, strict=True
    ):
        rules = {f.rule for f in findings[name]} - {"T03"}
        assert rules == set(), (name, rules)  # no C01, no T01: nothing stale
        report = load_workbook(book)["Report"]
        seen = load_workbook(shown, data_only=True)["Report"]
        for key, figures in totals.items():
            assert _figures(seen, key) == figures, (name, key)
        for r in range(1, report.max_row + 1):  # formulas, never constants
            if str(report.cell(r, KEY).value or "").startswith(("total:", "subhead:")):
                for c in range(FIRST, FIRST + 4):
                    assert str(report.cell(r, c).value).startswith("="), (name, r, c)
    blank = load_workbook(values[3], data_only=True)
    assert _figures(blank["Report"], "programme:2") == [178.4, 251.1, 210.7, 245.4]
    narrative = blank["Narrative"]
    row = next(r for r in range(5, 40) if narrative.cell(r, 6).value == "programme:2")
    assert "$34.7 million (16.5%) higher than" in plain(narrative.cell(row, 2).value)


@pytest.mark.parametrize("host", HOSTS)
def test_the_clerks_text_beside_and_inside_the_generated_columns(
    host, sample_xlsm, libreoffice, tmp_path
):
    def edit(wb):
        wb["Report"]["N3"] = "to check with the bureau"
        wb["Narrative"]["E5"] = "my note"
        wb["Narrative"].insert_rows(6)
        wb["Narrative"]["D6"] = "a sentence of my own"
        wb["Subheads"].cell(_subhead_row(wb["Subheads"], "700"), 2).value = "Recurrent"

    _edit(sample_xlsm, edit)
    findings = refresh_on(host, sample_xlsm, libreoffice, tmp_path)
    wb = load_book(sample_xlsm)
    assert wb["Report"]["N3"].value == "to check with the bureau"
    assert wb["Narrative"]["E5"].value == "my note"
    # a row the clerk inserts among the Narrative's lines is theirs (nine8):
    # kept, moved with the line above it, no finding
    assert [f for f in findings if f.rule == "C02"] == []
    kept = [c.value for c in wb["Narrative"]["D"]]
    assert kept.count("a sentence of my own") == 1
