"""The generated sheets and figures as they stand in a book, and as this refresh
rebuilds them: the Report and the Narrative from the current layout, every
computed cell's state (its formula, a constant a clerk typed, or a value).

Formulas are always rewritten. A constant a clerk typed over a figure is kept and
judged (C01) against the formula this refresh writes for that figure's key. On a
values-only host, where formulas cannot be seen, the Report's hidden signature
column tells a stale formula's value (rewritten) from a typed constant (kept).
Text a clerk typed in a region Refresh owns (``layout.OWNED_COLUMNS``) that it must
overwrite is flagged (C02); its value goes on the revert record with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from estimates.findings import Finding
from estimates.model import Head, Ref, Shown
from estimates.narrative import narrative_keys
from estimates.rules.shown import value_agrees
from estimates.rules.text import finding, said

from . import chart_data
from . import layout as L
from .changelog import replaced_clerk_cells
from .computed import ComputedCell, ReportRow, input_sheet_cells, report_rows
from .narrative import narrative_rows
from .snapshot import CellError, Formula, Snapshot, address, cell_position
from .writes import Write


@dataclass
class Generated:
    """What a refresh rebuilds, worked out once from a reading and its figures."""

    computed: list[ComputedCell] = field(default_factory=list)
    report: list[ReportRow] = field(default_factory=list)
    report_old: dict[str, int] = field(default_factory=dict)  # row key -> old row
    kept: dict[tuple[int, int], object] = field(default_factory=dict)  # typed
    stable_rows: set[int] = field(default_factory=set)  # same row, same formulas
    rewrite: set[tuple[str, int, int]] = field(default_factory=set)  # values-only
    clerk: set[tuple[str, int, int]] = field(default_factory=set)  # C02 cells
    sheets: dict[str, list[Write]] = field(default_factory=dict)  # owned cells
    clears: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    charts: list[Write] = field(default_factory=list)  # the Charts data blocks


def _blank(raw: object) -> bool:
    return raw is None or raw == ""


def input_cell_state(snap: Snapshot, c: ComputedCell, expected, gen) -> Shown:
    """A computed cell on an input sheet: rewritten unless a constant is typed."""
    raw = snap.value(c.sheet, c.row, c.col)
    ref = Ref(c.sheet, c.cell)
    if _blank(raw) or isinstance(raw, Formula):
        return Shown(c.key, ref, None, True)
    if not snap.formulas_known:
        # values only: a value that agrees is the formula's; one that does not is
        # a stale formula's or a typed one, which cannot be told apart: rewritten
        # (the revert record keeps the value)
        if not value_agrees(c.key, raw, expected):
            gen.rewrite.add((c.sheet, c.row, c.col))
        return Shown(c.key, ref, None, True)
    return Shown(c.key, ref, raw, False)


def computed_cells(snap: Snapshot, head: Head, extents, usable: set[str]) -> list:
    """The input sheets' computed cells Refresh may write (not on a broken table's
    sheet, nor on a protected sheet)."""
    broken = {L.TABLES[n].sheet for n in L.TABLES if n not in usable} - {L.HEAD}
    if "tblPayScale" not in usable:
        broken.add(L.ESTABLISHMENT)
    if "tblSubheads" not in usable:
        broken.add(L.BREAKDOWN)
    return [
        c
        for c in input_sheet_cells(head, extents)
        if c.sheet not in broken and c.sheet not in snap.protected
    ]


def read_generated(snap: Snapshot, reading, expected: dict[str, object]) -> Generated:
    """Every generated figure's state into ``reading.head.shown``; the Report as
    this refresh lays it out, and which typed constants it keeps."""
    head = reading.head
    gen = Generated(computed_cells(snap, head, reading.extents, reading.usable))
    for c in gen.computed:
        if c.key and c.sheet in snap.sheets:
            head.shown[c.key] = input_cell_state(snap, c, expected.get(c.key), gen)
    gen.report = report_rows(head, reading.extents)
    if L.REPORT in snap.sheets:
        _read_report(snap, head, gen, expected)
    head.narrative = clerk_texts(snap, head)
    gen.charts = chart_writes(snap, reading)
    return gen


def chart_writes(snap: Snapshot, reading) -> list[Write]:
    """The Charts data blocks, each slot referencing its programme's own row. A
    values-only host, which cannot see formulas (nor tell a formula showing ""
    from an empty cell), rewrites the whole block (forced) only when a slot's
    label shows another programme than the reader found there."""
    if L.CHARTS not in snap.sheets or "tblProgrammes" not in reading.usable:
        return []
    last = reading.extents["tblProgrammes"].last
    cells = chart_data.slot_cells(chart_data.source_rows(reading.head, last))
    wrong = not snap.formulas_known and any(
        str(snap.value(L.CHARTS, r, c) or "").strip() != label
        for (r, c), label in chart_data.expected_labels(reading.head).items()
    )
    if not snap.formulas_known and not wrong:
        return []
    return [Write(L.CHARTS, c.row, c.col, c.formula, c.style, wrong) for c in cells]


def _old_rows(snap: Snapshot, sheet: str, col: int) -> dict[str, int]:
    return {
        value: row
        for (row, c), value in snap.sheets.get(sheet, {}).items()
        if c == col and isinstance(value, str) and value
    }


def _read_report(snap: Snapshot, head: Head, gen: Generated, expected) -> None:
    gen.report_old = old = _old_rows(snap, L.REPORT, L.REPORT_KEY_COLUMN)
    for r, row in enumerate(gen.report, start=1):
        old_row = old.get(row.key)
        old_sig = (
            snap.value(L.REPORT, old_row, L.REPORT_SIGNATURE_COLUMN)
            if old_row
            else None
        )
        same = bool(row.signature) and old_sig == row.signature
        if same and old_row == r:
            gen.stable_rows.add(r)
        for col, figure in row.figures.items():
            raw = snap.value(L.REPORT, old_row, col) if old_row else None
            ref = Ref(L.REPORT, address(r, col))
            typed = not _blank(raw) and not isinstance(raw, Formula)
            if typed and not snap.formulas_known:
                # a values-only host: only where this row's formulas were these
                # is a value that disagrees known to be typed
                typed = same and not value_agrees(figure, raw, expected.get(figure))
            if typed:
                gen.kept[(r, col)] = raw
                head.shown[figure] = Shown(figure, ref, raw, False)
            else:
                head.shown[figure] = Shown(figure, ref, None, True)


def report_writes(snap: Snapshot, gen: Generated) -> list[Write]:
    """The Report as this refresh lays it out; typed constants kept."""
    out = []
    values_only = not snap.formulas_known
    for r, row in enumerate(gen.report, start=1):
        force = values_only and r not in gen.stable_rows
        out.append(Write(L.REPORT, r, L.REPORT_KEY_COLUMN, row.key, "key"))
        if row.signature:
            out.append(
                Write(L.REPORT, r, L.REPORT_SIGNATURE_COLUMN, row.signature, "key")
            )
        for col, (value, style) in row.cells.items():
            if (r, col) in gen.kept:
                value = gen.kept[(r, col)]
            elif isinstance(value, str) and value.startswith("="):
                value = Formula(value)
            out.append(
                Write(L.REPORT, r, col, value, style, force and col in row.figures)
            )
    return out


def clerk_texts(snap: Snapshot, head: Head) -> dict:
    """The clerk's own Narrative sentences by key, placed where the new layout
    puts each key's row."""
    sheet = snap.sheets.get(L.NARRATIVE, {})
    old = _old_rows(snap, L.NARRATIVE, L.NARRATIVE_KEY_COLUMN)
    texts = {}
    for i, (key, _) in enumerate(narrative_keys(head)):
        text = sheet.get((old[key], L.NARRATIVE_CLERK_COLUMN)) if key in old else None
        if isinstance(text, str) and text.strip():
            row = L.NARRATIVE_FIRST_ROW + i
            texts[key] = (
                text,
                Ref(L.NARRATIVE, address(row, L.NARRATIVE_CLERK_COLUMN)),
            )
    return texts


