"""The codes a clerk keys: known values and unique numbers.

Rule ids: D13 (an account or section that is not a known value: it would print a
heading of its own and a total nobody checks; a subhead code that is not of the
form a code takes: three digits, or in Subventions digits then letters, ``88B``),
D14 (a programme number entered twice). The allowed values come from the table
declarations (``tables.py``), the same lists the workbook offers as drop-downs.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..model import SECTIONS, Head, Subhead
from ..results import Results
from ..tables import NUMBER_LIKE, SUBHEADS
from .text import finding, said

CODE = re.compile(r"[0-9]{3}")
"""A subhead code (DOMAIN.md section 1.6): three digits, 000 to 999."""
LETTERED = re.compile(r"[0-9]{2,4}[A-Z]{1,2}")
"""A Subventions code may end in letters (``88B``, ``5001BX``); no other may."""


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


def _code_form(s: Subhead) -> list[Finding]:
    """D13 at a code of no code's form (``01A``, ``7OO``); a code that reads as a
    number (``885.0``) is the reader's D05, a blank one its D06."""
    code = s.code.strip()
    if not code or CODE.fullmatch(code) or NUMBER_LIKE.fullmatch(code):
        return []
    if s.section == "Subventions" and LETTERED.fullmatch(code):
        return []
    en, zh = said(
        (
            f"Subhead code {code!r} is not a subhead code",
            f"分目編號 {code!r} 不是分目編號",
        ),
        (
            "three digits, such as 000 or 700 (a Subventions code may end in"
            " letters, such as 88B)",
            "三位數字,如 000 或 700(資助金的分目編號可以字母結尾,如 88B)",
        ),
        (repr(code), repr(code)),
        (
            "Check the letter O against the digit 0 and the letter I against 1.",
            "請核對字母 O 與數字 0、字母 I 與數字 1。",
        ),
    )
    expected = "three digits"
    return [finding("D13", s.refs.get("code", s.ref), en, zh, expected, repr(code))]


def _subhead_codes(s: Subhead) -> list[Finding]:
    accounts = SUBHEADS.field("account").allowed
    sections = SUBHEADS.field("section").allowed
    found = _code_form(s)
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
