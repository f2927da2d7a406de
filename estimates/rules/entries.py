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
from .text import finding, show


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, tuple[str, object]] = {}
    for s in head.subheads:
        if s.is_deduction:
            continue  # carries its subhead's code by design
        if s.code in seen:
            title, where = seen[s.code]
            twice = title == s.title_en
            out.append(
                finding(
                    "D04" if twice else "D08",
                    s.ref,
                    f"Subhead {s.code} {s.title_en!r} is entered twice"
                    f" (first at {where});"
                    " it is counted twice in the totals."
                    if twice
                    else f"Subhead code {s.code} is used for {s.title_en!r} and for"
                    f" {title!r} (at {where}); check the code.",
                    f"分目 {s.code} 重複輸入(首次見於 {where}),總額會重複計算。"
                    if twice
                    else f"分目編號 {s.code} 同時用於兩個不同項目"
                    f"(另一項見於 {where})。",
                    "a code used once",
                    s.code,
                )
            )
        else:
            seen[s.code] = (s.title_en, s.ref or "an earlier line")
    rows = [("millions", p.amounts) for p in head.programmes]
    rows += [("thousands", s.amounts) for s in head.subheads if not s.is_deduction]
    rows += [("thousands", b.amounts) for b in head.breakdown]
    for kind, amounts in rows:
        for column, amount in zip(COLUMNS, amounts, strict=True):
            if amount.value is not None and amount.value < 0:
                out.append(
                    finding(
                        "D03",
                        amount.ref,
                        f"A negative amount ({show(amount.value, kind)}) in the"
                        f" {column} column: correct unless it is a deduction.",
                        f"{column} 欄有負數金額({show(amount.value, kind)}):"
                        "除非屬扣減項目,否則請更正。",
                        "zero or more",
                        show(amount.value, kind),
                    )
                )
    return out
