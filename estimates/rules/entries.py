"""What a clerk keyed, line by line.

Rule ids: D03 (a negative amount), D04 (a duplicated subhead code). D01, D02,
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
    seen: dict[str, object] = {}
    for s in head.subheads:
        if s.code in seen:
            out.append(
                finding(
                    "D04",
                    s.ref,
                    f"Subhead code {s.code} appears twice (first at {seen[s.code]}).",
                    f"分目編號 {s.code} 重複出現(首次見於 {seen[s.code]})。",
                    "a code used once",
                    s.code,
                )
            )
        else:
            seen[s.code] = s.ref or "an earlier line"
    rows = [("millions", p.amounts) for p in head.programmes]
    rows += [("thousands", s.amounts) for s in head.subheads]
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
