"""The refresh plan: from a book's reading, its results and findings, the cell
changes a host must make. Host-neutral; each adapter applies a ``Plan`` its own way.

Refresh writes only computed cells, the regenerated sheets (Report, Narrative,
Checks) and its own flags. A computed cell a clerk typed over keeps the clerk's
value; the flags of the last refresh are cleared first, and only those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from openpyxl.utils.cell import get_column_letter

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity
from estimates.model import Head
from estimates.results import Results
from estimates.rules.catalogue import how
from estimates.rules.shown import value_agrees

from . import layout as L
from .computed import report_rows
from .narrative import narrative_rows
from .reader import Reading
from .snapshot import (
    Formula,
    Snapshot,
    address,
    cell_position,
    formula_shape,
    table_bounds,
)


@dataclass(frozen=True)
class Write:
    """Put ``value`` (a ``Formula`` or a constant) in a cell, with a named style."""

    sheet: str
    row: int
    col: int
    value: object
    style: str | None = None


@dataclass(frozen=True)
class FlagMark:
    """Fill a cell by severity and give it a note."""

    sheet: str
    cell: str
    severity: str
    note: str


@dataclass(frozen=True)
class Unflag:
    """Put back what a cell had before the last refresh flagged it."""

    sheet: str
    cell: str
    prior_fill: str
    prior_note: str
    prior_author: str


@dataclass
class Plan:
    unflags: list[Unflag] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    clears: list[tuple[str, int, int]] = field(default_factory=list)
    regenerate: dict[str, list[Write]] = field(default_factory=dict)
    hidden_columns: dict[str, list[int]] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    flags: list[FlagMark] = field(default_factory=list)


FLAG_COLUMNS = ("sheet", "cell", "prior_fill", "prior_note", "prior_author")


def previous_flags(snap: Snapshot) -> list[Unflag]:
    sheet = snap.sheets.get(L.FLAGS, {})
    out = []
    for row in range(2, snap.max_row(L.FLAGS) + 1):
        values = [sheet.get((row, c)) for c in range(1, len(FLAG_COLUMNS) + 1)]
        if values[0] and values[1]:
            out.append(Unflag(*(str(v) if v is not None else "" for v in values)))
    return out


def _needs_write(raw: object, formula: str) -> bool:
    """Write the template's formula into an empty cell or over an older one of ours."""
    if raw is None or raw == "":
        return True
    return (
        isinstance(raw, Formula)
        and formula_shape(raw) == formula_shape(formula)
        and raw != formula
    )


def make_plan(
    snap: Snapshot,
    reading: Reading,
    results: Results,
    findings: list[Finding],
    user: str = "",
    now: str = "",
    record: bool = True,
) -> Plan:
    """Everything a refresh changes in the book, and nothing else. With ``record``,
    what it overwrites goes to _Revert and a row to the Change log."""
    plan = Plan(unflags=previous_flags(snap))
    head = reading.head
    for c in reading.computed:
        if c.sheet not in snap.sheets:
            continue
        raw = snap.value(c.sheet, c.row, c.col)
        if raw in (None, "") or (snap.formulas_known and _needs_write(raw, c.formula)):
            plan.writes.append(
                Write(c.sheet, c.row, c.col, Formula(c.formula), c.style)
            )
    _stale_rows(snap, reading, plan)
    _year_labels(head, plan, snap)
    for spec in L.TABLES.values():
        if spec.name not in reading.usable:
            continue
        ext = reading.extents[spec.name]
        ref = f"A{spec.header_row}:{get_column_letter(len(spec.columns))}{ext.last}"
        if table_bounds(snap.tables[spec.name][1]) != table_bounds(ref):
            plan.tables[spec.name] = ref
    plan.writes = [
        w for w in plan.writes if snap.value(w.sheet, w.row, w.col) != w.value
    ]
    _report(snap, reading, plan, results.expected)
    for name, ref in L.template_names().items():
        if name not in snap.names and ref.split("!")[0] in snap.sheets:
            plan.names[name] = ref  # a clerk deleted it: put it back
    plan.regenerate[L.NARRATIVE] = narrative_rows(head, results, reading.extents)
    plan.hidden_columns[L.NARRATIVE] = [6]
    plan.regenerate[L.CHECKS] = checks_rows(findings)
    plan.flags = flag_marks(findings)
    plan = without_protected(plan, snap, reading)
    changes = changed_cells(snap, plan)
    if changes and record:  # a refresh that changes nothing leaves no trace
        plan.regenerate[L.REVERT] = revert_rows(changes)
        plan.writes += log_row(snap, "refresh", findings, len(changes), user, now)
    return plan


REVERT_COLUMNS = ("sheet", "cell", "kind", "value")


def _same(old: object, new: object, formulas_known: bool) -> bool:
    if old in (None, "") and new in (None, ""):
        return True
    if not formulas_known and isinstance(new, Formula) and old not in (None, ""):
        return True  # a values-only host shows the formula's value: take it as same
    return old == new


