"""Totals across tables.

Rule ids: T03 (programme total against Total Expenditure, explained by a
footnote as ``info``), T05 (breakdown of subhead 000 against subhead 000).
T01, T02 and T04 judge the cells that show totals: see ``shown``.
"""

from __future__ import annotations

from decimal import Decimal

from ..figures import key
from ..findings import Finding, Severity
from ..model import COLUMNS, Amount, Head
from ..results import Results, programme_total_millions_of_subheads
from ..rollforward import DRAFT, is_draft
from .shown import showing, typed_value
from .text import COLUMN_ZH, finding, mismatch, printed_thousands, said, show

TOLERANCE_MILLIONS = Decimal("0.1")


def _explaining(head: Head, column: str) -> list[str]:
    """The marks of the reviewed footnotes on ``column``, each once: a draft
    carried over by New year explains nothing until the clerk reviews it, nor
    does a mark with no text (an import gives marks only) in either language,
    nor one on a single programme's line (not what T03 compares, trial 11c 3)."""
    marks = [
        f.mark
        for f in head.footnotes
        if column in f.columns
        and not f.target.startswith("programme:")
        and (f.text_en.strip() or f.text_zh.strip())
        and not is_draft(f.text_en)
        and not is_draft(f.text_zh)
    ]
    return list(dict.fromkeys(marks))


def _no_subheads(head: Head) -> bool:
    """Programme figures keyed but no subhead line at all (the programme file
    imported alone): Total Expenditure is nil, and the gap is T03 (trial 10g
    item 3: the book looked clean)."""
    return not head.subheads and any(
        a.value for p in head.programmes for a in p.amounts
    )


NO_SUBHEADS = (
    " The Subheads table has no line: key the subhead lines, or import the"
    " subheads file with the programmes file.",
    "分目表沒有任何項目:請輸入分目,或連同綱領檔案匯入分目檔案。",
)


def _gaps(head: Head, results: Results):
    """(k, column, programme total, Total Expenditure in $m) of each column where
    the two differ by more than rounding."""
    from_subheads = programme_total_millions_of_subheads(results)
    for k, column in enumerate(COLUMNS):
        total = printed_total(head, results, column)
        expected = from_subheads[column]
        if total is None and expected is None:
            continue
        if abs((total or 0) - (expected or 0)) > TOLERANCE_MILLIONS:
            yield k, column, total, expected


def printed_total(head: Head, results: Results, column: str) -> Decimal | None:
    """The programme total the COR prints: the Report's Total of the programme
    lines (a constant typed over Programmes' total row is C01 there, and does not
    print), or a constant typed over the Report's Total itself."""
    computed = results.programme_total[column]
    return showing(head, key("report_programme_total", column), computed)


def _typed_total(head: Head, column: str, printed) -> tuple[str, str]:
    """What a message adds when the Programmes sheet's total shows a constant
    other than the printed total: which figure each place shows."""
    typed = typed_value(head, key("programme_total", column))
    ref = _ref(head, key("programme_total", column))
    if typed is None or ref is None or typed == printed:
        return "", ""
    return (
        f" The COR prints {show(printed, 'millions')}, the total of the programme"
        f" lines; {ref} shows {show(typed, 'millions')} typed over its formula"
        " (C01).",
        f"COR 印出的是綱領各行的總和 {show(printed, 'millions', 'zh')};{ref} 顯示的"
        f" {show(typed, 'millions', 'zh')} 是鍵入以取代公式的數字(C01)。",
    )


def _recorded(head: Head, k: int) -> Amount:
    """The gap recorded for column ``k`` when its footnotes were accepted."""
    return head.footnote_gaps[k] if k < len(head.footnote_gaps) else Amount(None)


def gaps_to_record(head: Head, results: Results) -> dict[str, Decimal]:
    """Per column, the gap ($ million, Total Expenditure less the programme
    total) that reviewed footnotes explain and the book has not recorded: the
    refresh records it beside the programme total, and from then on the
    footnotes explain that gap only. A clerk accepts a changed gap by clearing
    the record (or keying the new gap there)."""
    if not head.programmes:
        return {}
    return {
        column: (expected or 0) - (total or 0)
        for k, column, total, expected in _gaps(head, results)
        if _explaining(head, column) and _recorded(head, k).value is None
    }


def _ref(head: Head, figure: str):
    cell = head.shown.get(figure)
    return cell.ref if cell else None


