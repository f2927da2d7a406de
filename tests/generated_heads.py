"""Generated Heads, consistent (no error finding), for the tests and benchmarks.

``write_head(folder, seed)``: source data folders unlike Head 135, each seed
picking different counts and changes, so that together they cover every narrative
form: posts 0, 1, 2-9 and 10 and over; zero change; nil base; up to 14 programmes;
long titles and footnotes in both languages.

``synthetic_head`` (and ``realistic_head``, ``large_head``): Heads at a chosen size,
for benchmarks/run.py and scale tests; sizes follow the published Heads (1-8
programmes, 5-30 subhead lines), with a breakdown of subhead 000 and an
establishment on the Master Pay Scale, so the work measured is what a clean Head
costs. (tests/generated.py draws Heads for property tests from the same SECTIONS.)
"""

from __future__ import annotations

import csv
import random
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from estimates.model import (
    ACCOUNTS,
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Head,
    Post,
    Programme,
    Subhead,
    amounts,
)
from estimates.model import SECTIONS as SECTIONS_OF
from estimates.results import compute
from estimates.source import SAMPLE_HEAD_135, load_source

SECTIONS = tuple((a, s) for a in ACCOUNTS for s in SECTIONS_OF[a])
"""Every (account, section) pair, in the core's order."""

