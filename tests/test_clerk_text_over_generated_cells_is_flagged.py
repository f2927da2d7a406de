"""Issue 9, "Nothing a clerk types is lost" inside the rebuilt columns: text a
clerk types over the Report's or the Narrative's own generated text (the English
and Chinese titles, a sentence; the footnote marks are in the figures' number
format now) is replaced by the next refresh, kept on the revert
record and raised (C02) at that cell, on both hosts; the tool's own text from the
previous refresh is never taken for a clerk's (each row's hidden record says
what the refresh wrote there), so deleting a line raises no C02; a second
refresh keeps the findings and changes nothing."""

import pytest
from openpyxl import load_workbook

from estimates.narrative import plain

from .clerk_cases import HOSTS, case, outcome
from .remote_actions import stored_values

pytestmark = pytest.mark.engine

TITLE, MARK, SENTENCE = "Operating costs (clerk wording)", "my note", "clerk text"


def _row(ws, col: int, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == key)


def _cells(wb) -> dict[str, str]:
    """The three generated cells the clerk types over, by what they hold."""
    report, narrative = wb["Report"], wb["Narrative"]
    r = _row(report, 12, "subhead:000")
    n = _row(narrative, 6, "programme:2")
    return {
        f"Report!C{r}": TITLE,
        f"Report!B{r}": MARK,
        f"Narrative!B{n}": SENTENCE,
    }


def _type_over(wb):
    for ref, text in _cells(wb).items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = text


def _delete_subhead_000(wb):
    ws = wb["Subheads"]
    ws.delete_rows(_row(ws, 3, "000"))


case("typed_over_generated_text", _type_over, lambda wb: None, values=True)
case("line_with_a_footnote_deleted", _delete_subhead_000, lambda wb: None)


@pytest.mark.parametrize("host", HOSTS)
def test_text_typed_over_generated_text_is_flagged_and_kept(host_outcomes, host):
    got = outcome(host_outcomes, "typed_over_generated_text", host)
    typed = _cells(load_workbook(got.book))
    c02 = sorted(f"{f['sheet']}!{f['cell']}" for f in got.at("C02"))
    assert c02 == sorted(typed)  # still raised by the second refresh
    wb = load_workbook(got.book)
    revert = [
        [c.value for c in r] for r in wb["_Revert"].iter_rows(min_row=2, max_col=5)
    ]
    for ref, text in typed.items():
        sheet, cell = ref.split("!")
        assert wb[sheet][cell].value != text  # the generated text is back
        assert [sheet, cell, "text", text, "C02"] in revert
    grid = got.values["Narrative"]
    n = int(next(r for r in typed if r.startswith("Narrative"))[11:])
    assert plain(grid[n - 1][1]).startswith("Provision for 2025-26 is $")


@pytest.mark.parametrize("host", HOSTS)
def test_a_second_refresh_after_the_clerk_text_changes_nothing(host_outcomes, host):
    got = outcome(host_outcomes, "typed_over_generated_text", host)
    assert stored_values(got.book) == stored_values(got.before)


@pytest.mark.parametrize("host", HOSTS)
def test_the_tools_own_text_is_not_taken_for_a_clerks(host_outcomes, host):
    got = outcome(host_outcomes, "line_with_a_footnote_deleted", host)
    assert got.at("C02") == []
    assert got.at("T05")  # the deletion itself is still reported
    wb = load_workbook(got.book)
    revert = [
        [c.value for c in r] for r in wb["_Revert"].iter_rows(min_row=2, max_col=5)
    ]
    assert [r for r in revert if r[4] == "C02"] == []
    assert stored_values(got.book) == stored_values(got.before)
