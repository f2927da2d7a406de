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
        same_rows = not texts_differ(snap, sheet, writes)
        for w in writes:
            if not _REFERENCE.match(str(w.value)) or not isinstance(w.value, Formula):
                continue
            old = snap.value(sheet, w.row, w.col)
            if _blank(old) or isinstance(old, Formula | CellError):
                continue
            if snap.formulas_known:
                typed = _number(old) is not None or same_rows
            else:
                typed = same_rows and not _shows_the_report(snap, w.value, old)
            if typed:
                out.setdefault(sheet, []).append((w.row, w.col, old))
    return out


def typed_findings(snap: Snapshot, gen: Generated) -> list[Finding]:
    """C02 at each value typed over a COR sheet's figure; each such cell goes to
    ``gen.clerk``, so that the revert record marks it C02."""
    found = []
    for sheet, cells in typed_cells(snap, gen.report, gen.intro).items():
        writes = _writes(gen.report, sheet, gen.intro)
        formulas = {(w.row, w.col): w.value for w in writes}
        for row, col, value in cells:
            instead = f"{formulas[(row, col)]} (the Report's figure)"
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
