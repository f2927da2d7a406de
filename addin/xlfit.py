"""Refresh's refit on the xlwings host (issue 11, CHECKLIST P4): the rebuilt
sheets' column widths, wrapping and row heights, as the file host lays them out
(``printing.fit_of``), without resetting a row height the clerk chose.

Desktop Excel only: xlwings' remote engine cannot read a row height (so it cannot
tell the clerk's from ours) and its clients apply no width or height action; an
Excel autofit there would undo the width caps and the clerk's heights. So the
remote engine leaves the layout as it is (a gap the README states)."""

from __future__ import annotations

from workbook.snapshot import Snapshot
from workbook.writes import Plan


def refit(book, plan: Plan, snap: Snapshot) -> None:
    """Lay out each sheet this plan rebuilt and changed, on desktop Excel."""
    if not snap.formulas_known:
        return  # the remote engine: see the module's docstring
    from workbook.printing import fit_of  # the file side: imported on a refit only

    touched = {w.sheet for w in plan.writes} | {c[0] for c in plan.clears}
    for sheet, writes in plan.regenerated.items():
        if sheet in touched and sheet not in snap.protected:
            _refit_sheet(book.sheets[sheet], fit_of(sheet, writes))


def _refit_sheet(ws, fit) -> None:
    from workbook.printing import clerks_height

    for col, width in fit.widths.items():
        ws.range((1, col)).column_width = width
    for row, col in fit.wrapped:
        ws.range((row, col)).wrap_text = True
    for row, height in fit.heights.items():
        rng = ws.range((row, 1))
        if not clerks_height(rng.row_height):
            rng.row_height = height
    if fit.breaks or fit.title_rows:
        _pages(ws, fit)


def _pages(ws, fit) -> None:
    """The COR sheets' page breaks and print titles, as the file host sets them
    (``workbook.breaks``), through Excel's object model (CHECKLIST P8)."""
    api = ws.api
    api.ResetAllPageBreaks()
    for row in fit.breaks:
        api.HPageBreaks.Add(ws.range((row, 1)).api)
    api.PageSetup.PrintTitleRows = fit.title_rows