def owned_changes(
    snap: Snapshot, sheet: str, writes: list[Write], columns: dict[str, set[int]]
) -> tuple[list, list]:
    """(clears, clerk cells) of rebuilding ``sheet``'s owned columns with
    ``writes``. ``columns`` gives, by row key, the columns the rebuilt sheet fills.
    An old cell is ours if an earlier refresh wrote it (a formula, or a column its
    row's key fills): cleared when nothing is written there now. Anything else in
    an owned column is the clerk's: left alone unless a write lands on it, then
    it is a clerk cell (C02; the revert record has it)."""
    owned = L.OWNED_COLUMNS[sheet]
    key_col = L.REPORT_KEY_COLUMN if sheet == L.REPORT else L.NARRATIVE_KEY_COLUMN
    old_keys = {row: k for k, row in _old_rows(snap, sheet, key_col).items()}
    written = {(w.row, w.col): w.value for w in writes}
    clears, clerk = [], []
    for (row, col), value in snap.sheets.get(sheet, {}).items():
        if col not in owned or _blank(value) or written.get((row, col)) == value:
            continue
        ours = _ours(sheet, old_keys.get(row), row, col, value, columns)
        if ours and (row, col) not in written:
            clears.append((sheet, row, col))
        elif not ours and (row, col) in written:
            clerk.append((row, col, value))
    return clears, clerk


