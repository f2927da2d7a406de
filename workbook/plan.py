"""The refresh plan: from a book's reading, its figures and findings, the cell
changes a host must make. Host-neutral; each adapter applies a ``Plan`` its own
way (see ``workbook.host``).

Refresh writes only what it owns: computed cells (formulas rewritten; a constant
a clerk typed kept and flagged), the regions of the Report and Narrative that
``layout.OWNED_COLUMNS`` declares, the Checks sheet and its own flags. The revert
record and the Change log are in ``changelog``, the Checks sheet in ``checks``,
flags and navigation in ``flags``.
"""

from __future__ import annotations

from openpyxl.utils.cell import get_column_letter

from estimates.findings import Finding, count_by_severity
from estimates.model import Head
from estimates.results import Results
from estimates.rules.totals import gaps_to_record

from . import draft
from . import layout as L
from .changelog import drop_unchanged, record
from .chart_data import chart_series, history_from
from .checks import checks_sheet, unrevertable
from .flags import flag_marks, previous_flags
from .generated import Generated, key_rows, note_moves, total_records, typed_keys
from .printed import printed_sheets
from .printed_typed import rewrites
from .snapshot import Formula, Snapshot, table_bounds
from .writes import Plan, Write, rebuild_sheet


def make_plan(
    snap: Snapshot,
    reading,
    results: Results,
    findings: list[Finding],
    gen: Generated,
    user: str = "",
    now: str = "",
    record_changes: bool = True,
    refilled: bool = False,
) -> Plan:
    """Everything a refresh changes in the book, and nothing else. With
    ``record_changes``, what it overwrites goes to _Revert and a row to the
    Change log. ``refilled``: the tables were just filled (populate), so what a
    values-only host shows is from before: every computed formula is written."""
    plan = Plan(unflags=previous_flags(snap))
    head = reading.head
    _tables(snap, reading, plan)
    moved = refilled or bool(plan.tables)  # rows changed: every formula rewritten
    for c in gen.computed:
        if c.sheet in snap.sheets and head_keeps(head, c.key) is False:
            continue  # a constant the clerk typed: kept (C01)
        if c.sheet in snap.sheets:
            plan.writes.append(_computed_write(c, gen, results.expected, moved))
    _stale_rows(snap, reading, plan)
    plan.writes += _gap_records(head, results)
    _year_labels(head, plan, snap)
    for sheet, writes in gen.sheets.items():
        if sheet not in snap.sheets:
            plan.sheets.append(sheet)
        plan.writes += writes
        plan.clears += gen.clears[sheet]
        plan.regenerated[sheet] = writes
        plan.hidden_columns[sheet] = list(L.HIDDEN_COLUMNS[sheet])
    plan.writes += gen.charts
    notes, gone = note_moves(snap, gen)  # column E's notes follow their keys
    plan.writes += notes
    plan.clears += gone
    _chart_series(snap, reading, plan)
    plan.names.update(total_records(snap, reading))
    plan.errors = count_by_severity(findings)["error"]
    plan.to_key = draft.count_to_key(findings)
    plan.writes = draft.with_shows(plan.writes, plan.errors, plan.to_key)
    printed, marks = printed_sheets(
        gen.report, snap, plan.errors, gen.intro, plan.to_key
    )
    for sheet, writes in printed.items():  # cor: one language
        old = _printed_cells(snap, sheet)
        rebuild_sheet(plan, old, sheet, writes, blanks=not snap.formulas_known)
    plan.writes += marks + rewrites(snap, gen.report, set(printed), gen.intro)
    _report_names(snap, gen, plan)
    for name, ref in L.template_names().items():
        if name not in snap.names and ref.split("!")[0] in snap.sheets:
            plan.names[name] = ref  # a clerk deleted it: put it back
    # an import (refilled) is undone whole by its own Revert: not refused
    moved = not refilled and (bool(plan.tables) or _rows_moved(snap, gen))
    revertible = (record_changes or refilled) and not moved  # an import: its own
    if not revertible:  # the C02s say so: Revert will refuse, or nothing records
        findings[:] = [unrevertable(f) for f in findings]
    clerk = gen.clerk | checks_sheet(plan, snap, findings, revertible)
    plan.flags = flag_marks(findings)
    plan = without_protected(plan, snap, reading)
    drop_unchanged(snap, plan)
    if record_changes:
        record(snap, plan, "refresh", findings, user, now, frozenset(clerk), moved)
    return plan


def _printed_cells(snap: Snapshot, sheet: str) -> dict | None:
    """A COR sheet's cells in the columns it owns, as read (a clerk's note beside
    them is left alone); on a values-only host every cell of their extent: its
    rows move, and a formula there showing "" is not told from an empty cell, so
    each goes unless written again."""
    old = snap.sheets.get(sheet)
    if old is None:
        return old
    cols = L.WHOLLY_OURS[sheet]
    old = {(r, c): v for (r, c), v in old.items() if c in cols}
    if snap.formulas_known:
        return old
    rows = range(1, snap.max_row(sheet) + 1)
    return {(r, c): "" for r in rows for c in cols} | old


def _gap_records(head: Head, results: Results) -> list[Write]:
    """The gaps footnotes now explain for the first time, recorded (T03)."""
    cells = L.footnote_gap_cells()
    return [
        Write(*cells[column], float(gap), "millions")
        for column, gap in gaps_to_record(head, results).items()
    ]


