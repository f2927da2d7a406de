"""The Checks sheet: every finding of the last refresh or check, with a link to
its cell; and the plan of a check, which writes no computed cell."""

from __future__ import annotations

import re

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity
from estimates.model import Ref
from estimates.rules.catalogue import how

from . import layout as L
from .flags import flag_marks, previous_flags
from .snapshot import Formula, Snapshot
from .writes import Plan, Write, rebuild_sheet


def checks_rows(findings: list[Finding]) -> list[Write]:
    """The Checks sheet: counts, then a row per cell of each finding, each with a
    link to its cell (a finding that compares two places has a row for each)."""
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
    row = L.CHECKS_HEADER_ROW
    for f in findings:
        for ref in f.cells or (None,):  # a finding that compares places: each
            row += 1
            out += _finding_row(f, ref, row)
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


def _finding_row(f: Finding, ref, row: int) -> list[Write]:
    """One row of the Checks sheet: a finding at one of the cells it compares,
    with a link to that cell (the other cells it compares named beside)."""
    how_en, how_zh = how(f.rule)
    others = ", ".join(str(c) for c in f.cells if c != ref)
    used = ", ".join(str(u) for u in f.used if u not in f.cells)
    if others:
        used = f"Compared with 比較 {others}" + (f"; {used}" if used else "")
    values = (
        f.severity.value,
        f.rule,
        ref.sheet if ref else "",
        ref.cell if ref else "",
        f.message_en,
        f.message_zh,
        f.expected,
        f.found,
        used,
        f"{how_en} {how_zh}",
    )
    out = []
    for col, value in enumerate(values, start=1):
        style = "label" if col == 1 else "wrap"  # severity fills: conditional format
        if col == 4 and ref:
            target = f"#'{ref.sheet}'!{ref.cell}"
            value = Formula(f'=HYPERLINK("{target}","{ref.cell}")')
            style = "link"
        out.append(Write(L.CHECKS, row, col, value, style))
    return out


_LINKED = re.compile(r'"([A-Z]{1,3}[0-9]+)"\)$')


def findings_listed(cells: dict) -> list[Finding]:
    """The findings a Checks sheet lists (``cells``: (row, col) -> value), one per
    row, at that row's cell: what its flags were made from, so Revert can put the
    flags back as they were when it puts the sheet back."""
    out = []
    last = max((r for r, _ in cells), default=0)
    for row in range(L.CHECKS_HEADER_ROW + 1, last + 1):
        severity, rule, sheet, cell, en, zh = (cells.get((row, c)) for c in range(1, 7))
        if str(severity) not in {s.value for s in Severity} or not sheet or not cell:
            continue
        linked = _LINKED.search(str(cell))
        ref = Ref(str(sheet), linked.group(1) if linked else str(cell))
        out.append(
            Finding(
                str(rule), Severity(str(severity)), ref, str(en or ""), str(zh or "")
            )
        )
    return out


def check_plan(snap: Snapshot, findings: list[Finding]) -> Plan:
    """Check only: the Checks sheet and the flags; no computed cell is written."""
    plan = Plan(unflags=previous_flags(snap))
    rebuild_sheet(plan, snap.sheets.get(L.CHECKS), L.CHECKS, checks_rows(findings))
    plan.flags = flag_marks(findings)
    return plan
