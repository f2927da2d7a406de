"""Values a clerk typed on a COR sheet (COR 中文, COR English), where Refresh
puts a figure: C02 at that cell, on the revert record, as on the Report.

Every figure of a COR sheet is a formula that refers to the Report's cell
(``printed``). A value where such a formula belongs is the clerk's when it is a
number (the sheet holds no other constant number), or, while the sheet's text is
as this layout writes it (its rows have not moved), any value that is not what
the Report's cell shows: a values-only host (the remote engine), which sees the
formula's value and not the formula, tells a typed value from the formula's that
way.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from estimates.findings import Finding

from . import layout as L
from .computed import ReportRow
from .generated import Generated, c02
from .printed import SHEETS, printed_rows, texts_differ
from .snapshot import CellError, Formula, Snapshot, cell_position
from .writes import Write

_REFERENCE = re.compile(rf"^={re.escape(L.REPORT)}!\$?([A-Z]+)\$?([0-9]+)$")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _shows_the_report(snap: Snapshot, formula: str, value: object) -> bool:
    """Whether ``value`` is what the Report cell ``formula`` refers to shows."""
    found = _REFERENCE.match(formula)
    if found is None:
        return True  # not a figure of the Report (the DRAFT mark): not judged
    source = snap.value(L.REPORT, *cell_position("".join(found.groups())))
    if _blank(source):  # nothing to judge by (or cleared: Import recomputes it)
        return True
    a, b = _number(value), _number(source)
    if a is not None and b is not None:
        return abs(a - b) < Decimal("1e-9")
    return value == source


def _report_numbers(snap: Snapshot) -> dict[int, list[Decimal]]:
    """The numbers the Report shows, by column (read once per sheet judged)."""
    out: dict[int, list[Decimal]] = {}
    for (_, col), value in snap.sheets.get(L.REPORT, {}).items():
        number = _number(value)
        if number is not None:
            out.setdefault(col, []).append(number)
    return out


def _in_column(shown: dict[int, list[Decimal]], formula: str, value: object) -> bool:
    """Whether a number is one the Report shows (``shown``: its numbers by column)
    in the column ``formula`` refers to: what a COR formula of an earlier layout,
    pointing at another row of that column, can show (a values-only host sees no
    formula)."""
    found = _REFERENCE.match(formula)
    if found is None:
        return True
    column = shown.get(cell_position(f"{found.group(1)}1")[1])
    if not column:  # nothing to judge by (cleared: an Import recomputes it)
        return True
    return any(abs(n - _number(value)) < Decimal("1e-9") for n in column)


def typed_cells(
    snap: Snapshot, rows: list[ReportRow], intro: dict | None = None
) -> dict[str, list[tuple]]:
    """By COR sheet, (row, col, value) of each value typed where a Report figure's
    formula belongs (the sheet's cells as read)."""
    out: dict[str, list[tuple]] = {}
    for lang, sheet in SHEETS.items():
        if sheet not in snap.sheets or sheet in snap.protected:
            continue
        writes = printed_rows(rows, lang, intro)
        figures = {
            (w.row, w.col): w.value
            for w in writes
            if isinstance(w.value, Formula) and _REFERENCE.match(str(w.value))
        }
        if texts_differ(snap, sheet, writes):
            found = _typed_in_moved_rows(snap, sheet, figures)
        else:
            found = _typed_in_place(snap, sheet, figures)
        if found:
            out[sheet] = found
    return out


def _typed_in_place(snap: Snapshot, sheet: str, figures: dict) -> list[tuple]:
    """The sheet's rows as this layout writes them: a value where a figure's
    formula belongs that is a number, or not what the Report cell shows."""
    out = []
    for (row, col), formula in figures.items():
        old = snap.value(sheet, row, col)
        if _blank(old) or isinstance(old, Formula | CellError):
            continue
        if snap.formulas_known or not _shows_the_report(snap, formula, old):
            out.append((row, col, old))
    return out


def _typed_in_moved_rows(snap: Snapshot, sheet: str, figures: dict) -> list[tuple]:
    """Rows moved (a line added or gone): every number in a figure column is the
    clerk's (the sheet holds no constant number of ours); on a values-only host,
    one the Report shows nowhere in that column (an earlier layout's formula
    there, pointing at another row, shows one the Report shows)."""
    columns = {col: formula for (_, col), formula in figures.items()}
    shown = {} if snap.formulas_known else _report_numbers(snap)
    out = []
    for (row, col), old in sorted(snap.sheets.get(sheet, {}).items()):
        if col not in columns or _number(old) is None:
            continue
        if snap.formulas_known or not _in_column(shown, columns[col], old):
            out.append((row, col, old))
    return out


def typed_findings(snap: Snapshot, gen: Generated) -> list[Finding]:
    """C02 at each value typed over a COR sheet's figure; each such cell goes to
    ``gen.clerk``, so that the revert record marks it C02."""
    found = []
    for sheet, cells in typed_cells(snap, gen.report, gen.intro).items():
        writes = _writes(gen.report, sheet, gen.intro)
        formulas = {(w.row, w.col): w.value for w in writes}
        for row, col, value in cells:
            formula = formulas.get((row, col))
            instead = (
                f"{formula} (the Report's figure)"
                if _REFERENCE.match(str(formula or ""))
                else "the sheet as Refresh lays it out (its rows moved)"
            )
            found += c02(sheet, [(row, col, value)], instead)
            gen.clerk.add((sheet, row, col))
    return found


def _writes(rows: list[ReportRow], sheet: str, intro: dict | None) -> list[Write]:
    lang = next(k for k, v in SHEETS.items() if v == sheet)
    return printed_rows(rows, lang, intro)


def rewrites(
    snap: Snapshot, rows: list[ReportRow], rebuilt: set[str], intro: dict | None
) -> list[Write]:
    """The formulas put back over typed values on a COR sheet that is not rebuilt
    whole (a values-only host leaves a sheet whose rows have not moved): forced,
    so that a value that looks like the formula's is replaced too."""
    out = []
    for sheet, cells in typed_cells(snap, rows, intro).items():
        if sheet in rebuilt:
            continue
        at = {(row, col) for row, col, _ in cells}
        out += [
            Write(w.sheet, w.row, w.col, w.value, w.style, force=True)
            for w in _writes(rows, sheet, intro)
            if (w.row, w.col) in at
        ]
    return out
