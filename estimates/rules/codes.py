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
from .text import finding


def _unknown(s: Subhead, name: str, allowed: tuple[str, ...], value: str) -> Finding:
    f = SUBHEADS.field(name)
    choices = ", ".join(allowed)
    return finding(
        "D13",
        s.refs.get(name, s.ref),
        f"Subhead {s.code}: {f.label_en.lower()} {value!r} is not one of: {choices}.",
        f"分目 {s.code}:{f.label_zh} {value!r} 不是以下之一:{choices}。",
        choices,
        repr(value),
    )


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
            out.append(
                finding(
                    "D14",
                    p.ref,
                    f"Programme ({p.number}) is entered twice (first at {where});"
                    " each programme has one number.",
                    f"綱領({p.number})重複輸入(首次見於 {where});"
                    "每個綱領只有一個編號。",
                    "a number used once",
                    p.number,
                )
            )
        else:
            seen[p.number] = p.ref
    return out


def check(head: Head, results: Results) -> list[Finding]:
    out = [f for s in head.subheads for f in _subhead_codes(s)]
    return out + _programme_numbers(head)
