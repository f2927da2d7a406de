"""Whatever a clerk does to the book, every command ends with findings or one clear
message, and what Refresh cannot read it leaves as it is."""

import pytest
from openpyxl import Workbook

from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import check_file, refresh_file


def after(book, edit):
    wb = load_book(book)
    edit(wb)
    wb.save(book)
    return check_file(book).findings


def rules(findings):
    return {(f.rule, f.sheet, f.cell) for f in findings}


def test_merged_cells_over_a_table(sample_book):
    findings = after(sample_book, lambda wb: wb["Subheads"].merge_cells("F5:G5"))
    assert ("D09", "Subheads", "F5") in rules(findings)


def test_a_deleted_column_stops_that_table_only(sample_book):
    def edit(wb):
        ws = wb["Programmes"]
        ws.delete_cols(3)  # 名稱(中文)
        ws.tables["tblProgrammes"].ref = "A7:G9"

    findings = after(sample_book, edit)
    d10 = [f for f in findings if f.rule == "D10"]
    assert len(d10) == 1 and "missing: 名稱(中文)" in d10[0].message_en
    before = [[c.value for c in row] for row in load_book(sample_book)["Programmes"]]
    outcome = refresh_file(sample_book)
    assert outcome.head.programmes == []
    assert outcome.head.subheads  # the rest still reads
    after_ = [[c.value for c in row] for row in load_book(sample_book)["Programmes"]]
    assert after_ == before  # nothing written into the shifted columns


def test_a_moved_table_is_named_and_not_read(sample_book):
    def edit(wb):
        wb["Subhead000"].tables["tblBreakdown"].ref = "B8:H14"

    findings = after(sample_book, edit)
    d11 = [f for f in findings if f.rule == "D11"]
    assert [(f.sheet, f.cell) for f in d11] == [("Subhead000", "B8")]
    assert "belongs at Subhead000!A8" in d11[0].message_en


def test_a_renamed_sheet_is_named(sample_book):
    findings = after(
        sample_book, lambda wb: setattr(wb["Establishment"], "title", "Staff")
    )
    assert any(f.rule == "D07" and "'Establishment'" in f.message_en for f in findings)
    refresh_file(sample_book)  # and refresh still completes


def test_a_deleted_defined_name_is_put_back(sample_book):
    after(sample_book, lambda wb: wb.defined_names.pop("HeadEstimate"))
    refresh_file(sample_book)
    assert (
        load_book(sample_book).defined_names["HeadEstimate"].attr_text == "Head!$C$10"
    )


def test_a_protected_sheet_is_left_as_it_is(sample_book):
    def edit(wb):
        ws = wb["Programmes"]
        ws["G4"] = None  # a computed cell Refresh would otherwise write
        ws.protection.sheet = True

    findings = after(sample_book, edit)
    assert ("D12", "Programmes", "A1") in rules(findings)
    refresh_file(sample_book)
    assert load_book(sample_book)["Programmes"]["G4"].value is None


def test_a_blank_workbook_gets_one_clear_message(tmp_path, capsys):
    blank = tmp_path / "blank.xlsx"
    Workbook().save(blank)
    assert run(["check", str(blank)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not an Estimates workbook" in err and "estimates build" in err


def test_text_and_errors_in_number_cells(sample_book):
    def edit(wb):
        ws = wb["Subheads"]
        ws["F5"], ws["G5"], ws["H5"] = "1,234", "#DIV/0!", "lots"

    findings = after(sample_book, edit)
    found = rules(findings)
    assert {("D01", "Subheads", "F5"), ("D05", "Subheads", "H5")} <= found


@pytest.mark.slow
def test_a_100000_row_table_is_read_and_checked(sample_book, tmp_path):
    wb = load_book(sample_book)
    ws = wb["Subheads"]
    for i in range(100_000):
        r = 8 + i
        for c, v in enumerate(
            [
                "Operating",
                "Recurrent",
                f"X{i:05d}",
                "Pasted line",
                None,
                1,
                2,
                3,
                -1 if i == 99_999 else 4,
            ],
            start=1,
        ):
            ws.cell(r, c, v)
    ws.tables["tblSubheads"].ref = f"A4:I{8 + 99_999}"
    wb.save(sample_book)
    findings = check_file(sample_book).findings
    d03 = [f for f in findings if f.rule == "D03"]
    assert [(f.sheet, f.cell) for f in d03] == [("Subheads", f"I{8 + 99_999}")]
    t03 = {f.cell for f in findings if f.rule == "T03"}
    assert t03 == {"D4", "E4", "F4", "G4"}  # the programme totals no longer agree


def test_a_row_deleted_inside_a_table(sample_book):
    def edit(wb):
        ws = wb["Subheads"]
        ws.delete_rows(6)  # subhead 700, as Excel's "Delete Table Rows" does
        ws.tables["tblSubheads"].ref = "A4:I6"

    findings = after(sample_book, edit)
    assert not [f for f in findings if f.rule.startswith("D")]
    outcome = refresh_file(sample_book)
    assert [s.code for s in outcome.head.subheads] == ["000", "697"]
    te = outcome.results.total("Total Expenditure")
    assert te == (564524 - 60400, 660263 - 60000, 329505, 269731)
