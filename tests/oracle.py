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
from estimates.money import is_nil_mark, round_half_up
from estimates.narrative import sentences
from estimates.results import compute

from .libreoffice import Grid, cell_text

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
    if expected is None:  # or the nil mark keyed (or written) in its input cell
        return shown in ("", "0") or is_nil_mark(shown)
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
    wrong += narrative_mismatches(head, values["Narrative"], values["Head"])
    return wrong + chart_mismatches(head, values["Charts"])


def narrative_mismatches(head: Head, grid: Grid, summary: Grid) -> list[tuple]:
    """Every narrative sentence the core writes, against the Narrative sheet, and
    the Head summary's ceiling and directorate lines (F7:F10, from the Narrative)."""
    wrong = []
    rows = {row[0]: row for row in grid if row and row[0]}
    said = {s.key: s for s in sentences(head, compute(head))}
    for s in said.values():
        row = rows.get(s.label)
        got = (row[1], row[2]) if row and len(row) > 2 else None
        if got != (s.en, s.zh):
            wrong.append((s.key, "Narrative", (s.en, s.zh), got))
    for r, key in ((7, "ceiling"), (9, "directorate")):
        s = said.get(key)
        want = (s.en, s.zh) if s else ("", "")
        got = (cell_text(summary, r, 6), cell_text(summary, r + 1, 6))
        if got != want:
            wrong.append((key, f"Head!F{r}:F{r + 1}", want, got))
    return wrong


CHART_SLOTS = 10  # beyond ten programmes the chart has an "Others" slot


def chart_mismatches(head: Head, grid: Grid) -> list[tuple]:
    """The Charts sheet's data: each programme's label, Estimate and posts at end."""
    if len(head.programmes) > CHART_SLOTS:
        return []
    header = next(
        (r for r, row in enumerate(grid, 1) if row and row[0] == "Programme 綱領"), 0
    )
    wrong = []
    for i, p in enumerate(head.programmes):  # one row each, in table order, no hole
        r = header + 1 + i
        label = f"({p.number}) {p.title_zh}"
        posts = sum(q.posts_end for q in head.posts if q.programme == p.number)
        got = (cell_text(grid, r, 1), cell_text(grid, r, 2), cell_text(grid, r, 5))
        if got[0] != label or not (
            same(p.value("estimate"), got[1]) and same(posts, got[2])
        ):
            wrong.append((f"chart:{p.number}", f"Charts!A{r}", label, got))
    return wrong
