"""Where the printed COR's pages break: a block is never split.

Excel and LibreOffice break a sheet's pages wherever the next row does not fit,
and have no "keep together": so a total row could start a page alone, a
programme's provision block (figures, % line, "or" line) split, the footnotes
leave their table. Refresh therefore writes manual row breaks where a block
would otherwise split, computed from the rows' heights (the layout sets every
grown row's height; a row it leaves alone is one line) and the print scale that
one page wide gives (the columns' widths).

What keeps with what is declared once, by the look of the row (the same on the
Report and on the one-language COR sheets, and read back from a laid-out sheet):

- a heading, a block's title or a header row keeps with the row below it;
- a total row, a % line or an "or" line keeps with the row above it;
- the rows of one table, and the footnotes under it, stay on one page where
  they fit on one; a table longer than a page breaks between its lines, and its
  header row prints again at the top of each page (print titles).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak

from . import layout as L
from .styles import is_header_fill, looks_like

KEEPS_WITH_NEXT = ("title", "heading", "subheading")
"""Named looks of a row that never ends a page (a header row too)."""

NEVER, TABLE, FREE = 2, 1, 0
"""How strongly two rows stay on one page: never apart; apart only when their
table does not fit on one page; apart wherever the page is full."""

DEFAULT_ROW = 15.0  # points: a row the layout left at one line, CJK fonts included
SLACK = 0.94  # a page is taken as this full: the applications' heights differ a little
PAPER = {9: (595.3, 841.9), 8: (841.9, 1190.6), 1: (612.0, 792.0)}  # A4, A3, Letter


def _cells(ws, row: int, width: int) -> tuple:
    """``ws[row]`` for a sheet ``width`` columns wide (its ``max_column``, which
    openpyxl finds by scanning every cell on each ``ws[row]``)."""
    return next(ws.iter_rows(min_row=row, max_row=row, max_col=width))


def _role(ws, row: int, width: int, seen: dict) -> str:
    """What a row is to the page: 'previous' (keeps with the row above), 'next'
    (keeps with the row below), 'footnote', 'line' or 'blank'. ``seen`` holds,
    for the sheet, each column's hiddenness and each cell style's role met so
    far (a role depends on the style alone; a sheet repeats a few dozen styles
    over thousands of cells)."""
    roles = set()
    for cell in _cells(ws, row, width):
        if cell.value in (None, "") or isinstance(cell, MergedCell):
            continue
        if _hidden(ws, cell.column, seen):
            continue  # the Report's row keys and records, another language
        style = _style_key(cell)
        if style not in seen:
            seen[style] = _cell_role(cell)
        roles.add(seen[style])
    for role in ("previous", "next", "footnote", "line"):
        if role in roles:
            return role
    return "blank"


def _style_key(cell) -> tuple:
    """What a cell's look is made of, as the book's style tables index it."""
    style = cell._style
    return (style.numFmtId, style.fillId, style.fontId) if style else ()


def _hidden(ws, col: int, seen: dict) -> bool:
    if col not in seen:
        seen[col] = bool(ws.column_dimensions[get_column_letter(col)].hidden)
    return seen[col]


def _cell_role(cell) -> str:
    fmt = cell.number_format or ""
    if "%" in fmt and '"(' in fmt:  # a % line or an "or" line
        return "previous"
    if cell.fill is not None and cell.fill.fill_type == "solid" and cell.font.b:
        return "next"  # a header row
    if any(looks_like(cell, style) for style in KEEPS_WITH_NEXT):
        return "next"
    if cell.font is not None and cell.font.b and not cell.font.i:
        return "previous"  # a total's label or figure
    if looks_like(cell, "note"):
        return "footnote"
    return "line"


def links(ws, last: int) -> dict[int, int]:
    """How strongly each row stays with the row above it (rows 2..last). A blank
    row goes with the row above it: a page may end with one, and the row after
    it starts a new block."""
    out: dict[int, int] = {}
    previous, gap = None, False
    width, seen = ws.max_column, {}
    for row in range(1, last + 1):
        role = _role(ws, row, width, seen)
        if role == "blank":
            out[row] = NEVER
            gap = previous is not None
            continue
        if previous is not None:
            out[row] = _link(previous, role, gap)
        previous, gap = role, False
    return out


def _link(above: str, below: str, gap: bool) -> int:
    if below == "previous" or above == "next":
        return NEVER
    if below == "footnote":
        return TABLE
    return FREE if gap else TABLE


@dataclass(frozen=True)
class Sheet:
    """A sheet's rows as the page sees them."""

    heights: dict[int, float]  # row -> points at 100%
    links: dict[int, int]  # row -> strength it stays with the row above
    page: float  # points a page holds, at the print scale
    title: tuple[int, int] | None  # the rows repeated at the top of each page


