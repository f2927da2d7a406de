"""Fill an open book's input tables from a Head (Import, New year), as one plan
any host applies: the tables' rows written in blocks, each table resized with one
action, the clerk's Narrative text and everything outside the tables kept, then
the refresh that follows, recorded so that Revert undoes the whole of it.

Host-neutral: a ``Snapshot`` in, a ``Plan`` out; the openpyxl adapter (CLI) and
the xlwings adapter (ribbon) apply the same plan.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from estimates.findings import Finding
from estimates.importer import head_number, import_files, read_actuals
from estimates.importer import write_source as write_imported
from estimates.model import COLUMNS, Head, Ref, year_labels
from estimates.rollforward import (
    ASKED,
    Actuals,
    actual_keys,
    draft,
    roll_forward,
    target_year,
)
from estimates.source import SourceError, load_source, write_source
from estimates.tables import HEAD_LISTS, TABLES
from estimates.years import YearError, first_year, is_year, parse_year

from . import layout as L
from .build import head_value
from .carry import (
    CannotCarry,
    keep_verbatim,
    refuse_half_keyed,
    refuse_other_folder,
    refuse_unkeyed,
    refuse_unread,
)
from .changelog import changed_cells, log_row, revert_rows
from .chart_data import history_cells, posts_history
from .charts import FIRST as HISTORY_ROW
from .charts import HISTORY_INPUT_ROWS
from .computed import FIRST_AMOUNT_COL
from .cycle import ACTION_COL, NEW_YEAR, rolled_from
from .generated import STALE, computed_cells
from .io import apply_plan, load_book, save_book, snapshot_of
from .narrative import CLERK_COL, FIRST_ROW, KEY_COL
from .notes import HIDDEN, clerk_notes, left_out_said
from .plan import make_plan
from .reader import read_book, table_extent
from .refresh import current_user, evaluate
from .snapshot import (
    ERROR_VALUES,
    CellError,
    Formula,
    Snapshot,
    address,
    cell_position,
    table_bounds,
)
from .writes import Plan, Write, rebuild_sheet


@dataclass
class Populated:
    """What an Import or New year did: its plan, findings and what it replaced."""

    plan: Plan
    findings: list[Finding]
    head: Head
    replaced: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each table filled: (rows before, rows after)."""
    inputs: list[str] = field(default_factory=list)
    """The Head inputs whose value changed."""
    skipped: list[str] = field(default_factory=list)
    """Tables left alone because they were moved or their columns changed."""
    issues: list = field(default_factory=list)
    """Rows of the files of actual expenditure not applied."""
    actual_filled: dict[str, int] | None = None
    """New year given actual expenditure: the lines of each kind it filled."""
    overwritten: list[tuple[str, object, object]] = field(default_factory=list)
    """Keyed input cells the fill changed: (Sheet!Cell, old value, new value)."""
    blank_estimates: list[str] = field(default_factory=list)
    """New year: last year's Estimate cells left blank (their Original is to key)."""
    typed_over: list[tuple[str, str]] = field(default_factory=list)
    """New year: the constants typed over a formula in last year's book (C01):
    (Sheet!Cell, what was typed); the new book has the formula there again."""
    carried: list[str] = field(default_factory=list)
    """Import of a source folder: what it carried besides the tables (its
    Narrative sentences, notes and rolled-forward mark), said in the summary."""
    values_only: bool = False
    """The host saw values only (the remote engine): a replaced cell's formula
    was not seen, so Revert puts back the value it showed."""

    def typed_said(self) -> list[str]:
        """The constants typed over formulas that New year did not carry, in
        English and Chinese (none: no line)."""
        if not self.typed_over:
            return []
        shown = [f"{cell}: {typed}" for cell, typed in self.typed_over[:SHOWN]]
        more = len(self.typed_over) - len(shown)
        n = len(self.typed_over)
        return [
            f"Typed over a formula in last year's book, not carried ({n}); the new"
            f" book has the formula again 上年度在公式上輸入的數值({n} 項)不予結轉,"
            "新工作簿已還原為公式:",
            *shown,
            *([f"... and {more} more 其餘 {more} 項"] if more else []),
        ]

    def blanks_said(self) -> str:
        """The blank Estimates New year found in last year's book ("" if none), in
        English and Chinese: their Original is left to key, not taken as nil."""
        if not self.blank_estimates:
            return ""
        n, cells = len(self.blank_estimates), self.blank_estimates[:SHOWN]
        more = f" and {n - len(cells)} more" if n > len(cells) else ""
        return (
            f"{n} Estimate(s) were blank in last year's book ({', '.join(cells)}"
            f"{more}): their Original is left to key (F01); key - where nil is"
            f" meant. 上年度有 {n} 項預算為空白:其原來預算留待輸入;"
            "如屬「無」,請輸入 -。"
        )

    def actual_said(self) -> str:
        """How many Actual figures New year filled from the files given ("" if none
        were given), in English and Chinese."""
        if self.actual_filled is None:
            return ""
        n = self.actual_filled
        nil = n.get("nil", 0)
        return (
            f"Actual filled for {n['programmes']} programme(s),"
            f" {n['subheads']} subhead line(s), {n['breakdown']} subhead 000 item(s)"
            + (f" ({nil} of them nil, keyed - in the file)" if nil else "")
            + f" 已填入實際開支:綱領 {n['programmes']} 項、分目 {n['subheads']} 項、"
            f"分目000 細目 {n['breakdown']} 項"
            + (f"(其中 {nil} 項為檔案所列的「無」)" if nil else "")
        )

    def summary(self) -> list[str]:
        """What was replaced, for the clerk: each table by the name its sheet shows
        (empty before and after: not listed), the Head inputs by their labels, the
        keyed values overwritten (cell: old -> new) and that Revert puts them back;
        in English and Chinese."""
        lines = [
            f"{table_label(name)}: {new} row(s), were {old} 現有 {new} 行,原有 {old} 行"
            for name, (old, new) in self.replaced.items()
            if old or new
        ]
        if self.inputs:
            labels = [_input_label(name) for name in self.inputs]
            lines.append(f"{L.HEAD} sheet 總目工作表: {'; '.join(labels)}")
        if self.skipped:
            names = "; ".join(table_label(name) for name in self.skipped)
            lines.append(f"Left alone (moved or changed) 未處理(已移動或更改): {names}")
        return lines + self.carried + self._overwritten() + self.typed_said()

    def _overwritten(self) -> list[str]:
        if not self.overwritten:
            return []
        shown = [f"{cell}: {_shown(old)} -> {_shown(new)}"
                 for cell, old, new in self.overwritten[:SHOWN]]  # fmt: skip
        more = len(self.overwritten) - len(shown)
        return [
            f"Keyed values replaced 已取代的輸入值 ({len(self.overwritten)}):",
            *shown,
            *([f"... and {more} more 其餘 {more} 項"] if more else []),
            REVERT_VALUES if self.values_only else REVERT_ALL,
        ]


