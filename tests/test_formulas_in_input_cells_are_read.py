"""Issue 9, "Formulas in input cells read as nil": a formula a clerk types in an
input cell is read as its value (the value stored with it, or, in a book written
by a script, the simple arithmetic evaluated), an error result is D02 on that cell,
and nothing is read as nil silently."""

import pytest

from .clerk import Table
from .clerk_cases import case, outcome
from .why import hosts

pytestmark = pytest.mark.engine


def _estimate_as_sum(wb):
    t = Table(wb, "tblSubheads")
    t.ws.cell(t.row_of("code", "000"), t.col("estimate"), "=175000+587")


WHERE: dict[str, tuple[str, str]] = {}


def _na(wb):
    t = Table(wb, "tblSubheads")
    cell = t.ws.cell(t.row_of("code", "697"), t.col("estimate"), "=NA()")
    WHERE["na"] = (t.ws.title, cell.coordinate)


def _ceiling(wb):
    wb["Head"]["C16"] = "=40000000"


def _posts(wb):
    t = Table(wb, "tblEstablishment")
    r = t.row_of("rank_en", "Deputy Secretary")  # 2 posts at start and end
    t.ws.cell(r, t.col("posts_start"), "=1+1")
    t.ws.cell(r, t.col("posts_end"), "=4-2")


case("estimate_as_sum", _estimate_as_sum)
case("na_in_estimate", _na)
case("ceiling_as_formula", _ceiling)
case("posts_as_sums", _posts)


def _rules(got):
    return sorted(
        (f["rule"], f["severity"], f["sheet"], f["cell"]) for f in got.findings
    )


@pytest.mark.parametrize("host", hosts())
def test_a_sum_typed_in_an_estimate_is_read_as_its_value(host_outcomes, host):
    base = outcome(host_outcomes, "unedited", host)
    got = outcome(host_outcomes, "estimate_as_sum", host)
    assert _rules(got) == _rules(base)  # =175000+587 is the 175587 it replaced


@pytest.mark.parametrize("host", hosts())
def test_posts_typed_as_sums_are_counted(host_outcomes, host):
    base = outcome(host_outcomes, "unedited", host)
    got = outcome(host_outcomes, "posts_as_sums", host)
    assert _rules(got) == _rules(base)


@pytest.mark.parametrize("host", hosts())
def test_a_ceiling_typed_as_a_formula_is_checked(host_outcomes, host):
    got = outcome(host_outcomes, "ceiling_as_formula", host)
    assert [f["severity"] for f in got.at("S03")] == ["error"]


@pytest.mark.parametrize("host", hosts())
def test_na_in_an_input_cell_is_d02_on_that_cell(host_outcomes, host):
    got = outcome(host_outcomes, "na_in_estimate", host)
    t_cell = {(f["sheet"], f["cell"]) for f in got.at("D02")}
    # the edit may have run in another xdist worker: 697's estimate is Subheads!I7
    assert WHERE.get("na", ("Subheads", "I7")) in t_cell