TITLES = [
    ("Administration", "行政"),
    (
        "Policy, Research and Strategic Planning for the Development of Innovation",
        "創新發展的政策、研究及策略規劃",
    ),
    (
        "Support Services to the Community and to Non-governmental Organisations",
        "為社區及非政府機構提供的支援服務",
    ),
    ("Regulation", "規管"),
    ("Infrastructure and Facilities Management", "基建及設施管理"),
    ("Public Education and Publicity", "公眾教育及宣傳"),
    (
        "Environmental Protection and Conservation of Country Parks",
        "環境保護及郊野公園護理",
    ),
    ("Licensing", "發牌"),
    ("Enforcement and Prosecution", "執法及檢控"),
    ("Information Technology", "資訊科技"),
    ("Emergency Services", "緊急服務"),
    ("Heritage", "文物"),
    ("Statistics", "統計"),
    ("Training and Development", "培訓及發展"),
]
RANKS = [
    ("Executive Officer II", "二級行政主任", 16, 27),
    ("Clerical Officer", "文書主任", 9, 17),
    ("Senior Statistician", "高級統計師", 34, 39),
    ("Assistant Clerical Officer", "助理文書主任", 3, 15),
    ("Office Assistant", "辦公室助理員", 0, 8),
]
COUNTS = (0, 1, 2, 7, 12)
"""Directorate posts and programme net changes cycle through these."""


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _millions(thousands: int) -> Decimal:
    return (Decimal(thousands) / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """``total`` ($m) in ``parts`` one-decimal shares that sum to it exactly."""
    weights = [rng.randint(1, 9) for _ in range(parts)]
    shares = [
        (total * w / sum(weights)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        for w in weights[:-1]
    ]
    return [*shares, total - sum(shares, Decimal(0))]


def _subheads(seed: int, rng: random.Random) -> list[list]:
    base = rng.randint(20_000, 4_000_000)
    actual, original = base, base + rng.randint(-5000, 90_000)
    revised = None if seed % 6 == 1 else original + rng.randint(-9000, 9000)
    estimate = (revised or 0) if seed % 6 == 2 else original + rng.randint(1, 99_000)
    rows = [
        [
            "Operating",
            "Recurrent",
            "000",
            "Operational expenses",
            "運作開支",
            actual,
            original,
            revised,
            estimate,
        ]
    ]
    if seed % 2:
        rows.append(
            [
                "Capital",
                "Plant, Equipment and Works",
                "603",
                "Plant, vehicles and equipment",
                "機器、車輛及設備",
                1200,
                1500,
                None if revised is None else 1400,
                1600,
            ]
        )
    return rows


def _programmes(seed, rng, subheads) -> list[list]:
    n = 1 + (seed * 5) % 14
    cols = [sum(r[5 + k] or 0 for r in subheads) for k in range(4)]
    split = [_split(_millions(c), n, rng) for c in cols]
    rows = []
    for i in range(n):
        en, zh = TITLES[i % len(TITLES)]
        values = [split[k][i] for k in range(4)]
        if subheads[0][7] is None:
            values[2] = None  # nil revised: a change against a nil base
        area_zh = f"{i + 20}:政策範圍{i}(局長)" if i % 2 else ""  # or the number alone
        rows.append([i + 1, en, zh, *values, f"{i + 20}: Policy Area {i}", area_zh])
    return rows


def _posts(seed: int, programmes: int) -> list[list]:
    directorate = COUNTS[seed % 5]
    end_directorate = COUNTS[(seed // 5) % 5] if seed % 3 == 0 else directorate
    rows = []
    for i in range(max(directorate, end_directorate)):
        rows.append(
            [
                f"Directorate rank {i + 1}",
                f"首長級職級 {i + 1}",
                "Y",
                "D2",
                "",
                "",
                1,
                int(i < directorate),
                int(i < end_directorate),
            ]
        )
    for p in range(1, programmes + 1):
        net = COUNTS[(seed + p) % 5] * (-1 if (seed + p) % 2 else 1)
        en, zh, lo, hi = RANKS[p % len(RANKS)]
        start = 15 + p
        rows.append([en, zh, "N", "MPS", lo, hi, p, start, start + net])
    return rows


def write_head(folder: Path, seed: int) -> Path:
    """A source data folder for generated Head ``seed``; returns the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    subheads = _subheads(seed, rng)
    programmes = _programmes(seed, rng, subheads)
    posts = _posts(seed, len(programmes))
    money = ["actual", "original", "revised", "estimate"]
    _write(
        folder / "subheads.csv",
        ["account", "section", "code", "title_en", "title_zh", *money],
        subheads,
    )
    _write(
        folder / "programmes.csv",
        ["programme", "title_en", "title_zh", *money, "policy_area", "policy_area_zh"],
        programmes,
    )
    _write(
        folder / "establishment.csv",
        [
            "rank_en",
            "rank_zh",
            "directorate",
            "scale",
            "min_point",
            "max_point",
            "programme",
            "posts_start",
            "posts_end",
        ],
        posts,
    )
    _write(
        folder / "pay_scale.csv",
        ["scale", "point", "monthly_salary"],
        [["MPS", p, 14_000 + 1_500 * p] for p in range(50)],
    )
    line = subheads[0][5:]
    items = [
        [v if v is None else v - v // 3 for v in line],
        [v if v is None else v // 3 for v in line],
    ]
    _write(
        folder / "subhead_000.csv",
        ["group", "item_en", "item_zh", *money],
        [
            ["Personal Emoluments", "Salaries", "薪金", *items[0]],
            [
                "Departmental Expenses",
                "General departmental expenses",
                "一般部門開支",
                *items[1],
            ],
        ],
    )
    start = sum(r[7] for r in posts)
    info = {
        "posts_start": start,
        "directorate_start": sum(r[7] for r in posts if r[2] == "Y"),
        "directorate_end": sum(r[8] for r in posts if r[2] == "Y"),
        "net_change": sum(r[8] for r in posts) - start,
        "ceiling": 0,
    }
    _head_toml(folder, seed, info)
    nams = compute(load_source(folder)).nams_end
    info["ceiling"] = int(nams) + 1000 * (seed % 4)
    _head_toml(folder, seed, info)
    return folder


def source_folder(
    kind: str, folder: Path, real: str, seed: int, editable: bool = False
) -> Path:
    """A source data folder off the sample and on it: "sample" is Head 135 (a copy
    in ``folder``/sample if ``editable``), "real" the published Head-year ``real``
    (e.g. "2010-80") written into ``folder``/real, anything else the generated
    Head of ``seed`` in ``folder``/gen."""
    if kind == "sample":
        if editable:
            return Path(shutil.copytree(SAMPLE_HEAD_135, folder / "sample"))
        return SAMPLE_HEAD_135
    if kind == "real":
        from estimates.source import write_source

        from .conftest import head_from_published, published_heads

        write_source(head_from_published(published_heads()[real]), folder / "real")
        return folder / "real"
    return write_head(folder / "gen", seed)


def three_heads(folder: Path, seed: int, real_at: int) -> dict[str, Head]:
    """Head 135, the generated Head of ``seed`` and the published Head-year at
    1/``real_at`` of the sorted list: one on the sample, two off it."""
    from .conftest import head_from_published, published_heads

    real = published_heads()
    return {
        "head135": load_source(SAMPLE_HEAD_135),
        f"generated{seed}": load_source(write_head(folder / f"g{seed}", seed)),
        "real": head_from_published(real[sorted(real)[len(real) // real_at]]),
    }


def built_books(folder: Path, host: str, seed: int, real_at: int):
    """The ``three_heads``, each built and saved as NAME-HOST.xlsx in ``folder``:
    (name, head, path), for a test that edits each book and refreshes it on
    ``host``."""
    from workbook.io import save_book
    from workbook.refresh import build_workbook

    for name, head in three_heads(folder, seed, real_at).items():
        book = folder / f"{name}-{host}.xlsx"
        save_book(build_workbook(head)[0], book)
        yield name, head, book


def _head_toml(folder: Path, seed: int, info: dict) -> None:
    year = 2006 + seed % 20
    lines = [
        f'head = "{100 + seed}"',
        f'title_en = "Generated Department Number {seed} for Testing Print Layout"',
        f'title_zh = "測試用部門第 {seed} 號"',
        'controlling_officer_en = "The Director of Testing will account for'
        ' expenditure under this Head."',
        'controlling_officer_zh = "測試署署長會交代本總目下的開支。"',
        f'estimate_year = "{year}-{(year + 1) % 100:02d}"',
        f'department_en = "Testing Department {seed}"',
        f'department_zh = "測試署第 {seed} 號"',
        "",
        "[establishment]",
        *(f"{k} = {v}" for k, v in info.items()),
        "",
        "[[footnotes]]",
        'mark = "¶"',
        'target = "programme_total"',
        'columns = ["actual"]',
        'text_en = "For comparison purposes, the figures for the actual expenditure'
        " include the provision of a former programme transferred to another Head"
        ' of expenditure with effect from 1 April in the year before last."',
        'text_zh = "為作比較,實際開支的數字包括自前年四月一日起轉撥至另一開支總目的'
        '前綱領的相關撥款。"',
    ]
    (folder / "head.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


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
