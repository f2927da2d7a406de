"""The Checks sheet filters by severity, shows both languages, the cells a finding
used and how its expected value was computed; a book of another template version
is told exactly what to do, and the ribbon's Refresh writes nothing into it."""

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook.io import load_book
from workbook.refresh import check_file, refresh_file


def _checks(book):
    ws = load_book(book)["Checks"]
    header = [str(c.value or "").replace("\n", " ") for c in ws[5]]  # stacked
    rows = [
        dict(zip(header, [c.value for c in row], strict=False))
        for row in ws.iter_rows(min_row=6)
        if row[0].value
    ]
    return ws, header, rows


def test_each_finding_has_both_languages_the_cells_used_and_how(sample_book):
    wb = load_book(sample_book)
    wb["Subhead000"]["D9"] = 151762
    wb.save(sample_book)
    refresh_file(sample_book)
    ws, header, rows = _checks(sample_book)
    assert header[8:11] == [
        "Cells used 所用儲存格",
        "How it is computed 計算方法",
        "Go to the cells compared 前往比較的儲存格",
    ]
    t05 = next(r for r in rows if r["Rule 規則"] == "T05")
    assert t05["Cells used 所用儲存格"] == "Compared with 比較 Subheads!F5"
    assert "Each column of the breakdown summed" in t05["How it is computed 計算方法"]
    assert "分目 000" in t05["訊息"]
    t03 = next(r for r in rows if r["Rule 規則"] == "T03")
    assert "Total Expenditure ($'000) / 1000" in t03["How it is computed 計算方法"]
    assert ws.auto_filter.ref.startswith("A5:")  # filter by severity
    rules = [rule.formula for cf in ws.conditional_formatting for rule in cf.rules]
    assert ['"error"'] in rules and ['"warning"'] in rules and ['"info"'] in rules


def test_a_book_of_another_template_version_gets_v01(sample_book):
    wb = load_book(sample_book)
    wb["Head"]["C23"] = "0.0.9"
    wb.save(sample_book)
    v01 = [f for f in check_file(sample_book).findings if f.rule == "V01"]
    assert len(v01) == 1
    assert "pip install estimates-addin==0.0.9" in v01[0].message_en
    assert (v01[0].sheet, v01[0].cell) == ("Head", "C23")


@pytest.mark.engine
def test_the_ribbons_refresh_stops_with_advice_on_a_version_mismatch(
    sample_book, libreoffice, tmp_path
):
    wb = load_book(sample_book)
    wb["Head"]["C23"] = "0.0.9"
    wb["Head"]["C10"] = None  # a computed cell Refresh would otherwise write
    wb.save(sample_book)
    values = load_workbook(
        libreoffice.recalculate(sample_book, tmp_path), data_only=True
    )
    book = xw.Book(json=payload(load_book(sample_book), values))
    macros.refresh(book)
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert "rebuild the workbook from the 0.1.0 template" in actions[0]["args"][0]
