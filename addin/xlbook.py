"""The xlwings adapter: read an open book into a Snapshot, apply a Plan in bulk.

The same code serves desktop Excel (COM; formulas, fills and notes can be read)
and xlwings' remote engine (values only: a computed cell shows its value, and
its formula cannot be seen). Whole sheets are read in one call each; writes are
gathered into rectangular blocks, one call per block; each flagged cell costs a
fill and a note.
"""

from __future__ import annotations

from collections import defaultdict

from openpyxl.utils.cell import get_column_letter as _letter

from workbook import layout as L
from workbook.snapshot import ERROR_VALUES, CellError, Formula, Snapshot, table_bounds
from workbook.styles import look
from workbook.writes import FLAG_COLUMNS, NOTE_KEPT, ChartSeries, Plan, Write

from .xlfit import refit

FORMULA_LIKE = ("=", "+", "-", "@")
PRINTED = (L.REPORT, L.REPORT_ZH, L.REPORT_EN)  # sheets laid out like the COR


def _formulas(rng) -> list | None:
    """The range's formulas as rows, on engines that can read them (desktop)."""
    try:
        formulas = rng.formula
    except NotImplementedError:
        return None  # the remote engine: values only (Snapshot.formulas_known)
    if isinstance(formulas, str):
        return [[formulas]]
    if formulas and isinstance(formulas[0], str):
        return [list(formulas)] if rng.shape[0] == 1 else [[f] for f in formulas]
    return [list(row) for row in formulas or []]


def _shapes(sheet, rng, snap: Snapshot) -> None:
    """Protection, merged ranges and hidden columns of a sheet, where the engine
    can read them (desktop Excel, through its object model); False where not."""
    try:
        api = sheet.api
        protected = bool(api.ProtectContents)
    except (AttributeError, NotImplementedError, TypeError):
        snap.shapes_known = False
        return
    if protected:
        snap.protected.add(sheet.name)
    merged, hidden = [], set()
    top, left = rng.row, rng.column
    for j in range(rng.shape[1]):
        if api.Columns(left + j).Hidden:
            hidden.add(left + j)
    if rng.api.MergeCells is not False:  # True, or None where some cells are
        for i in range(rng.shape[0]):
            for j in range(rng.shape[1]):
                cell = api.Cells(top + i, left + j)
                if (
                    cell.MergeCells
                    and cell.MergeArea.Cells(1, 1).Address == cell.Address
                ):
                    merged.append(cell.MergeArea.Address.replace("$", ""))
    snap.merged[sheet.name] = merged
    snap.hidden[sheet.name] = hidden


def _shown(value: object) -> object:
    """What a formula shows on desktop Excel, kept with it as a file stores it
    (``Formula.cached``): Import leaves a clerk's formula showing the file's
    figure, as on the file host."""
    if isinstance(value, str) and value in ERROR_VALUES:
        return CellError(value)
    return "" if value is None else value


def snapshot_of(book) -> Snapshot:
    """Read every sheet's used range in one call (two on desktop: values, formulas)."""
    snap = Snapshot(source=book.name)
    known = True
    for sheet in book.sheets:
        rng = sheet.used_range
        values = rng.options(ndim=2, err_to_str=True).value or []  # #N/A, not None
        formulas = _formulas(rng)
        if formulas is None:
            known = False
        top, left = rng.row, rng.column
        cells: dict[tuple[int, int], object] = {}
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                formula = formulas[i][j] if formulas else None
                if isinstance(formula, str) and formula.startswith("="):
                    cells[(top + i, left + j)] = Formula(formula, _shown(value))
                elif value is None or value == "":
                    continue
                elif isinstance(value, str) and value in ERROR_VALUES:
                    cells[(top + i, left + j)] = CellError(value)
                else:
                    cells[(top + i, left + j)] = value
        snap.sheets[sheet.name] = cells
        _shapes(sheet, rng, snap)
        for table in sheet.tables:
            snap.tables[table.name] = (sheet.name, table.range.address.replace("$", ""))
    for name in book.names:
        refers = str(name.refers_to).lstrip("=")
        snap.names[name.name] = refers
    if L.CHARTS in snap.sheets:
        snap.charts = len(book.sheets[L.CHARTS].charts)
    snap.formulas_known = known
    return snap