REVERT_ALL = "Revert puts every one back. 按「還原」可全部復原。"
REVERT_VALUES = (
    "Revert puts back the value each one showed (a formula among them comes back"
    " as its value: formulas cannot be read here) 按「還原」可復原每項原來顯示的數值"
    "(此處無法讀取公式:原為公式者只復原其數值)。"
)
SHOWN = 10
"""Overwritten cells an Import's message lists one by one (the rest are counted)."""


def _shown(value: object) -> str:
    if value in (None, ""):
        return "(blank 空白)"
    return repr(value) if isinstance(value, str) else str(value)


def table_label(table: str) -> str:
    """A table as the clerk sees it: its sheet's title (both languages), or on the
    Head sheet the heading above it."""
    spec = L.TABLES[table]
    if spec.sheet == L.HEAD:
        en, zh = L.HEAD_SECTION_LABELS[spec.header_row - 1]
        return f"{en} {zh} ({L.HEAD} sheet 總目工作表)"
    return dict(L.SHEETS)[spec.sheet]


def _input_label(name: str) -> str:
    fixed = next(f for f in L.HEAD_INPUTS if f.name == name)
    return f"{fixed.label_en} {fixed.label_zh} ({fixed.cell})"


def table_rows(head: Head) -> dict[str, list[list[object]]]:
    """What each input table's cells hold for a Head, row by row (as declared)."""
    return {
        spec.name: [spec.table.cells(item) for item in getattr(head, HEAD_LISTS[name])]
        for name, spec in L.TABLES.items()
    }


def head_values(head: Head) -> dict[str, object]:
    """What each Head input cell holds for a Head, by defined name (as declared)."""
    return {fixed.name: head_value(head, fixed) for fixed in L.HEAD_INPUTS}


def _copy(snap: Snapshot) -> Snapshot:
    """The snapshot with its own cells, tables and names (what the host knew,
    the charts it counted and the shapes it could see, kept as they are)."""
    return replace(
        snap, sheets={k: dict(v) for k, v in snap.sheets.items()},
        tables=dict(snap.tables), names=dict(snap.names),
        protected=set(snap.protected), merged=dict(snap.merged),
        hidden={k: set(v) for k, v in snap.hidden.items()},
    )  # fmt: skip


def _apply(after: Snapshot, plan: Plan) -> None:
    """The plan's writes, clears and table sizes, made in a snapshot."""
    for w in plan.writes:
        cells = after.sheets.setdefault(w.sheet, {})
        if w.value in (None, ""):
            cells.pop((w.row, w.col), None)
        else:
            cells[(w.row, w.col)] = w.value
    for sheet, row, col in plan.clears:
        after.sheets.get(sheet, {}).pop((row, col), None)
    for name, ref in plan.tables.items():
        after.tables[name] = (after.tables[name][0], ref)


