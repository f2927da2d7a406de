"""Totals across tables.

Rule ids: T03 (programme total against Total Expenditure, explained by a
footnote as ``info``), T05 (breakdown of subhead 000 against subhead 000).
T01, T02 and T04 judge the cells that show totals: see ``shown``.
"""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding, Severity
from ..model import COLUMNS, Head
from ..results import Results, programme_total_millions_of_subheads
from .text import finding, show

TOLERANCE_MILLIONS = Decimal("0.1")


def _explaining(head: Head, column: str) -> list[str]:
    return [f.mark for f in head.footnotes if column in f.columns]


def _ref(head: Head, key: str):
    cell = head.shown.get(key)
    return cell.ref if cell else None


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    if head.programmes and head.subheads:
        from_subheads = programme_total_millions_of_subheads(results)
        years = head.year_labels()
        for k, column in enumerate(COLUMNS):
            total = results.programme_total[column]
            expected = from_subheads[column]
            if total is None and expected is None:
                continue
            gap = abs((total or 0) - (expected or 0))
            if gap <= TOLERANCE_MILLIONS:
                continue
            marks = _explaining(head, column)
            te = results.total_expenditure[k]
            en = (
                f"Programme total for {years[k]} ({column}) is"
                f" {show(total, 'millions')}"
                f" but Total Expenditure {show(te, 'thousands')} / 1000 is"
                f" {show(expected, 'millions')} (difference {gap}m)"
            )
            zh = (
                f"{years[k]}年度綱領總額為 {show(total, 'millions')},"
                f"但開支總額 {show(te, 'thousands')} 除以 1000 為"
                f" {show(expected, 'millions')}"
            )
            if marks:
                cite = " ".join(marks)
                en += f"; explained by footnote {cite}."
                zh += f";已由註 {cite} 說明。"
                severity = Severity.INFO
            else:
                en += "; no footnote explains it."
                zh += ";沒有註釋說明。"
                severity = None
            out.append(
                finding(
                    "T03",
                    _ref(head, f"programme_total:{column}"),
                    en,
                    zh,
                    show(expected, "millions"),
                    show(total, "millions"),
                    (_ref(head, f"subhead_total:Total Expenditure:{column}"),),
                    severity,
                )
            )
    if head.breakdown and any(s.code == "000" for s in head.subheads):
        years = head.year_labels()
        for k, column in enumerate(COLUMNS):
            items = results.breakdown_total[column]
            line = results.subhead_000[column]
            if (items or 0) == (line or 0):
                continue
            line_ref = next(
                (s.amounts[k].ref for s in head.subheads if s.code == "000"), None
            )
            out.append(
                finding(
                    "T05",
                    _ref(head, f"breakdown_total:{column}") or line_ref,
                    f"The breakdown of subhead 000 for {years[k]} ({column}) sums to"
                    f" {show(items, 'thousands')} but subhead 000 is"
                    f" {show(line, 'thousands')}.",
                    f"{years[k]}年度分目 000 的分析總和為 {show(items, 'thousands')},"
                    f"但分目 000 為 {show(line, 'thousands')}。",
                    show(line, "thousands"),
                    show(items, "thousands"),
                    (line_ref,),
                )
            )
    return out