def _cell_value(value: object) -> object:
    """What to send for a cell: a formula as is; text that looks like one as text."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str) and value.startswith((*FORMULA_LIKE, "'")):
        # an apostrophe makes Excel keep it as text (and is not part of it: text
        # that starts with one needs a second)
        return "'" + value
    return value


def blocks(writes: list[Write]) -> list[tuple[str, int, int, list[list[object]]]]:
    """Group single-cell writes into rectangles: runs along a row, then stacked
    rows with the same span (a hidden record column beside a list stacks apart
    from it). Gaps inside a rectangle are never filled in."""
    by_sheet: dict[str, dict[tuple[int, int], object]] = defaultdict(dict)
    for w in writes:
        by_sheet[w.sheet][(w.row, w.col)] = _cell_value(w.value)
    out = []
    for sheet, cells in by_sheet.items():
        by_row: dict[int, list[int]] = defaultdict(list)
        for r, c in cells:
            by_row[r].append(c)
        runs = []
        for row in sorted(by_row):
            cols = sorted(by_row[row])
            start = prev = cols[0]
            for col in [*cols[1:], None]:
                if col is not None and col == prev + 1:
                    prev = col
                    continue
                runs.append((row, start, prev))
                if col is not None:
                    start = prev = col
        merged: list[list] = []
        stacks: dict[tuple[int, int], list] = {}  # span -> its rectangle so far
        for row, c0, c1 in runs:
            rect = stacks.get((c0, c1))
            if rect is not None and rect[3] == row - 1:
                rect[3] = row  # the row below, same span: one rectangle
            else:
                stacks[(c0, c1)] = rect = [row, c0, c1, row]
                merged.append(rect)
        for r0, c0, c1, r1 in merged:
            values = [
                [cells[(r, c)] for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)
            ]
            out.append((sheet, r0, c0, values))
    return out


def number_formats(writes: list[Write]) -> list[tuple[str, str, str]]:
    """(sheet, range, format) for every write on the printed sheets, where rows
    move and a cell may hold another row's format: the footnote marks, % and "or"
    lines show on the remote engine too, which writes values only, and a heading
    that moved onto a number row's cells is "General" again. A range a run along
    a row. (An input sheet's new rows take their table's formats in Excel.)"""
    runs: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for w in writes:
        if w.sheet in PRINTED:
            code = look(w.style).get("number_format") if w.style else None
            runs[(w.sheet, w.row, code or "General")].append(w.col)
    out = []
    for (sheet, row, code), cols in runs.items():
        cols.sort()
        start = prev = cols[0]
        for col in [*cols[1:], None]:
            if col is not None and col == prev + 1:
                prev = col
                continue
            out.append((sheet, f"{_letter(start)}{row}:{_letter(prev)}{row}", code))
            if col is not None:
                start = prev = col
    return out


def _unmerge_owned(book, sheet: str, snap: Snapshot) -> None:
    """A rebuilt sheet's owned columns unmerged, in one call, before its rows
    are written (rows move; Excel refuses to write part of a merged range)."""
    owned = L.owned_columns(sheet)
    rows = max(snap.max_row(sheet), 1)
    if owned is None or sheet not in snap.sheets:
        return
    if snap.shapes_known and not any(
        table_bounds(m)[0] in owned for m in snap.merged.get(sheet, [])
    ):
        return
    book.sheets[sheet].range((1, min(owned)), (rows, max(owned))).unmerge()


def _hex(argb: str) -> str | None:
    return f"#{argb[-6:]}" if argb else None


def _note_text(rng) -> str | None:
    """A cell's note text, "" for none; None where the cell has a note this host
    cannot read (the remote engine says which cells have notes, not their text)."""
    try:
        note = rng.note
        return note.text if note is not None else ""
    except NotImplementedError:
        return None


def _fill(rng) -> str:
    try:
        colour = rng.color
    except NotImplementedError:
        return ""
    if colour is None:
        return ""
    if isinstance(colour, tuple):
        return "FF" + "".join(f"{c:02X}" for c in colour)
    return str(colour).lstrip("#").upper()


def _sheet(book, name: str):
    """A sheet of the book, added (and hidden if it is one of ours) when missing."""
    if name in [s.name for s in book.sheets]:
        return book.sheets[name]
    sheet = book.sheets.add(name, after=book.sheets[-1])
    if name in L.HIDDEN_SHEETS:
        sheet.visible = False
    return sheet


def apply_plan(book, plan: Plan, snap: Snapshot) -> None:
    """Make the plan's changes in an xlwings book."""
    flagged_now = {(m.sheet, m.cell) for m in plan.flags}
    old_records = {(u.sheet, u.cell): u for u in plan.unflags}
    for u in plan.unflags:
        if (u.sheet, u.cell) in flagged_now or u.sheet not in snap.sheets:
            continue  # flagged again below: its fill and note are replaced there
        rng = book.sheets[u.sheet].range(u.cell)
        rng.color = _hex(u.prior_fill)
        if u.prior_note == NOTE_KEPT:
            continue  # a note the flag left alone: the clerk's
        if rng.note is not None:
            if u.prior_note:
                rng.note.text = u.prior_note
            else:
                rng.note.delete()
        elif u.prior_note:
            rng.add_note(u.prior_note)
    for sheet in plan.sheets:
        _sheet(book, sheet)
    for sheet in plan.regenerated:
        _unmerge_owned(book, sheet, snap)
    cleared = [Write(s, r, c, None) for s, r, c in plan.clears]
    for sheet, row, col, values in blocks(cleared + plan.writes):
        _sheet(book, sheet).range((row, col)).value = values
    for sheet, address, code in number_formats(plan.writes):
        _sheet(book, sheet).range(address).number_format = code
    refit(book, plan, snap)  # cor: widths, wrapping, heights (desktop Excel)
    for name, ref in plan.tables.items():
        for sheet in book.sheets:
            for table in sheet.tables:
                if table.name == name:
                    table.resize(sheet.range(ref))
    existing = {n.name for n in book.names}
    for name, ref in plan.names.items():
        if name in existing:
            book.names[name].refers_to = f"={ref}"  # never add a name twice
        else:
            book.names.add(name, f"={ref}")
    _set_series(book, plan.charts)
    records = [_flag(book, mark, old_records) for mark in plan.flags]
    grid = [list(FLAG_COLUMNS)] + [[v or None for v in r] for r in records]
    old_rows = snap.max_row(L.FLAGS)
    grid += [[None] * len(FLAG_COLUMNS)] * max(0, old_rows - len(grid))
    _sheet(book, L.FLAGS).range("A1").value = grid  # old rows below blanked


