"""The codes a clerk keys: known values and unique numbers.

Rule ids: D13 (an account or section that is not a known value: it would print a
heading of its own and a total nobody checks), D14 (a programme number entered
twice). The allowed values come from the table declarations (``tables.py``), the
same lists the workbook offers as drop-downs.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import SECTIONS, Head, Subhead
from ..results import Results
from ..tables import SUBHEADS
from .text import finding, said


def _unknown(s: Subhead, name: str, allowed: tuple[str, ...], value: str) -> Finding:
    f = SUBHEADS.field(name)
    choices = ", ".join(allowed)
    en, zh = said(
        (
            f"Subhead {s.code}: the {f.label_en.lower()} is not a known value",
            f"分目 {s.code}:{f.label_zh}不是已知的值",
        ),
        (f"one of: {choices}", f"以下之一:{choices}"),
        (repr(value), repr(value)),
    )
    return finding("D13", s.refs.get(name, s.ref), en, zh, choices, repr(value))


def _subhead_codes(s: Subhead) -> list[Finding]:
    accounts = SUBHEADS.field("account").allowed
    sections = SUBHEADS.field("section").allowed
    found = []
    if s.account not in accounts:
        found.append(_unknown(s, "account", accounts, s.account))
    if s.section not in sections:
        found.append(_unknown(s, "section", sections, s.section))
    elif s.account in accounts and s.section not in SECTIONS[s.account]:
        found.append(_unknown(s, "section", SECTIONS[s.account], s.section))
    return found


def _programme_numbers(head: Head) -> list[Finding]:
    out = []
    seen: dict[str, object] = {}
    for p in head.programmes:
        if p.number in seen:
            where = seen[p.number] or "an earlier row"
            en, zh = said(
                (
                    f"Programme ({p.number}) is entered twice",
                    f"綱領({p.number})重複輸入",
                ),
                (f"one row (the first is at {where})", f"一行(首行見於 {where})"),
                ("a second row", "第二行"),
                ("Each programme has one number.", "每個綱領只有一個編號。"),
            )
            out.append(finding("D14", p.ref, en, zh, "a number used once", p.number))
        else:
            seen[p.number] = p.ref
    return out


def check(head: Head, results: Results) -> list[Finding]:
    out = [f for s in head.subheads for f in _subhead_codes(s)]
    return out + _programme_numbers(head)