def changed_cells(snap: Snapshot, plan: Plan) -> list[tuple]:
    """(sheet, row, col, old, new) of every cell the plan would change. A regenerated
    sheet that would come out the same is dropped from the plan."""
    changes = []
    for w in plan.writes:
        old = snap.value(w.sheet, w.row, w.col)
        if not _same(old, w.value, snap.formulas_known):
            changes.append((w.sheet, w.row, w.col, old, w.value))
    for sheet, row, col in plan.clears:
        old = snap.value(sheet, row, col)
        if old not in (None, ""):
            changes.append((sheet, row, col, old, None))
    for sheet in list(plan.regenerate):
        new = {(w.row, w.col): w.value for w in plan.regenerate[sheet]}
        old = snap.sheets.get(sheet, {})
        diffs = [
            (sheet, r, c, old.get((r, c)), new.get((r, c)))
            for r, c in sorted(set(new) | set(old))
            if not _same(old.get((r, c)), new.get((r, c)), snap.formulas_known)
        ]
        if not diffs and sheet in snap.sheets:
            del plan.regenerate[sheet]
        changes += diffs
    return changes


def _kind(value: object) -> str:
    if isinstance(value, Formula):
        return "formula"
    if value in (None, ""):
        return "empty"
    return "text" if isinstance(value, str) else "number"


def revert_rows(changes: list[tuple]) -> list[Write]:
    """The hidden _Revert sheet: every value the refresh overwrote, to put back."""
    out = [
        Write(L.REVERT, 1, c, name, None) for c, name in enumerate(REVERT_COLUMNS, 1)
    ]
    for i, (sheet, row, col, old, _) in enumerate(changes, start=2):
        record = (sheet, address(row, col), _kind(old), None if old == "" else old)
        for c, value in enumerate(record, start=1):
            text = str(value) if isinstance(value, Formula) else value  # stored as text
            out.append(Write(L.REVERT, i, c, text, None))
    return out


def log_row(
    snap: Snapshot,
    action: str,
    findings: list[Finding],
    changed: int,
    user: str,
    now: str,
) -> list[Write]:
    """One row of the Change log: time, user, versions, findings, cells changed."""
    counts = count_by_severity(findings)
    row = max(snap.max_row(L.CHANGE_LOG) + 1, L.CHANGE_LOG_HEADER_ROW + 1)
    now = now or datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    template = snap.at(L.HEAD, L.TEMPLATE_VERSION_CELL) if L.HEAD in snap.sheets else ""
    values = (
        now,
        user,
        action,
        str(template or ""),
        __version__,
        counts["error"],
        counts["warning"],
        counts["info"],
        changed,
    )
    return [Write(L.CHANGE_LOG, row, c, v, None) for c, v in enumerate(values, start=1)]


def revert_plan(snap: Snapshot, user: str = "", now: str = "") -> Plan:
    """Put back every value the last refresh overwrote, and remove its flags."""
    plan = Plan(unflags=previous_flags(snap))
    sheet = snap.sheets.get(L.REVERT, {})
    restored = 0
    for row in range(2, snap.max_row(L.REVERT) + 1):
        target, cell, kind, value = (sheet.get((row, c)) for c in range(1, 5))
        if not target or not cell or target not in snap.sheets:
            continue
        r, c = cell_position(str(cell))
        if kind == "formula":
            value = Formula(str(value))
        elif kind == "empty":
            value = None
        plan.writes.append(Write(str(target), r, c, value, None))
        restored += 1
    if restored:
        plan.regenerate[L.REVERT] = revert_rows([])
        plan.writes += log_row(snap, "revert", [], restored, user, now)
    return plan


def without_protected(plan: Plan, snap: Snapshot, reading: Reading) -> Plan:
    """Leave protected sheets, and tables that are not as the template has them,
    exactly as they are."""
    keep = set(snap.sheets) - snap.protected
    broken = {L.TABLES[n].sheet for n in L.TABLES if n not in reading.usable}
    plan.writes = [
        w
        for w in plan.writes
        if w.sheet in keep and not (w.sheet in broken and w.style == "year")
    ]
    plan.clears = [c for c in plan.clears if c[0] in keep]
    plan.regenerate = {
        s: w for s, w in plan.regenerate.items() if s not in snap.protected
    }
    plan.flags = [m for m in plan.flags if m.sheet in keep]
    plan.unflags = [u for u in plan.unflags if u.sheet in keep]
    return plan


def _stale_rows(snap: Snapshot, reading: Reading, plan: Plan) -> None:
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


