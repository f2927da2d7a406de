"""Refresh's refit on the xlwings host (issue 11, CHECKLIST P4): the rebuilt
sheets' column widths, wrapping and row heights, as the file host lays them out
(``printing.fit_of``), without resetting a row height the clerk chose.

And the page header's DRAFT mark. Desktop Excel only: xlwings' remote engine
cannot read a row height (so it cannot tell the clerk's from ours) and its
clients apply no width or height action; an Excel autofit there would undo the
width caps and the clerk's heights. So the remote engine leaves the layout as
it is (a gap the README states); nor has it any page setup action (no header,
page break or print titles: CHECKLIST P14), so there row 2's DRAFT formula is
the printed mark."""

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
    if plan.errors is not None:
        _mark_headers(book, plan.errors, snap, plan.to_key)


HEADER_MARK = '&"Arial,Bold"&10&KC00000'  # Excel's header codes: font, size, red


def _mark_headers(book, errors: int, snap: Snapshot, to_key: int = 0) -> None:
    """The page header's centre of each printed sheet: the DRAFT mark while
    errors remain, as the file host writes it (``draft.mark_headers``); a mark
    of before removed, a clerk's own centre text left alone (CHECKLIST P14)."""
    from workbook.draft import LANGUAGE, MARKED, mark_text

    for sheet in MARKED:
        if sheet not in snap.sheets or sheet in snap.protected:
            continue
        setup = book.sheets[sheet].api.PageSetup
        text = mark_text(errors, LANGUAGE[sheet], to_key)
        old = str(setup.CenterHeader or "")
        if text:
            setup.CenterHeader = HEADER_MARK + text
        elif old.removeprefix(HEADER_MARK).startswith(("DRAFT - ", "草稿 - ")):
            setup.CenterHeader = ""


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
