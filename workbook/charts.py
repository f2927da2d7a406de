"""The Charts sheet: the COR's three charts as native Excel charts, plotting small
blocks of live formulas that follow the tables.

1. Allocation of provision to programmes (the Estimate year): a pie.
2. Staff by programme (as at 31 March after the Estimate year): a bar chart.
3. Changes in the size of the establishment (as at 31 March): a column chart;
   the two latest years come from the Head sheet, earlier years are the clerk's.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.pagebreak import Break, RowBreak

from . import layout as L
from .chart_data import (
    FIRST,
    HISTORY_INPUT_ROWS,
    chart_ranges,
    chart_series,
    slot_cells,
    source_rows,
)
from .snapshot import Formula
from .styles import apply_look
from .writes import ChartSeries

CHART_ROWS = {"allocation": 3, "staff": 25, "establishment": 45}
"""The row each chart's top sits on (column J). Each chart after the first starts
a printed page: with long titles the data block's rows grow, and a chart placed
by rows ran over a page's end, half on each page (trial 11d item 15)."""

# (block, first column, title): the helper blocks the charts plot.
BLOCKS = {
    "allocation": (1, "撥款分配 Allocation"),
    "staff": (4, "員工人數 Staff"),
    "establishment": (7, "編制 Establishment"),
}


def write_cell(ws, row: int, col: int, value: object, style: str) -> None:
    """The blocks' own fixed labels and formulas (no clerk's text passes here)."""
    cell = ws.cell(row, col)
    cell.value = str(value) if isinstance(value, Formula) else value
    apply_look(cell, style)


def _head_cell(name: str) -> str:
    """The Head sheet's cell for a defined name, as an absolute reference."""
    fixed = next(f for f in (*L.HEAD_INPUTS, *L.HEAD_COMPUTED) if f.name == name)
    return f"{fixed.sheet}!${fixed.cell[0]}${fixed.cell[1:]}"


def add_charts(wb) -> None:
    """Write the helper blocks and add the three charts to the Charts sheet."""
    ws = wb[L.CHARTS]
    for _key, (col, title) in BLOCKS.items():
        write_cell(ws, 3, col, title, "heading")
    write_cell(ws, 4, 1, "Programme 綱領", "header")
    write_cell(ws, 4, 2, "Estimate $m 預算(百萬元)", "header")
    write_cell(ws, 4, 4, "Programme 綱領", "header")
    write_cell(ws, 4, 5, "Posts at end 年終職位", "header")
    write_cell(ws, 4, 7, "As at 31 March 截至三月三十一日", "header")
    write_cell(ws, 4, 8, "Posts 職位", "header")
    for c in slot_cells(source_rows()):  # the table as built: rows in order
        write_cell(ws, c.row, c.col, c.formula, c.style)
    for i in range(HISTORY_INPUT_ROWS):  # earlier years: the clerk's own figures
        write_cell(ws, FIRST + i, 7, None, "code")
        write_cell(ws, FIRST + i, 8, None, "int")
    year = _head_cell("EstimateYear")
    start, end = FIRST + HISTORY_INPUT_ROWS, FIRST + HISTORY_INPUT_ROWS + 1
    write_cell(ws, start, 7, Formula(f'=IF({year}="","",LEFT({year},4))'), "code")
    write_cell(ws, start, 8, Formula(f"={_head_cell('PostsStart')}"), "int")
    write_cell(ws, end, 7, Formula(f'=IF({year}="","",""&(LEFT({year},4)+1))'), "code")
    write_cell(ws, end, 8, Formula(f"={_head_cell('PostsEnd')}"), "int")
    write_cell(
        ws,
        2,
        1,
        "The charts follow the tables. Key earlier years' establishment"
        f" in G{FIRST}:H{FIRST + HISTORY_INPUT_ROWS - 1}. 圖表隨表格更新;"
        "較早年度的編制請填於 G、H 欄。",
        "note",
    )
    for col, width in zip("ABCDEFGH", (34, 12, 3, 11, 11, 3, 15, 10), strict=True):
        ws.column_dimensions[col].width = width
    ws.row_dimensions[4].height = 44  # the two-language headers, wrapped

    def ref(rng: str) -> Reference:
        return Reference(ws, range_string=f"{L.CHARTS}!{rng}")

    ranges = chart_ranges()

    def plot(chart, key: str, title: str, anchor: str) -> None:
        categories, values = ranges[key]
        chart.title = title
        chart.add_data(ref(values), titles_from_data=False)
        label_range = f"'{L.CHARTS}'!{categories}"
        for series in chart.series:  # text labels: a string reference
            series.cat = AxDataSource(strRef=StrRef(f=label_range))
        ws.add_chart(chart, anchor)

    pie = _pie()
    plot(pie, "allocation", "撥款分配 Allocation of provision", _at("allocation"))
    staff = BarChart()
    staff.type, staff.legend, staff.gapWidth = "bar", None, 60
    staff.dataLabels = DataLabelList()
    staff.dataLabels.showVal = True
    for label in ("showPercent", "showSerName", "showCatName", "showLegendKey"):
        setattr(staff.dataLabels, label, False)
    plot(staff, "staff", "員工人數 Staff by programme", _at("staff"))
    growth = BarChart()
    growth.type, growth.legend, growth.gapWidth = "col", None, 70
    growth.y_axis.scaling.min = 0  # from zero: a one-post change looks like one
    title = "編制的變動 Size of the establishment"
    plot(growth, "establishment", title, _at("establishment"))
    for chart in (staff, growth):
        chart.x_axis.delete = False  # <c:delete val="0"/>: visible in every Excel
        chart.y_axis.delete = False
        chart.x_axis.tickLblSkip = 1  # every programme labelled
        chart.y_axis.majorGridlines = None
    for chart, size in ((pie, (16, 10)), (staff, (16, 9)), (growth, (16, 8))):
        chart.width, chart.height = size
    ws.row_breaks = RowBreak()
    for row in list(CHART_ROWS.values())[1:]:  # each later chart starts a page
        ws.row_breaks.append(Break(id=row - 1))
    fit_charts(wb)


