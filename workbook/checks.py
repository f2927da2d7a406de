"""The Checks sheet: every finding of the last refresh or check, with a link to
its cell; and the plan of a check, which writes no computed cell."""

from __future__ import annotations

import re

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity, sort_key
from estimates.model import Ref
from estimates.rules.catalogue import how

from . import layout as L
from .flags import flag_marks, previous_flags
from .snapshot import Formula, Snapshot
from .writes import Plan, Write, rebuild_sheet

UNSEEN = (
    "Not checked here: merged cells over an input table (D09) and protected"
    " sheets (D12). This Excel (on the web, or an Office.js add-in) does not tell"
    " the add-in about them; Refresh in desktop Excel, or `estimates check`,"
    " checks them. 此處未能檢查輸入表格內的合併儲存格(D09)及受保護的工作表(D12):"
    "網頁版 Excel 不提供這些資料;請在桌面版 Excel 按「更新」或使用 estimates check。"
)
UNSEEN_ROW = 4  # under the counts, above the findings' header row


def checks_rows(findings: list[Finding], shapes_known: bool = True) -> list[Write]:
    """The Checks sheet: counts, then one row per finding, worst first, with a
    link to its cell and one to each other cell it compares (from the last
    column on, one a column). A host that cannot see merged cells and sheet
    protection (``shapes_known`` False) says once which checks it did not make."""
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
    if not shapes_known:
        out.append(Write(L.CHECKS, UNSEEN_ROW, 1, UNSEEN, "note"))
    for col, (_, header, _) in enumerate(L.CHECKS_COLUMNS, start=1):
        text = L.stacked(header)
        out.append(Write(L.CHECKS, L.CHECKS_HEADER_ROW, col, text, "header"))
    ordered = sorted(findings, key=sort_key)
    for row, f in enumerate(ordered, start=L.CHECKS_HEADER_ROW + 1):
        out += _finding_row(f, row)
    links = max((len(_others(f)) for f in findings), default=0)
    for col in range(COMPARED + 1, COMPARED + links):  # the links' header band
        out.append(Write(L.CHECKS, L.CHECKS_HEADER_ROW, col, "", "header"))
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


COMPARED = len(L.CHECKS_COLUMNS)  # the column of the first other cell's link


def _link(ref: Ref, text: str) -> Formula:
    return Formula(f'=HYPERLINK("#\'{ref.sheet}\'!{ref.cell}","{text}")')


def _others(f: Finding) -> list:
    """The cells a finding compares besides its own, each linked in a column."""
    return [c for c in f.cells if c != f.ref]


def _finding_row(f: Finding, row: int) -> list[Write]:
    """One row of the Checks sheet: a finding at its own cell (linked), the
    other cells it compares named and each linked in a column of its own."""
    how_en, how_zh = how(f.rule)
    ref, others = f.ref, _others(f)
    used = ", ".join(str(u) for u in f.used if u not in f.cells)
    if others:
        named = ", ".join(str(c) for c in others)
        used = f"Compared with 比較 {named}" + (f"; {used}" if used else "")
    values = (
        f.severity.value,
        f.rule,
        ref.sheet if ref else "",
        _link(ref, ref.cell) if ref else "",
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
        out.append(Write(L.CHECKS, row, col, value, "link" if col == 4 else style))
    for col, other in enumerate(others, start=COMPARED):
        out.append(Write(L.CHECKS, row, col, _link(other, str(other)), "link"))
    return out


_LINKED = re.compile(r"""#'([^']+)'!([A-Z]{1,3}[0-9]+)""")


def findings_listed(cells: dict) -> list[Finding]:
    """The findings a Checks sheet lists (``cells``: (row, col) -> value), one per
    row, with every cell its links go to: what its flags were made from, so Revert
    can put the flags back as they were when it puts the sheet back."""
    out = []
    last = max((r for r, _ in cells), default=0)
    for row in range(L.CHECKS_HEADER_ROW + 1, last + 1):
        severity, rule, sheet, cell, en, zh = (cells.get((row, c)) for c in range(1, 7))
        if str(severity) not in {s.value for s in Severity} or not sheet or not cell:
            continue
        linked = _LINKED.search(str(cell))
        ref = Ref(str(sheet), linked.group(2) if linked else str(cell))
        compared = []
        for col in range(COMPARED, COMPARED + 64):
            other = _LINKED.search(str(cells.get((row, col)) or ""))
            if other is None:
                break
            compared.append(Ref(other.group(1), other.group(2)))
        out.append(
            Finding(
                str(rule),
                Severity(str(severity)),
                ref,
                str(en or ""),
                str(zh or ""),
                compared=tuple(compared),
            )
        )
    return out


def check_plan(snap: Snapshot, findings: list[Finding]) -> Plan:
    """Check only: the Checks sheet and the flags; no computed cell is written."""
    plan = Plan(unflags=previous_flags(snap))
    rows = checks_rows(findings, snap.shapes_known)
    rebuild_sheet(plan, snap.sheets.get(L.CHECKS), L.CHECKS, rows)
    plan.flags = flag_marks(findings)
    plan.errors = count_by_severity(findings)["error"]
    return plan