def _rows_moved(snap: Snapshot, gen: Generated) -> bool:
    """Whether this refresh lays the Report or the Narrative out otherwise than
    the book has them (a line added, removed or moved): Revert, which puts back
    cell values, could not put that layout back."""
    typed = typed_keys(snap, L.REPORT)  # a key cell a clerk typed over: C02
    report = {row.key: r for r, row in enumerate(gen.report, start=1) if r not in typed}
    if L.REPORT in snap.sheets and report != gen.report_old:
        return True
    key_col, typed = L.NARRATIVE_KEY_COLUMN, typed_keys(snap, L.NARRATIVE)
    narrative = {
        str(w.value): w.row
        for w in gen.sheets.get(L.NARRATIVE, [])
        if w.col == key_col and w.value and w.row not in typed
    }
    old = key_rows(snap, L.NARRATIVE, key_col)
    return L.NARRATIVE in snap.sheets and narrative != old


def _computed_write(c, gen: Generated, expected: dict, moved: bool) -> Write:
    """A computed cell's formula: forced over a value or formula it replaces;
    an empty cell taken for it where it shows nothing (values-only host), unless
    a table's rows changed (the formula there, unseen, may be an older range's)."""
    force = (c.sheet, c.row, c.col) in gen.rewrite
    blank = not moved and (not c.key or expected.get(c.key) is None)
    return Write(c.sheet, c.row, c.col, Formula(c.formula), c.style, force, blank)


def head_keeps(head: Head, key: str) -> bool | None:
    """False where the clerk typed a constant over the figure ``key``."""
    shown = head.shown.get(key) if key else None
    return None if shown is None else bool(shown.formula_intact is not False)


def _tables(snap: Snapshot, reading, plan: Plan) -> None:
    """Each input table's range grown over the rows typed just below it."""
    for spec in L.TABLES.values():
        if spec.name not in reading.usable:
            continue
        ext = reading.extents[spec.name]
        ref = f"A{spec.header_row}:{get_column_letter(len(spec.columns))}{ext.last}"
        if table_bounds(snap.tables[spec.name][1]) != table_bounds(ref):
            plan.tables[spec.name] = ref


def _chart_series(snap: Snapshot, reading, plan: Plan) -> None:
    """The programme charts' series set to the Head's programmes, where their
    record says they were set to another count (any host, by position)."""
    if L.CHARTS not in snap.sheets or "tblProgrammes" not in reading.usable:
        return
    if L.CHARTS in snap.protected:
        return
    count = len(reading.head.programmes)
    history = history_from(lambda r, c: snap.value(L.CHARTS, r, c))
    plan.charts, records = chart_series(count, snap.charts, snap.names, history)
    plan.names.update(records)


def _report_names(snap: Snapshot, gen: Generated, plan: Plan) -> None:
    rows = {row.key: r for r, row in enumerate(gen.report, start=1)}
    for key, name in (
        ("total:Total Expenditure", "TotalExpenditure"),
        ("programme_total", "ReportProgrammeTotal"),
    ):
        if key in rows:
            ref = f"{L.REPORT}!$D${rows[key]}:$G${rows[key]}"
            if snap.names.get(name, "").replace("'", "") != ref:
                plan.names[name] = ref


def without_protected(plan: Plan, snap: Snapshot, reading) -> Plan:
    """Leave protected sheets, and tables that are not as the template has them,
    exactly as they are."""
    keep = (set(snap.sheets) | set(plan.sheets)) - snap.protected
    broken = {L.TABLES[n].sheet for n in L.TABLES if n not in reading.usable}
    plan.writes = [
        w
        for w in plan.writes
        if w.sheet in keep and not (w.sheet in broken and w.style == "year")
    ]
    plan.clears = [c for c in plan.clears if c[0] in keep]
    plan.regenerated = {
        s: w for s, w in plan.regenerated.items() if s not in snap.protected
    }
    plan.hidden_columns = {
        s: c for s, c in plan.hidden_columns.items() if s not in snap.protected
    }
    plan.flags = [m for m in plan.flags if m.sheet in keep]
    plan.unflags = [u for u in plan.unflags if u.sheet in keep]
    return plan


def _stale_rows(snap: Snapshot, reading, plan: Plan) -> None:
    """Our per-row formulas left below a table that shrank."""
    for spec in L.TABLES.values():
        if not spec.computed or spec.name not in reading.usable:
            continue
        ext = reading.extents[spec.name]
        cols = [spec.col(c.key) for c in spec.computed]
        for row in range(ext.last + 1, snap.max_row(spec.sheet) + 1):
            for col in cols:
                if isinstance(snap.value(spec.sheet, row, col), Formula):
                    plan.clears.append((spec.sheet, row, col))


def _year_labels(head: Head, plan: Plan, snap: Snapshot) -> None:
    years = head.year_labels()
    for spec in L.TABLES.values():
        if spec.sheet not in snap.sheets or "actual" not in [
            c.key for c in spec.columns
        ]:
            continue
        for i, column in enumerate(("actual", "original", "revised", "estimate")):
            label = f"{years[i]}" if years[0] else ""
            plan.writes.append(
                Write(spec.sheet, spec.header_row - 1, spec.col(column), label, "year")
            )


__all__ = ["make_plan"]
