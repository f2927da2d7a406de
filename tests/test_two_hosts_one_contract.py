"""Issue 9, "The in-Excel path too" and "Two hosts, no contract": the macros on
xlwings' remote engine and the CLI see the same book the same way where the
remote host can see it: a book of another template version is written by
neither, and the macro never adds a name that already exists (Office.js may
refuse the whole batch).

The remote (values-only, Office.js) payload carries no sheet protection and no
merged ranges, so D12 and D09 are the CLI's and desktop Excel's (XlwingsHost
reads them through the object model; tests/excel/CHECKLIST.md H1-H2). What the
remote host does with them is stated here: it runs, gives the findings of the
same book untouched, and sends no write Office.js would refuse (README, "Two
hosts")."""

import pytest
from openpyxl import load_workbook

from .clerk import Table
from .clerk_cases import HOSTS, case, outcome
from .remote_actions import cells_of
from .test_report_totals_follow_every_edit import CASES_USED  # noqa: F401

pytestmark = pytest.mark.engine


def _protect(wb):
    wb["Programmes"].protection.sheet = True


def _merge(wb):
    t = Table(wb, "tblSubheads")
    r = t.row_of("code", "700")
    t.ws.merge_cells(
        start_row=r,
        start_column=t.col("title_en"),
        end_row=r,
        end_column=t.col("title_zh"),
    )


def _old_version(wb):
    wb["Head"]["C23"] = "0.0.9"
    wb["Subheads"]["H7"] = -5  # something Refresh would flag and fill


case("protected_sheet", _protect)
case("merged_over_table", _merge)
case("old_template_version", _old_version)


def test_the_cli_reports_a_protected_sheet(host_outcomes):
    got = outcome(host_outcomes, "protected_sheet", "cli")
    assert [f["sheet"] for f in got.at("D12")] == ["Programmes"]


def test_the_cli_reports_merged_cells_over_a_table(host_outcomes):
    got = outcome(host_outcomes, "merged_over_table", "cli")
    assert [f["sheet"] for f in got.at("D09")] == ["Subheads"]


def _found(got) -> list[tuple]:
    return sorted((f["rule"], f["sheet"], f["cell"]) for f in got.findings)


def _touched(got, sheet: str) -> list[tuple[str, int, int, int, int]]:
    """Every action of the remote refresh on ``sheet``: (func, first row, first
    column, rows, columns), 1-based; a whole-sheet action has no range."""
    position = load_workbook(got.before).sheetnames.index(sheet)
    return [
        (
            a["func"],
            a.get("start_row", -1) + 1,
            a.get("start_column", -1) + 1,
            a.get("row_count") or 0,
            a.get("column_count") or 0,
        )
        for round_ in got.actions
        for a in round_
        if a.get("sheet_position") == position
    ]


def _rules(got, unseen: str) -> list[str]:
    return sorted(f["rule"] for f in got.findings if f["rule"] != unseen)


def test_the_remote_host_cannot_see_a_protected_sheet(host_outcomes):
    """No D12 (the payload has no protection) but the CLI's other findings, and
    on the protected sheet only the flags it sends for the same book unprotected:
    it cannot know Office.js will refuse them (README, "Two hosts")."""
    got = outcome(host_outcomes, "protected_sheet", "remote").check()
    base = outcome(host_outcomes, "unedited", "remote").check()
    cli = outcome(host_outcomes, "protected_sheet", "cli")
    assert not got.at("D12")
    assert _rules(got, "D12") == _rules(cli, "D12")
    sent = _touched(got, "Programmes")
    assert sent == _touched(base, "Programmes")
    assert {func for func, *_ in sent} <= {"setRangeColor", "setNoteText", "addNote"}


def test_the_remote_host_cannot_see_merged_cells(host_outcomes):
    """No D09 (the payload has no merged ranges) but every other finding the CLI
    gives at the same cells, and no write into the merged range."""
    got = outcome(host_outcomes, "merged_over_table", "remote").check()
    cli = outcome(host_outcomes, "merged_over_table", "cli")
    assert not got.at("D09")
    assert _found(got) == [f for f in _found(cli) if f[0] != "D09"]
    merged = load_workbook(got.before)["Subheads"].merged_cells.ranges
    assert merged
    for func, row, col, rows, cols in _touched(got, "Subheads"):
        if func not in ("setValues", "clearContents"):
            continue  # a flag's fill or note on a cell the merge hides writes no value
        for rng in merged:
            inside = (
                rows
                and row <= rng.max_row
                and rng.min_row <= row + rows - 1
                and col <= rng.max_col
                and rng.min_col <= col + cols - 1
            )
            assert not inside, (str(rng), row, col, rows, cols)


@pytest.mark.parametrize("host", HOSTS)
def test_a_book_of_another_template_version_is_written_by_neither_host(
    host_outcomes, host
):
    got = outcome(host_outcomes, "old_template_version", host)
    assert got.at("V01")
    before, after = load_workbook(got.before), load_workbook(got.book)
    assert cells_of(after) == cells_of(before)


@pytest.mark.parametrize("name", ["unedited", "appended", "reclassified"])
def test_the_macro_never_adds_a_name_that_exists(host_outcomes, name):
    got = outcome(host_outcomes, name, "remote")
    existing = set(load_workbook(got.before).defined_names)
    added = [a["args"][0] for r in got.actions for a in r if a["func"] == "namesAdd"]
    assert existing and not set(added) & existing
