"""Issue 9, "Counting instead of references": a blank row inside a table shifts
nothing; every figure follows its own row (Report, percentages, narrative)."""

import pytest

from estimates.narrative import change_en
from estimates.variance import VARIANCES

from .clerk import blank_row, labelled_rows
from .clerk_cases import HOSTS, case, outcome
from .oracle import chart_mismatches
from .sample_edits import sample
from .why import number

pytestmark = pytest.mark.engine

case("blank_programme_row", lambda wb: blank_row(wb, "tblProgrammes", 1))


@pytest.mark.parametrize("host", HOSTS)
def test_a_blank_row_inside_the_programme_table_shifts_nothing(host_outcomes, host):
    got = outcome(host_outcomes, "blank_programme_row", host)
    head = sample()
    report = got.values["Report"]
    rows = labelled_rows(report, 1)
    for p in head.programmes:
        shown = [number(v) for v in report[rows[f"({p.number})"] - 1][3:7]]
        assert shown == [
            float(p.value(c) or 0)
            for c in ("actual", "original", "revised", "estimate")
        ]
    narrative = got.values["Narrative"]
    by_label = labelled_rows(narrative, 1)
    for p in head.programmes:
        r = by_label[f"Programme ({p.number}) 綱領({p.number})"]
        assert narrative[r - 1][1] == change_en(
            p.value("estimate"), p.value("revised"), head.estimate_year
        )
    assert got.at("P01") == [] and got.at("C01") == []


@pytest.mark.parametrize("host", HOSTS)
def test_percentages_beside_a_blank_row_follow_their_programme(host_outcomes, host):
    from estimates.results import compute

    got = outcome(host_outcomes, "blank_programme_row", host)
    head = sample()
    results = compute(head)
    grid = got.values["Programmes"]
    numbers = labelled_rows(grid, 1)
    for p in head.programmes:
        row = grid[numbers[p.number] - 1]
        expected = [results.programme_variances[p.number][n] for n in VARIANCES]
        shown = [row[8 + i] for i in range(3)]
        assert [None if s == "" else float(s) for s in shown] == [
            None if e is None else float(e) for e in expected
        ]
    blank = grid[numbers[head.programmes[0].number]]  # the row after programme (1)
    assert blank[:11] == [""] * 11


@pytest.mark.xfail(
    strict=True,
    reason="issue 9: Charts row i shows Programmes row first + i (print, regen)",
)
@pytest.mark.parametrize("host", HOSTS)
def test_a_blank_row_inside_the_programme_table_leaves_the_charts_whole(
    host_outcomes, host
):
    got = outcome(host_outcomes, "blank_programme_row", host)
    assert chart_mismatches(sample(), got.values["Charts"]) == []
