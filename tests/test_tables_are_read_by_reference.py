"""Issue 9, "Counting instead of references": a blank row inside a table shifts
nothing; every figure follows its own row (Report, percentages, narrative)."""

import pytest
from openpyxl import load_workbook

from estimates.narrative import change_en
from estimates.variance import VARIANCES
from workbook import layout as L

from .clerk import FIELDS, blank_row, labelled_rows
from .clerk_cases import HOSTS, case, outcome
from .hosts import HOSTS as BOOK_HOSTS
from .hosts import refresh_on
from .oracle import chart_mismatches
from .sample_edits import sample
from .why import number

pytestmark = pytest.mark.engine

case("blank_programme_row", lambda wb: blank_row(wb, "tblProgrammes", 1), values=True)


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
        first = len(FIELDS["tblProgrammes"])  # the % columns follow the data's
        shown = [row[first + i] for i in range(3)]
        assert [None if s == "" else float(s) for s in shown] == [
            None if e is None else float(e) for e in expected
        ]
    blank = grid[numbers[head.programmes[0].number]]  # the row after programme (1)
    assert blank[:11] == [""] * 11


@pytest.mark.parametrize("host", HOSTS)
def test_a_blank_row_inside_the_programme_table_leaves_the_charts_whole(
    host_outcomes, host
):
    got = outcome(host_outcomes, "blank_programme_row", host)
    assert chart_mismatches(sample(), got.values["Charts"]) == []


@pytest.mark.parametrize("host", BOOK_HOSTS)
def test_the_charts_mended_once_stay_as_they_are(
    sample_book, libreoffice, tmp_path, host
):
    """Refresh after a blank programme row points the Charts at the rows it read;
    a second refresh finds them right and leaves them alone (nothing of Charts on
    its revert record)."""
    wb = load_workbook(sample_book)
    blank_row(wb, "tblProgrammes", 1)
    wb.save(sample_book)
    refresh_on(host, sample_book, libreoffice, tmp_path / "first")
    first = load_workbook(sample_book)
    charts = [[c.value for c in r] for r in first["Charts"]["A5:E14"]]
    record = _revert_record(first)
    second = L.TABLES["tblProgrammes"].first_row + 2  # programme (2), below the blank
    assert f"{L.PROGRAMMES}!$A${second}&" in str(charts[1][3])  # slot 2 reads it
    refresh_on(host, sample_book, libreoffice, tmp_path / "second")
    again = load_workbook(sample_book)
    assert [[c.value for c in r] for r in again["Charts"]["A5:E14"]] == charts
    now = _revert_record(again)
    assert now == record or "Charts" not in {row[0] for row in now}


def _revert_record(wb) -> list[tuple]:
    """The _Revert rows (what the last refresh that changed anything overwrote)."""
    return list(wb[L.REVERT].iter_rows(min_row=2, values_only=True))
