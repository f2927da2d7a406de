"""Apply the actions xlwings' remote engine returns to a workbook file, as an
xlwings client (Office.js) would apply them to the open book."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from workbook.checks import UNSEEN, UNSEEN_ROW
from workbook.layout import CHECKS, CHECKS_RECORD_COLUMN, NOTE_AUTHOR
from workbook.snapshot import address

SEEN = address(UNSEEN_ROW, CHECKS_RECORD_COLUMN)


def _cells(ws, action):
    if action.get("row_count"):
        r0, c0 = action["start_row"] + 1, action["start_column"] + 1
        for r in range(action["row_count"]):
            for c in range(action["column_count"]):
                yield ws.cell(r0 + r, c0 + c)


def _put(cell, value):
    if isinstance(cell, MergedCell) and value in ("", None):
        return  # nothing to put in a cell merged over (Excel shows the first cell)
    if isinstance(value, str) and value.startswith("'"):
        cell.value = value[1:]
        cell.data_type = "s"  # the apostrophe keeps formula-like text as text
    elif value == "":
        cell.value = None
    else:
        cell.value = value


def _set_chart(ws, func: str, args: list) -> None:
    """Office.js' chart.setData(range, Columns) on a chart of one column, or
    its series' setXAxisValues: the openpyxl chart's first series follows."""
    index, sheet, address = args[0], args[1], args[2]
    ref = f"'{sheet}'!{address}"
    series = ws._charts[index].series
    if func == "setChartSourceData":
        first, _, last = address.partition(":")
        column = first.rstrip("0123456789$")
        assert args[3:] == ["Columns"], args
        assert column == (last or first).rstrip("0123456789$"), "one column"
        del series[1:]
        series[0].val = NumDataSource(numRef=NumRef(f=ref))
        series[0].cat = None  # setData leaves no labels until setXAxisValues
    else:
        for one in series:
            one.cat = AxDataSource(strRef=StrRef(f=ref))


def apply_actions(wb, actions) -> list[dict]:
    """Apply cell actions; return those that are not about cells (alerts, selects)."""
    other = []
    for action in actions:
        func = action["func"]
        ws = (
            wb.worksheets[action["sheet_position"]]
            if action.get("sheet_position") is not None
            else None
        )
        args = action.get("args") or []
        if func == "setValues":
            values = action["values"]
            for i, cell in enumerate(_cells(ws, action)):
                row, col = divmod(i, action["column_count"])
                _put(cell, values[row][col])
        elif func == "sheetClearContents":
            for merged in list(ws.merged_cells.ranges):  # as the file host does
                ws.unmerge_cells(str(merged))
            for row in ws.iter_rows():
                for cell in row:
                    cell.value = None
        elif func == "setNumberFormat":
            for cell in _cells(ws, action):
                cell.number_format = args[0]
        elif func == "clearContents":
            for cell in _cells(ws, action):
                cell.value = None
        elif func == "setRangeColor":
            colour = args[0] if isinstance(args, list) else args
            for cell in _cells(ws, action):
                cell.fill = (
                    PatternFill("solid", fgColor="FF" + colour.lstrip("#").upper())
                    if colour
                    else PatternFill()
                )
        elif func in ("addNote", "setNoteText"):
            if not isinstance(ws[args[0]], MergedCell):  # as the file host does
                ws[args[0]].comment = Comment(args[1], NOTE_AUTHOR)
        elif func == "deleteNote":
            ws[args[0]].comment = None
        elif func == "namesAdd":
            wb.defined_names[args[0]] = DefinedName(
                args[0], attr_text=args[1].lstrip("=")
            )
        elif func == "rangeUnmerge":
            r0, c0 = action["start_row"] + 1, action["start_column"] + 1
            r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
            for merged in list(ws.merged_cells.ranges):
                b = merged.bounds  # min_col, min_row, max_col, max_row
                if b[0] <= c1 and b[2] >= c0 and b[1] <= r1 and b[3] >= r0:
                    ws.unmerge_cells(str(merged))
        elif func == "setNameRefersTo":
            wb.defined_names[args[0]] = DefinedName(
                args[0], attr_text=args[3].lstrip("=")
            )
        elif func in ("setChartSourceData", "setChartXAxisValues"):
            _set_chart(ws, func, args)
        elif func == "resizeTable":
            table = list(ws.tables.values())[args[0]]
            table.ref = args[1].replace("$", "")
        else:
            other.append(action)
    return other


def cells_of(wb) -> dict:
    """Every cell's content, fill and note text, for comparing two books; not
    the one cell the hosts differ by by design: the remote host's note of the
    checks it cannot make there (workbook.checks.UNSEEN, on the Checks sheet),
    with the hidden record of that row."""
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if ws.title == CHECKS and (c.value == UNSEEN or c.coordinate == SEEN):
                    continue  # the note, and its row's record
                fill = c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None
                note = c.comment.text if c.comment else None
                if c.value is not None or note is not None or fill is not None:
                    out[(ws.title, c.coordinate)] = (c.value, fill, note)
    return out


def stored_values(book) -> dict:
    """Every non-empty cell of every sheet of the book file, as stored (formulas
    as their text), by (sheet, cell)."""
    wb = load_workbook(book)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