def _fill_table(snap: Snapshot, spec: L.TableSpec, rows, done: Populated) -> None:
    ext = table_extent(snap, spec, [])
    if ext is None or spec.sheet in snap.protected:
        done.skipped.append(spec.name)
        return
    width = len(spec.columns)
    rows = _titles_kept(snap, spec, ext, rows)
    old_rows = sum(
        1 for r in range(ext.first, ext.last + 1)
        if any(snap.value(spec.sheet, r, c) not in (None, "")
               for c in range(1, width + 1))
    )  # fmt: skip
    for i, values in enumerate(rows):
        row = spec.first_row + i
        for col, (column, value) in enumerate(zip(spec.columns, values, strict=True)):
            if not shows_already(snap, snap.value(spec.sheet, row, col + 1), value):
                done.plan.writes.append(
                    Write(spec.sheet, row, col + 1, value, column.kind)
                )
    for row in range(spec.first_row + len(rows), ext.last + 1):
        for col in range(1, width + 1):  # rows left over: emptied, in one block
            done.plan.writes.append(Write(spec.sheet, row, col, None, None))
    last = spec.first_row + max(len(rows), 1) - 1
    ref = f"A{spec.header_row}:{get_column_letter(width)}{last}"
    if table_bounds(snap.tables[spec.name][1]) != table_bounds(ref):
        done.plan.tables[spec.name] = ref  # one action, only when the size changes
    done.replaced[spec.name] = (old_rows, len(rows))


def shows_already(snap: Snapshot, old: object, new: object) -> bool:
    """Whether a cell already shows what Import would write there, so that it is
    left as it is: a clerk's formula showing the file's figure (Programmes!G9
    =300+78.2 for 378.2) stays a formula. Where formulas are seen, only such a
    formula (its stored value) is left; a values-only host (the remote engine)
    cannot tell a formula from a constant, so any cell showing the same figure
    or text is left (writing it again would replace a formula unseen). A blank
    is always written: nothing can be lost there, and the table's block stays
    whole."""
    if isinstance(old, Formula):
        old = old.cached  # None: the file stored no value (never calculated)
    elif snap.formulas_known:
        return False  # a constant: writing the same again is harmless
    if old in (None, "") or new in (None, ""):
        return False
    if isinstance(new, str) or isinstance(old, str):
        return isinstance(new, str) and isinstance(old, str) and old == new
    if isinstance(new, bool) or isinstance(old, bool):
        return old is new
    try:
        return Decimal(str(old)) == Decimal(str(new))  # the remote 24300.0: 24300
    except ArithmeticError:
        return False


def _same_key(value: object) -> str:
    text = str(value if value is not None else "").strip()
    try:
        return str(Decimal(text).normalize())  # the book's 1.0 is the file's 1
    except ArithmeticError:
        return text.casefold()


KEPT_WHEN_EMPTY = ("_en", "_zh", "policy_area")
"""A table's text fields (by the end of their name) that an Import leaving them
empty does not blank: titles, and a programme's policy areas (the published
files give neither Chinese titles nor policy areas)."""


def _titles_kept(snap: Snapshot, spec: L.TableSpec, ext, rows) -> list[list]:
    """The file's rows, with a title or policy area (KEPT_WHEN_EMPTY) the file
    leaves empty taken from the book's one row of the same code and English
    title: an empty title keeps the book's, as an empty Head input does (an
    English-only published file must not blank the clerk's Chinese titles or
    policy areas); another Head's line of the same code is not the same line."""
    names = [c.field.name for c in spec.columns]
    titles = [i for i, n in enumerate(names) if n.endswith(KEPT_WHEN_EMPTY)]
    codes = [i for i, c in enumerate(spec.columns) if c.field.kind == "code"]
    if not any(names[i].endswith("_en") for i in titles):
        return rows  # no English to know the line by
    book = [[snap.value(spec.sheet, r, c + 1) for c in range(len(names))]
            for r in range(ext.first, ext.last + 1)]  # fmt: skip
    english = names.index(next(n for n in names if n.endswith("_en")))

    def key(row) -> tuple:
        return tuple(_same_key(row[i]) for i in [*codes, english])

    by_key: dict[tuple, list] = {}
    for row in book:
        by_key.setdefault(key(row), []).append(row)
    out = []
    for row in rows:
        found = by_key.get(key(row), [])
        old = found[0] if len(found) == 1 else [None] * len(names)
        out.append([
            old[i] if i in titles and v in (None, "") else v
            for i, v in enumerate(row)
        ])  # fmt: skip
    return out


def fill(snap: Snapshot, head: Head, tables, every_input: bool) -> Populated:
    """The writes that put a Head's rows in ``tables`` and its Head inputs in their
    cells: all of them with ``every_input`` (nil clears), else only those it gives."""
    done = Populated(Plan(), [], head)
    rows = table_rows(head)
    for name in tables:
        _fill_table(snap, L.TABLES[name], rows[name], done)
    values = head_values(head)
    for fixed in L.HEAD_INPUTS:
        value = values[fixed.name]
        row, col = cell_position(fixed.cell)
        old = snap.value(fixed.sheet, row, col)
        if (
            (value is None and not every_input)
            or old == value
            or shows_already(snap, old, value)
            or fixed.sheet in (snap.protected)
        ):
            continue
        done.plan.writes.append(Write(fixed.sheet, row, col, value, fixed.kind))
        done.inputs.append(fixed.name)
    return done


HISTORY_COLUMNS = (7, 8)  # Charts!G:H: as at 31 March, and the posts then