def _flag(book, mark, old_records: dict) -> tuple:
    """Fill a cell and give it the flag's note; its record (what it had before).
    A note this host cannot read (the remote engine) is the clerk's: it stays,
    and the finding is on the fill and the Checks sheet."""
    rng = book.sheets[mark.sheet].range(mark.cell)
    key = (mark.sheet, mark.cell)
    if key in old_records:
        old = old_records[key]
        prior = (old.prior_fill, old.prior_note, old.prior_author)
    else:
        note = _note_text(rng)
        prior = (_fill(rng), NOTE_KEPT if note is None else note, "")
    rng.color = _hex(L.FILLS[mark.severity])
    if prior[1] == NOTE_KEPT:
        return (mark.sheet, mark.cell, *prior)
    text = f"{prior[1]}\n\n{mark.note}" if prior[1] else mark.note
    if rng.note is not None:
        rng.note.text = text
    else:
        rng.add_note(text)
    return (mark.sheet, mark.cell, *prior)


def _set_series(book, series: list[ChartSeries]) -> None:
    """Each programme chart's series set to its values, labelled by its
    categories: xlwings' own chart calls, which desktop Excel (COM SetSourceData,
    XValues) and the remote engine (Office.js setData, setXAxisValues) both make."""
    if not series:
        return
    sheet = book.sheets[L.CHARTS]
    charts = sheet.charts
    for s in series:
        if s.index < len(charts):
            chart = charts[s.index]
            chart.set_source_data(sheet.range(s.values), plot_by="columns")
            chart.set_x_axis_values(sheet.range(s.categories))


class XlwingsHost:
    """The xlwings host: an open book in Excel or on the remote engine
    (``workbook.host.Host``)."""

    def __init__(self, book):
        self.book = book
        self.source = book.name

    def snapshot(self) -> Snapshot:
        return snapshot_of(self.book)

    def apply(self, plan: Plan, snap: Snapshot) -> None:
        apply_plan(self.book, plan, snap)
