"""What a clerk does to a built book, through the cells only.

Input tables are found by their Excel table names (tblProgrammes, ...), their
columns in the order of the source data files (README, "Data format"), so that
these edits hold whatever the code behind the template looks like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, range_boundaries

MONEY = ("actual", "original", "revised", "estimate")
FIELDS: dict[str, tuple[str, ...]] = {
    "tblProgrammes": (
        "programme",
        "title_en",
        "title_zh",
        *MONEY,
        "policy_area",
        "policy_area_zh",
    ),
    "tblSubheads": ("account", "section", "code", "title_en", "title_zh", *MONEY),
    "tblBreakdown": ("group", "item_en", "item_zh", *MONEY),
    "tblEstablishment": (
        "rank_en",
        "rank_zh",
        "directorate",
        "scale",
        "min_point",
        "max_point",
        "programme",
        "posts_start",
        "posts_end",
    ),
    "tblPayScale": ("scale", "point", "monthly_salary"),
}

Row = list[object]


class Table:
    """An input table of an open book: its sheet, header row and columns."""

    def __init__(self, wb: Workbook, name: str):
        for ws in wb.worksheets:
            if name in ws.tables:
                self.ws, self.table = ws, ws.tables[name]
                break
        else:
            raise KeyError(f"no table {name} in the book")
        self.name = name
        c0, r0, c1, r1 = range_boundaries(self.table.ref)
        self.first_col, self.header, self.last = c0, r0, r1
        self.width = len(FIELDS[name])
        assert c1 - c0 + 1 >= self.width, f"{name} has fewer columns than its data"

    def col(self, field: str) -> int:
        return self.first_col + FIELDS[self.name].index(field)

    def letter(self, field: str) -> str:
        return get_column_letter(self.col(field))

    @property
    def first(self) -> int:
        return self.header + 1

    def rows(self) -> list[Row]:
        """The body's input cells, row by row (blank rows included)."""
        return [
            [self.ws.cell(r, self.first_col + i).value for i in range(self.width)]
            for r in range(self.first, self.last + 1)
        ]

    def row_of(self, field: str, value: object) -> int:
        """The sheet row of the first body row whose ``field`` is ``value``."""
        for r in range(self.first, self.last + 1):
            if self.ws.cell(r, self.col(field)).value == value:
                return r
        raise KeyError(f"{self.name}: no row with {field} = {value!r}")

    def put(self, rows: Sequence[Row]) -> None:
        """Rewrite the body with ``rows`` (values move, references do not: what
        sorting or inserting in place leaves) and fit the table to them."""
        old_last = self.last
        for i, row in enumerate(rows):
            for k in range(self.width):  # ws.cell(r, c, None) would leave the value
                self.ws.cell(self.first + i, self.first_col + k).value = row[k]
        for r in range(self.first + len(rows), old_last + 1):
            for k in range(self.width):
                self.ws.cell(r, self.first_col + k).value = None
        self.last = self.first + max(len(rows), 1) - 1
        self.table.ref = re.sub(r"\d+$", str(self.last), self.table.ref)
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = self.table.ref

    def append_below(self, row: Row) -> int:
        """Type a row just below the table, leaving the table as it is."""
        r = self.last + 1
        for k, value in enumerate(row):
            self.ws.cell(r, self.first_col + k).value = value
        return r


def insert(wb: Workbook, name: str, index: int, row: Row) -> None:
    t = Table(wb, name)
    rows = t.rows()
    rows.insert(index, list(row))
    t.put(rows)


def delete(wb: Workbook, name: str, index: int) -> None:
    t = Table(wb, name)
    rows = t.rows()
    del rows[index]
    t.put(rows)


def blank_row(wb: Workbook, name: str, index: int) -> None:
    insert(wb, name, index, [None] * len(FIELDS[name]))


def labelled_rows(grid: list[list[str]], col: int) -> dict[str, int]:
    """Row numbers (1-based) by the text in column ``col``; first occurrence."""
    out: dict[str, int] = {}
    for r, row in enumerate(grid, start=1):
        if len(row) >= col and row[col - 1] and row[col - 1] not in out:
            out[row[col - 1]] = r
    return out


def retype_first(book: Path, name: str, field: str, value: object) -> object:
    """Type ``value`` over the first row's ``field`` of table ``name`` in a saved
    book (its parts kept, as a save in Excel keeps them); what the cell held."""
    from workbook.io import load_book, save_book

    wb = load_book(book)
    t = Table(wb, name)
    cell = t.ws.cell(t.first, t.col(field))
    was, cell.value = cell.value, value
    save_book(wb, book)
    return was
