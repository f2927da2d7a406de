"""Revert and the change log: what a refresh overwrote (hidden _Revert sheet),
putting it back, and one Change log row for each job that changed the book."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from estimates import __version__
from estimates.findings import Finding, count_by_severity
from estimates.source import SourceError

from . import layout as L
from .checks import CANNOT_PUT_BACK, checks_sheet
from .draft import count_to_key
from .flags import flag_marks, previous_flags
from .snapshot import Formula, Snapshot, address, cell_position
from .writes import REVERT_COLUMNS, Plan, Write, rebuild_sheet


def _same(old: object, w: Write, formulas_known: bool, force: bool) -> bool:
    new = w.value
    if old in (None, "") and new in (None, ""):
        return True
    if not formulas_known and isinstance(new, Formula) and w.shows is not None:
        return old == w.shows
    if not formulas_known and isinstance(new, Formula) and not force:
        # a values-only host shows the formula's value: any, or an empty cell
        # where the formula shows nothing
        return old not in (None, "") or w.blank_ok
    return old == new


def changed_cells(snap: Snapshot, plan: Plan) -> list[tuple]:
    """(sheet, row, col, old, new) of every cell the plan would change."""
    changes = []
    for w in plan.writes:
        old = snap.value(w.sheet, w.row, w.col)
        if not _same(old, w, snap.formulas_known, w.force):
            changes.append((w.sheet, w.row, w.col, old, w.value))
    for sheet, row, col in plan.clears:
        old = snap.value(sheet, row, col)
        if old not in (None, ""):
            changes.append((sheet, row, col, old, None))
    return changes


def drop_unchanged(snap: Snapshot, plan: Plan) -> None:
    """Leave out the writes that would put back what a cell already shows. A
    sheet's forced writes (a sheet wholly ours, written in one block) all stay
    if any of them, or a clear, changes the sheet, and all go if none does."""

    def same(w: Write, force: bool) -> bool:
        old = snap.value(w.sheet, w.row, w.col)
        return _same(old, w, snap.formulas_known, force)

    changed = {w.sheet for w in plan.writes if w.force and not same(w, False)}
    changed |= {sheet for sheet, _, _ in plan.clears}
    plan.writes = [
        w
        for w in plan.writes
        if (w.force and w.sheet in changed) or not same(w, w.force)
    ]


def _kind(value: object) -> str:
    if isinstance(value, Formula):
        return "formula"
    if value in (None, ""):
        return "empty"
    return "text" if isinstance(value, str) else "number"


LAYOUT = "layout"
"""The kind of a revert record row that says the refresh changed the layout."""
KEPT = "kept"
"""The kind of a revert record row carried from an earlier refresh: a clerk's
entry a refresh replaced (C02) that Revert cannot put back. It stays on the
record, and is said again, until the clerk copies the text somewhere else in
the book (then it is theirs again), whatever later refreshes change."""


class CannotRevert(SourceError):
    """The last refresh changed the layout: Revert refuses, in one line."""


def revert_rows(
    changes: list[tuple],
    clerk: frozenset = frozenset(),
    moved: bool = False,
    said: dict | None = None,
) -> list[Write]:
    """The hidden _Revert sheet: every value the refresh overwrote, to put back;
    ``clerk`` cells (sheet, row, col) are marked C02: a clerk typed them where
    Refresh rebuilds the sheet, and the mark keeps that finding until the next
    change, said as it was (``said``: the C02 finding by (sheet, cell))."""
    out = [
        Write(L.REVERT, 1, c, name, None) for c, name in enumerate(REVERT_COLUMNS, 1)
    ]
    said = said or {}
    for i, (sheet, row, col, old, _) in enumerate(changes, start=2):
        if isinstance(row, str):  # a carried record row, as it stands
            out += [Write(L.REVERT, i, c, v, None) for c, v in enumerate(col, 1)]
            continue
        mark = "C02" if (sheet, row, col) in clerk else None
        f = said.get((sheet, address(row, col))) if mark else None
        record = (
            sheet,
            address(row, col),
            _kind(old),
            None if old == "" else old,
            mark,
            *((f.expected, f.message_en, f.message_zh) if f else ()),
        )
        for c, value in enumerate(record, start=1):
            text = str(value) if isinstance(value, Formula) else value  # stored as text
            out.append(Write(L.REVERT, i, c, text, None))
    if moved:  # a row of its own, below the cells: Revert refuses (revert_plan)
        row = len(changes) + 2
        out += [Write(L.REVERT, row, 3, LAYOUT), Write(L.REVERT, row, 4, LAYOUT)]
    return out


def record(
    snap: Snapshot,
    plan: Plan,
    action: str,
    findings,
    user: str,
    now: str,
    clerk: frozenset = frozenset(),
    moved: bool = False,
):
    """The revert record and a Change log row for what ``plan`` changes; nothing
    when it changes nothing (a second refresh leaves no trace). ``moved``: the
    plan lays rows out anew, which Revert cannot undo: the record says so."""
    changes = changed_cells(snap, plan)
    if changes:
        said = {(f.sheet, f.cell): f for f in findings if f.rule == "C02"}
        revert = revert_rows(
            changes + _carried(snap, changes, said), clerk, moved, said
        )
        rebuild_sheet(plan, snap.sheets.get(L.REVERT), L.REVERT, revert)
        plan.writes += log_row(snap, action, findings, len(changes), user, now)


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


def _clerk_rows(snap: Snapshot) -> list[tuple]:
    """The revert record's C02 rows (every column), but those whose text the
    clerk has since typed elsewhere in the book (theirs again: no longer said)."""
    sheet = snap.sheets.get(L.REVERT, {})
    rows = [
        tuple(sheet.get((row, c)) for c in range(1, len(REVERT_COLUMNS) + 1))
        for row in range(2, snap.max_row(L.REVERT) + 1)
    ]
    rows = [r for r in rows if r[4] == "C02" and r[0] and r[1]]
    if not any(isinstance(r[3], str) for r in rows):
        return rows
    seen = _texts_outside_logs(snap)
    return [r for r in rows if not (isinstance(r[3], str) and r[3].strip() in seen)]


def _texts_outside_logs(snap: Snapshot) -> set[str]:
    logs = {L.CHECKS, L.REVERT, L.CHANGE_LOG}
    return {
        v.strip()
        for name, cells in snap.sheets.items()
        if name not in logs
        for v in cells.values()
        if isinstance(v, str) and not isinstance(v, Formula)
    }


def replaced_clerk_cells(snap: Snapshot) -> list[tuple[str, str, object, tuple]]:
    """(sheet, cell, value, said) of what a refresh replaced that a clerk had
    typed where it rebuilds a sheet (marked C02 on the revert record, the last
    refresh's or carried from an earlier one); ``said``: (expected, message_en,
    message_zh) as the refresh said them, or () where the record does not hold
    them (an earlier version wrote it)."""
    out = []
    for target, cell, _, value, _, *said in _clerk_rows(snap):
        told = tuple(str(t) for t in said) if all(said) else ()
        out.append((str(target), str(cell), value, told))
    return out


def _carried(snap: Snapshot, changes: list[tuple], said: dict) -> list[tuple]:
    """The C02 rows of the record a refresh replaces, for its new record: each
    clerk's entry it does not change again stays (said as this refresh says it;
    one Revert cannot put back is ``KEPT``, which Revert leaves on the record)."""
    now = {(sheet, address(row, col)) for sheet, row, col, *_ in changes}
    out = []
    for target, cell, kind, value, mark, *told in _clerk_rows(snap):
        if (target, cell) in now:
            continue
        f = said.get((target, cell))
        words = (f.expected, f.message_en, f.message_zh) if f else tuple(told)
        if kind == KEPT or CANNOT_PUT_BACK[0] in str(words[1] or ""):
            kind = KEPT
        out.append((target, "carried", (target, cell, kind, value, mark, *words), 0, 0))
    return out


def revert_said(book: str, restored: int) -> str:
    """What Revert tells the clerk, on the command line and the ribbon alike."""
    if not restored:
        return (
            f"{book}: nothing to put back (no refresh or import left a cell to put"
            " back); the book is unchanged 沒有可還原的儲存格(未有更新或匯入留下"
            "可還原的儲存格);工作簿未有更改"
        )
    return f"reverted {book}: {restored} cell(s) put back 已還原 {restored} 個儲存格"


def revert_plan(
    snap: Snapshot,
    judge: Callable[[Snapshot], list[Finding]],
    user: str = "",
    now: str = "",
    source: str = "the book",
) -> Plan:
    """Put back every value the last refresh overwrote; then the Checks sheet,
    the flags and the Change log's revert row give the findings of the book as
    Revert leaves it (``judge``: a snapshot's findings), not those of the
    refresh's, nor of the one before it."""
    plan = Plan(unflags=previous_flags(snap))
    sheet = snap.sheets.get(L.REVERT, {})
    if LAYOUT in {v for (_, c), v in sheet.items() if c == 3}:  # the kind column
        raise CannotRevert(
            f"{source}: the last refresh laid the Report and Narrative out anew"
            " (lines added, removed or moved), and Revert puts back cell values"
            " only, so it would leave a broken book. Nothing was changed: undo the"
            " table edit and refresh again, or go back to the copy saved before."
        )
    restored, typed, kept = 0, [], []

    def row_values(row: int) -> tuple:
        return tuple(sheet.get((row, c)) for c in range(1, len(REVERT_COLUMNS) + 1))

    for row in range(2, snap.max_row(L.REVERT) + 1):
        target, cell, kind, value, rule = (sheet.get((row, c)) for c in range(1, 6))
        if not target or not cell or target not in snap.sheets:
            continue
        r, c = cell_position(str(cell))
        if kind == KEPT:  # an earlier refresh's: stays on the record
            kept.append((target, "carried", row_values(row), 0, 0))
            continue
        if kind == "formula":
            value = Formula(str(value))
        elif kind == "empty":
            value = None
        put = Write(str(target), r, c, value, None, force=True)
        if target == L.CHECKS:  # judged anew; only a clerk's text goes back
            typed += [put] if rule == "C02" else []
            continue
        plan.writes.append(put)
        restored += 1
    if restored or typed:
        rebuild_sheet(plan, sheet, L.REVERT, revert_rows(kept))
    findings = judge(reverted(snap, plan))
    checks_sheet(plan, snap, findings)  # a clerk's note elsewhere on it stays
    plan.writes += typed  # over the rebuilt list: the next refresh raises it again
    restored += len(typed)
    plan.restored = restored  # the cells put back (the Checks sheet is judged anew)
    plan.flags = flag_marks(findings)
    plan.errors = count_by_severity(findings)["error"]
    plan.to_key = count_to_key(findings)
    if restored:
        plan.writes += log_row(snap, "revert", findings, restored, user, now)
    return plan


def reverted(snap: Snapshot, plan: Plan) -> Snapshot:
    """The book's cells as ``plan`` leaves them. A values-only host cannot know
    what a formula put back will show: such a cell keeps what it shows now."""
    sheets = {name: dict(cells) for name, cells in snap.sheets.items()}
    for name, row, col in plan.clears:
        sheets.get(name, {}).pop((row, col), None)
    for w in plan.writes:
        if isinstance(w.value, Formula) and not snap.formulas_known:
            continue
        cells = sheets.setdefault(w.sheet, {})
        if w.value is None:
            cells.pop((w.row, w.col), None)
        else:
            cells[(w.row, w.col)] = w.value
    return replace(snap, sheets=sheets)
