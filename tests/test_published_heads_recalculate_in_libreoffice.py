"""The oracle over all 556 real Head-years (issue 9): each is built from the
published data into a workbook, refreshed, and recalculated by LibreOffice (all in
a few ``soffice`` calls). Every published total line is what the workbook's own
formulas give, and so is every programme's percentage change (against the core's
figure from the data); the 57 gap Head-years are flagged (T03) and the others carry
no error."""

from __future__ import annotations

import pytest

from estimates.results import compute
from estimates.variance import VARIANCES

from .clerk import labelled_rows
from .conftest import head_from_published, published_heads
from .cor_sheets import SHEETS as COR_SHEETS
from .cor_sheets import provision_mismatches
from .engine.batch import BatchEngine, once
from .oracle import same

pytestmark = [pytest.mark.engine, pytest.mark.slow]


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, libreoffice):
    return once(
        tmp_path_factory,
        "published",
        lambda: _recalculate(tmp_path_factory, libreoffice),
    )


def _recalculate(tmp_path_factory, libreoffice):
    from workbook.io import save_book
    from workbook.refresh import build_workbook

    folder = tmp_path_factory.mktemp("published")
    heads = published_heads()
    books, findings = {}, {}
    for key, record in sorted(heads.items()):
        wb, built = build_workbook(head_from_published(record))  # built and refreshed
        path = folder / f"{key}.xlsx"
        save_book(wb, path)
        books[key] = path
        findings[key] = [f.as_dict() for f in built.findings]
    engine = BatchEngine(libreoffice.soffice, folder / "lo")
    grids = engine.values_many(
        list(books.values()),
        folder / "values",
        ("Programmes", "Report", *COR_SHEETS.values()),
    )
    return heads, dict(zip(books, grids, strict=True)), findings


def test_every_published_total_line_is_what_the_formulas_give(recalculated):
    heads, values, _ = recalculated
    assert len(values) == 556
    wrong = []
    for key, record in heads.items():
        report = values[key]["Report"]
        rows = labelled_rows(report, 3)
        for label, printed in record["published_totals"].items():
            shown = report[rows[label] - 1][3:7] if label in rows else None
            if shown is None or not all(
                same(p, s) for p, s in zip(printed, shown, strict=True)
            ):
                wrong.append((key, label, printed, shown))
    assert wrong == []


def test_every_programme_percentage_is_what_the_formulas_give(recalculated):
    heads, values, _ = recalculated
    wrong, checked = [], 0
    for key, record in heads.items():
        head = head_from_published(record)
        results = compute(head)
        grid = values[key]["Programmes"]
        rows = labelled_rows(grid, 1)
        for p in head.programmes:
            shown = grid[rows[p.number] - 1][8:11] if p.number in rows else None
            expected = [results.programme_variances[p.number][n] for n in VARIANCES]
            checked += 3
            if shown is None or not all(
                same(e, s) for e, s in zip(expected, shown, strict=True)
            ):
                wrong.append((key, p.number, [str(e) for e in expected], shown))
    assert wrong == []
    assert checked > 3 * 556


def test_every_provision_block_on_the_cor_sheets_is_the_cores(recalculated):
    """Each programme's provision block and the analysis Total with their % lines,
    in Chinese and in English, as the COR prints them (issue 11)."""
    heads, values, _ = recalculated
    wrong, checked = [], 0
    for key, record in heads.items():
        bad, n = provision_mismatches(head_from_published(record), values[key])
        wrong += [(key, *b) for b in bad]
        checked += n
    assert wrong == []
    assert checked > 2 * 7 * 556


def test_gap_head_years_are_flagged_and_the_others_have_no_error(recalculated):
    heads, _, findings = recalculated
    wrong = []
    for key, record in heads.items():
        errors = [f for f in findings[key] if f["severity"] == "error"]
        if record["programme_vs_subhead_gap"]:
            if not [f for f in errors if f["rule"] == "T03"]:
                wrong.append((key, "gap not flagged"))
        elif errors:
            wrong.append((key, [(f["rule"], f["cell"]) for f in errors]))
    assert wrong == []
    assert sum(1 for r in heads.values() if r["programme_vs_subhead_gap"]) == 57