def _shown_figure(report: dict, key: tuple[int, int], value: object) -> bool:
    """A Report value its formula showed: a number, an error, or whatever a
    figure row's figure column showed (a clerk's '245.4Δ' in the cell it points
    at); not a header's text."""
    row_key = str(report.get((key[0], L.REPORT_KEY_COLUMN)) or "")
    figures = range(FIRST_AMOUNT_COL, FIRST_AMOUNT_COL + len(COLUMNS))
    return (
        isinstance(value, int | float | CellError)
        or (isinstance(value, str) and value.strip() in ERROR_VALUES)
        or (key[1] in figures and bool(row_key) and "header" not in row_key)
    )


def _recalculated(after: Snapshot) -> None:
    """A values-only host (xlwings remote) showed the computed cells' values from
    before the fill; Excel recalculates them. Take them as the template's formulas,
    which the refresh then writes (the same formulas: nothing changes for Revert)."""
    if after.formulas_known:
        return
    report = after.sheets.get(L.REPORT, {})
    for key in [k for k, v in report.items() if _shown_figure(report, k, v)]:
        del report[key]  # a figure before the fill: the Report's formula recomputes
    narrative = after.sheets.get(L.NARRATIVE, {})
    for key in [k for k in narrative if k[0] >= FIRST_ROW and k[1] in (2, 3)]:
        narrative[key] = STALE  # a sentence's value: rewritten, or cleared if gone
    reading = read_book(after)
    for c in computed_cells(after, reading.head, reading.extents, reading.usable):
        after.sheets.get(c.sheet, {}).pop((c.row, c.col), None)


def _refresh(after: Snapshot, user: str, now: str):
    ev = evaluate(after)
    plan = make_plan(after, ev.reading, ev.results, ev.findings, ev.gen, user, now,
                     record_changes=False, refilled=True)  # fmt: skip
    return ev, plan


def _kept_stale(after: Snapshot, plan) -> list[tuple[int, int]]:
    """Narrative cells marked stale that the refresh neither wrote nor cleared:
    the ones a formula is to be written to, which a values-only host cannot tell."""
    touched = {(w.row, w.col) for w in plan.writes if w.sheet == L.NARRATIVE}
    touched |= {(r, c) for s, r, c in plan.clears if s == L.NARRATIVE}
    cells = after.sheets.get(L.NARRATIVE, {})
    return [k for k, v in cells.items() if v == STALE and k not in touched]


def _restorable(snap: Snapshot, change: tuple) -> bool:
    """Whether Revert can put back what a change replaces: on a values-only host
    (the remote engine) a formula written where a value was shown may replace the
    same formula, whose value put back would freeze it as a constant (or blank
    it): such a cell is left to the formula, which shows what it should."""
    return snap.formulas_known or not isinstance(change[4], Formula)


def _finish(snap: Snapshot, done: Populated, after: Snapshot, action: str,
            user: str, now: str, notes: dict | None = None) -> Populated:  # fmt: skip
    """Refresh the filled book and record the whole change for Revert. A job
    that changes nothing keeps the revert record it found (a second Import of
    the same files must not lose the first's; its Change log row says 0 cells);
    on a values-only host a formula written again over what it shows is no
    change."""
    _recalculated(after)
    ev, refresh = _refresh(after, user, now)
    stale = _kept_stale(after, refresh)
    if stale:  # a live sentence: its formula shows as a value, so write it afresh
        for key in stale:
            del after.sheets[L.NARRATIVE][key]
        ev, refresh = _refresh(after, user, now)
    reading, findings = ev.reading, ev.findings
    plan = refresh
    plan.writes = done.plan.writes + refresh.writes
    plan.clears = done.plan.clears + refresh.clears
    plan.tables = {**done.plan.tables, **refresh.tables}
    if notes:  # in their cells of the refreshed layout, as build puts them
        plan.writes += _notes_back(after, plan, notes, done)
    changes = [c for c in changed_cells(snap, plan) if _restorable(snap, c)]
    if changes:  # else the record found stays: this job changed nothing
        revert = revert_rows(changes)  # Revert undoes it whole
        rebuild_sheet(plan, snap.sheets.get(L.REVERT), L.REVERT, revert)
    plan.writes += log_row(snap, action, findings, len(changes), user, now)
    done.plan, done.findings, done.head = plan, findings, reading.head
    return done


def import_plan(snap: Snapshot, head: Head, tables, user: str = "",
                now: str = "") -> Populated:  # fmt: skip
    """Import: fill the tables the source gives and the Head inputs it gives,
    refresh, and record it all so that Revert undoes the whole import."""
    done = fill(snap, head, tables, every_input=False)
    done.plan.writes += _sentences_in(snap, head, done) + _rolled_in(snap, head, done)
    done.overwritten = _overwritten(snap, done.plan)
    done.values_only = not snap.formulas_known
    after = _copy(snap)
    _apply(after, done.plan)
    return _finish(snap, done, after, "import", user, now, head.notes)


