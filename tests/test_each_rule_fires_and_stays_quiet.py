"""Each rule fires on the mistake it exists for, at the right cell, and stays quiet
on the clean Head 135 book."""

import pytest
from openpyxl.utils import get_column_letter

from workbook import layout as L
from workbook.io import load_book, snapshot_of
from workbook.refresh import evaluate

_PCT = L.TABLES["tblProgrammes"]
EST_REV = get_column_letter(_PCT.col("estimate_vs_revised"))  # a % column
EST_ORIG = get_column_letter(_PCT.col("estimate_vs_original"))


def findings_after(book, tmp_path, edit):
    wb = load_book(book)
    edit(wb)
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    _, _, findings = evaluate(snapshot_of(load_book(path), str(path)))
    return findings


def fired(findings, rule):
    return [(f.severity.value, f.sheet, f.cell) for f in findings if f.rule == rule]


def test_the_clean_book_has_only_the_explained_gaps(sample_book, tmp_path):
    findings = findings_after(sample_book, tmp_path, lambda wb: None)
    assert sorted({f.rule for f in findings}) == ["T03"]
    assert {f.severity.value for f in findings} == {"info"}


def _set(sheet, cell, value):
    def edit(wb):
        wb[sheet][cell] = value

    return edit


def _report_row(wb, key):
    ws = wb["Report"]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 12).value == key)


