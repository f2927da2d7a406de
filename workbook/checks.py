"""The Checks sheet: every finding of the last refresh or check, with a link to
its cell; and the plan of a check, which writes no computed cell."""

from __future__ import annotations

import re
from dataclasses import replace

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity, sort_key
from estimates.model import Ref
from estimates.rules.catalogue import how
from estimates.rules.text import finding, said

from . import layout as L
from .draft import count_to_key
from .flags import flag_marks, previous_flags
from .snapshot import Formula, Snapshot, address
from .writes import Plan, Write, fingerprint, link_name, rebuild_sheet

UNSEEN = (
    "Not checked here: merged cells over an input table (D09) and protected"
    " sheets (D12). This Excel (on the web, or an Office.js add-in) does not tell"
    " the add-in about them; Refresh in desktop Excel, or `estimates check`,"
    " checks them. 此處未能檢查輸入表格內的合併儲存格(D09)及受保護的工作表(D12):"
    "網頁版 Excel 不提供這些資料;請在桌面版 Excel 按「更新」或使用 estimates check。"
)
UNSEEN_ROW = 4  # under the counts, above the findings' header row

PUTS_BACK = ("(Revert puts it back)", "(可用「還原」取回)")
"""What a C02 says of the cell it replaced, when Revert can put it back."""
CANNOT_PUT_BACK = (
    "(but Revert cannot put it back this time: copy the text from Found)",
    "(但此次「還原」無法取回:請從「現為」複製原有內容)",
)
"""What it says instead when Revert will refuse (the refresh laid the lines out
anew) or nothing records it (Check writes no revert record)."""


def unrevertable(f: Finding) -> Finding:
    """A C02 finding that says Revert cannot put its cell back."""
    if f.rule != "C02":
        return f
    en = f.message_en.replace(PUTS_BACK[0], CANNOT_PUT_BACK[0])
    zh = f.message_zh.replace(PUTS_BACK[1], CANNOT_PUT_BACK[1])
    return replace(f, message_en=en, message_zh=zh)


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
        *_counts_line(counts),
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
    return out + _records(out)


COMPARED = len(L.CHECKS_COLUMNS)  # the column of the first other cell's link


def _link(ref: Ref, text: str) -> Formula:
    return Formula(f'=HYPERLINK("#\'{ref.sheet}\'!{ref.cell}","{text}")')


def _others(f: Finding) -> list:
    """The cells a finding compares besides its own, each linked in a column (at
    most ``layout.CHECKS_LINKS``; the Cells used column names them all)."""
    return [c for c in f.cells if c != f.ref][: L.CHECKS_LINKS]


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
        for col in range(COMPARED, COMPARED + L.CHECKS_LINKS):
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


RECORD = L.CHECKS_RECORD_COLUMN


def _records(writes: list[Write]) -> list[Write]:
    """The hidden record of each row the Checks sheet gets: a fingerprint of each
    cell written there (of the name a link shows, after ``=``)."""
    marks: dict[int, list[str]] = {}
    for w in writes:
        if w.value is None or w.value == "":
            continue
        name = link_name(w.value)
        mark = fingerprint(w.value) if name is None else "=" + fingerprint(name)
        marks.setdefault(w.row, []).append(f"{get_column_letter(w.col)}:{mark}")
    return [
        Write(L.CHECKS, row, RECORD, "|" + ",".join(sorted(m)), "key")
        for row, m in sorted(marks.items())
    ]


def _marks(value: object) -> dict[int, str] | None:
    if not isinstance(value, str) or not value.startswith("|"):
        return None
    out = {}
    for part in filter(None, value[1:].split(",")):
        letters, _, mark = part.partition(":")
        if letters.isalpha() and mark:
            out[column_index_from_string(letters.upper())] = mark
    return out


def _ours(mark: str | None, value: object) -> bool:
    if mark is None:
        return False
    if mark.startswith("="):  # a link: its formula, or the name it shows
        return isinstance(value, Formula) or fingerprint(value) == mark[1:]
    return fingerprint(value) == mark