def _sentences_in(snap: Snapshot, head: Head, done: Populated) -> list[Write]:
    """A source folder's own Narrative sentences (head.toml [narrative]), each in
    column D of its key's row (a key the book lacks: on a spare row, which the
    refresh moves to its line's row), as build puts them; the book's sentence for
    a key the folder does not give is kept."""
    cells = snap.sheets.get(L.NARRATIVE)
    if not head.narrative or cells is None:
        return []
    rows = {str(v): r for (r, c), v in cells.items()
            if c == KEY_COL and r >= FIRST_ROW and v not in (None, "")}  # fmt: skip
    spare = max([r for r, _ in cells] + [FIRST_ROW]) + 1
    writes = []
    for key, (text, _) in head.narrative.items():
        row = rows.get(key)
        if row is None:
            row, spare = spare, spare + 1
            writes.append(Write(L.NARRATIVE, row, KEY_COL, key, "key"))
        if cells.get((row, CLERK_COL)) != text:
            writes.append(Write(L.NARRATIVE, row, CLERK_COL, text, "wrap"))
    n = len(head.narrative)
    done.carried.append(f"{L.NARRATIVE}: {n} clerk's sentence(s) 文員定稿 {n} 句")
    return writes


def _rolled_in(snap: Snapshot, head: Head, done: Populated) -> list[Write]:
    """A folder exported from a rolled-forward book keeps its mark (the Change
    log's "new year" row), as build does: its blank figures are still to key."""
    if not head.rolled_from or rolled_from(snap) == head.rolled_from:
        return []
    done.carried.append(
        f"Rolled forward from {head.rolled_from} 由 {head.rolled_from} 年度結轉"
    )
    row = log_row(snap, NEW_YEAR + head.rolled_from, [], 0, "", "")
    return [replace(w, row=w.row + 1) for w in row]  # below the import's own row


def _notes_back(after: Snapshot, plan: Plan, notes: dict[str, str],
                done: Populated) -> list[Write]:  # fmt: skip
    """A source folder's notes ([notes]) in their Narrative cells; a cell the
    refresh writes (a sentence row's own) is named, not written over."""
    owned = {(w.row, w.col) for w in plan.writes if w.sheet == L.NARRATIVE}
    writes, left = [], []
    for where, text in notes.items():
        row, col = cell_position(where.split("!", 1)[1])
        if (row, col) in owned or row < FIRST_ROW or col in HIDDEN:
            left.append(where)
        elif after.value(L.NARRATIVE, row, col) != text:
            writes.append(Write(L.NARRATIVE, row, col, text, "wrap"))
    kept = len(notes) - len(left)
    done.carried.append(f"{L.NARRATIVE}: {kept} note(s) 附註 {kept} 項")
    if left:
        done.carried.append(
            "Notes not put back (the cell is the tool's now) 附註未放回(儲存格現屬"
            f"工具): {', '.join(left)}"
        )
    return writes


def _reads_same(old: object, new: object) -> bool:
    """Two cell values that say the same: equal text, or equal numbers (37.0 as
    the remote engine sends a keyed 37, and the text '37')."""
    if str(old).strip() == str(new).strip():
        return True
    try:
        return Decimal(str(old).strip()) == Decimal(str(new).strip())
    except ArithmeticError:
        return False


def _overwritten(snap: Snapshot, fill_plan: Plan) -> list[tuple[str, object, object]]:
    """The keyed cells a fill changes (it writes only input cells), in sheet
    order: (Sheet!Cell, what the clerk had, what Import puts there); a value that
    reads the same (Head!C3's 37 as '37') is no change to tell."""
    order = {name: i for i, (name, _) in enumerate(L.SHEETS)}
    changes = sorted(
        (
            c
            for c in changed_cells(snap, fill_plan)
            if c[3] not in (None, "") and not _reads_same(c[3], c[4])
        ),
        key=lambda c: (order.get(c[0], len(order)), c[1], c[2]),
    )
    return [(f"{s}!{address(r, c)}", old, new) for s, r, c, old, new in changes]


def new_year_plan(snap: Snapshot, year: str = "", actuals: Actuals | None = None,
                  user: str = "", now: str = "",
                  asked: tuple[str, str] = ASKED) -> Populated:  # fmt: skip
    """New year, run on a copy of last year's book: roll its Head forward, fill
    every table and Head input, mark the clerk's narrative as drafts, log the new
    year (which makes the to-fill findings) and refresh. Revert starts empty."""
    reading = read_book(snap)
    old = reading.head
    new = roll_forward(old, _ready_to_roll(snap, old, year, asked), actuals)
    done = fill(snap, new, L.TABLES, every_input=True)
    done.blank_estimates = [
        str(est.ref) + (f" {est.found!r}" if est.found else "")
        for kind in ("programmes", "subheads", "breakdown")
        for line in getattr(old, kind)
        if (est := line.amounts[-1]).blank
    ]  # amounts[-1]: the Estimate (model.COLUMNS); 'n/a' is named as typed
    if actuals is not None:
        done.actual_filled = {
            kind: sum(1 for line in getattr(new, kind) if line.amounts[0].keyed)
            for kind in ("programmes", "subheads", "breakdown")
        }  # amounts[0]: the Actual (model.COLUMNS)
        done.actual_filled["nil"] = sum(
            1
            for kind in ("programmes", "subheads", "breakdown")
            for line in getattr(new, kind)
            if line.amounts[0].keyed and line.amounts[0].value is None
        )
    keep_verbatim(snap, old, reading.findings, done.plan)
    narrative = snap.sheets.get(L.NARRATIVE, {})
    for row, col in list(narrative):
        text = narrative.get((row, CLERK_COL))
        if col == KEY_COL and isinstance(text, str) and text.strip():
            done.plan.writes.append(Write(L.NARRATIVE, row, CLERK_COL, draft(text)))
    done.plan.writes += _history(snap, old)
    done.plan.writes += [  # last year's gaps: the carried footnotes are drafts
        Write(*cell, None) for cell in L.footnote_gap_cells().values()
    ]
    after = _copy(snap)
    _apply(after, done.plan)
    done.typed_over = _untyped(after, evaluate(snap).findings)  # the year is good
    log = log_row(snap, NEW_YEAR + old.estimate_year, [], 0, user, now)
    after.sheets.setdefault(L.CHANGE_LOG, {})[(log[0].row, ACTION_COL)] = log[2].value
    done = _finish(snap, done, after, NEW_YEAR + old.estimate_year, user, now)
    plan = done.plan
    plan.writes = [w for w in plan.writes if w.sheet != L.REVERT]
    plan.clears = [c for c in plan.clears if c[0] != L.REVERT]
    rebuild_sheet(plan, snap.sheets.get(L.REVERT), L.REVERT, revert_rows([]))
    return done


