"""556 real Head-years: clean ones reproduce every printed total with no error
finding; the ones whose programme total disagrees with Total Expenditure are flagged."""

import pytest

from estimates.money import thousands_to_millions
from estimates.results import compute
from estimates.rules import run_rules
from workbook.io import snapshot_of
from workbook.refresh import build_workbook, evaluate

from .conftest import head_from_published, published_heads

COLS = ("actual", "original", "revised", "estimate")


@pytest.fixture(scope="module")
def heads():
    return published_heads()


def test_the_regression_set_is_all_there(heads):
    assert len(heads) == 556
    assert sum(1 for h in heads.values() if h["programme_vs_subhead_gap"]) == 57


def test_every_printed_total_line_recomputes(heads):
    mismatches = []
    for key, record in heads.items():
        results = compute(head_from_published(record))
        for label, printed in record["published_totals"].items():
            got = list(results.total(label) or ())
            if got != printed:
                mismatches.append((key, label, printed, got))
    assert mismatches == []


def test_programme_totals_recompute(heads):
    for key, record in heads.items():
        results = compute(head_from_published(record))
        got = [float(results.programme_total[c] or 0) for c in COLS]
        assert got == [float(v or 0) for v in record["programme_total"]], key


def test_clean_heads_have_no_error_and_gap_heads_are_flagged(heads):
    wrong = []
    for key, record in heads.items():
        head = head_from_published(record)
        findings = run_rules(head, compute(head))
        t03 = [f for f in findings if f.rule == "T03" and f.severity.value == "error"]
        errors = [f for f in findings if f.severity.value == "error"]
        if record["programme_vs_subhead_gap"] and not t03:
            wrong.append((key, "gap not flagged"))
        if not record["programme_vs_subhead_gap"] and errors:
            wrong.append((key, [f.message_en for f in errors]))
    assert wrong == []


def test_flagged_gap_names_both_figures(heads):
    key = next(k for k, h in heads.items() if h["programme_vs_subhead_gap"])
    record = heads[key]
    head = head_from_published(record)
    results = compute(head)
    finding = next(f for f in run_rules(head, results) if f.rule == "T03")
    assert "no footnote explains it" in finding.message_en.lower()
    te = results.total_expenditure
    assert any(str(thousands_to_millions(v)) in finding.message_en for v in te if v)


def test_a_sample_of_head_years_rebuilds_as_workbooks_with_the_same_findings(heads):
    keys = sorted(heads)[::25]
    assert len(keys) >= 20
    for key in keys:
        head = head_from_published(heads[key])
        core = sorted(
            (f.rule, f.severity.value) for f in run_rules(head, compute(head))
        )
        wb, _ = build_workbook(head)
        _, results, findings = evaluate(snapshot_of(wb, key))
        book = sorted((f.rule, f.severity.value) for f in findings if f.rule != "D06")
        assert book == core, key
        # the data gives English titles only: each Chinese title, and the Head's
        # titles, are D06 in the book (its COR 中文 would print them blank)
        blank = len(head.programmes) + len(head.subheads) + 2
        assert [f.rule for f in findings].count("D06") == blank, key
        for label, printed in heads[key]["published_totals"].items():
            assert list(results.total(label)) == printed, (key, label)
