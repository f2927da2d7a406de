"""The ribbon's Refresh on desktop Excel sets the COR sheets' page breaks and
print titles as the file host does (``workbook.breaks``): the old manual breaks
go, the new ones start each page where the file host starts it, and the split
table's header row repeats. Desktop Excel is a fake object model here; CHECKLIST
P8 checks the real one."""

from __future__ import annotations

from addin.xlfit import refit
from workbook import layout as L
from workbook.computed import report_rows
from workbook.io import snapshot_of
from workbook.printed import printed_rows
from workbook.printing import fit_of
from workbook.refresh import build_workbook, evaluate
from workbook.snapshot import Snapshot
from workbook.writes import Plan

from .generated_heads import synthetic_head


class Api:
    def __init__(self):
        self.breaks: list[int] = [3]  # a break of before
        self.PageSetup = type("PageSetup", (), {"PrintTitleRows": ""})()
        self.HPageBreaks = self

    def ResetAllPageBreaks(self):  # Excel's names
        self.breaks = []

    def Add(self, before):
        self.breaks.append(before.row)


class Range:
    def __init__(self, row, col):
        self.row, self.col = row, col
        self.api = self
        self.row_height, self.column_width, self.wrap_text = 12.75, 8.43, False


class Sheet:
    def __init__(self):
        self.api = Api()

    def range(self, cell):
        return Range(*cell)


def test_desktop_refresh_sets_the_breaks_and_print_titles_of_the_file_host():
    head = synthetic_head(198, 4, 70, 60, seed=2)
    wb, _ = build_workbook(head)
    reading, _, _ = evaluate(snapshot_of(wb, "breaks"))
    writes = printed_rows(report_rows(reading.head, reading.extents), "en")
    plan = Plan(writes=writes, regenerated={L.REPORT_EN: writes})
    book = type("Book", (), {"sheets": {L.REPORT_EN: Sheet()}})()
    refit(book, plan, Snapshot("book.xlsm", sheets={L.REPORT_EN: {}}))
    fit = fit_of(L.REPORT_EN, writes)
    api = book.sheets[L.REPORT_EN].api
    assert len(fit.breaks) >= 2
    assert api.breaks == list(fit.breaks)  # the break of before is gone
    assert api.PageSetup.PrintTitleRows == fit.title_rows != ""


def test_desktop_refresh_marks_the_page_header_while_errors_remain():
    """Trial 11 item 3 on the ribbon: the page header's centre says DRAFT on
    desktop Excel as the file host writes it (CHECKLIST P14 checks the real one);
    with no error left the mark goes and a clerk's own header stays."""
    sheets = {s: Sheet() for s in (L.REPORT, L.REPORT_ZH, L.REPORT_EN)}
    for sheet in sheets.values():
        sheet.api.PageSetup.CenterHeader = ""
    book = type("Book", (), {"sheets": sheets})()
    snap = Snapshot("book.xlsm", sheets={s: {} for s in sheets})
    refit(book, Plan(errors=2), snap)
    said = {s: sheet.api.PageSetup.CenterHeader for s, sheet in sheets.items()}
    assert said[L.REPORT_EN].endswith("DRAFT - 2 errors")
    assert said[L.REPORT_ZH].endswith("草稿 - 有 2 項錯誤")
    assert "DRAFT - 2 errors" in said[L.REPORT] and "草稿" in said[L.REPORT]
    sheets[L.REPORT].api.PageSetup.CenterHeader = "Clerk's own"
    refit(book, Plan(errors=0), snap)
    said = {s: sheet.api.PageSetup.CenterHeader for s, sheet in sheets.items()}
    assert said == {L.REPORT: "Clerk's own", L.REPORT_ZH: "", L.REPORT_EN: ""}