def _ready_to_roll(snap: Snapshot, old: Head, year: str, asked) -> str:
    """The year New year rolls into, once the book has an Estimate, no half-keyed
    count and a good year; else what to mend: no Estimate alone, the others
    named at once (the README's promise), not one per try.

    Raises:
        SourceError, YearError: one refusal as it is; several as one, a line each.
    """
    refuse_unkeyed(snap.source, old)  # nothing to roll: said alone (a rolled
    found: list[ValueError] = []  # book's counts are blank to key, as expected)
    target = ""
    try:
        refuse_half_keyed(snap.source, old, lambda ref: snap.at(ref.sheet, ref.cell))
    except SourceError as exc:
        found.append(exc)
    try:
        target = target_year(old.estimate_year, year, _year_cell(snap), asked)
    except (SourceError, YearError) as exc:
        found.append(exc)
    if len(found) == 1:
        raise found[0]
    if found:
        raise _all_at_once(snap.source, found)
    return target


def _all_at_once(source: str, found: list[ValueError]) -> CannotCarry:
    """Several refusals as one: a line that counts them, then each on a line of
    its own, indented (all can be mended at once)."""
    en = [str(e).removeprefix(f"{source}: ") for e in found]
    zh = [str(getattr(e, "zh", "") or e).removeprefix(f"{source}: ") for e in found]
    n = len(found)
    return CannotCarry(
        "\n".join([f"{source}: New year cannot start: {n} things to mend,"
                   " each below", *(f"  {line}" for line in en)]),
        "\n".join([f"{source}:「新年度」未能開始,有 {n} 項須更正:",
                   *(f"  {line}" for line in zh)]),
    )  # fmt: skip


def _untyped(after: Snapshot, findings: list[Finding]) -> list[tuple[str, str]]:
    """New year: each constant a clerk typed over a formula (C01) last year meant
    something of last year's columns only; it is emptied, so the refresh writes
    the formula again. Returns (Sheet!Cell, what was typed), in sheet order."""
    typed = []
    for f in findings:
        if f.rule != "C01" or f.ref is None:
            continue
        row, col = cell_position(f.ref.cell)
        after.sheets.get(f.ref.sheet, {}).pop((row, col), None)
        typed.append((str(f.ref), f.found))
    return typed


def _history(snap: Snapshot, old: Head) -> list[Write]:
    """The Charts sheet's earlier years of the establishment move up one, and last
    year's posts at start join them (the chart's last two years follow the Head);
    unless the Head has no establishment keyed, this year or before."""
    rows = [
        [snap.value(L.CHARTS, HISTORY_ROW + i, c) for c in HISTORY_COLUMNS]
        for i in range(HISTORY_INPUT_ROWS)
    ]
    posts = old.establishment.posts_start.value
    kept = any(r[1] is not None for r in rows)
    if is_year(old.estimate_year) and (posts is not None or kept):
        start = str(first_year(old.estimate_year))  # a Head with no establishment:
        rows = [*rows[1:], [start, posts]]  # no year with no posts (trial 10e 9)
    return [
        Write(L.CHARTS, HISTORY_ROW + i, col, value, style)
        for i, row in enumerate(rows)
        for col, value, style in zip(HISTORY_COLUMNS, row, ("code", "int"), strict=True)
    ]


def rollforward_file(
    book: Path, out: Path, year: str = "", actual_files: tuple[Path, ...] = ()
) -> tuple[Populated, list]:
    """``estimates rollforward``: the next year's book at ``out`` (``book`` is only
    read), with Actual filled from ``actual_files``; and the rows those could not
    give.

    Raises:
        ValueError: ``out`` is ``book``, or of another kind, or ``year`` is no year.
    """
    book, out = Path(book), Path(out)
    refuse_new_name(book, out)
    wb = load_book(book)
    snap = snapshot_of(wb, str(book))
    done = new_year_ready(snap, year, actual_files, current_user())
    apply_plan(wb, done.plan)
    save_book(wb, out, original=book)
    return done, done.issues


