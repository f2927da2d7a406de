"""Issue 9, "Unchecked codes": an unknown account or section is an error on its
cell that lists the allowed values; a duplicated programme number is an error; a
breakdown with no subhead 000 is T05."""

import pytest

from .clerk import Table, delete
from .clerk_cases import case, outcome
from .why import hosts

pytestmark = pytest.mark.engine

SECTIONS = ("Recurrent", "Non-Recurrent", "Plant, Equipment and Works", "Subventions")


def _set(field, code, value):
    def edit(wb):
        t = Table(wb, "tblSubheads")
        t.ws.cell(t.row_of("code", code), t.col(field), value)

    return edit


def _duplicate_programme(wb):
    t = Table(wb, "tblProgrammes")
    t.ws.cell(t.row_of("programme", "2"), t.col("programme"), "1")


def _delete_000(wb):
    t = Table(wb, "tblSubheads")
    delete(wb, "tblSubheads", t.row_of("code", "000") - t.first)


case("section_typo", _set("section", "700", "Non Recurrent"), values=True)
case("account_typo", _set("account", "697", "Capitol"))
case("duplicate_programme", _duplicate_programme)
case("no_subhead_000", _delete_000)


def _errors_at(got, sheet, cell):
    return [
        f
        for f in got.findings
        if (f["sheet"], f["cell"]) == (sheet, cell) and f["severity"] == "error"
    ]


@pytest.mark.parametrize("host", hosts())
def test_an_unknown_section_is_an_error_listing_the_allowed_values(host_outcomes, host):
    got = outcome(host_outcomes, "section_typo", host)
    errors = _errors_at(got, "Subheads", "B6")
    assert errors and all(s in errors[0]["message"] for s in SECTIONS)
    report = [c for row in got.values["Report"] for c in row]
    assert not any("Non Recurrent" in c for c in report)


@pytest.mark.parametrize("host", hosts())
def test_an_unknown_account_is_an_error_listing_the_allowed_values(host_outcomes, host):
    got = outcome(host_outcomes, "account_typo", host)
    errors = _errors_at(got, "Subheads", "A7")
    assert errors and all(a in errors[0]["message"] for a in ("Operating", "Capital"))


@pytest.mark.parametrize("host", hosts())
def test_a_duplicated_programme_number_is_an_error(host_outcomes, host):
    got = outcome(host_outcomes, "duplicate_programme", host)
    assert _errors_at(got, "Programmes", "A9") or _errors_at(got, "Programmes", "A8")


@pytest.mark.parametrize("host", hosts())
def test_a_breakdown_without_subhead_000_is_t05(host_outcomes, host):
    got = outcome(host_outcomes, "no_subhead_000", host)
    assert [f for f in got.at("T05") if f["severity"] == "error"]
