"""A real spreadsheet engine (LibreOffice headless) recalculates the template's
formulas, and every computed cell equals the core's figure."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from estimates.money import is_nil_mark, round_half_up
from estimates.narrative import plain
from workbook import layout as L
from workbook.io import load_book, snapshot_of
from workbook.refresh import evaluate

PCT = L.TABLES["tblProgrammes"].col("revised_vs_original")  # the first % column

pytestmark = pytest.mark.engine


def _as_decimal(value):
    if value in (None, ""):
        return Decimal(0)
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def test_every_computed_cell_equals_the_core(sample_book, libreoffice, tmp_path):
    reading, results, _ = evaluate(
        snapshot_of(load_book(sample_book), str(sample_book))
    )
    computed = load_workbook(
        libreoffice.recalculate(sample_book, tmp_path / "lo"), data_only=True
    )
    checked = 0
    mismatches = []
    for key, shown in reading.head.shown.items():
        expected = results.expected.get(key)
        got = computed[shown.ref.sheet][shown.ref.cell].value
        if expected is None:  # or the nil mark keyed (or written) in its input cell
            ok = got in (None, "", 0) or is_nil_mark(got)
        else:
            # LibreOffice writes 15 significant digits: compare to four decimals.
            ok = round_half_up(_as_decimal(got), 4) == round_half_up(
                Decimal(expected), 4
            )
        checked += 1
        if not ok:
            mismatches.append((key, str(shown.ref), expected, got))
    assert mismatches == []
    # every percentage, total, report line and NAMS figure; with 2 programmes x 7
    # of their COR provision blocks (4 years and 3 % lines)
    assert checked == 158


def test_the_engine_shows_the_seed_figures_in_the_printed_cells(
    sample_book, libreoffice, tmp_path
):
    wb = load_workbook(
        libreoffice.recalculate(sample_book, tmp_path / "lo"), data_only=True
    )
    prog = wb["Programmes"]
    assert [prog.cell(4, c).value for c in range(4, 8)] == [198.8, 273.8, 233.6, 269.7]
    pct = range(PCT, PCT + 3)  # the three % columns, as the layout places them
    assert [prog.cell(4, c).value for c in pct] == [-14.7, 15.5, -1.5]
    assert [prog.cell(8, c).value for c in pct] == [0.9, 6.1, 7]
    assert [prog.cell(9, c).value for c in pct] == [-16.1, 16.5, -2.3]
    assert wb["Head"]["C10"].value == 269.7
    assert wb["Head"]["C18"].value == 78
    assert wb["Head"]["C21"].value == 47052930
    report = wb["Report"]
    keys = {report.cell(r, 12).value: r for r in range(1, report.max_row + 1)}
    te = keys["total:Total Expenditure"]
    assert [report.cell(te, c).value for c in range(4, 8)] == [
        564524,
        660263,
        329505,
        269731,
    ]
    narrative = wb["Narrative"]
    row = {narrative.cell(r, 6).value: r for r in range(1, narrative.max_row + 1)}
    zh = "二零二五至二六年度的撥款較二零二四至二五年度的修訂預算"
    assert (
        plain(narrative.cell(row["programme:1"], 3).value)
        == zh + "增加 140 萬元(6.1%)。"
    )
    assert (
        plain(narrative.cell(row["programme:2"], 3).value)
        == zh + "增加 3,470 萬元(16.5%)。"
    )
    assert plain(narrative.cell(row["programme:1"], 2).value) == (
        "Provision for 2025-26 is $1.4 million (6.1%) higher than"
        " the revised estimate for 2024-25."
    )


def test_a_clerks_edit_flows_through_the_formulas_without_python(
    sample_book, libreoffice, tmp_path
):
    wb = load_book(sample_book)
    wb["Programmes"]["G8"] = 30.0  # programme (1) Estimate
    wb["Subheads"]["I5"] = 200000  # subhead 000 Estimate
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    out = load_workbook(
        libreoffice.recalculate(edited, tmp_path / "lo"), data_only=True
    )
    assert out["Programmes"]["G4"].value == pytest.approx(275.4)
    est_rev = L.TABLES["tblProgrammes"].col("estimate_vs_revised")
    assert out["Programmes"].cell(8, est_rev).value == pytest.approx(31.0)  # 30/22.9
    assert out["Head"]["C10"].value == pytest.approx(275.4)
    assert out["Subhead000"]["G6"].value == 175587 - 200000
