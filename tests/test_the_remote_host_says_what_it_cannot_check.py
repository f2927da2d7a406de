"""Issue 9: D09 (merged cells over an input table) and D12 (a protected sheet)
cannot fire on xlwings' remote engine, whose payload has neither; desktop Excel
reads them through the object model (tests/test_xlwings_adapter_reads_desktop_
shapes.py, tests/excel/CHECKLIST.md H1-H2). The remote host says so once, on the
Checks sheet, above the findings; the CLI, which checks them, does not."""

import pytest
from openpyxl import load_workbook

from workbook import layout as L
from workbook.checks import UNSEEN, UNSEEN_ROW

from .clerk_cases import outcome
from .test_two_hosts_one_contract import CASES_USED  # noqa: F401

pytestmark = pytest.mark.engine


def _note(got) -> object:
    return load_workbook(got.book)[L.CHECKS].cell(UNSEEN_ROW, 1).value


@pytest.mark.parametrize("name", ["unedited", "protected_sheet", "merged_over_table"])
def test_the_remote_host_names_the_checks_it_cannot_make(host_outcomes, name):
    remote, cli = (
        outcome(host_outcomes, name, "remote"),
        outcome(host_outcomes, name, "cli"),
    )
    assert _note(remote) == UNSEEN
    assert "D09" in UNSEEN and "D12" in UNSEEN
    assert _note(cli) is None


def test_the_cli_finds_what_the_remote_host_names(host_outcomes):
    assert outcome(host_outcomes, "protected_sheet", "cli").at("D12")
    assert outcome(host_outcomes, "merged_over_table", "cli").at("D09")
