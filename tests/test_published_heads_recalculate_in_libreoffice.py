"""The oracle over all 556 real Head-years (issue 9): each is built from the
published data into a workbook, refreshed, and recalculated by LibreOffice. Every
published total line is what the workbook's own formulas give, and so is every
programme's percentage change (against the core's figure from the data), and so is
every provision block on the COR sheets in both languages; the 57 gap Head-years
are flagged (T03) and the others carry no error.

The Head-years are split into shards (every SHARDS-th, in key order), one test
each, so that the xdist workers share them; together the shards cover all 556.
"""

from __future__ import annotations

import pytest

from estimates.results import compute
from estimates.variance import VARIANCES
from workbook import layout as L

from .clerk import labelled_rows
from .conftest import head_from_published, published_heads
from .cor_sheets import SHEETS as COR_SHEETS
from .cor_sheets import provision_mismatches
from .oracle import same

SHARDS = 8
HEAD_YEARS, GAPS = 556, 57


def test_the_shards_cover_every_published_head_year():
    keys = sorted(published_heads())
    shards = [_shard(keys, k) for k in range(SHARDS)]
    assert sorted(k for shard in shards for k in shard) == keys
    assert len(keys) == HEAD_YEARS


def _shard(keys: list[str], shard: int) -> list[str]:
    return keys[shard::SHARDS]


def _recalculate(keys, heads, libreoffice, folder):
    """Each Head-year built and refreshed; its Programmes and Report as LibreOffice
    computes them, and its findings."""
    from workbook.io import save_book
    from workbook.refresh import build_workbook

    books, findings = {}, {}
    for key in keys:
        wb, built = build_workbook(head_from_published(heads[key]))
        books[key] = folder / f"{key}.xlsx"
        save_book(wb, books[key])
        findings[key] = [f.as_dict() for f in built.findings]
    sheets = ("Programmes", "Report", *COR_SHEETS.values())
    grids = libreoffice.values_many(list(books.values()), sheets)
    return dict(zip(books, grids, strict=True)), findings


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_published_head_years_recalculate_to_their_published_figures(
    shard, libreoffice, tmp_path
):
    heads = published_heads()
    keys = _shard(sorted(heads), shard)
    values, findings = _recalculate(keys, heads, libreoffice, tmp_path)
    assert _total_lines_wrong(keys, heads, values) == []
    assert _percentages_wrong(keys, heads, values) == []
    assert _provisions_wrong(keys, heads, values) == []
    assert _findings_wrong(keys, heads, findings) == []


def _total_lines_wrong(keys, heads, values) -> list:
    """Every published total line against the Report's formulas."""
    wrong = []
    for key in keys:
        report = values[key]["Report"]
        rows = labelled_rows(report, 3)
        for label, printed in heads[key]["published_totals"].items():
            shown = report[rows[label] - 1][3:7] if label in rows else None
            if shown is None or not all(
                same(p, s) for p, s in zip(printed, shown, strict=True)
            ):
                wrong.append((key, label, printed, shown))
    return wrong


def _percentages_wrong(keys, heads, values) -> list:
    """Every programme's three percentage changes against the core's."""
    wrong, checked = [], 0
    pct = L.TABLES["tblProgrammes"].col("revised_vs_original") - 1  # no counting
    for key in keys:
        head = head_from_published(heads[key])
        results = compute(head)
        grid = values[key]["Programmes"]
        rows = labelled_rows(grid, 1)
        for p in head.programmes:
            shown = (
                grid[rows[p.number] - 1][pct : pct + 3] if p.number in rows else None
            )
            expected = [results.programme_variances[p.number][n] for n in VARIANCES]
            checked += 3
            if shown is None or not all(
                same(e, s) for e, s in zip(expected, shown, strict=True)
            ):
                wrong.append((key, p.number, [str(e) for e in expected], shown))
    assert checked >= 3 * len(keys)
    return wrong


def _provisions_wrong(keys, heads, values) -> list:
    """Each programme's provision block and the analysis Total with their % lines,
    in Chinese and in English, as the COR prints them (issue 11)."""
    wrong, checked = [], 0
    for key in keys:
        bad, n = provision_mismatches(head_from_published(heads[key]), values[key])
        wrong += [(key, *b) for b in bad]
        checked += n
    assert checked > 2 * 7 * len(keys)
    return wrong


def _findings_wrong(keys, heads, findings) -> list:
    """Gap Head-years flagged (T03); the others with no error."""
    wrong = []
    for key in keys:
        errors = [  # D06: the data has no Chinese titles (tested elsewhere)
            f for f in findings[key] if f["severity"] == "error" and f["rule"] != "D06"
        ]
        if heads[key]["programme_vs_subhead_gap"]:
            if not [f for f in errors if f["rule"] == "T03"]:
                wrong.append((key, "gap not flagged"))
        elif errors:
            wrong.append((key, [(f["rule"], f["cell"]) for f in errors]))
    return wrong


def test_the_published_data_holds_the_gap_head_years():
    gaps = [r for r in published_heads().values() if r["programme_vs_subhead_gap"]]
    assert len(gaps) == GAPS
