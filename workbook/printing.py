"""Print layout: every sheet readable at 100% and printable on A4.

openpyxl cannot autofit, and Excel does not re-fit a row whose height the file
sets, so the widths and heights are computed here from the text: a CJK character
is about twice as wide as a Latin one. Columns take the width of their content up
to a cap; text longer than the cap wraps, and its row grows by the wrapped line
count. Titles, headings and notes span the printed width (merged) and wrap. Page
setup is declared per sheet: the Report A4 portrait with print titles like the COR,
Checks landscape; every sheet fits to one page wide, with the Head, the year and
the page number in its header and footer.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from functools import cache, lru_cache

from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.page import PageMargins

from estimates.tables import NUMBER_KINDS

from . import layout as L
from .breaks import keep_blocks_whole
from .chart_data import FIRST, OTHERS, SLOTS
from .printed import SHEETS as ONE_LANGUAGE
from .styles import is_header_fill, looks_like

SPANNING = ("title", "heading", "note", "footnote", "draft", "sentence", "item_title")
"""Styles whose text spans the printed width of its sheet and wraps."""


def _spans(style: str) -> bool:
    return style in SPANNING or style.startswith(L.OR_LINE_STYLES)


@dataclass(frozen=True)
class Page:
    """How one sheet prints and how wide its columns may grow."""

    orientation: str = "landscape"
    cap: float = 48.0  # widest a column grows before its text wraps
    minimum: float = 6.0
    caps: tuple[tuple[int, float], ...] = ()  # per column: (col, cap)
    floors: tuple[tuple[int, float], ...] = ()  # per column: (col, least width)
    repeat_header: bool = True  # print titles: the first header row on every page
    blocks: bool = False  # the COR's blocks kept whole, its long table's header
    # repeated (``breaks``): the page breaks and print titles are the layout's

    def cap_of(self, col: int) -> float:
        return dict(self.caps).get(col, self.cap)

    def floor_of(self, col: int) -> float:
        return dict(self.floors).get(col, self.minimum)


PAGES: dict[str, Page] = {
    L.HEAD: Page("landscape", cap=44, caps=((6, 60),)),
    # the Report's blocks each carry their own header row, as the COR's do
    L.REPORT: Page(
        "portrait",
        cap=12,
        caps=((1, 11.5), (2, 16), (3, 28)),
        repeat_header=False,
        blocks=True,
    ),
    **{
        sheet: Page(
            "portrait",
            cap=12,
            caps=((1, 11.5), (2, 40)),
            repeat_header=False,
            blocks=True,
        )
        for sheet in (L.REPORT_ZH, L.REPORT_EN)
    },
    L.NARRATIVE: Page("landscape", cap=56, caps=((1, 22), (4, 40)), floors=((4, 40),)),
    L.CHECKS: Page("landscape", cap=36, caps=((5, 48), (6, 34), (10, 34))),
    L.CHANGE_LOG: Page("landscape", cap=24),
    # the charts' data header is not repeated: it cut through the pie on page 2
    L.CHARTS: Page("landscape", repeat_header=False),
}
DEFAULT_PAGE = Page()
REGENERATED = (L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.NARRATIVE, L.CHECKS)
LINE_POINTS = 14.0  # one line of 10 pt text, CJK fonts included
_FORMULA_TEXT = re.compile(r'"((?:[^"]|"")*)"')


SPLIT_UP_TO = 52  # columns past the sheet's last one kept as one range


def split_column_ranges(ws) -> None:
    """One <col> entry per column the sheet may use. Excel and LibreOffice save
    neighbouring columns of one width as one range (<col min=2 max=3>), which
    openpyxl keys by its first letter: setting column C's width or hiding it then
    adds <col min=3 max=3> over the range, an overlap Excel repairs on opening,
    and reading C saw the default. Each range is split into its columns up to the
    last used one (at least ``SPLIT_UP_TO``); the rest stays one range."""
    bound = max(ws.max_column, SPLIT_UP_TO)
    dims = ws.column_dimensions
    for key, dim in list(dims.items()):
        first, last = dim.min or 0, dim.max or 0
        if last <= first:
            continue
        del dims[key]
        for col in range(first, min(last, bound) + 1):
            dims[get_column_letter(col)] = _column_like(ws, dim, col, col)
        if last > bound:
            dims[get_column_letter(bound + 1)] = _column_like(ws, dim, bound + 1, last)


def _column_like(ws, dim, first: int, last: int) -> ColumnDimension:
    part = ColumnDimension(
        ws,
        index=get_column_letter(first),
        width=dim.width,
        bestFit=dim.bestFit,
        hidden=dim.hidden,
        outlineLevel=dim.outlineLevel,
        collapsed=dim.collapsed,
        min=first,
        max=last,
        customWidth=dim.customWidth,
    )
    part._style = copy(dim._style)
    return part


@cache
def char_width(ch: str) -> float:
    """Width of one character in Excel's column units (a digit of the body font)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2.0  # CJK ideographs and full-width punctuation count double
    if ch in "mwMW%@":
        return 1.4
    if ch.isupper():
        return 1.2
    if ch in "ilIjtf.,:;'|!()[] ":
        return 0.5
    return 0.95


