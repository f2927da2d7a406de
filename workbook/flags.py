"""Flags and navigation: the fills and notes a refresh puts on cells, the record
of what each cell had before (hidden _Flags sheet), and the next flagged cell."""

from __future__ import annotations

import re

from estimates.findings import Finding

from . import layout as L
from .snapshot import Snapshot, cell_position
from .writes import FLAG_COLUMNS, FlagMark, Plan, Unflag

_CELL = re.compile(r"\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})")


def previous_flags(snap: Snapshot) -> list[Unflag]:
    """The flags the last refresh made, with what each cell had before."""
    sheet = snap.sheets.get(L.FLAGS, {})
    out = []
    for row in range(2, snap.max_row(L.FLAGS) + 1):
        values = [sheet.get((row, c)) for c in range(1, len(FLAG_COLUMNS) + 1)]
        if values[0] and _is_cell(values[1]):
            out.append(Unflag(*(str(v) if v is not None else "" for v in values)))
    return out


def _is_cell(value: object) -> bool:
    """A record names a cell Excel has (A1 .. XFD1048576); a row of the hidden
    record a clerk or a tool garbled is passed over, never followed."""
    match = _CELL.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return False
    letters, digits = match.groups()
    return (len(letters), letters) <= (3, "XFD") and int(digits) <= 1_048_576


def flag_marks(findings: list[Finding]) -> list[FlagMark]:
    """One mark per flagged cell: the worst severity, every message in its note.
    A finding that compares several places marks each of them."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        for ref in f.cells:
            by_cell.setdefault((ref.sheet, ref.cell), []).append(f)
    marks = []
    for (sheet, cell), group in by_cell.items():
        worst = min((f.severity for f in group), key=lambda s: s.rank)
        lines = [L.NOTE_PREFIX]
        for f in group:
            lines.append(f"{f.rule} {f.severity.value}: {f.message_en}")
            lines.append(f.message_zh)
        marks.append(FlagMark(sheet, cell, worst.value, "\n".join(lines)))
    return sorted(marks, key=lambda m: (m.sheet, m.cell))


def clear_plan(snap: Snapshot) -> Plan:
    """Put back every cell the last refresh flagged, and nothing else."""
    return Plan(unflags=previous_flags(snap))


def next_flag(snap: Snapshot, sheet: str, cell: str) -> tuple[str, str] | None:
    """The flagged cell after ``sheet!cell`` in sheet order, then row, then column."""
    order = {name: i for i, name in enumerate(snap.sheets)}
    flagged = sorted(
        (order.get(u.sheet, 99), *cell_position(u.cell), u.sheet, u.cell)
        for u in previous_flags(snap)
    )
    if not flagged:
        return None
    here = (order.get(sheet, -1), *cell_position(cell)) if cell else (-1, 0, 0)
    for item in flagged:
        if item[:3] > here:
            return item[3], item[4]
    return flagged[0][3], flagged[0][4]
