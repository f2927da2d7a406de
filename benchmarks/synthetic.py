"""Synthetic Heads at realistic sizes, for benchmarks and scale tests.

Sizes follow the published Heads (1-8 programmes, 5-30 subhead lines), plus a
breakdown of subhead 000 and an establishment on the Master Pay Scale. Every Head
is internally consistent, so its check finds no error: the work measured is the
work a clean Head costs.
"""

from __future__ import annotations

import random
from decimal import Decimal

from estimates.model import (
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Head,
    PayPoint,
    Post,
    Programme,
    Subhead,
    amounts,
)
from estimates.source import SAMPLE_HEAD_135, load_source

SECTIONS = (
    ("Operating", "Recurrent"),
    ("Operating", "Non-Recurrent"),
    ("Capital", "Plant, Equipment and Works"),
    ("Capital", "Subventions"),
)


def synthetic_head(
    number: int, programmes: int, subheads: int, posts: int, seed: int = 0
) -> Head:
    """A consistent Head: programme totals equal Total Expenditure / 1000."""
    rng = random.Random(seed * 1000 + number)
    pay = load_source(SAMPLE_HEAD_135).pay_scale
    lines = []
    for i in range(subheads):
        account, section = SECTIONS[0] if i == 0 else SECTIONS[rng.randrange(4)]
        code = "000" if i == 0 else f"{100 + i:03d}"
        values = tuple(rng.randrange(1_000, 900_000) for _ in range(4))
        lines.append(
            Subhead(
                account,
                section,
                code,
                f"Subhead {code}",
                f"分目 {code}",
                amounts(values),
            )
        )
    totals = [
        sum(s.value(c) for s in lines)
        for c in ("actual", "original", "revised", "estimate")
    ]
    progs = []
    for p in range(programmes):
        share = []
        for total in totals:
            millions = Decimal(total) / 1000
            part = (millions / programmes).quantize(Decimal("0.1"))
            if p == programmes - 1:
                part = millions.quantize(Decimal("0.1")) - part * (programmes - 1)
            share.append(part)
        progs.append(
            Programme(
                str(p + 1), f"Programme {p + 1}", f"綱領 {p + 1}", amounts(tuple(share))
            )
        )
    s000 = lines[0]
    parts = (
        ("Personal Emoluments", "Salaries", 0.6),
        ("Personal Emoluments", "Allowances", 0.1),
        ("Departmental Expenses", "General departmental expenses", 0.3),
    )
    breakdown = []
    for k, (group, item, share) in enumerate(parts):
        values = []
        for c in ("actual", "original", "revised", "estimate"):
            whole = s000.value(c)
            done = sum(int(whole * p[2]) for p in parts[:k])
            values.append(whole - done if k == len(parts) - 1 else int(whole * share))
        breakdown.append(BreakdownItem(group, item, item, amounts(tuple(values))))
    staff = []
    directorate = max(1, posts // 20)
    for r in range(posts):
        is_dir = r < directorate
        low = rng.randrange(0, 40)
        staff.append(
            Post(
                f"Rank {r}",
                f"職級 {r}",
                is_dir,
                "D2" if is_dir else "MPS",
                None if is_dir else low,
                None if is_dir else low + rng.randrange(1, 9),
                str(1 + r % programmes),
                1,
                1,
            )
        )
    head = Head(
        head=str(number),
        title_en=f"Synthetic Head {number}",
        title_zh=f"總目 {number}",
        estimate_year="2025-26",
        programmes=progs,
        subheads=lines,
        breakdown=breakdown,
        posts=staff,
        pay_scale=list(pay),
    )
    from estimates.results import compute

    nams = compute(head).nams_end
    head.establishment = EstablishmentSummary(
        posts_start=Count(posts),
        directorate_start=Count(directorate),
        directorate_end=Count(directorate),
        net_change=Count(0),
        ceiling=Count(int(nams) + 1_000_000),
    )
    return head


def realistic_head(number: int, seed: int = 0) -> Head:
    rng = random.Random(seed * 7919 + number)
    return synthetic_head(
        number, rng.randint(1, 8), rng.randint(5, 30), rng.randint(20, 150), seed
    )


def large_head(number: int = 999) -> Head:
    return synthetic_head(number, 10, 300, 2000)


__all__ = ["PayPoint", "large_head", "realistic_head", "synthetic_head"]