def refuse_new_name(book: Path, out: Path) -> None:
    """The name of New year's book: not last year's, and of its kind (a book with
    the ribbon's macros stays macro-enabled).

    Raises:
        SourceError: naming the new name and what to give.
    """
    if out.name and _same_file(out, book):
        raise SourceError(
            f"{out}: the new year's book must not replace last year's; give another"
            " name",
            f"{out}: 新年度的工作簿不可取代上年度的工作簿;請另定名稱。",
        )
    macro = book.suffix.lower() in (".xlsm", ".xltm")
    if out.suffix.lower() not in ((".xlsm", ".xltm") if macro else (".xlsx",)):
        want = ".xlsm" if macro else ".xlsx"
        raise SourceError(
            f"{out}: use the suffix of {book.name} ({want}): name it {out.stem}{want}",
            f"{out}: 請使用與 {book.name} 相同的副檔名({want}):"
            f"命名為 {out.stem}{want}。",
        )


def _same_file(a: Path, b: Path) -> bool:
    """One file named twice (Windows names ignore case: Excel's full name and the
    name typed in Save As may differ in it)."""
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def new_year_ready(snap: Snapshot, year: str, files, user: str = "",
                   asked: tuple[str, str] = ASKED) -> Populated:  # fmt: skip
    """Everything New year checks, without writing: the book, the year and the
    files of actual expenditure; the plan it would apply.

    Raises:
        SourceError, YearError: naming the file or cell (as New year would).
    """
    actuals, issues = actual_expenditure(snap, year, files, asked)
    done = new_year_plan(snap, year, actuals, user, asked=asked)
    done.issues = issues
    return done


def actual_expenditure(
    snap: Snapshot, year: str, files, asked: tuple[str, str] = ASKED
) -> tuple[Actuals | None, list]:
    """New year's Actual from published or accounting CSV files (none: nothing),
    for the lines of the book in ``snap``; and the rows not applied.

    Raises:
        YearError: the book's year (naming its cell) or ``year`` is wrong.
    """
    if not files:
        return None, []
    old = read_book(snap).head
    year = target_year(old.estimate_year, year, _year_cell(snap), asked)
    label = year_labels(year)[0]
    head = head_number(old.head, _cell(snap, "head"))
    return read_actuals([Path(f) for f in files], head, label, actual_keys(old))


def export_inputs(snap: Snapshot, head: Head, findings: list[Finding], folder: Path,
                  write_to: Path | None = None) -> str:  # fmt: skip
    """Export: a book's inputs (as read, with their findings) and the clerk's notes
    on the Narrative as a source data folder, refused when a cell was not read as
    keyed (it would be lost). ``write_to``: where the files go when not straight
    into ``folder`` (the CLI's staged folder, renamed onto ``folder`` when
    complete). Returns a line naming what it left in the book only ("" if none).

    Raises:
        CannotCarry: naming the book and the cell.
    """
    refuse_unread(snap.source, findings, "Export", snap.sheets)
    refuse_other_folder(Path(folder), head)
    head.notes, left_out = clerk_notes(snap)
    head.posts_history, odd = _history_to_export(snap)
    valued, unknown = _sentence_values(head)
    write_source(head, Path(write_to or folder), every_file=True)
    said = [
        left_out_said(left_out + unknown + odd),
        _as_values_said(_formulas(snap, head) + valued),
    ]
    return "\n".join(line for line in said if line)


def _sentence_values(head: Head) -> tuple[list[tuple[str, str]], list[str]]:
    """A clerk's sentence typed as a formula (=B8&" mainly ..."): a source folder
    holds text, and build would put the formula's text back as a sentence. The
    value it showed when the book was last calculated is exported instead (said
    as such); with none known the sentence stays in the book only (named).
    Returns ((Sheet!Cell, formula) exported as values, cells left out)."""
    valued, unknown = [], []
    for key, (text, ref) in list(head.narrative.items()):
        if not isinstance(text, Formula):
            continue
        where = str(ref) if ref else key
        if isinstance(text.cached, str) and text.cached.strip():
            head.narrative[key] = (text.cached, ref)
            valued.append((where, str(text)))
        else:
            del head.narrative[key]
            unknown.append(where)
    return valued, unknown


def _formulas(snap: Snapshot, head: Head) -> list[tuple[str, str]]:
    """The input cells holding a formula (a clerk's =24.3+1): a source folder
    holds its value only. (Sheet!Cell, the formula), in sheet order."""
    refs = [ref for kind in HEAD_LISTS.values() for item in getattr(head, kind)
            for ref in item.refs.values()]  # fmt: skip
    refs += [Ref(f.sheet, f.cell) for f in L.HEAD_INPUTS]
    return [(str(ref), str(raw)) for ref in refs
            if isinstance(raw := snap.at(ref.sheet, ref.cell), Formula)]  # fmt: skip


def _as_values_said(cells: list[tuple[str, str]]) -> str:
    """One line naming the formulas Export wrote as their values ("" if none)."""
    if not cells:
        return ""
    shown = ", ".join(f"{cell} {formula}" for cell, formula in cells[:SHOWN])
    more = f" and {len(cells) - SHOWN} more" if len(cells) > SHOWN else ""
    return (
        f"Exported as their values (the source folder holds no formula; the"
        f" formula stays in the book): {shown}{more} 已按數值匯出(來源資料不保存公式;"
        "公式仍保留在活頁簿)"
    )


