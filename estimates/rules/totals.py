"""Totals across tables.

Rule ids: T03 (programme total against Total Expenditure, explained by a
footnote as ``info``), T05 (breakdown of subhead 000 against subhead 000).
T01, T02 and T04 judge the cells that show totals: see ``shown``.
"""

from __future__ import annotations

from decimal import Decimal

from ..figures import key
from ..findings import Finding, Severity
from ..model import COLUMNS, Head
from ..results import Results, programme_total_millions_of_subheads
from ..rollforward import is_draft
from .shown import showing
from .text import COLUMN_ZH, finding, in_millions, mismatch, said, show

TOLERANCE_MILLIONS = Decimal("0.1")


def _explaining(head: Head, column: str) -> list[str]:
    """The marks of the reviewed footnotes on ``column``, each once: a draft
    carried over by New year explains nothing until the clerk reviews it, nor
    does a mark with no text (an import gives marks only) in either language."""
    marks = [
        f.mark
        for f in head.footnotes
        if column in f.columns
        and (f.text_en.strip() or f.text_zh.strip())
        and not is_draft(f.text_en)
        and not is_draft(f.text_zh)
    ]
    return list(dict.fromkeys(marks))


def _ref(head: Head, figure: str):
    cell = head.shown.get(figure)
    return cell.ref if cell else None


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    if head.subheads:  # no programmes at all is a programme total of nil
        from_subheads = programme_total_millions_of_subheads(results)
        for k, column in enumerate(COLUMNS):
            total = showing(
                head, key("programme_total", column), results.programme_total[column]
            )  # a constant typed over the total is what T02 and T04 see too
            expected = from_subheads[column]
            if total is None and expected is None:
                continue
            gap = abs((total or 0) - (expected or 0))
            if gap <= TOLERANCE_MILLIONS:
                continue
            out.append(_t03(head, results, k, column, total, expected))
    if head.breakdown and not any(s.code == "000" for s in head.subheads):
        out.append(_no_subhead_000(head, results))
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
            en, zh = mismatch(
                (
                    f"The breakdown of subhead 000 for {years[k]} ({column}) does"
                    " not sum to subhead 000",
                    f"{years[k]} 年度({COLUMN_ZH[column]})分目 000 的分析總和"
                    "不等於分目 000",
                ),
                line,
                items,
                "thousands",
            )
            out.append(
                finding(
                    "T05",
                    _ref(head, key("breakdown_total", column)) or line_ref,
                    en,
                    zh,
                    show(line, "thousands"),
                    show(items, "thousands"),
                    (line_ref,),
                    compared=(line_ref,),
                )
            )
    return out


def _t03(head: Head, results: Results, k: int, column: str, total, expected):
    """The programme total against Total Expenditure / 1000: both cells marked."""
    years = head.year_labels()
    te = results.total_expenditure[k]
    en, zh = mismatch(
        (
            f"The programme total for {years[k]} ({column}) is not Total Expenditure"
            f" ({show(te, 'thousands')}) in $ million",
            f"{years[k]} 年度({COLUMN_ZH[column]})綱領總額不等於開支總額"
            f"({in_millions(te, 'zh')})",
        ),
        expected,
        total,
        "millions",
    )
    marks = _explaining(head, column) if head.programmes else []  # no table: error
    if marks:
        cite = " ".join(marks)
        en += f" Explained by footnote {cite}."
        zh += f"已由註 {cite} 說明。"
    else:
        en += " No footnote explains it."
        zh += "沒有註釋說明。"
    te_ref = _ref(head, key("subhead_total", "Total Expenditure", column))
    return finding(
        "T03",
        _ref(head, key("programme_total", column)),
        en,
        zh,
        show(expected, "millions"),
        show(total, "millions"),
        (te_ref,),
        Severity.INFO if marks else None,
        compared=(te_ref, _ref(head, key("report_programme_total", column))),
    )


def _no_subhead_000(head: Head, results: Results) -> Finding:
    """T05 when there is a breakdown of subhead 000 but no subhead 000 line."""
    total = results.breakdown_total["estimate"]
    en, zh = said(
        (
            "There is a breakdown of subhead 000 but no subhead 000 line on the"
            " Subheads sheet",
            "有分目 000 的分析,但分目工作表沒有分目 000 項目",
        ),
        ("a subhead 000 line", "分目 000 項目"),
        (
            f"none (the breakdown is {show(total, 'thousands')})",
            f"沒有(分析總和為 {show(total, 'thousands', 'zh')})",
        ),
        ("Add the line, or delete the breakdown.", "請加入該項目或刪除分析。"),
    )
    return finding(
        "T05",
        _ref(head, "breakdown_total:estimate") or head.breakdown[0].ref,
        en,
        zh,
        "a subhead 000 line",
        "none",
        tuple(b.ref for b in head.breakdown[:1]),
    )
