"""What a clerk keyed, line by line.

Rule ids: D03 (a negative amount), D04 (a subhead line entered twice: same code
and title, so it is counted twice), D08 (one code on lines with different titles:
a mis-keyed code; totals are unaffected). D01, D02,
D05, D06 and D07 are found while a host's cells are read, before any figure is
computed; the book readers raise them with ``text.finding``.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import COLUMNS, Head
from ..results import Results
from .text import COLUMN_ZH, finding, said, show


def _twice(s, title: str, where: object) -> Finding:
    """D04 (the same line twice) or D08 (one code on two different lines)."""
    if title == s.title_en:
        en, zh = said(
            (
                f"Subhead {s.code} {s.title_en!r} is entered twice",
                f"分目 {s.code} 重複輸入",
            ),
            (f"one line (the first is at {where})", f"一項(首項見於 {where})"),
            ("a second line", "第二項"),
            ("It is counted twice in the totals.", "總額會重複計算。"),
        )
        return finding("D04", s.ref, en, zh, "one line", "two lines")
    en, zh = said(
        (
            f"Subhead code {s.code} is on two different lines",
            f"分目編號 {s.code} 用於兩個不同項目",
        ),
        (f"{title!r} only (at {where})", f"只用於首項(見於 {where})"),
        (f"also {s.title_en!r}", f"亦用於 {s.title_zh or s.title_en!r}"),
        ("Check the code.", "請核對編號。"),
    )
    return finding("D08", s.ref, en, zh, "a code used once", s.code)


def _negative(amount, column: str, kind: str) -> Finding:
    """D03: a negative amount where only a deduction may be negative."""
    en, zh = said(
        (
            f"A negative amount in the {column} column",
            f"{COLUMN_ZH[column]}欄有負數金額",
        ),
        ("zero or more", "零或正數"),
        (show(amount.value, kind), show(amount.value, kind, "zh")),
        (
            "Correct it unless it is a deduction: a deduction line's English"
            " title starts with 'Deduct' ('Deduct reimbursements') or its Chinese"
            " title names 發還款額, and it keys its subhead's code.",
            "除非屬扣減項目,否則請更正:扣減項目的英文名稱以「Deduct」開首"
            "(如 Deduct reimbursements)或中文名稱含「發還款額」,並使用其分目編號。",
        ),
    )
    return finding("D03", amount.ref, en, zh, "zero or more", show(amount.value, kind))


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, tuple[str, object]] = {}
    for s in head.subheads:
        if s.is_deduction:
            continue  # carries its subhead's code by design
        if s.code in seen:
            out.append(_twice(s, *seen[s.code]))
        else:
            seen[s.code] = (s.title_en, s.ref or "an earlier line")
    rows = [("millions", p.amounts) for p in head.programmes]
    rows += [("thousands", s.amounts) for s in head.subheads if not s.is_deduction]
    rows += [("thousands", b.amounts) for b in head.breakdown]
    for kind, amounts in rows:
        for column, amount in zip(COLUMNS, amounts, strict=True):
            if amount.value is not None and amount.value < 0:
                out.append(_negative(amount, column, kind))
    return out
