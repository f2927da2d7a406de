"""A host-neutral picture of a book's cells, as an adapter read them.

Formulas and error values are wrapped so that text a clerk typed is never
mistaken for either. Only openpyxl's pure address helpers are used here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils.cell import (
    coordinate_to_tuple,
    get_column_letter,
    range_boundaries,
)

ERROR_VALUES = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)


NOT_CACHED = None
"""``Formula.cached`` when the file stored no value with the formula (a book
written by a script, never recalculated)."""


class Text(str):
    """Text a clerk or a file gave (a title, a code, a footnote): written as text
    even when it starts with = + - @, never read as the formula it looks like."""


def as_text(value: object) -> object:
    """``value`` marked as text when it is a string, else as it is."""
    return Text(value) if isinstance(value, str) else value


class Formula(str):
    """A cell's formula text, starting with ``=``.

    ``cached`` is the value the spreadsheet application stored with the formula
    when it last calculated (a number, text, bool or ``CellError``), read in the
    same pass as the formula; ``NOT_CACHED`` when there is none.
    """

    cached: object = NOT_CACHED

    def __new__(cls, text: str, cached: object = NOT_CACHED) -> Formula:
        obj = super().__new__(cls, text)
        if cached is not NOT_CACHED:  # no instance dict for most: a book's many
            obj.cached = cached  # formulas, none stored by a script's save
        return obj

    def __reduce__(self):
        return (Formula, (str(self), self.cached))


class CellError(str):
    """An error value such as ``#REF!``."""


def address(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def cell_position(cell: str) -> tuple[int, int]:
    return coordinate_to_tuple(cell.replace("$", ""))


def table_bounds(ref: str) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of an A1 range."""
    return range_boundaries(ref.replace("$", ""))  # type: ignore[return-value]


@dataclass
class Snapshot:
    """What a book holds, by sheet and (row, col).

    ``formulas_known`` is False for a values-only host (xlwings remote), where a
    computed cell shows its value and its formula cannot be seen.
    """

    source: str
    sheets: dict[str, dict[tuple[int, int], object]] = field(default_factory=dict)
    tables: dict[str, tuple[str, str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # name -> refers to
    formulas_known: bool = True
    protected: set[str] = field(default_factory=set)
    merged: dict[str, list[str]] = field(default_factory=dict)
    hidden: dict[str, set[int]] = field(default_factory=dict)  # hidden columns
    shapes_known: bool = True  # merged ranges, protection, hidden columns read
    charts: int = 0  # charts on the Charts sheet (a host finds them by position)

    def value(self, sheet: str, row: int, col: int) -> object:
        return self.sheets.get(sheet, {}).get((row, col))

    def at(self, sheet: str, cell: str) -> object:
        row, col = cell_position(cell)
        return self.value(sheet, row, col)

    def max_row(self, sheet: str) -> int:
        cells = self.sheets.get(sheet, {})
        return max((r for r, _ in cells), default=0)
