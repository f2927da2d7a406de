"""The Checks sheet: every finding of the last refresh or check, with a link to
its cell; and the plan of a check, which writes no computed cell."""

from __future__ import annotations

from estimates import __version__
from estimates.findings import Finding, count_by_severity
from estimates.rules.catalogue import how

from . import layout as L
from .flags import flag_marks, previous_flags
from .snapshot import Formula, Snapshot
from .writes import Plan, Write, rebuild_sheet


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


def check_plan(snap: Snapshot, findings: list[Finding]) -> Plan:
    """Check only: the Checks sheet and the flags; no computed cell is written."""
    plan = Plan(unflags=previous_flags(snap))
    rebuild_sheet(plan, snap.sheets.get(L.CHECKS), L.CHECKS, checks_rows(findings))
    plan.flags = flag_marks(findings)
    return plan
