"""The ribbon's Refresh on desktop Excel refits the sheets it rebuilt as the file
host does (CHECKLIST P4 was a known gap): owned column widths, wrapped cells, and
row heights, except a height the clerk chose; on the values-only remote engine,
which cannot read a row height and whose clients apply no width or height, it
leaves the layout alone. Desktop Excel is a fake object model here; P4 checks
the real one."""

from __future__ import annotations

from addin.xlfit import refit
from workbook import layout as L
from workbook.printing import clerks_height, fit_of
from workbook.snapshot import Snapshot
from workbook.writes import Plan, Write

LONG = "A programme title long enough to wrap in the Report's title column " * 3


class Range:
    def __init__(self, sheet, row, col):
        self.sheet, self.row, self.col = sheet, row, col

    @property
    def row_height(self):
        return self.sheet.heights.get(self.row, 12.75)

    @row_height.setter
    def row_height(self, value):
        self.sheet.heights[self.row] = value

    @property
    def column_width(self):
        return self.sheet.widths.get(self.col)

    @column_width.setter
    def column_width(self, value):
        self.sheet.widths[self.col] = value

    @property
    def wrap_text(self):
        return (self.row, self.col) in self.sheet.wrapped

    @wrap_text.setter
    def wrap_text(self, value):
        if value:
            self.sheet.wrapped.add((self.row, self.col))


class Sheet:
    def __init__(self):
        self.heights, self.widths, self.wrapped = {}, {}, set()

    def range(self, cell):
        return Range(self, *cell)


class Book:
    def __init__(self, names):
        self.sheets = {n: Sheet() for n in names}


def _plan() -> Plan:
    writes = [
        Write(L.REPORT, 1, 1, "總目 135 Head 135", "title"),
        Write(L.REPORT, 5, 1, "(1)", "label"),
        Write(L.REPORT, 5, 3, LONG, "label"),
        Write(L.REPORT, 6, 1, "(2)", "label"),
        Write(L.REPORT, 6, 3, LONG, "label"),
        Write(L.REPORT, 5, L.REPORT_KEY_COLUMN, "programme:1", "key"),
    ]
    return Plan(writes=writes, regenerated={L.REPORT: writes})


def test_desktop_refresh_refits_and_keeps_the_clerks_height():
    plan = _plan()
    book = Book([L.REPORT])
    ws = book.sheets[L.REPORT]
    ws.heights[6] = 40.5  # the clerk's own
    refit(book, plan, Snapshot("book.xlsm", sheets={L.REPORT: {}}))
    fit = fit_of(L.REPORT, plan.regenerated[L.REPORT])
    assert ws.widths == fit.widths and 3 in ws.widths
    assert L.REPORT_KEY_COLUMN not in ws.widths  # hidden: not ours to size
    assert (5, 3) in ws.wrapped and (1, 1) not in ws.wrapped  # a title runs on
    assert ws.heights[5] == fit.heights[5] > 20 and not clerks_height(ws.heights[5])
    assert ws.heights[6] == 40.5


def test_a_sheet_the_plan_left_alone_and_the_remote_engine_are_not_refitted():
    plan = _plan()
    book = Book([L.REPORT])
    refit(
        book, plan, Snapshot("book.xlsm", sheets={L.REPORT: {}}, formulas_known=False)
    )
    assert book.sheets[L.REPORT].widths == {} == book.sheets[L.REPORT].heights
    unchanged = Plan(regenerated=plan.regenerated)  # nothing written: no refit
    refit(book, unchanged, Snapshot("book.xlsm", sheets={L.REPORT: {}}))
    assert book.sheets[L.REPORT].widths == {}