@lru_cache(maxsize=8192)  # a sheet measures the same labels over and over
def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


_REFERENCE = re.compile(
    r"(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!\$?([A-Z]{1,3})\$?(\d+)"
)


def _referred_texts(formula: str, book) -> list[str]:
    """The texts of the cells on other sheets a formula refers to (once each):
    a COR line "Controlling officer: "&Head!$C$6 shows Head!C6's text."""
    out = []
    bare = _FORMULA_TEXT.sub('""', formula)
    for quoted, plain, col, row in dict.fromkeys(_REFERENCE.findall(bare)):
        sheet = quoted.replace("''", "'") or plain
        if sheet in book.sheetnames:
            value = book[sheet][f"{col}{row}"].value
            if isinstance(value, str) and not value.startswith("="):
                out.append(value)
    return out


def shown_text(value: object, number_format: str = "", book=None) -> str:
    """The text a cell shows, near enough to measure it (``book``: a formula's
    references to other sheets' text are read there)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("="):
        literals = [s.replace('""', '"') for s in _FORMULA_TEXT.findall(value)]
        referred = _referred_texts(value, book) if book is not None else []
        if referred:  # a line joined from its literals and the cells it shows
            return "".join(literals + referred)
        if not literals or value.startswith("=HYPERLINK"):
            return _figure(number_format) if not literals else literals[-1]
        longest = max(literals, key=text_width)
        return longest + "x" * min(24, len("".join(literals)) - len(longest))
    if isinstance(value, bool):
        return "TRUE"
    if isinstance(value, int | float):
        decimals = 1 if "0.0" in number_format else 0
        return f"{value:,.{decimals}f}" + ("%" if "%" in number_format else "")
    return str(value)


def _figure(number_format: str) -> str:
    """The widest figure a formula cell with this number format is likely to show."""
    if "%" in number_format:  # room for a large change, and its separator
        return "(+9,999.9%)" if "(" in number_format else "+9,999.9%"
    if "0.0" in number_format:
        return "99,999.9"
    return "99,999,999"


_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPENING = r"[(\[\u300a\u300c\u300e\u3010\uff08]*"
_CLOSING = (
    r"[)\]}>,.;:!?%\u3001\u3002\u300b\u300d\u300f\u3011"
    r"\uff09\uff0c\uff1a\uff1b\uff01\uff1f]*"
)
_TOKENS = re.compile(
    rf"{_OPENING}[{_CJK}]{_CLOSING}"
    rf"|[^\s{_CJK}]+{_CLOSING}\s*|\s+"
)
"""What a line never breaks inside: a Latin word, or one CJK character with the
opening and closing punctuation (a line never starts with 。 ) , or 、)."""
BOLD = 1.1  # a bold header is about a tenth wider than body text
STUB = 1.25  # text up to this much wider than its column's cap widens the column


def unbroken_width(text: str) -> float:
    """The widest piece of ``text`` a line cannot break: a heading's column is
    at least this wide, so "Programme" never breaks as "Progra/mme"."""
    return max((text_width(t.rstrip()) for t in _TOKENS.findall(text)), default=0.0)


_CJK_WORD = re.compile(rf"{_OPENING}[{_CJK}]+{_CLOSING}")


def word_width(text: str) -> float:
    """The widest word of a heading, a Chinese one whole: LibreOffice breaks
    Chinese between any two characters, so a header's column is wide enough for
    its longest run of them ("(原來預算)", "首長級"), which then never breaks."""
    runs = (text_width(w) for w in _CJK_WORD.findall(text))
    return max(unbroken_width(text), max(runs, default=0.0))


def fit_header_row(ws, row: int, least: dict[int, float]) -> None:
    """An input table's header row: each column at least as wide as its widest
    word in bold (``least``: the declared widths), the row as tall as the header
    wrapped to the most lines."""
    lines = 1
    for col, declared in least.items():
        text = shown_text(ws.cell(row, col).value)
        width = max(declared, (word_width(text) + 1.5) * BOLD + 0.5)
        ws.column_dimensions[get_column_letter(col)].width = round(width, 1)
        lines = max(lines, lines_needed(text, width / BOLD))
    ws.row_dimensions[row].height = round(LINE_POINTS * lines + 4, 1)


def wrap_lines(text: str, width: float) -> list[str]:
    """The text as it wraps in a column ``width`` units wide: whole words wrap (a
    CJK character with its punctuation is a word of its own), a word wider than
    the column breaks."""
    room = max(width - 1.5, 1.0)
    out: list[str] = []
    for part in text.split("\n"):
        line, used = "", 0.0
        for token in _TOKENS.findall(part):
            w = text_width(token.rstrip())
            if used and used + w > room:
                out.append(line.rstrip())
                line, used = "", 0.0
            while w > room and len(token) > 1:  # a word wider than the column
                cut = _fits(token, room - used)
                out.append(line + token[:cut])
                line, used, token = "", 0.0, token[cut:]
                w = text_width(token.rstrip())
            line, used = line + token, used + text_width(token)
        out.append(line.rstrip())
    return out


def _fits(token: str, room: float) -> int:
    """How many characters of ``token`` fit in ``room`` (at least one)."""
    used = 0.0
    for i, ch in enumerate(token):
        used += char_width(ch)
        if used > room:
            return max(i, 1)
    return len(token)


def lines_needed(text: str, width: float) -> int:
    """Lines the text wraps to in a column ``width`` units wide."""
    return len(wrap_lines(text, width))


def _last_column(ws) -> int:
    """The last visible column with content that Refresh owns (from the cells the
    sheet holds, in row order: ``iter_rows`` would make each empty one first)."""
    columns = dict.fromkeys(
        col
        for (_, col), cell in sorted(ws._cells.items())
        if cell.value is not None and L.owns(ws.title, col)
    )
    hidden = ws.column_dimensions
    return max([1, *(c for c in columns if not hidden[get_column_letter(c)].hidden)])


def fit_sheet(ws, styles: dict | None = None, over_hidden: bool = False) -> None:
    """Widths from content, wrapping beyond the cap, row heights from line counts.

    ``styles``: the named style of each (row, col) written; titles, headings and
    notes span the printed width, and headers wrap to their column's width."""
    styles = styles or _styles_seen(ws)
    spanning = frozenset(k for k, v in styles.items() if _spans(v))
    narrow = frozenset(k for k, v in styles.items() if v == "header") | spanning
    page = PAGES.get(ws.title, DEFAULT_PAGE)
    _unmerge_own_spans(ws)
    widths: dict[int, float] = {}
    floors: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in spanning:
                continue
            if not L.owns(ws.title, cell.column):
                continue  # a clerk's column: its width is the clerk's
            text = shown_text(cell.value, cell.number_format or "")
            if (cell.row, cell.column) in narrow:  # a header wraps between words
                word = (word_width(text) + 1.5) * BOLD  # as ``wrap_lines`` pads
                floors[cell.column] = max(floors.get(cell.column, 0), word)
                parts = text.split()
            else:
                parts = [text]
            longest = max(
                (text_width(p) for line in parts for p in line.split("\n")),
                default=0.0,
            )
            wanted = _wanted(page.cap_of(cell.column), longest + 1.5)
            widths[cell.column] = max(widths.get(cell.column, 0), wanted)
    last = max([*widths, _last_column(ws)])
    for col in range(1, last + 1):
        letter = get_column_letter(col)
        if ws.column_dimensions[letter].hidden or not L.owns(ws.title, col):
            continue
        width = max(page.floor_of(col), floors.get(col, 0), widths.get(col, 0))
        ws.column_dimensions[letter].width = round(width, 1)
    fit_page_width(ws, owned_only=True)
    _wrap_and_grow(ws, spanning, _last_column(ws), narrow, over_hidden)
    if page.blocks:
        keep_blocks_whole(ws)