def _groups(rows: list[int], links: dict[int, int], least: int) -> list[list[int]]:
    """Rows joined where their link is at least ``least``."""
    out: list[list[int]] = []
    for row in rows:
        if out and links.get(row, FREE) >= least:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def page_breaks(sheet: Sheet) -> list[int]:
    """The rows each new page starts at, no block split where it fits a page."""
    breaks: list[int] = []
    used = 0.0
    for table in _groups(sorted(sheet.heights), sheet.links, TABLE):
        room = _room(sheet, breaks)
        if used and used + _height(sheet, table) > room >= _height(sheet, table):
            breaks.append(table[0])  # the table whole on the next page
            used = 0.0
        for block in _groups(table, sheet.links, NEVER):
            if used and used + _height(sheet, block) > _room(sheet, breaks):
                breaks.append(block[0])
                used = 0.0
            used += _height(sheet, block)
    return breaks


def _room(sheet: Sheet, breaks: list[int]) -> float:
    """What the page after ``breaks`` holds: less the repeated header rows once
    the page starts below them."""
    title = sheet.title
    if not (title and breaks and breaks[-1] > title[1]):
        return sheet.page
    return sheet.page - _height(sheet, list(range(title[0], title[1] + 1)))


def _height(sheet: Sheet, rows: list[int]) -> float:
    return sum(sheet.heights[r] for r in rows)


def printed_sheet(ws) -> Sheet:
    """The sheet's row heights, links and page height at its print scale."""
    last = ws.max_row
    heights = {}
    for row in range(1, last + 1):
        dims = ws.row_dimensions[row]
        heights[row] = 0.0 if dims.hidden else (dims.height or DEFAULT_ROW)
    return Sheet(heights, links(ws, last), _page_points(ws), None)


def _page_points(ws) -> float:
    """Points of rows one page holds: the paper's height less its margins, at
    the scale one page wide prints (``fitToWidth``)."""
    from .printing import column_points

    width, height = PAPER.get(int(ws.page_setup.paperSize or 9), PAPER[9])
    if ws.page_setup.orientation == "landscape":
        width, height = height, width
    m = ws.page_margins
    across = width - (m.left + m.right) * 72
    down = height - (m.top + m.bottom) * 72
    shown = sum(
        column_points(dims.width or 8.43)
        for col in range(1, ws.max_column + 1)
        if not (dims := ws.column_dimensions[get_column_letter(col)]).hidden
        and L.owns(ws.title, col)
    )
    scale = min(1.0, math.floor(100 * across / max(shown, 1.0)) / 100)
    return down * SLACK / scale


def _headers(ws, last: int) -> list[int]:
    """The header rows (the "header" look's fill): each starts a table."""
    width, solid = ws.max_column, {}
    return [
        row
        for row in range(1, last + 1)
        if any(
            c.value and _header(c, solid)
            for c in _cells(ws, row, width)
            if not isinstance(c, MergedCell)
        )
    ]


def _header(cell, seen: dict) -> bool:
    """Whether a cell has a header's fill (``seen``: the answer for each fill met;
    a total band's fill is not one: it made Total Expenditure the print title)."""
    if cell._style is None:
        return False  # openpyxl's default look, never set: no fill
    fill = cell._style.fillId
    if fill not in seen:
        seen[fill] = is_header_fill(cell.fill)
    return seen[fill]


def title_row(sheet: Sheet, headers: list[int]) -> int | None:
    """The header row repeated at the top of each page: the header of the table
    the pages split (a long subhead table, or a long analysis), else of the last
    table, in case the application's page runs shorter than this layout's."""
    if not headers:
        return None
    breaks = page_breaks(sheet)
    for table in _groups(sorted(sheet.heights), sheet.links, TABLE):
        inside = [h for h in headers if h in table]
        if inside and any(table[0] < b <= table[-1] for b in breaks):
            return inside[0]
    return headers[-1]


def keep_blocks_whole(ws) -> None:
    """Manual row breaks where a block would split, and the long table's header
    row as the print titles (a laid-out sheet's own breaks are replaced)."""
    sheet = printed_sheet(ws)
    row = title_row(sheet, _headers(ws, ws.max_row))
    if row is not None:
        sheet = dataclasses.replace(sheet, title=(row, row))
        ws.print_title_rows = f"{row}:{row}"
    else:
        ws._print_rows = None
    ws.row_breaks = RowBreak()
    for first in page_breaks(sheet):
        ws.row_breaks.append(Break(id=first - 1))
