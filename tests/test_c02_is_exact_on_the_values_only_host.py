"""Issue 9: on the values-only host (the macros on xlwings' remote engine, which
see a formula's value, never the formula) C02 decides from what the book holds,
never from a guess:

- a clerk's sentence typed over a live programme sentence, beginning as the live
  one does, is the clerk's (C02, on the revert record): a Narrative cell is the
  tool's only if it shows a text one of its live formulas can show now (the
  sentence of some Programmes row's figures) or what its row's record says the
  last refresh wrote there;
- the tool's own sentences after programme rows are blanked or deleted (their
  formulas then show another row's sentence, or a blank row's) are not;
both as on the CLI, which sees the formulas."""

import pytest
from openpyxl import load_workbook

from .clerk import blank_row, delete
from .clerk_cases import HOSTS, case, outcome

pytestmark = pytest.mark.engine

EN = "Provision for 2025–26 is $221.8 million higher, mainly for 12 new posts."
ZH = "二零二五至二六年度的撥款較二零二四至二五年度增加,主要由於新增職位。"


def _row(ws, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == key)


def _type_a_sentence_like_ours(wb):
    ws = wb["Narrative"]
    r = _row(ws, "programme:2")
    ws.cell(r, 2).value, ws.cell(r, 3).value = EN, ZH


def _blank_and_delete_programmes(wb):
    blank_row(wb, "tblProgrammes", 1)
    delete(wb, "tblProgrammes", 0)


case("sentence_like_the_live_one", _type_a_sentence_like_ours)
case("programme_rows_blanked_and_deleted", _blank_and_delete_programmes)


@pytest.mark.parametrize("host", HOSTS)
def test_a_clerk_sentence_beginning_as_the_live_one_is_the_clerks(host_outcomes, host):
    got = outcome(host_outcomes, "sentence_like_the_live_one", host)
    r = _row(load_workbook(got.before)["Narrative"], "programme:2")
    assert sorted(f["cell"] for f in got.at("C02", "Narrative")) == [f"B{r}", f"C{r}"]
    wb = load_workbook(got.book)
    revert = [[c.value for c in r][:5] for r in wb["_Revert"].iter_rows(min_row=2)]
    assert ["Narrative", f"B{r}", "text", EN, "C02"] in revert
    assert ["Narrative", f"C{r}", "text", ZH, "C02"] in revert
    assert wb["Narrative"].cell(r, 2).value != EN  # the live formula is back


@pytest.mark.parametrize("host", HOSTS)
def test_the_tools_own_sentences_over_moved_rows_are_not_the_clerks(
    host_outcomes, host
):
    got = outcome(host_outcomes, "programme_rows_blanked_and_deleted", host)
    assert got.at("C02") == []