INPUT_CAP = 60.0  # widest an input table's text column grows from its content


def fit_input_columns(wb) -> None:
    """Each input table's text columns as wide as their longest entry (up to
    ``INPUT_CAP``), so a title is not cut by the column beside it; never
    narrower than the width the template gives."""
    for spec in L.TABLES.values():
        if spec.sheet not in wb.sheetnames or spec.sheet == L.HEAD:
            continue
        ws = wb[spec.sheet]
        for col, column in enumerate(spec.columns, start=1):
            if column.field.kind in NUMBER_KINDS:
                continue
            letter = get_column_letter(col)
            longest = max(
                (
                    text_width(shown_text(ws.cell(row, col).value))
                    for row in range(spec.first_row, ws.max_row + 1)
                ),
                default=0.0,
            )
            width = ws.column_dimensions[letter].width or column.width
            wanted = min(INPUT_CAP, longest + 1.5)
            ws.column_dimensions[letter].width = round(max(width, wanted), 1)
    if L.ESTABLISHMENT in wb.sheetnames:  # its summary figures sit in column C
        rows = [row for row, _, _ in L.ESTABLISHMENT_SUMMARY.values()]
        _wrap_labels(wb[L.ESTABLISHMENT], rows, before=3)
    fit_input_sheets(wb)


PRINT_SCALE = 0.75  # the least scale a sheet is laid out to print at (goal: 70%)
PAGE_POINTS = {"portrait": 595 - 58, "landscape": 842 - 58}  # A4 less margins
NARROWEST_TEXT = 12.0  # a text column is never squeezed below this