def _history_to_export(snap: Snapshot) -> tuple[tuple, list[str]]:
    """The earlier years' establishment keyed on the Charts sheet, as head.toml
    holds it (a year, a whole number of posts); and the cells it cannot hold (a
    formula, text or a fraction for posts), which Export names."""
    history = posts_history(lambda r, c: snap.value(L.CHARTS, r, c))
    cells = history_cells(history)
    odd = [
        f"{L.CHARTS}!{address(row, col)}"
        for row, col, value, style in cells
        if isinstance(value, Formula)
        or (style == "int" and value is not None and type(value) is not int)
        or (style == "code" and not isinstance(value, str | int | None))
    ]
    if odd:
        return (), odd
    return tuple((y or "", p) for y, p in history), []


def exported(head: Head) -> list[str]:
    """What Export wrote, for the clerk: each table with rows, by the name its sheet
    shows, and the file it went to (an empty table is not listed)."""
    return [
        f"{table_label(name)}: {len(rows)} row(s) 行 -> {spec.table.csv}"
        for name, spec in L.TABLES.items()
        if (rows := getattr(head, HEAD_LISTS[name])) and spec.table.csv
    ] + [f"{L.HEAD} sheet 總目工作表 -> head.toml"]


def export_file(book: Path, folder: Path,
                write_to: Path | None = None) -> tuple[Head, str]:  # fmt: skip
    """``estimates export``: a book's inputs as a source data folder; and the line
    naming what it left in the book only ("" if none)."""
    snap = snapshot_of(load_book(Path(book)), str(book))
    ev = evaluate(snap)
    said = export_inputs(snap, ev.reading.head, ev.findings, folder, write_to)
    return ev.reading.head, said


def _input(attr: str) -> L.FixedCell:
    return next(f for f in L.HEAD_INPUTS if f.attr == attr)


def _cell(snap: Snapshot, attr: str) -> str:
    """Where a Head input is keyed in the book, as a message names it."""
    fixed = _input(attr)
    return f"{snap.source}: {fixed.sheet}!{fixed.cell}"


def _year_cell(snap: Snapshot) -> str:
    """Where the book's Estimate year is keyed, as a message names it."""
    return _cell(snap, "estimate_year")


def _book_head(snap: Snapshot) -> tuple[object, object]:
    """The Head number and Estimate year keyed in the book (None when blank)."""
    cells = (_input("head"), _input("estimate_year"))
    return tuple(snap.at(f.sheet, f.cell) for f in cells)  # type: ignore[return-value]


def _same_head(snap: Snapshot, head: Head, folder: Path) -> None:
    """A folder of another Head or year would make the book a mix of two.

    Raises:
        SourceError: naming the folder and the book's cells.
    """
    number, year = _book_head(snap)
    mine = (
        head_number(number, _cell(snap, "head"))
        if number not in (None, "")
        else head.head,
        parse_year(year, _year_cell(snap)) if year not in (None, "") else "",
    )
    if mine[0] != head.head or mine[1] not in ("", head.estimate_year):
        cells = [f"{f.sheet}!{f.cell}" for f in map(_input, ("head", "estimate_year"))]
        raise SourceError(
            f"{folder}: holds Head {head.head} {head.estimate_year}, but this book is"
            f" Head {mine[0]} {mine[1]} ({' and '.join(cells)}); import this Head's"
            " own data, or clear those cells first",
            f"{folder}: 存有總目 {head.head} {head.estimate_year} 的資料,但本工作簿是"
            f"總目 {mine[0]} {mine[1]}({'及'.join(cells)});請匯入本總目的資料,"
            "或先清除該等儲存格。",
        )


def source_head(paths: list[Path], snap: Snapshot) -> tuple[Head, list[str], list]:
    """What Import fills from: a source data folder, or the published CSV files of
    the book's own Head and year. The Head, the tables it gives, and the rows of
    the CSV files that could not be read.

    Raises:
        SourceError: the folder cannot be read, or the book has no Head number or
            Estimate year to import the published files for.
    """
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and paths[0].is_dir():
        head = load_source(paths[0])
        _same_head(snap, head, paths[0])
        given = [
            t.name for t in TABLES.values() if t.csv and (paths[0] / t.csv).exists()
        ]
        return head, given + (["tblFootnotes"] if head.footnotes else []), []
    number, year = _book_head(snap)
    if not number or not year:
        raise SourceError(
            f"{snap.source}: key the Head number (Head!C3) and the Estimate year"
            " (Head!C8) before importing the published CSV files",
            f"{snap.source}: 匯入已公布的 CSV 檔案前,請先輸入總目編號(Head!C3)"
            "及預算年度(Head!C8)。",
        )
    year = parse_year(year, _year_cell(snap))
    imported = import_files(paths, head_number(number, _cell(snap, "head")), year)
    with tempfile.TemporaryDirectory() as folder:
        write_imported(imported, Path(folder), str(number).strip(), year)
        head = load_source(Path(folder))
    lists = {
        "tblProgrammes": imported.programmes,
        "tblSubheads": imported.subheads,
        "tblBreakdown": imported.breakdown,
        "tblFootnotes": imported.marks,
    }
    return head, [name for name, rows in lists.items() if rows], imported.issues
