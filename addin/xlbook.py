"""The xlwings adapter: read an open book into a Snapshot, apply a Plan in bulk.

The same code serves desktop Excel (COM; formulas, fills and notes can be read)
and xlwings' remote engine (values only: a computed cell shows its value, and
its formula cannot be seen). Whole sheets are read in one call each; writes are
gathered into rectangular blocks, one call per block; each flagged cell costs a
fill and a note.
"""

from __future__ import annotations

from collections import defaultdict

from openpyxl.utils.cell import coordinate_to_tuple

from workbook import layout as L
from workbook.plan import FLAG_COLUMNS, Plan, Write
from workbook.snapshot import ERROR_VALUES, CellError, Formula, Snapshot

FORMULA_LIKE = ("=", "+", "-", "@")


def _formulas(rng) -> list | None:
    """The range's formulas as rows, on engines that can read them (desktop)."""
    try:
        formulas = rng.formula
    except Exception:
        return None
    if isinstance(formulas, str):
        return [[formulas]]
    if formulas and isinstance(formulas[0], str):
        return [list(formulas)] if rng.shape[0] == 1 else [[f] for f in formulas]
    return [list(row) for row in formulas or []]


def snapshot_of(book) -> Snapshot:
    """Read every sheet's used range in one call (two on desktop: values, formulas)."""
    snap = Snapshot(source=book.name)
    known = True
    for sheet in book.sheets:
        rng = sheet.used_range
        values = rng.options(ndim=2).value or []
        formulas = _formulas(rng)
        if formulas is None:
            known = False
        top, left = rng.row, rng.column
        cells: dict[tuple[int, int], object] = {}
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                formula = formulas[i][j] if formulas else None
                if isinstance(formula, str) and formula.startswith("="):
                    cells[(top + i, left + j)] = Formula(formula)
                elif value is None or value == "":
                    continue
                elif isinstance(value, str) and value in ERROR_VALUES:
                    cells[(top + i, left + j)] = CellError(value)
                else:
                    cells[(top + i, left + j)] = value
        snap.sheets[sheet.name] = cells
        for table in sheet.tables:
            snap.tables[table.name] = (sheet.name, table.range.address.replace("$", ""))
    for name in book.names:
        refers = str(name.refers_to).lstrip("=")
        snap.names[name.name] = refers
    snap.formulas_known = known
    return snap


def _cell_value(value: object) -> object:
    """What to send for a cell: a formula as is; text that looks like one as text."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str) and value.startswith(FORMULA_LIKE):
        return "'" + value  # an apostrophe makes Excel keep it as text
    return value


def blocks(writes: list[Write]) -> list[tuple[str, int, int, list[list[object]]]]:
    """Group single-cell writes into rectangles: runs along a row, then stacked
    rows with the same span. Gaps inside a rectangle are never filled in."""
    by_sheet: dict[str, dict[tuple[int, int], object]] = defaultdict(dict)
    for w in writes:
        by_sheet[w.sheet][(w.row, w.col)] = _cell_value(w.value)
    out = []
    for sheet, cells in by_sheet.items():
        runs = []
        for row in sorted({r for r, _ in cells}):
            cols = sorted(c for r, c in cells if r == row)
            start = prev = cols[0]
            for col in [*cols[1:], None]:
                if col is not None and col == prev + 1:
                    prev = col
                    continue
                runs.append((row, start, prev))
                if col is not None:
                    start = prev = col
        merged: list[list] = []
        for row, c0, c1 in runs:
            last = merged[-1] if merged else None
            if last and last[1] == c0 and last[2] == c1 and last[3] == row - 1:
                last[3] = row
            else:
                merged.append([row, c0, c1, row])
        for r0, c0, c1, r1 in merged:
            values = [
                [cells[(r, c)] for c in range(c0, c1 + 1)] for r in range(r0, r1 + 1)
            ]
            out.append((sheet, r0, c0, values))
    return out


def _sheet_block(writes: list[Write]) -> list[list[object]]:
    """A whole regenerated sheet as one rectangle from A1."""
    rows = max((w.row for w in writes), default=1)
    cols = max((w.col for w in writes), default=1)
    grid: list[list[object]] = [[None] * cols for _ in range(rows)]
    for w in writes:
        grid[w.row - 1][w.col - 1] = _cell_value(w.value)
    return grid


def _hex(argb: str) -> str | None:
    return f"#{argb[-6:]}" if argb else None


def _note_text(rng) -> str:
    try:
        note = rng.note
        return note.text if note is not None else ""
    except NotImplementedError:
        return ""  # the remote engine says which cells have notes, not their text


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
        if rng.note is not None:
            if u.prior_note:
                rng.note.text = u.prior_note
            else:
                rng.note.delete()
        elif u.prior_note:
            rng.add_note(u.prior_note)
    for sheet, row, col, values in blocks(plan.writes):
        _sheet(book, sheet).range((row, col)).value = values
    for sheet, row, col in plan.clears:
        book.sheets[sheet].range((row, col)).clear_contents()
    for sheet, writes in plan.regenerate.items():
        ws = _sheet(book, sheet)
        ws.clear_contents()
        ws.range("A1").value = _sheet_block(writes)
    for name, ref in plan.tables.items():
        for sheet in book.sheets:
            for table in sheet.tables:
                if table.name == name:
                    table.resize(sheet.range(ref))
    for name, ref in plan.names.items():
        book.names.add(name, f"={ref}")
    records = []
    for mark in plan.flags:
        rng = book.sheets[mark.sheet].range(mark.cell)
        key = (mark.sheet, mark.cell)
        if key in old_records:
            old = old_records[key]
            prior = (old.prior_fill, old.prior_note, old.prior_author)
        else:
            prior = (_fill(rng), _note_text(rng), "")
        records.append((mark.sheet, mark.cell, *prior))
        rng.color = _hex(L.FILLS[mark.severity])
        text = f"{prior[1]}\n\n{mark.note}" if prior[1] else mark.note
        if rng.note is not None:
            rng.note.text = text
        else:
            rng.add_note(text)
    grid = [list(FLAG_COLUMNS)] + [[v or None for v in r] for r in records]
    flags = _sheet(book, L.FLAGS)
    flags.clear_contents()
    flags.range("A1").value = grid


def position(cell: str) -> tuple[int, int]:
    return coordinate_to_tuple(cell)
