"""Whatever a clerk does to the book, every command ends with findings or one clear
message, and what Refresh cannot read it leaves as it is."""

import re
import zipfile
from xml.etree import ElementTree

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


def test_a_number_too_large_for_excel_in_any_cell(sample_book):
    """The largest float is saved rounded up and read back as inf: in a code
    cell it reads as text, in an amount cell it is a finding; check ends cleanly."""

    def edit(wb):
        wb["Programmes"]["A9"] = 1.7976931348623155e308
        wb["Subheads"]["F5"] = 1.7976931348623155e308

    findings = after(sample_book, edit)
    assert ("D05", "Subheads", "F5") in rules(findings)


def _paste_rows(book, sheet: str, table: str, rows: list[list]) -> None:
    """Append ``rows`` below ``table`` by writing the sheet's XML directly, as a
    paste of 100,000 rows would leave it (openpyxl takes ten seconds to do it)."""
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    rid = re.search(
        rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(\w+)"', _text(parts, "xl/workbook.xml")
    )[1]
    rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    target = target.removeprefix("/").removeprefix("xl/")
    sheet_part = f"xl/{target}"
    table_part = next(
        n
        for n in parts
        if n.startswith("xl/tables/") and f'displayName="{table}"' in _text(parts, n)
    )
    xml = _text(parts, sheet_part)
    first = 1 + max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))
    body = []
    for r, values in enumerate(rows, start=first):
        cells = "".join(
            _cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(values) if v is not None
        )
        body.append(f'<row r="{r}">{cells}</row>')
    parts[sheet_part] = xml.replace(
        "</sheetData>", "".join(body) + "</sheetData>"
    ).encode()
    last = first + len(rows) - 1
    parts[table_part] = re.sub(
        r'ref="([A-Z]+\d+):([A-Z]+)\d+"',
        rf'ref="\1:\g<2>{last}"',
        _text(parts, table_part),
    ).encode()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _text(parts: dict, name: str) -> str:
    return parts[name].decode("utf-8")


def _cell(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="str"><v>{value}</v></c>'  # read as plain text
    return f'<c r="{ref}"><v>{value}</v></c>'


@pytest.mark.slow
def test_a_100000_row_table_is_read_and_checked(sample_book):
    first = 1 + load_book(sample_book)["Subheads"].max_row
    rows = [
        ["Operating", "Recurrent", f"X{i:05d}", "Pasted line", None, 1, 2, 3, 4]
        for i in range(100_000)
    ]
    rows[-1][-1] = -1
    _paste_rows(sample_book, "Subheads", "tblSubheads", rows)
    last = first + 99_999
    findings = check_file(sample_book).findings
    d03 = [f for f in findings if f.rule == "D03"]
    assert [(f.sheet, f.cell) for f in d03] == [("Subheads", f"I{last}")]
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
