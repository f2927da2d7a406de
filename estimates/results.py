"""Everything the core computes from a Head: the figures the COR prints.

``Results.expected`` maps each computed figure's key (made by ``figures.key``;
the workbook gives each of its computed cells one of them) to the value the cell
must show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .ceiling import PayScaleError, mid_point_salary, salary_table
from .figures import key, programme_ids, rank_ids, subhead_ids, total_ids
from .model import COLUMNS, Head
from .money import Number, sum_amounts, thousands_to_millions
from .totals import TotalLine, total_lines
from .variance import VARIANCES, variances


@dataclass
class RankResult:
    """A rank's NAMS figures; None where directorate or the pay range is unknown."""

    mid_salary: Decimal | None
    nams: Decimal | None
    nams_end: Decimal | None
    error: str = ""


@dataclass
class Results:
    """The computed figures of one Head."""

    programme_variances: dict[str, dict[str, Decimal | None]]
    programme_total: dict[str, Decimal | None]
    programme_total_variances: dict[str, Decimal | None]
    total_lines: list[TotalLine]
    breakdown_total: dict[str, int | None]
    subhead_000: dict[str, int | None]
    ranks: list[RankResult]
    posts_start_total: int
    posts_end_total: int
    directorate_start_total: int
    directorate_end_total: int
    nams_end: Decimal
    expected: dict[str, object] = field(default_factory=dict)

    def total(self, label: str) -> tuple[int | None, ...] | None:
        for line in self.total_lines:
            if line.label_en == label:
                return line.amounts
        return None

    @property
    def total_expenditure(self) -> tuple[int | None, ...]:
        return self.total("Total Expenditure") or (None,) * len(COLUMNS)


def _column(values: list[Number | None]) -> Number | None:
    return sum_amounts(values)


def compute(head: Head) -> Results:
    """Compute every figure of the Head from its inputs."""
    prog_var = {  # by identity: a repeated number is its own row (2, 2#2)
        ident: variances({c: p.value(c) for c in COLUMNS})
        for p, ident in zip(
            head.programmes, programme_ids(head.programmes), strict=True
        )
    }
    prog_total = {c: _column([p.value(c) for p in head.programmes]) for c in COLUMNS}
    lines = total_lines(head.subheads)
    breakdown_total = {
        c: _column([i.amounts[k].value for i in head.breakdown])
        for k, c in enumerate(COLUMNS)
    }
    subhead_000 = {
        c: _column([s.value(c) for s in head.subheads if s.code == "000"])
        for c in COLUMNS
    }
    salaries = salary_table(head.pay_scale)
    ranks = []
    for post in head.posts:
        try:
            mid = mid_point_salary(post, salaries)
        except PayScaleError as exc:
            ranks.append(RankResult(None, None, None, str(exc)))
            continue
        nams = None if mid is None else mid * 12
        ranks.append(
            RankResult(mid, nams, None if nams is None else nams * post.posts_end)
        )
    results = Results(
        programme_variances=prog_var,
        programme_total=prog_total,  # type: ignore[arg-type]
        programme_total_variances=variances(prog_total),
        total_lines=lines,
        breakdown_total=breakdown_total,  # type: ignore[arg-type]
        subhead_000=subhead_000,  # type: ignore[arg-type]
        ranks=ranks,
        posts_start_total=sum(p.posts_start for p in head.posts),
        posts_end_total=sum(p.posts_end for p in head.posts),
        directorate_start_total=sum(p.posts_start for p in head.posts if p.directorate),
        directorate_end_total=sum(p.posts_end for p in head.posts if p.directorate),
        nams_end=sum((r.nams_end or Decimal(0) for r in ranks), start=Decimal(0)),
    )
    results.expected = expected_figures(head, results)
    return results


def expected_figures(head: Head, r: Results) -> dict[str, object]:
    """Each computed figure's key (see ``figures``) and the value it must show."""
    e: dict[str, object] = {}
    for p, ident in zip(head.programmes, programme_ids(head.programmes), strict=True):
        for name in VARIANCES:
            pct = r.programme_variances[ident][name]
            e[key("programme_pct", ident, name)] = pct
            e[key("report_provision_pct", ident, name)] = pct
        for c in COLUMNS:
            e[key("report_programme", ident, c)] = p.value(c)
            e[key("report_provision", ident, c)] = p.value(c)
    for c in COLUMNS:
        e[key("programme_total", c)] = r.programme_total[c]
        e[key("report_programme_total", c)] = r.programme_total[c]
        e[key("breakdown_total", c)] = r.breakdown_total[c]
        e[key("breakdown_subhead000", c)] = r.subhead_000[c]
        e[key("breakdown_difference", c)] = (r.breakdown_total[c] or 0) - (
            r.subhead_000[c] or 0
        )
    for name in VARIANCES:
        e[key("programme_total_pct", name)] = r.programme_total_variances[name]
        e[key("report_programme_total_pct", name)] = r.programme_total_variances[name]
    e[key("head_estimate")] = r.programme_total["estimate"]
    for s, ident in zip(head.subheads, subhead_ids(head.subheads), strict=True):
        for c in COLUMNS:
            e[key("subhead_line", ident, c)] = s.value(c)
    if head.subheads:
        for line, ident in zip(r.total_lines, total_ids(r.total_lines), strict=True):
            for k, c in enumerate(COLUMNS):
                e[key("subhead_total", ident, c)] = line.amounts[k]
    e.update(_establishment_figures(head, r))
    return e


def _establishment_figures(head: Head, r: Results) -> dict[str, object]:
    e: dict[str, object] = {}
    est = head.establishment
    start, net = est.posts_start.value, est.net_change.value
    d_start, d_end = est.directorate_start.value, est.directorate_end.value
    end = None if start is None or net is None else start + net
    e[key("posts_end")] = end
    e[key("non_directorate_start")] = (
        None if start is None or d_start is None else start - d_start
    )
    e[key("non_directorate_end")] = (
        None if end is None or d_end is None else end - d_end
    )
    e[key("establishment_posts_start")] = r.posts_start_total
    e[key("establishment_posts_end")] = r.posts_end_total
    e[key("establishment_directorate_start")] = r.directorate_start_total
    e[key("establishment_directorate_end")] = r.directorate_end_total
    e[key("nams_end")] = r.nams_end
    e[key("head_nams_end")] = r.nams_end
    ceiling = est.ceiling.value
    e[key("ceiling_headroom")] = None if ceiling is None else ceiling - r.nams_end
    for rank, ident in zip(r.ranks, rank_ids(head.posts), strict=True):
        e[key("rank_mid_salary", ident)] = rank.mid_salary
        e[key("rank_nams", ident)] = rank.nams
        e[key("rank_nams_end", ident)] = rank.nams_end
    return e


def programme_total_millions_of_subheads(r: Results) -> dict[str, Decimal | None]:
    """Total Expenditure in $'000 as $ million to one decimal, per column."""
    return {
        c: thousands_to_millions(r.total_expenditure[k]) for k, c in enumerate(COLUMNS)
    }
