"""Every figure printed in the Head 135 seed comes out of `estimates report`; and
what the sample adds that the seed does not print (its rank list, so the NAMS at
the end of the year) is named as the illustrative rank list's."""

import csv
import json
from decimal import ROUND_HALF_UP, Decimal

from estimates.source import SAMPLE_HEAD_135
from workbook.cli import run

SEED_PROGRAMMES = {
    "1": {
        "actual": 20.4,
        "original": 22.7,
        "revised": 22.9,
        "estimate": 24.3,
        "revised_vs_original": 0.9,
        "estimate_vs_revised": 6.1,
        "estimate_vs_original": 7.0,
    },
    "2": {
        "actual": 178.4,
        "original": 251.1,
        "revised": 210.7,
        "estimate": 245.4,
        "revised_vs_original": -16.1,
        "estimate_vs_revised": 16.5,
        "estimate_vs_original": -2.3,
    },
}
SEED_TOTAL = {
    "actual": 198.8,
    "original": 273.8,
    "revised": 233.6,
    "estimate": 269.7,
    "revised_vs_original": -14.7,
    "estimate_vs_revised": 15.5,
    "estimate_vs_original": -1.5,
}
SEED_SUBHEAD_TOTALS = {
    "Total, Recurrent": [419593, 480593, 243500, 175587],
    "Total, Non-Recurrent": [60400, 60000, None, None],
    "Total, Operating Account": [479993, 540593, 243500, 175587],
    "Total, Plant, Equipment and Works": [84531, 119670, 86005, 94144],
    "Total, Capital Account": [84531, 119670, 86005, 94144],
    "Total Expenditure": [564524, 660263, 329505, 269731],
}
COLS = ("actual", "original", "revised", "estimate")


def report_of(book, capsys) -> tuple[int, dict]:
    code = run(["report", str(book), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_programmes_and_their_nine_percentages(sample_book, capsys):
    code, report = report_of(sample_book, capsys)
    assert code == 0
    got = {
        p["programme"]: {k: p[k] for k in SEED_PROGRAMMES["1"]}
        for p in report["programmes"]
    }
    assert got == SEED_PROGRAMMES
    total = report["programme_total"]
    assert {k: total[k] for k in SEED_TOTAL} == SEED_TOTAL
    assert total["to_key"] == []  # nothing to key in the sample


def test_every_subhead_total_line(sample_book, capsys):
    _, report = report_of(sample_book, capsys)
    got = {label: [v[c] for c in COLS] for label, v in report["subhead_totals"].items()}
    assert got == SEED_SUBHEAD_TOTALS
    assert list(got) == list(SEED_SUBHEAD_TOTALS)  # COR print order


def test_breakdown_of_subhead_000_sums_to_the_seed(sample_book, capsys):
    _, report = report_of(sample_book, capsys)
    total = report["subhead_000_breakdown_total"]
    assert [total[c] for c in COLS] == [419593, 480593, 243500, 175587]


def test_establishment_and_ceiling_as_the_seed_prints_them(sample_book, capsys):
    _, report = report_of(sample_book, capsys)
    est = report["establishment"]
    assert (est["posts_start"], est["net_change"], est["posts_end"]) == (79, -1, 78)
    assert (est["directorate_start"], est["directorate_end"]) == (9, 9)
    assert est["ceiling"] == 52_021_000


def _illustrative_nams() -> int:
    """NAMS at the end of the year of the sample's illustrative rank list (the COR
    publishes none), computed here from its CSV files: 12 x the mid-point monthly
    salary of each non-directorate rank's range, x its posts at the end."""

    def rows(name):
        with (SAMPLE_HEAD_135 / name).open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    pay = {(r["scale"], int(r["point"])): int(r["monthly_salary"])
           for r in rows("pay_scale.csv")}  # fmt: skip
    total = Decimal(0)
    for rank in rows("establishment.csv"):
        if rank["directorate"] == "Y":
            continue
        points = range(int(rank["min_point"]), int(rank["max_point"]) + 1)
        salaries = [pay[(rank["scale"], p)] for p in points]
        middle = (len(salaries) - 1) / 2
        mid = Decimal(salaries[int(middle)] + salaries[round(middle + 0.5)]) / 2
        total += 12 * mid * int(rank["posts_end"])
    return int(total.quantize(Decimal(1), ROUND_HALF_UP))


def test_the_illustrative_rank_lists_nams_is_within_the_seeds_ceiling(
    sample_book, capsys
):
    _, report = report_of(sample_book, capsys)
    est = report["establishment"]
    assert est["nams_non_directorate_end"] == _illustrative_nams() == 47_052_930
    assert est["nams_non_directorate_end"] <= est["ceiling"] == 52_021_000


def test_restated_comparatives_are_info_explained_by_their_footnotes(
    sample_book, capsys
):
    code, report = report_of(sample_book, capsys)
    findings = report["findings"]
    assert code == 0
    assert [f["severity"] for f in findings] == ["info"] * 3
    assert [(f["rule"], f["cell"]) for f in findings] == [
        ("T03", "D4"),
        ("T03", "E4"),
        ("T03", "F4"),
    ]
    assert "footnote ¶ Δ" in findings[0]["message"]
    assert "footnote ¶ Δ" in findings[1]["message"]
    assert "footnote ¶ Φ" in findings[2]["message"]
    assert "564.5" in findings[0]["message"] and "198.8" in findings[0]["message"]
