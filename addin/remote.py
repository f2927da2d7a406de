"""The JSON book xlwings' clients send to its remote engine, made from a file.

Used by the tests and the benchmark to run the macros with no Excel: values come
from a workbook whose formulas a spreadsheet engine has computed (what Excel would
send), tables, named ranges and note addresses from the workbook itself.
"""

from __future__ import annotations

import re

import xlwings as xw
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

_RANGE_NAME = re.compile(r"^'?([^'!]+)'?!(\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?)$")


def _value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _charts(ws) -> list[dict]:
    """The sheet's charts as the client lists them: name, type and geometry."""
    kinds = {"PieChart": "Pie", "bar": "BarClustered", "col": "ColumnClustered"}
    out = []
    for i, chart in enumerate(ws._charts, start=1):
        kind = type(chart).__name__
        kind = kinds.get(getattr(chart, "type", kind), kinds.get(kind, kind))
        size = {"left": 0, "top": 0, "width": chart.width, "height": chart.height}
        out.append({"name": f"Chart {i}", "chart_type": kind, **size})
    return out


def payload(formulas: Workbook, values: Workbook, name: str = "Book.xlsx") -> dict:
    """An Office.js-shaped payload: values anchored at A1, tables, names, notes,
    charts."""
    index = {ws.title: i for i, ws in enumerate(formulas.worksheets)}
    names = []
    for key, defined in formulas.defined_names.items():
        match = _RANGE_NAME.match(defined.attr_text or "")
        if match and match.group(1) in index:
            names.append(
                {
                    "name": key,
                    "sheet_index": index[match.group(1)],
                    "address": match.group(2).replace("$", ""),
                    "scope_sheet_name": None,
                    "scope_sheet_index": None,
                    "book_scope": True,
                }
            )
    sheets = []
    for ws in formulas.worksheets:
        shown = values[ws.title]
        rows, cols = ws.max_row, ws.max_column
        grid = [
            [_value(shown.cell(r, c).value) for c in range(1, cols + 1)]
            for r in range(1, rows + 1)
        ]
        tables = []
        for table in ws.tables.values():
            first, last = table.ref.split(":")
            header_end = re.sub(r"\d+", re.search(r"\d+", first).group(), last)
            body_start = re.sub(
                r"\d+", str(int(re.search(r"\d+", first).group()) + 1), first
            )
            tables.append(
                {
                    "name": table.displayName,
                    "range_address": table.ref,
                    "header_row_range_address": f"{first}:{header_end}",
                    "data_body_range_address": f"{body_start}:{last}",
                    "total_row_range_address": None,
                    "show_headers": True,
                    "show_totals": False,
                    "table_style": "TableStyleMedium2",
                    "show_autofilter": True,
                }
            )
        notes = [
            {"address": cell.coordinate}
            for row in ws.iter_rows()
            for cell in row
            if cell.comment is not None
        ]
        sheets.append(
            {
                "name": ws.title,
                "values": grid,
                "pictures": [],
                "charts": _charts(ws),
                "tables": tables,
                "notes": notes,
                "used_range_address": f"A1:{get_column_letter(cols)}{rows}",
            }
        )
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": names,
        "sheets": sheets,
    }
