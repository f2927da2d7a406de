"""The Charts sheet: the COR's three charts as native Excel charts, plotting small
blocks of live formulas that follow the tables.

1. Allocation of provision to programmes (the Estimate year): a pie.
2. Staff by programme (as at 31 March after the Estimate year): a bar chart.
3. Changes in the size of the establishment (as at 31 March): a column chart;
   the two latest years come from the Head sheet, earlier years are the clerk's.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList

from . import layout as L
from .io import write_cell
from .snapshot import Formula

SLOTS = 10  # programmes a chart shows; the published Heads have at most 10
FIRST = 5  # first data row of each block
HISTORY_INPUT_ROWS = 3  # earlier years' establishment, keyed by the clerk

# (block, first column, title): the helper blocks the charts plot.
BLOCKS = {
    "allocation": (1, "各綱領的撥款分配情況 Allocation of provision to programmes"),
    "staff": (4, "各綱領的員工人數 Staff by programme"),
    "establishment": (7, "編制的變動 Changes in the size of the establishment"),
}


def chart_ranges() -> dict[str, tuple[str, str]]:
    """Each chart's (categories, values) ranges on the Charts sheet."""
    last = FIRST + SLOTS - 1
    hist_last = FIRST + HISTORY_INPUT_ROWS + 1
    return {
        "allocation": (f"$A${FIRST}:$A${last}", f"$B${FIRST}:$B${last}"),
        "staff": (f"$D${FIRST}:$D${last}", f"$E${FIRST}:$E${last}"),
        "establishment": (f"$G${FIRST}:$G${hist_last}", f"$H${FIRST}:$H${hist_last}"),
    }


def _label(row: int) -> Formula:
    p = f"{L.PROGRAMMES}!$A${row}"
    return Formula(f'=IF({p}="","","("&{p}&") "&{L.PROGRAMMES}!$C${row})')


def add_charts(wb) -> None:
    """Write the helper blocks and add the three charts to the Charts sheet."""
    ws = wb[L.CHARTS]
    prog = L.TABLES["tblProgrammes"]
    est = L.TABLES["tblEstablishment"]
    for _key, (col, title) in BLOCKS.items():
        write_cell(ws, 3, col, title, "heading")
    write_cell(ws, 4, 1, "Programme 綱領", "header")
    write_cell(ws, 4, 2, "Estimate $m 預算(百萬元)", "header")
    write_cell(ws, 4, 4, "Programme 綱領", "header")
    write_cell(ws, 4, 5, "Posts at end 年終職位", "header")
    write_cell(ws, 4, 7, "As at 31 March 截至三月三十一日", "header")
    write_cell(ws, 4, 8, "Posts 職位", "header")
    first, last = est.first_row, 5000
    for i in range(SLOTS):
        src = prog.first_row + i
        row = FIRST + i
        code = f"{L.PROGRAMMES}!$A${src}"
        write_cell(ws, row, 1, _label(src), "label")
        write_cell(
            ws,
            row,
            2,
            Formula(f'=IF({code}="","",{L.PROGRAMMES}!$G${src})'),
            "millions",
        )
        write_cell(ws, row, 4, Formula(f"=A{row}"), "label")
        posts = Formula(
            f'=IF({code}="","",SUMPRODUCT(--({L.ESTABLISHMENT}!$G${first}:$G${last}'
            f'=""&{code}),{L.ESTABLISHMENT}!$I${first}:$I${last}))'
        )
        write_cell(ws, row, 5, posts, "int")
    for i in range(HISTORY_INPUT_ROWS):  # earlier years: the clerk's own figures
        write_cell(ws, FIRST + i, 7, None, "code")
        write_cell(ws, FIRST + i, 8, None, "int")
    year = f"{L.HEAD}!$C$8"
    start, end = FIRST + HISTORY_INPUT_ROWS, FIRST + HISTORY_INPUT_ROWS + 1
    write_cell(ws, start, 7, Formula(f'=IF({year}="","",LEFT({year},4))'), "code")
    write_cell(ws, start, 8, Formula(f"={L.HEAD}!$C$12"), "int")
    write_cell(ws, end, 7, Formula(f'=IF({year}="","",""&(LEFT({year},4)+1))'), "code")
    write_cell(ws, end, 8, Formula(f"={L.HEAD}!$C$18"), "int")
    write_cell(
        ws,
        2,
        1,
        "The charts follow the tables. Key earlier years' establishment"
        f" in G{FIRST}:H{FIRST + HISTORY_INPUT_ROWS - 1}. 圖表隨表格更新;"
        "較早年度的編制請填於 G、H 欄。",
        "note",
    )
    for col, width in zip("ABCDEFGH", (40, 14, 4, 40, 14, 4, 16, 12), strict=True):
        ws.column_dimensions[col].width = width

    def ref(rng: str) -> Reference:
        return Reference(ws, range_string=f"{L.CHARTS}!{rng}")

    ranges = chart_ranges()

    def plot(chart, key: str, title: str, anchor: str) -> None:
        categories, values = ranges[key]
        chart.title = title
        chart.add_data(ref(values), titles_from_data=False)
        chart.set_categories(ref(categories))
        ws.add_chart(chart, anchor)

    pie = PieChart()
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    for label in ("showVal", "showSerName", "showCatName", "showLegendKey"):
        setattr(pie.dataLabels, label, False)
    plot(
        pie,
        "allocation",
        "各綱領的撥款分配情況 Allocation of provision (Estimate)",
        "J3",
    )
    for direction, key, title, anchor in (
        ("bar", "staff", "各綱領的員工人數 Staff by programme (31 March)", "J20"),
        (
            "col",
            "establishment",
            "編制的變動 Changes in the size of the establishment (31 March)",
            "J37",
        ),
    ):
        chart = BarChart()
        chart.type, chart.legend, chart.gapWidth = direction, None, 70
        plot(chart, key, title, anchor)