def clerk_cells(snap: Snapshot) -> dict[tuple[int, int], object]:
    """What a clerk typed on the Checks sheet: every cell the last refresh did
    not write there, by its rows' records. None on a sheet with no record (an
    earlier version wrote it): all of it is taken for ours."""
    old = snap.sheets.get(L.CHECKS) or {}
    records = {r: _marks(v) for (r, c), v in old.items() if c == RECORD}
    if not any(m is not None for m in records.values()):
        return {}
    return {
        (r, c): v
        for (r, c), v in old.items()
        if c != RECORD
        and v not in (None, "")
        and not _ours((records.get(r) or {}).get(c), v)
    }


def checks_c02(row: int, col: int, value: object) -> Finding:
    """C02 at a cell of the Checks sheet where a clerk's text was replaced."""
    cell = address(row, col)
    en, zh = said(
        (
            f"{L.CHECKS}!{cell} lies where Refresh lists the findings, and what"
            " was typed there was replaced",
            f"{L.CHECKS}!{cell} 位於更新列出檢查結果的範圍,原有內容已被取代",
        ),
        ("the add-in's own list", "工具所列的檢查結果"),
        (f"the clerk's {value!r}", f"使用者輸入的 {value!r}"),
        (
            f"It is on the revert record {PUTS_BACK[0]}. Keep notes on"
            " another sheet: Refresh rewrites this one.",
            f"已記入還原紀錄{PUTS_BACK[1]}。請在其他工作表記下備註:"
            "更新會重寫此工作表。",
        ),
    )
    return finding("C02", Ref(L.CHECKS, cell), en, zh, "empty", str(value))


COUNTS = (("error", "Errors 錯誤"), ("warning", "Warnings 警告"), ("info", "Info 資料"))


def _counts_line(counts: dict) -> list[Write]:
    """Row 3: each count in one cell with its label ("Errors 錯誤: 6"), a blank
    cell after each, so no count reads with the next label ("6 Warnings" when
    there were 6 errors; trial 11e item 7). The blank cells were the counts'."""
    out = []
    for i, (severity, label) in enumerate(COUNTS):
        said = f"{label}: {counts[severity]}"
        out += [Write(L.CHECKS, 3, 2 * i + 1, said, "label")]
        out += [Write(L.CHECKS, 3, 2 * i + 2, None, "label")]
    return out


def checks_sheet(
    plan: Plan, snap: Snapshot, findings: list[Finding], revertible: bool = True
) -> set:
    """The Checks sheet rebuilt into ``plan``. What a clerk typed where it now
    writes is replaced and raised (C02, added to ``findings``); what a clerk
    typed anywhere else on it is left as it is. The replaced cells, for the
    revert record (``revertible``: Revert can put them back)."""
    typed = clerk_cells(snap)
    raised: list[Finding] = []
    said = (lambda f: f) if revertible else unrevertable
    while True:
        rows = checks_rows(findings + raised, snap.shapes_known)
        written = {(w.row, w.col) for w in rows}
        hit = sorted(cell for cell in typed if cell in written)
        if len(hit) == len(raised):
            break
        raised = [said(checks_c02(r, c, typed[(r, c)])) for r, c in hit]
    findings += raised
    old = {k: v for k, v in (snap.sheets.get(L.CHECKS) or {}).items()
           if k not in typed or k in written}  # fmt: skip
    rebuild_sheet(plan, old if L.CHECKS in snap.sheets else None, L.CHECKS, rows)
    plan.hidden_columns[L.CHECKS] = list(L.HIDDEN_COLUMNS[L.CHECKS])
    return {(L.CHECKS, r, c) for r, c in hit}


def check_plan(snap: Snapshot, findings: list[Finding]) -> Plan:
    """Check only: the Checks sheet and the flags; no computed cell is written."""
    plan = Plan(unflags=previous_flags(snap))
    checks_sheet(plan, snap, findings, revertible=False)  # no revert record
    plan.flags = flag_marks(findings)
    plan.errors = count_by_severity(findings)["error"]
    plan.to_key = count_to_key(findings)
    return plan
