"""Trial 9b item 1 (the importer's side): a published subhead file whose two
accounts each print "Total, Subventions" was checked against one computed line
for both (``totals_by_label`` kept the last): the Operating Account's right total
was named as wrong, or a wrong one passed. Now each printed total row is checked
against its own account's line, as ``estimates report`` keys them."""

from __future__ import annotations

from estimates.importer import import_files

HEADER = (
    "Head,Account,Section,Subhead,Subhead Name,Actual Expenditure 2023-24,"
    "Approved Estimate 2024-25,Revised Estimate 2024-25,Estimate 2025-26"
)
ROWS = [
    "135,Operating Account,Recurrent,000,Operational expenses,1000,1100,1200,1300",
    '135,Operating Account,Recurrent,,"Total, Recurrent",1000,1100,1200,1300',
    "135,Operating Account,Subventions,881,Grant A,200,250,250,300",
    '135,Operating Account,Subventions,,"Total, Subventions",200,250,250,300',
    '135,Operating Account,,,"Total, Operating Account",1200,1350,1450,1600',
    "135,Capital Account,Subventions,882,Grant B,7,8,9,{b}",
    '135,Capital Account,Subventions,,"Total, Subventions",7,8,9,10',
    '135,Capital Account,,,"Total, Capital Account",7,8,9,10',
    "135,,,,Total Expenditure,1207,1358,1459,1610",
]


def _issues(tmp_path, b: int) -> list[str]:
    path = tmp_path / "es.csv"
    path.write_text("\n".join([HEADER, *ROWS]).format(b=b) + "\n", encoding="utf-8")
    imported = import_files([path], head="135", year="2025-26")
    return [f"{i.line}: {i.reason}" for i in imported.issues]


def test_each_accounts_subvention_total_is_checked_against_its_own_lines(tmp_path):
    assert [i for i in _issues(tmp_path, 10) if "Subventions" in i] == []
    wrong = [i for i in _issues(tmp_path, 11) if "Subventions" in i]
    assert wrong == [
        "8: total row 'Total, Subventions', estimate: expected 11 (the sum of its"
        " lines), found 10"
    ]