def _pie() -> PieChart:
    """The allocation pie: each slice's percentage, placed to fit; the legend
    names each slice, "(1)" ... "Others" (a name beside each small slice's
    percentage overlapped its neighbours': "(1) 4% (2) 4%", trial 11d item 15)."""
    pie = PieChart()
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.dataLabels.dLblPos, pie.dataLabels.showLeaderLines = "bestFit", True
    for label in ("showVal", "showSerName", "showLegendKey", "showCatName"):
        setattr(pie.dataLabels, label, False)
    pie.legend.position = "b"
    return pie


def _at(chart: str) -> str:
    return f"J{CHART_ROWS[chart]}"


def programme_count(wb) -> int:
    """Programmes in the table now (its rows with a programme number)."""
    spec = L.TABLES["tblProgrammes"]
    if spec.sheet not in wb.sheetnames:
        return 0
    ws = wb[spec.sheet]
    ref = ws.tables[spec.name].ref if spec.name in ws.tables else ""
    last = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) if ref else 0
    col = spec.col("programme")
    return sum(
        1
        for r in range(spec.first_row, last + 1)
        if ws.cell(r, col).value not in (None, "")
    )


def fit_charts(wb) -> None:
    """Point the programme charts at as many slots as the table has programmes,
    so the legend lists only real programmes (at most SLOTS, the last "Others"):
    the template as built (a refresh does it through its plan, on any host)."""
    if L.CHARTS not in wb.sheetnames:
        return
    charts = len(wb[L.CHARTS]._charts)
    set_series(wb, chart_series(programme_count(wb), charts, {})[0])


def set_series(wb, series: list[ChartSeries]) -> None:
    """Each chart's first series set to its values and category labels (the
    openpyxl host's way of applying ``Plan.charts``)."""
    if L.CHARTS not in wb.sheetnames:
        return
    charts = wb[L.CHARTS]._charts
    for s in series:
        if s.index >= len(charts) or not charts[s.index].series:
            continue
        first = charts[s.index].series[0]
        first.val = NumDataSource(numRef=NumRef(f=f"'{L.CHARTS}'!{s.values}"))
        first.cat = AxDataSource(strRef=StrRef(f=f"'{L.CHARTS}'!{s.categories}"))