CASES = {
    # rule: (edit, expected (severity, sheet, cell) list)
    "T02": (_set("Programmes", "G4", 999.9), [("error", "Programmes", "G4")]),
    "T04": (_set("Head", "C10", 100.0), [("error", "Head", "C10")]),
    "P01": (
        _set("Programmes", f"{EST_REV}8", 9.9),
        [("error", "Programmes", f"{EST_REV}8")],
    ),
    "S01": (_set("Establishment", "I30", 10), [("error", "Establishment", "C5")]),
    "S02": (_set("Head", "C13", 8), [("error", "Head", "C13")]),
    "S03": (_set("Head", "C16", 40_000_000), [("error", "Head", "C21")]),
    "S04": (_set("Head", "C12", 80), [("error", "Establishment", "C4")]),
    "S05": (_set("Establishment", "K16", 1), [("error", "Establishment", "K16")]),
    "S06": (_set("Establishment", "F16", 60), [("error", "Establishment", "A16")]),
    "S07": (_set("Establishment", "G16", "9"), [("warning", "Establishment", "G16")]),
    "T05": (_set("Subhead000", "D9", 1), [("error", "Subhead000", "D4")]),
    "D01": (_set("Subheads", "F7", "84,531"), [("error", "Subheads", "F7")]),
    "D02": (_set("Subheads", "G7", "#REF!"), [("error", "Subheads", "G7")]),
    "D03": (_set("Subheads", "H7", -5), [("warning", "Subheads", "H7")]),
    "D05": (_set("Subheads", "I7", "ninety"), [("error", "Subheads", "I7")]),
    "D06": (_set("Subheads", "C7", None), [("error", "Subheads", "C7")]),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_at_its_cell(rule, sample_book, tmp_path):
    edit, expected = CASES[rule]
    findings = findings_after(sample_book, tmp_path, edit)
    assert fired(findings, rule) == expected


def test_a_typed_over_total_fires_c01_and_t01(sample_book, tmp_path):
    def edit(wb):
        row = _report_row(wb, "total:Total Expenditure")
        wb["Report"].cell(row, 7).value = 269000

    findings = findings_after(sample_book, tmp_path, edit)
    row = _report_row(load_book(sample_book), "total:Total Expenditure")
    assert fired(findings, "C01") == [("warning", "Report", f"G{row}")]
    assert fired(findings, "T01") == [("error", "Report", f"G{row}")]
    t01_finding = next(f for f in findings if f.rule == "T01")
    assert "269,000" in t01_finding.message_en and "269,731" in t01_finding.message_en


def test_a_constant_equal_to_the_formula_only_warns(sample_book, tmp_path):
    findings = findings_after(sample_book, tmp_path, _set("Programmes", "G4", 269.7))
    assert fired(findings, "C01") == [("warning", "Programmes", "G4")]
    assert fired(findings, "T02") == []
    assert "269.7" in next(f for f in findings if f.rule == "C01").message_en


def test_programme_total_gap_without_footnote_is_an_error(sample_book, tmp_path):
    def edit(wb):
        ws = wb["Head"]
        for col in range(1, 6):
            ws.cell(27, col).value = None  # the ¶ footnote row
            ws.cell(28, col).value = None  # the Δ footnote row

    findings = findings_after(sample_book, tmp_path, edit)
    severities = {f.cell: f.severity.value for f in findings if f.rule == "T03"}
    assert severities == {
        "D4": "error",
        "E4": "error",
        "F4": "info",
    }  # Φ still explains


def test_percent_against_nil_base_and_zero_change(sample_book, tmp_path):
    def edit(wb):
        ws = wb["Programmes"]
        ws["F8"] = None  # revised nil: Estimate vs Revised is not a number
        ws[f"{EST_REV}8"] = 5.0
        ws[f"{EST_ORIG}9"] = "0.0%"
        ws["G9"] = 251.1  # estimate == original: zero change

    findings = findings_after(sample_book, tmp_path, edit)
    assert fired(findings, "P03") == [("error", "Programmes", f"{EST_REV}8")]
    assert fired(findings, "P02") == [("warning", "Programmes", f"{EST_ORIG}9")]


def test_a_line_entered_twice_and_a_code_reused(sample_book, tmp_path):
    def edit(wb):
        ws = wb["Subheads"]
        ws["C6"] = "000"
        ws["D6"] = "Operational expenses"

    findings = findings_after(sample_book, tmp_path, edit)
    assert fired(findings, "D04") == [("error", "Subheads", "C6")]

    def reuse(wb):
        wb["Subheads"]["C6"] = "000"

    findings = findings_after(sample_book, tmp_path, reuse)
    assert fired(findings, "D08") == [("warning", "Subheads", "C6")]
    assert fired(findings, "D04") == []


def test_a_missing_table_is_named(sample_book, tmp_path):
    def edit(wb):
        del wb["Subhead000"].tables["tblBreakdown"]

    findings = findings_after(sample_book, tmp_path, edit)
    assert fired(findings, "D07") == [("error", "Subhead000", "A8")]


def test_a_report_line_typed_over_fires_r01(sample_book, tmp_path):
    def edit(wb):
        row = _report_row(wb, "subhead:697")
        wb["Report"].cell(row, 4).value = 1

    findings = findings_after(sample_book, tmp_path, edit)
    row = _report_row(load_book(sample_book), "subhead:697")
    assert fired(findings, "R01") == [("error", "Report", f"D{row}")]
    r01 = next(f for f in findings if f.rule == "R01")
    wording = "expected $84,531,000, found $1,000 (difference $84,530,000)"
    assert wording in r01.message_en
    assert "應為 8,453.1 萬元,現為 0.1 萬元(相差 8,453 萬元)" in r01.message_zh
    assert [str(c) for c in r01.cells] == [f"Report!D{row}", "Subheads!F7"]


def test_a_total_typed_over_is_judged_by_what_it_shows(sample_book, tmp_path):
    """999 typed over Programmes!G4: C01 and T02 there (T02 found $999.0 million).
    The COR prints the total of the programme lines, and so does Head!C10 (trial
    11d item 9: it showed 999 while the COR printed another figure), so neither
    T03 on the Estimate (the printed total is Total Expenditure) nor T04 fires."""
    findings = findings_after(sample_book, tmp_path, _set("Programmes", "G4", 999))
    at_g4 = {f.rule: f for f in findings if (f.sheet, f.cell) == ("Programmes", "G4")}
    assert {"C01", "T02"} <= set(at_g4)
    assert "found $999.0 million" in at_g4["T02"].message_en
    assert ("Programmes", "G4") not in {c[1:] for c in fired(findings, "T03")}
    assert fired(findings, "T04") == []
