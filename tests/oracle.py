"""The oracle: a book's computed cells, once LibreOffice has recalculated them,
against the core's figures for the data the book holds, computed with no workbook.

``figure_cells`` asks the book where each figure sits (the workbook's own figure
map: the one internal this file uses, kept here so one edit follows a redesign);
everything else is cells in, values out.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from estimates.model import Head
from estimates.money import round_half_up
from estimates.narrative import sentences
from estimates.results import compute

from .engine.batch import Grid, cell_text

SHEETS = (
    "Head",
    "Programmes",
    "Subheads",
    "Subhead000",
    "Establishment",
    "PayScale",
    "Report",
    "Narrative",
    "Charts",
)


def figure_cells(book: Path) -> tuple[dict[str, tuple[str, str]], list[dict]]:
    """Figure key -> (sheet, cell), as the refreshed book places its figures, and
    the book's findings (what ``estimates check BOOK --json`` lists), in one read."""
    from workbook.io import load_book, snapshot_of
    from workbook.refresh import evaluate

    reading, _, findings = evaluate(snapshot_of(load_book(book), str(book)))
    places = {k: (s.ref.sheet, s.ref.cell) for k, s in reading.head.shown.items()}
    return places, [f.as_dict() for f in findings]


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def same(expected: object, shown: str) -> bool:
    """A figure against the engine's raw text: nil is blank (or 0); numbers agree
    to four decimals (LibreOffice writes 15 significant digits)."""
    if expected is None:
        return shown in ("", "0")
    got = _decimal(shown)
    if got is None:
        return False
    return round_half_up(got, 4) == round_half_up(Decimal(expected), 4)


def _position(cell: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(cell)
    return row, column_index_from_string(letters)


def mismatches(
    head: Head,
    places: dict[str, tuple[str, str]],
    values: dict[str, Grid],
    typed: dict[tuple[str, str], object] | None = None,
) -> list[tuple]:
    """Every disagreement between the engine's values and the core's figures.

    ``typed``: cells a clerk typed a constant over, which keep the constant.
    """
    typed = typed or {}
    expected = compute(head).expected
    wrong: list[tuple] = []
    missing = sorted(set(expected) - set(places))
    if missing:
        wrong.append(("figures the book does not show", missing[:5]))
    for key in set(places) - set(expected):  # a figure the core leaves nil
        sheet, cell = places[key]
        if cell_text(values[sheet], *_position(cell)) != "":
            wrong.append((key, f"{sheet}!{cell}", "nil", "not blank"))
    for key, value in expected.items():
        if key not in places:
            continue
        sheet, cell = places[key]
        shown = cell_text(values[sheet], *_position(cell))
        want = typed.get((sheet, cell), value)
        if not same(want, shown):
            wrong.append((key, f"{sheet}!{cell}", str(want), shown))
    return wrong + narrative_mismatches(head, values["Narrative"])


def narrative_mismatches(head: Head, grid: Grid) -> list[tuple]:
    """Every narrative sentence the core writes, against the Narrative sheet."""
    wrong = []
    rows = {row[0]: row for row in grid if row and row[0]}
    for s in sentences(head, compute(head)):
        row = rows.get(s.label)
        got = (row[1], row[2]) if row and len(row) > 2 else None
        if got != (s.en, s.zh):
            wrong.append((s.key, "Narrative", (s.en, s.zh), got))
    return wrong