def _ours(sheet, key, row: int, col: int, value: object, columns) -> bool:
    if sheet == L.NARRATIVE:
        if row < L.NARRATIVE_FIRST_ROW:
            return row in (1, 2, L.NARRATIVE_FIRST_ROW - 1)
        if col == L.NARRATIVE_CLERK_COLUMN:
            return key in columns  # the clerk's text moves with its sentence's key
        return key is not None
    if isinstance(value, Formula | CellError) or (row, col) == (1, 1):
        return True  # A1: the title the template and every refresh put there
    if key is None:
        return False
    if key in columns:
        return col in columns[key]
    prefix = key.split(":", 1)[0] + ":"
    alike = [cols for k, cols in columns.items() if k.startswith(prefix)]
    return not alike or any(col in cols for cols in alike)


def written_columns(writes: list[Write], key_col: int) -> dict[str, set[int]]:
    """The columns each row key fills, from a rebuilt sheet's writes."""
    keys = {w.row: w.value for w in writes if w.col == key_col}
    out: dict[str, set[int]] = {}
    for w in writes:
        if w.row in keys and w.value not in (None, ""):
            out.setdefault(str(keys[w.row]), set()).add(w.col)
    return out


def rebuild(snap: Snapshot, reading, results, gen: Generated) -> list[Finding]:
    """The Report and Narrative as this refresh writes them into ``gen``, and a
    C02 finding at each cell a clerk typed that they would replace."""
    head = reading.head
    gen.sheets = {
        L.REPORT: report_writes(snap, gen),
        L.NARRATIVE: narrative_rows(
            head,
            results,
            reading.extents,
            None if snap.formulas_known else lambda r, c: snap.value(L.NARRATIVE, r, c),
        ),
    }
    findings = []
    for sheet, writes in gen.sheets.items():
        key_col = L.REPORT_KEY_COLUMN if sheet == L.REPORT else L.NARRATIVE_KEY_COLUMN
        columns = written_columns(writes, key_col)
        gen.clears[sheet], clerk = owned_changes(snap, sheet, writes, columns)
        if sheet not in snap.protected:
            findings += c02(sheet, clerk)
            gen.clerk |= {(sheet, row, col) for row, col, _ in clerk}
    now = {(f.sheet, f.cell) for f in findings}
    for sheet, cell, value in replaced_clerk_cells(snap):
        if (sheet, cell) not in now and sheet in snap.sheets:
            findings += c02(sheet, [(*cell_position(cell), value)])
    return findings


def c02(sheet: str, clerk: list) -> list[Finding]:
    """A finding at each cell a clerk typed that the rebuilt sheet replaces."""
    out = []
    for row, col, value in clerk:
        cell = address(row, col)
        out.append(
            finding(
                "C02",
                Ref(sheet, cell),
                *said(
                    (
                        f"{sheet}!{cell} lies where Refresh rebuilds the sheet, and"
                        " what was typed there was replaced",
                        f"{sheet}!{cell} 位於更新會重建的範圍,原有內容已被取代",
                    ),
                    ("the add-in's own text or nothing", "工具所寫的內容或空白"),
                    (f"the clerk's {value!r}", f"使用者輸入的 {value!r}"),
                    (
                        "It is on the revert record (Revert puts it back). Type your"
                        " own text outside the rebuilt columns.",
                        "已記入還原紀錄(可用「還原」取回)。請在重建範圍以外輸入。",
                    ),
                ),
                "empty",
                repr(value),
            )
        )
    return out


__all__ = ["Generated", "clerk_texts", "read_generated", "rebuild"]