def _errors(items, k: int) -> list:
    """The cells of column ``k`` that hold an error value: a SUM over them shows
    the error, not a figure."""
    return [i.amounts[k].ref for i in items if i.amounts[k].error]


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    shown_errors = {
        k: _errors(head.programmes, k) + _errors(head.subheads, k)
        for k in range(len(COLUMNS))
    }
    if head.subheads or _no_subheads(head):  # no programmes: a total of nil
        for k, column in enumerate(COLUMNS):
            if shown_errors[k]:
                out.append(_t03_error(head, k, column, shown_errors[k]))
        for k, column, total, expected in _gaps(head, results):
            if not shown_errors[k]:  # else the book shows no figure to compare
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
            where = f" ({line_ref})" if line_ref else ""
            en, zh = mismatch(
                (  # either side may be the one mistyped: name both, blame neither
                    f"Subhead 000{where} and the total of its breakdown for"
                    f" {years[k]} ({column}) differ; one of the two is mistyped",
                    f"{years[k]} 年度({COLUMN_ZH[column]})分目 000{where}與其分析"
                    "總和不相符,其中之一輸入有誤",
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
            f" ({printed_thousands(te)}) in $ million",
            f"{years[k]} 年度({COLUMN_ZH[column]})綱領總額不等於開支總額"
            f"({printed_thousands(te, 'zh')})",
        ),
        expected,
        total,
        "millions",
    )
    marks = _explaining(head, column) if head.programmes else []  # no table: error
    record = _recorded(head, k)
    gap = (expected or 0) - (total or 0)
    explained = bool(marks) and (
        record.value is None or abs(record.value - gap) <= TOLERANCE_MILLIONS
    )
    more = _explanation(marks, record.value, gap)
    waiting = _awaiting_review(head, column)
    if not marks and waiting:
        more = _awaiting_said(waiting)
    if not head.subheads:
        more = (more[0] + NO_SUBHEADS[0], more[1] + NO_SUBHEADS[1])
        explained = False  # no footnote explains a missing table
    typed = _typed_total(head, column, total)
    te_ref = _ref(head, key("subhead_total", "Total Expenditure", column))
    return finding(
        "T03",
        _ref(head, key("programme_total", column)),
        en + typed[0] + more[0],
        zh + typed[1] + more[1],
        show(expected, "millions"),
        show(total, "millions"),
        (te_ref, None if explained else record.ref),  # the record: named
        Severity.INFO if explained else None,
        compared=(te_ref, _ref(head, key("report_programme_total", column))),
    )


def _t03_error(head: Head, k: int, column: str, errors: list) -> Finding:
    """T03 where the totals show an error value: no figure to compare, and none
    quoted; the totals and the cells holding the error are named."""
    years = head.year_labels()
    named = ", ".join(str(r) for r in errors if r)
    en, zh = said(
        (
            f"The programme total and Total Expenditure for {years[k]} ({column})"
            " cannot be compared: the book's totals show an error value, from"
            f" {named}",
            f"{years[k]} 年度({COLUMN_ZH[column]})綱領總額與開支總額無法比較:"
            f"活頁簿的總額顯示錯誤值,源自 {named}",
        ),
        ("totals that are figures", "總額為數字"),
        ("an error value", "錯誤值"),
        (
            "Correct that cell (D02), or what its formula uses.",
            "請更正該儲存格(D02)或其公式所用的儲存格。",
        ),
    )
    te_ref = _ref(head, key("subhead_total", "Total Expenditure", column))
    return finding(
        "T03",
        _ref(head, key("programme_total", column)),
        en,
        zh,
        "totals that are figures",
        "an error value",
        tuple(errors),
        compared=(te_ref, _ref(head, key("report_programme_total", column))),
    )


def _gap(value: Decimal, lang: str) -> str:
    """A signed gap in $ million: ``$95.9 million``, ``-$95.9 million``."""
    sign = "-" if value < 0 else ""
    return sign + show(abs(value), "millions", lang)


def _awaiting_review(head: Head, column: str) -> list[str]:
    """The marks of footnotes on ``column``'s totals that would explain a gap
    once reviewed: carried over by New year and still marked as drafts."""
    marks = [
        f.mark
        for f in head.footnotes
        if column in f.columns
        and not f.target.startswith("programme:")
        and (is_draft(f.text_en) or is_draft(f.text_zh))
    ]
    return list(dict.fromkeys(marks))


def _awaiting_said(marks: list[str]) -> tuple[str, str]:
    cite = " ".join(marks)
    return (
        f" Footnote {cite} covers this column but awaits review (its text is"
        f" marked {DRAFT.strip()!r}): it explains the gap once reviewed and the"
        " mark deleted.",
        f"註 {cite} 涵蓋此欄,但尚待覆核(其文字標有 {DRAFT.strip()!r}):覆核並刪除"
        "該標記後即可說明差額。",
    )


def _explanation(marks: list[str], record, gap: Decimal) -> tuple[str, str]:
    """What the footnotes say of a gap: nothing, the gap they explain (recorded
    by this refresh or an earlier one), or a recorded gap that is not this one."""
    if not marks:
        return " No footnote explains it.", "沒有註釋說明。"
    cite = " ".join(marks)
    if record is None or abs(record - gap) <= TOLERANCE_MILLIONS:
        shown = _gap(gap if record is None else record, "en")
        shown_zh = _gap(gap if record is None else record, "zh")
        return (  # one wording, first refresh or later: a 2nd refresh changes nothing
            f" Explained by footnote {cite} (the gap it explains, {shown}, is"
            " recorded under the programme total; a different gap is raised again).",
            f"已由註 {cite} 說明(註釋所說明的差額 {shown_zh} 記錄於綱領總額之下;"
            "差額如有改變會再次提示)。",
        )
    return (
        f" The footnote {cite} explained a gap of {_gap(record, 'en')}, not this"
        f" one of {_gap(gap, 'en')}: correct the figures, or if the footnote"
        " explains the new gap, clear the recorded gap under the programme total"
        " (the next refresh records this one).",
        f"註 {cite} 所說明的差額為 {_gap(record, 'zh')},而非現時的"
        f" {_gap(gap, 'zh')}:請更正數字;如註釋亦說明新差額,請清除綱領總額下"
        "所記錄的差額(下次更新會記錄新差額)。",
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