def column_points(width: float) -> float:
    """The printed width of a column ``width`` characters wide (Arial 10: 7 px a
    character and 5 px of padding, at 0.75 pt a pixel)."""
    return (width * 7 + 5) * 0.75


def fit_page_width(ws, owned_only: bool = False) -> None:
    """Narrow the widest text columns until the sheet, one page wide, prints at
    ``PRINT_SCALE`` or more; their text then wraps (``wrap_to_width``). Figures'
    columns keep their width: a figure never wraps."""
    page = PAGES.get(ws.title, DEFAULT_PAGE)
    room = PAGE_POINTS[page.orientation] / PRINT_SCALE
    widths = _visible_widths(ws)
    text = {c for c in _text_columns(ws) if L.owns(ws.title, c) or not owned_only}
    fixed = sum(column_points(w) for c, w in widths.items() if c not in text)
    squeezable = {c: w for c, w in widths.items() if c in text}
    if not squeezable or fixed + sum(map(column_points, squeezable.values())) <= room:
        return
    level = max(squeezable.values())
    while level > NARROWEST_TEXT:
        shown = sum(column_points(min(w, level)) for w in squeezable.values())
        if fixed + shown <= room:
            break
        level -= 0.5
    for col, width in squeezable.items():
        if width > level:
            ws.column_dimensions[get_column_letter(col)].width = round(level, 1)


def _visible_widths(ws) -> dict[int, float]:
    out = {}
    for col in range(1, _last_column(ws) + 1):
        dims = ws.column_dimensions[get_column_letter(col)]
        if not dims.hidden:
            out[col] = dims.width or 8.43
    return out


def _text_columns(ws) -> set[int]:
    """Columns where most filled cells below the first rows hold text."""
    counts: dict[int, list[int]] = {}
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            tally = counts.setdefault(cell.column, [0, 0])
            tally[isinstance(cell.value, str) and not _numeric(cell)] += 1
    return {c for c, (figures, texts) in counts.items() if texts > figures}


def _numeric(cell) -> bool:
    """A formula giving a figure (its number format shows digits)."""
    return str(cell.value).startswith("=") and any(
        ch in (cell.number_format or "") for ch in "0#"
    )


def wrap_to_width(ws) -> None:
    """Every text cell too wide for its column wraps, top-aligned, and its row
    grows to the lines it needs (a clerk's row height stays); a formula's text is
    unknown here: it wraps, and the row is left for the application to fit, but
    for a Head summary line, whose sentence is looked up. The title and note rows
    above a table run on over the empty cells."""
    for row in ws.iter_rows(min_row=3):
        _wrap_row(ws, row)


def fit_head_summary(wb) -> None:
    """The Head summary lines' rows grown to their sentences, on every refresh
    (the sentences are the Narrative's, written after the build's fit)."""
    if L.HEAD in wb.sheetnames:
        ws = wb[L.HEAD]
        for line in L.HEAD_SUMMARY_LINES:
            _wrap_row(ws, ws[line[0]], CJK_ROOM)


def _wrap_row(ws, row, cjk_room: float = 1.0) -> None:
    """One row of ``wrap_to_width``; a CJK text's width taken as ``cjk_room`` of
    its column (the Head summary lines: LibreOffice's CJK runs a little wider)."""
    lines = 1
    for cell in row:
        if not isinstance(cell.value, str) or isinstance(cell, MergedCell):
            continue
        letter = get_column_letter(cell.column)
        if _numeric(cell) or ws.column_dimensions[letter].hidden:
            continue
        width = ws.column_dimensions[letter].width or 8.43
        formula = cell.value.startswith("=")
        text = _summary_text(ws, cell) if formula else cell.value
        if _CJK_RUN.search(text):
            width *= cjk_room
        if not formula and text_width(text) + 1 <= width:
            continue
        _aligned(cell, wrap_text=True, vertical="top")
        bold = BOLD if cell.font is not None and cell.font.b else 1.0
        lines = max(lines, lines_needed(text, (width - 1) / bold) if text else 1)
    dims = ws.row_dimensions[row[0].row]
    if lines > 1 and not clerks_height(dims.height):
        dims.height = max(dims.height or 0, our_height(LINE_POINTS * lines + 2))
        _top(row)  # a figure beside its title's first line, not the last


def _top(row) -> None:
    """Every cell of a grown row at the top (an empty one too: a refresh fills
    its formula later): a figure at the bottom sat beside the next column's
    wrapped text and read as one ("245.4 17: ...")."""
    for cell in row:
        if isinstance(cell, MergedCell):
            continue
        if cell.alignment is None or cell.alignment.vertical != "top":
            _aligned(cell, vertical="top")


