"""Trial 9b item 8: a Head with Subventions under both accounts prints "Total,
Subventions" twice, and `estimates report --json` kept one of the two (its
figures were keyed by the English label): one total dropped without a word. Each
total line is now its own entry, named with its account where the label repeats."""

from __future__ import annotations

import shutil

from estimates.source import SAMPLE_HEAD_135
from workbook.refresh import build_file, check_file, report

GRANTS = (
    "Operating,Subventions,501,Grant to a council,議會資助金,100,200,300,400\n"
    "Capital,Subventions,901,Capital grant,資本資助金,5,6,7,8\n"
)


def test_each_accounts_subventions_total_is_reported(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SAMPLE_HEAD_135, folder)
    with open(folder / "subheads.csv", "a", encoding="utf-8") as csv:
        csv.write(GRANTS)
    book = tmp_path / "book.xlsx"
    build_file(folder, book)
    totals = report(check_file(book))["subhead_totals"]
    subventions = {k: v for k, v in totals.items() if "Subventions" in k}
    assert subventions == {
        "Total, Subventions (Operating Account)": dict(
            actual=100, original=200, revised=300, estimate=400, to_key=[]
        ),
        "Total, Subventions (Capital Account)": dict(
            actual=5, original=6, revised=7, estimate=8, to_key=[]
        ),
    }
    assert totals["Total Expenditure"]["estimate"] == 269_731 + 400 + 8