def _report(
    snap: Snapshot, reading: Reading, plan: Plan, expected: dict[str, object]
) -> None:
    writes: list[Write] = []
    rows = report_rows(reading.head, reading.extents)
    for r, row in enumerate(rows, start=1):
        writes.append(Write(L.REPORT, r, L.REPORT_KEY_COLUMN, row.key, "key"))
        for col, (value, style) in row.cells.items():
            if col in row.figures:
                shown = reading.head.shown.get(row.figures[col])
                old_row = reading.report_old_rows.get(row.key)
                kept = (
                    shown is not None
                    and old_row
                    and (
                        shown.formula_intact is False
                        or (  # a values-only host: keep what disagrees, it may be typed
                            shown.formula_intact is None
                            and not value_agrees(
                                shown.key, shown.value, expected.get(shown.key)
                            )
                        )
                    )
                )
                if kept:
                    value = snap.value(L.REPORT, old_row, col)
                elif isinstance(value, str) and value.startswith("="):
                    value = Formula(value)
            writes.append(Write(L.REPORT, r, col, value, style))
        for key, name in (
            ("total:Total Expenditure", "TotalExpenditure"),
            ("programme_total", "ReportProgrammeTotal"),
        ):
            ref = f"{L.REPORT}!$D${r}:$G${r}"
            if row.key == key and snap.names.get(name, "").replace("'", "") != ref:
                plan.names[name] = ref
    plan.regenerate[L.REPORT] = writes
    plan.hidden_columns[L.REPORT] = [L.REPORT_KEY_COLUMN]


def checks_rows(findings: list[Finding]) -> list[Write]:
    """The Checks sheet: counts, then one row per finding with a link to its cell."""
    counts = count_by_severity(findings)
    out = [
        Write(L.CHECKS, 1, 1, "檢查結果 Checks", "title"),
        Write(
            L.CHECKS,
            2,
            1,
            f"Estimates add-in {__version__}: every finding of the last"
            " refresh. Click a cell address to go to it. 按儲存格位址可前往該儲存格。",
            "note",
        ),
        Write(L.CHECKS, 3, 1, "Errors 錯誤", "label"),
        Write(L.CHECKS, 3, 2, counts["error"], "int"),
        Write(L.CHECKS, 3, 3, "Warnings 警告", "label"),
        Write(L.CHECKS, 3, 4, counts["warning"], "int"),
        Write(L.CHECKS, 3, 5, "Info 資料", "label"),
        Write(L.CHECKS, 3, 6, counts["info"], "int"),
    ]
    for col, (_, header, _) in enumerate(L.CHECKS_COLUMNS, start=1):
        out.append(Write(L.CHECKS, L.CHECKS_HEADER_ROW, col, header, "header"))
    for i, f in enumerate(findings, start=L.CHECKS_HEADER_ROW + 1):
        how_en, how_zh = how(f.rule)
        values = (
            f.severity.value,
            f.rule,
            f.sheet,
            f.cell,
            f.message_en,
            f.message_zh,
            f.expected,
            f.found,
            ", ".join(str(u) for u in f.used),
            f"{how_en} {how_zh}",
        )
        for col, value in enumerate(values, start=1):
            style = (
                "label" if col == 1 else "wrap"
            )  # severity fills: conditional format
            if col == 4 and f.ref:
                target = f"#'{f.sheet}'!{f.cell}"
                value = Formula(f'=HYPERLINK("{target}","{f.cell}")')
                style = "link"
            out.append(Write(L.CHECKS, i, col, value, style))
    if not findings:
        out.append(
            Write(
                L.CHECKS,
                L.CHECKS_HEADER_ROW + 1,
                1,
                "No findings. 沒有發現問題。",
                "label",
            )
        )
    return out


def flag_marks(findings: list[Finding]) -> list[FlagMark]:
    """One mark per flagged cell: the worst severity, every message in its note."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.ref:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    marks = []
    for (sheet, cell), group in by_cell.items():
        worst = min((f.severity for f in group), key=lambda s: s.rank)
        lines = [L.NOTE_PREFIX]
        for f in group:
            lines.append(f"{f.rule} {f.severity.value}: {f.message_en}")
            lines.append(f.message_zh)
        marks.append(FlagMark(sheet, cell, worst.value, "\n".join(lines)))
    return sorted(marks, key=lambda m: (m.sheet, m.cell))


def error_count(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)


__all__ = ["FlagMark", "Plan", "Unflag", "Write", "make_plan"]


def check_plan(snap: Snapshot, findings: list[Finding]) -> Plan:
    """Check only: the Checks sheet and the flags; no computed cell is written."""
    plan = Plan(unflags=previous_flags(snap))
    plan.regenerate[L.CHECKS] = checks_rows(findings)
    plan.flags = flag_marks(findings)
    return plan


def clear_plan(snap: Snapshot) -> Plan:
    """Put back every cell the last refresh flagged, and nothing else."""
    return Plan(unflags=previous_flags(snap))


def next_flag(snap: Snapshot, sheet: str, cell: str) -> tuple[str, str] | None:
    """The flagged cell after ``sheet!cell`` in sheet order, then row, then column."""
    order = {name: i for i, name in enumerate(snap.sheets)}
    flagged = sorted(
        (
            (order.get(u.sheet, 99), *cell_position(u.cell), u.sheet, u.cell)
            for u in previous_flags(snap)
        ),
    )
    if not flagged:
        return None
    here = (order.get(sheet, -1), *cell_position(cell)) if cell else (-1, 0, 0)
    for item in flagged:
        if item[:3] > here:
            return item[3], item[4]
    return flagged[0][3], flagged[0][4]