INPUT_SHEETS = (L.HEAD, L.PROGRAMMES, L.SUBHEADS, L.BREAKDOWN, L.ESTABLISHMENT)
CJK_ROOM = 0.9
_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _summary_text(ws, cell) -> str:
    """The sentence a Head summary line shows (a lookup of the Narrative row
    of its key: ``layout.HEAD_SUMMARY_LINES``), "" for any other formula."""
    if ws.title != L.HEAD or cell.column != L.HEAD_SUMMARY_COLUMNS[2]:
        return ""
    line = next((x for x in L.HEAD_SUMMARY_LINES if x[0] == cell.row), None)
    if line is None or L.NARRATIVE not in ws.parent.sheetnames:
        return ""
    narrative = ws.parent[L.NARRATIVE]
    for row in range(L.NARRATIVE_FIRST_ROW, narrative.max_row + 1):
        if narrative.cell(row, L.NARRATIVE_KEY_COLUMN).value == line[3]:
            return str(narrative.cell(row, line[4]).value or "")
    return ""


def fit_input_sheets(wb) -> None:
    """The input sheets one page wide at ``PRINT_SCALE`` or more, long text
    wrapped (at build: a clerk's later layout is the clerk's)."""
    for name in INPUT_SHEETS:
        if name in wb.sheetnames:
            fit_page_width(wb[name])
            wrap_to_width(wb[name])


def _wrap_labels(ws, rows: list[int], before: int) -> None:
    """A label in column A longer than the room before its figure (column
    ``before``) wraps in column A and its row grows: it is not cut."""
    from copy import copy

    room = _width(ws, 1, before - 1)
    for row in rows:
        cell = ws.cell(row, 1)
        text = shown_text(cell.value)
        if text_width(text) + 1.5 <= room:
            continue
        alignment = copy(cell.alignment)
        alignment.wrap_text, alignment.vertical = True, "bottom"  # by its figure
        cell.alignment = alignment
        lines = lines_needed(text, _width(ws, 1, 1) / BOLD)
        ws.row_dimensions[row].height = round(LINE_POINTS * lines + 2, 1)


def _wanted(cap: float, content: float) -> float:
    """The width a cell's text asks of its column: all of it up to the cap; text
    just over the cap widens the column rather than wrap a stub line (a lone 。
    or ")" or one short word under the rest)."""
    return content if content <= cap * STUB else cap


def _unmerge_own_spans(ws) -> None:
    """The last layout's spans go (they are merged again to fit); a merge that
    reaches a column Refresh does not own is a clerk's and stays."""
    for rng in list(ws.merged_cells.ranges):
        columns = range(rng.min_col, rng.max_col + 1)
        if all(L.owns(ws.title, col) for col in columns):
            ws.unmerge_cells(str(rng))


def _styles_seen(ws) -> dict:
    """For a sheet laid out before: its spans were merged, its headers filled."""
    seen = {(m.min_row, m.min_col): "note" for m in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        for cell in row:
            if looks_like(cell, "note") and (cell.row, cell.column) not in seen:
                seen[(cell.row, cell.column)] = "note"
            solid = cell.fill is not None and cell.fill.fill_type == "solid"
            if solid and cell.value is not None and (cell.row, cell.column) not in seen:
                seen[(cell.row, cell.column)] = "header"
    return seen


def _width(ws, first: int, last: int) -> float:
    return sum(
        ws.column_dimensions[get_column_letter(c)].width or 8.43
        for c in range(first, last + 1)
        if not ws.column_dimensions[get_column_letter(c)].hidden
    )


def _wrap_and_grow(
    ws, spanning: frozenset, last: int, narrow: frozenset, over_hidden: bool
) -> None:

    seen = _Seen(ws)
    for row in ws.iter_rows():
        lines = 1
        points = LINE_POINTS
        for cell in row:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            if not L.owns(ws.title, cell.column):
                continue  # a clerk's cell keeps its own look
            if seen.hidden(cell.column):
                continue
            text = seen.text(cell)
            end = cell.column
            if (cell.row, cell.column) in spanning and not _merged_at(ws, cell):
                end = _span_end(ws, cell.row, cell.column, last, over_hidden)
                if end > cell.column:
                    ws.merge_cells(
                        start_row=cell.row,
                        start_column=cell.column,
                        end_row=cell.row,
                        end_column=end,
                    )
            size, bold = seen.font(cell)
            width = seen.width(cell.column, end) * 10 / size  # in body characters
            long = text_width(text) + 1 > width or "\n" in text
            if long or (cell.row, cell.column) in narrow:
                _aligned(cell, wrap_text=True, vertical="top")
            if cell.alignment is not None and cell.alignment.wrap_text:
                lines = max(lines, lines_needed(text, width / bold))
            points = max(points, LINE_POINTS * size / 10)
        dims = ws.row_dimensions[row[0].row]
        if clerks_height(dims.height):
            continue  # a height the clerk chose stays
        if lines > 1 or points > LINE_POINTS:
            dims.height = our_height(points * lines + 2)
            _align_top(ws.title, row)
        else:
            dims.height = None  # one line: the default height (a refit shrinks too)


class _Seen:
    """What ``_wrap_and_grow`` measures, kept for the sheet while it runs (the
    columns' widths and the book's values do not change there; a sheet repeats a
    few dozen fonts and the same formulas over thousands of cells)."""

    def __init__(self, ws):
        self.ws = ws
        self._hidden: dict[int, bool] = {}
        self._widths: dict[tuple[int, int], float] = {}
        self._texts: dict[tuple, str] = {}
        self._fonts: dict[int, tuple[float, float]] = {}

    def hidden(self, col: int) -> bool:
        if col not in self._hidden:
            dims = self.ws.column_dimensions[get_column_letter(col)]
            self._hidden[col] = bool(dims.hidden)
        return self._hidden[col]

    def width(self, first: int, last: int) -> float:
        if (first, last) not in self._widths:
            self._widths[first, last] = _width(self.ws, first, last)
        return self._widths[first, last]

    def text(self, cell) -> str:
        key = (type(cell.value), cell.value, cell.number_format or "")
        if key not in self._texts:
            self._texts[key] = shown_text(key[1], key[2], self.ws.parent)
        return self._texts[key]

    def font(self, cell) -> tuple[float, float]:
        """The cell's font size, and the width factor of its weight."""
        key = cell._style.fontId
        if key not in self._fonts:
            font = cell.font
            size = font.sz if font is not None and font.sz else 10
            self._fonts[key] = (size, BOLD if font is not None and font.b else 1.0)
        return self._fonts[key]


def our_height(points: float) -> float:
    """A row height this layout sets: at least ``points``, ending in .1 pt, which
    no height a clerk drags in Excel has (a whole number of pixels: 0.75 pt at 96
    dpi, 0.6 at 120, 0.5 at 144), so that a refit tells ours from the clerk's."""
    return round(math.ceil(points - 0.1 - 1e-9) + 0.1, 1)


_OLD_HEIGHTS = frozenset(
    round(LINE_POINTS * size / 10 * lines + 2, 1)
    for size in (10, 11, 13)
    for lines in range(1, 41)
) | {32.0}
"""The heights an earlier layout set (no .1 mark), and the header rows' 32 pt
that writing a header sets (``io.write_cell``): still ours."""


def clerks_height(height: float | None) -> bool:
    """Whether a row's height is the clerk's own, not one this layout set. A
    one-line height (Excel's standard row, which desktop Excel reports for a row
    nobody sized) is nobody's choice."""
    if height is None or height <= LINE_POINTS + 2:
        return False
    tenths = height * 10
    ours = abs(tenths - round(tenths)) < 1e-6 and round(tenths) % 10 == 1
    return not ours and round(height, 1) not in _OLD_HEIGHTS


def _merged_at(ws, cell) -> bool:
    """A span starts here already (a clerk's merge kept over Refresh's cell)."""
    row, col = cell.row, cell.column  # compared as numbers: no coordinate parsed
    return any(
        r.min_row <= row <= r.max_row and r.min_col <= col <= r.max_col
        for r in ws.merged_cells.ranges
    )


def _align_top(sheet: str, row) -> None:
    """In a row taller than a line, every cell Refresh owns starts at the top,
    beside its text."""
    for cell in row:
        if cell.value is None or isinstance(cell, MergedCell):
            continue
        if not L.owns(sheet, cell.column):
            continue
        if cell.alignment is None or cell.alignment.vertical != "top":
            _aligned(cell, vertical="top")


def _aligned(cell, **changes) -> None:
    """The cell's alignment with ``changes``: each (alignment before, changes)
    worked out once per book (a sheet sets the same few over thousands of cells;
    what the book stores is the same)."""
    book = cell.parent.parent
    done = book.__dict__.setdefault("_estimates_aligned", {})
    key = (cell._style.alignmentId, *sorted(changes.items()))
    if key not in done:
        alignment = copy(cell.alignment)
        for name, value in changes.items():
            setattr(alignment, name, value)
        done[key] = book._alignments.add(alignment)
    cell._style.alignmentId = done[key]


def _span_end(ws, row: int, col: int, last: int, over_hidden: bool) -> int:
    """The last column a spanning cell may take: up to the next filled cell (a
    hidden one too, unless ``over_hidden``: a print copy with a language hidden),
    never into a column Refresh does not own or over another span."""
    end = col
    while end < last and L.owns(ws.title, end + 1):
        if _merged_at(ws, ws.cell(row, end + 1)):
            break
        hidden = ws.column_dimensions[get_column_letter(end + 1)].hidden
        if ws.cell(row, end + 1).value is not None and not (hidden and over_hidden):
            break
        end += 1
    return end


def setup_page(ws, head: str = "", year: str = "", title_rows: str = "") -> None:
    """A4, the sheet's orientation, one page wide, margins, header and footer."""
    page = PAGES.get(ws.title, DEFAULT_PAGE)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = page.orientation
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(
        left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3
    )
    ws.print_options.horizontalCentered = True
    if page.blocks:
        keep_blocks_whole(ws)  # after the margins: they set the page's height
    elif title_rows:
        ws.print_title_rows = title_rows
    elif not page.repeat_header:
        ws._print_rows = None  # a layout of before may have set some
    _head_lines(ws, head, year)
    said = FURNITURE[SHEET_LANGUAGE.get(ws.title, "")]
    ws.oddFooter.left.text = said.footer
    ws.oddFooter.right.text = said.page
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8


@dataclass(frozen=True)
class Furniture:
    """What a sheet's page header and footer say, in the sheet's language."""

    head: str  # the Head, "{head}" its number
    year: str  # the Estimates' year, "{year}"
    page: str  # the page number (Excel's codes: &P this page, &N pages)
    footer: str = ""  # the footer's left: "&A" names the sheet


FURNITURE = {
    "": Furniture(
        "Head {head} 總目 {head}",
        "Estimates {year} 預算",
        "Page &P of &N 第 &P 頁,共 &N 頁",
        "&A",
    ),
    "en": Furniture("Head {head}", "Estimates {year}", "Page &P of &N"),
    "zh": Furniture("總目 {head}", "{year} 年度預算", "第 &P 頁,共 &N 頁"),
}
"""Bilingual on every sheet, but the one-language COR sheets (``printed``): a
clerk prints one language there, so the furniture is in that language only and
names no sheet."""
SHEET_LANGUAGE = {sheet: lang for lang, sheet in ONE_LANGUAGE.items()}


def _head_lines(ws, head: str, year: str) -> None:
    """The page header's Head and Estimate year (they follow a new year)."""
    said = FURNITURE[SHEET_LANGUAGE.get(ws.title, "")]
    ws.oddHeader.left.text = said.head.format(head=head) if head else ""
    ws.oddHeader.right.text = said.year.format(year=year) if year else ""
    for part in (ws.oddHeader.left, ws.oddHeader.right):
        part.size = 8


def one_language_pages(ws, lang: str) -> None:
    """A sheet printed in one language (``estimates pdf --lang``): portrait like
    the COR pages, its header and footer in that language, naming no sheet."""
    head, year = _head_and_year(ws.parent)
    ws.page_setup.orientation = "portrait"
    said = FURNITURE[lang]
    ws.oddHeader.left.text = said.head.format(head=head) if head else ""
    ws.oddHeader.right.text = said.year.format(year=year) if year else ""
    ws.oddFooter.left.text = said.footer
    ws.oddFooter.right.text = said.page


def one_language(text: str, lang: str) -> str:
    """A bilingual label's half in ``lang``: "Programme (1) 綱領(1)" is
    "Programme (1)" or "綱領(1)"; "說明 Narrative" "Narrative" or "說明"."""
    words = text.split(" ")
    cjk = [any("\u4e00" <= ch <= "\u9fff" for ch in w) for w in words]
    if all(cjk) or not any(cjk):
        return text
    cut = cjk.index(not cjk[0])  # where the second language starts
    first, second = " ".join(words[:cut]), " ".join(words[cut:])
    return first if (lang == "zh") == cjk[0] else second


def retitle_pages(wb) -> None:
    """Keep the Head and year in the headers of the template's own sheets that
    carry them; paper, margins and print titles stay as the clerk left them."""
    head, year = _head_and_year(wb)
    ours = {name for name, _ in L.SHEETS}
    for ws in wb.worksheets:
        if ws.title in ours and ws.oddHeader.right.text:
            _head_lines(ws, head, year)


def _head_and_year(wb) -> tuple[str, str]:
    cells = {f.name: f for f in L.HEAD_INPUTS}
    values = []
    for name in ("HeadNo", "EstimateYear"):
        fixed = cells.get(name)
        value = (
            wb[fixed.sheet][fixed.cell].value
            if fixed and fixed.sheet in wb.sheetnames
            else None
        )
        values.append("" if value is None else str(value))
    return values[0], values[1]


def _title_rows(ws) -> str:
    """The first header row, repeated on every printed page (print titles)."""
    if not PAGES.get(ws.title, DEFAULT_PAGE).repeat_header:
        return ""
    for row in ws.iter_rows(max_row=min(ws.max_row, 40)):
        for cell in row:
            if cell.value and is_header_fill(cell.fill):  # not a total band
                return f"{cell.row}:{cell.row}"
    return ""


def styles_of(writes) -> dict:
    """The named style of every (row, col) a plan writes."""
    return {(w.row, w.col): w.style for w in writes}


def lay_out(wb, regenerated: dict | None = None, refit: bool = False) -> None:
    """Fit the regenerated sheets to their content (all of them with ``refit``).

    Page setup is not touched here: a clerk's paper, margins and print titles
    are the clerk's (``set_up_pages`` runs when a book is built or printed)."""
    for sheet, writes in (regenerated or {}).items():
        if sheet in REGENERATED and sheet in wb.sheetnames:
            fit_sheet(wb[sheet], styles_of(writes))
    if refit:
        for sheet in REGENERATED:
            if sheet in wb.sheetnames and sheet not in (regenerated or {}):
                fit_sheet(wb[sheet], over_hidden=True)
    fit_chart_labels(wb)
    fit_head_summary(wb)


def fit_chart_labels(wb) -> None:
    """The Charts data block's programme labels ("(1) 局長辦公室") wrap in their
    column, each row as tall as its label: a long title ran under the Estimate
    beside it and was cut there."""
    if L.CHARTS not in wb.sheetnames:
        return
    from .charts import programme_count  # charts -> styles: no cycle

    ws = wb[L.CHARTS]
    width = ws.column_dimensions["A"].width or 8.43  # Excel's default width
    others = FIRST + SLOTS - 1 if programme_count(wb) > SLOTS else None
    for row in range(FIRST, FIRST + SLOTS):
        cell = ws.cell(row, 1)
        shown = OTHERS if row == others else shown_text(cell.value, "", wb)
        lines = lines_needed(shown, width)
        if lines > 1 or cell.alignment.wrap_text:
            for col in (1, *FIGURE_COLUMNS):  # a figure beside its label's top
                alignment = copy(ws.cell(row, col).alignment)
                alignment.vertical = "top"
                alignment.wrap_text = True if col == 1 else alignment.wrap_text
                ws.cell(row, col).alignment = alignment
            height = round(LINE_POINTS * lines + 2, 1) if lines > 1 else None
            ws.row_dimensions[row].height = height


FIGURE_COLUMNS = (2, 4, 5)
"""The Charts data block's columns beside a programme's label: its Estimate,
short label and posts, set at the top of a tall row as the label is (trial 11d
item 15: the "Others" row's 174.3 sat 58 pt below its label, a row apart)."""


@dataclass(frozen=True)
class Fit:
    """A rebuilt sheet's layout for a host that has no openpyxl sheet to fit
    (xlwings): the widths of the columns Refresh owns (characters), the cells
    that wrap, and the rows that grow (points). Spans are not merged there, so a
    spanning title or note does not wrap; it runs on over the empty cells."""

    widths: dict[int, float]
    wrapped: tuple[tuple[int, int], ...]
    heights: dict[int, float]
    breaks: tuple[int, ...] = ()  # rows a new page starts at (``breaks``)
    title_rows: str = ""  # the rows repeated on each page, "25:25"


def fit_of(sheet: str, writes) -> Fit:
    """The layout ``fit_sheet`` gives a sheet holding ``writes`` and nothing else."""
    from openpyxl import Workbook

    from .styles import apply_look

    ws = Workbook().active
    ws.title = sheet
    for w in writes:
        cell = ws.cell(w.row, w.col)
        cell.value = None if w.value is None else w.value
        apply_look(cell, w.style)
    for col in L.HIDDEN_COLUMNS.get(sheet, ()):
        ws.column_dimensions[get_column_letter(col)].hidden = True
    fit_sheet(ws, styles_of(writes))
    merged = {(m.min_row, m.min_col) for m in ws.merged_cells.ranges}
    wrapped = tuple(
        (c.row, c.column)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
        and not isinstance(c, MergedCell)
        and (c.row, c.column) not in merged
        and c.alignment.wrap_text
    )
    rows = {r for r, _ in wrapped}
    return Fit(
        {
            col: dims.width
            for letter, dims in ws.column_dimensions.items()
            if dims.width
            and not dims.hidden
            and L.owns(sheet, col := column_index_from_string(letter))
        },
        wrapped,
        {r: d.height for r, d in ws.row_dimensions.items() if d.height and r in rows},
        tuple(b.id + 1 for b in ws.row_breaks.brk),
        ws.print_title_rows or "",
    )


def set_up_pages(wb, sheets: Iterable[str] | None = None) -> None:
    """A4 page setup, print titles, header and footer on the template's own
    visible sheets (or on ``sheets``), never on a sheet the clerk added."""
    head, year = _head_and_year(wb)
    ours = {name for name, _ in L.SHEETS} if sheets is None else set(sheets)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible" and ws.title in ours:
            setup_page(ws, head, year, _title_rows(ws))


LANGUAGE_COLUMNS = {
    L.REPORT: {"zh": 2, "en": 3},
    L.NARRATIVE: {"en": 2, "zh": 3},
}
"""Which column holds each language's text, for a one-language print."""
