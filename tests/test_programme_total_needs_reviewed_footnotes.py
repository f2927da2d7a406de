"""T03 (programme total against Total Expenditure) is not muted by a footnote
carried over by New year and still marked for review, nor skipped when the
Programmes table is empty; a mark explaining it is cited once."""

from dataclasses import replace
from decimal import Decimal

from estimates.findings import Severity
from estimates.model import amounts
from estimates.results import compute
from estimates.rollforward import DRAFT, roll_forward
from estimates.rules import run_rules
from estimates.source import SAMPLE_HEAD_135, load_source


def _t03(head):
    return [f for f in run_rules(head, compute(head)) if f.rule == "T03"]


def _rolled_with_a_gap():
    """The sample rolled forward, Actual keyed so that the programmes do not
    add up to Total Expenditure (the ¶ and Δ footnotes now sit on Actual)."""
    new = roll_forward(load_source(SAMPLE_HEAD_135))
    new.programmes = [
        replace(
            p, amounts=amounts((Decimal("10.0"), *(a.value for a in p.amounts[1:])))
        )
        for p in new.programmes
    ]
    new.subheads = [
        replace(s, amounts=amounts((1000, *(a.value for a in s.amounts[1:]))))
        for s in new.subheads
    ]
    return new


def test_a_draft_footnote_explains_nothing():
    new = _rolled_with_a_gap()
    assert all(f.text_en.startswith(DRAFT) for f in new.footnotes)
    found = [f for f in _t03(new) if "actual" in f.message_en]
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert "covers this column but awaits review" in found[0].message_en


def test_a_reviewed_footnote_explains_it_and_is_cited_once():
    new = _rolled_with_a_gap()
    reviewed = [
        replace(f, text_en=f.text_en.removeprefix(DRAFT),
                text_zh=f.text_zh.removeprefix(DRAFT))
        for f in new.footnotes
    ]  # fmt: skip
    new.footnotes = [*reviewed, reviewed[0]]  # the same mark twice
    (found,) = [f for f in _t03(new) if "actual" in f.message_en]
    assert found.severity is Severity.INFO
    assert "Explained by footnote ¶ Δ Φ (the gap it explains" in found.message_en


def test_an_empty_programmes_table_is_an_error_per_column():
    head = load_source(SAMPLE_HEAD_135)
    assert all(f.severity is Severity.INFO for f in _t03(head))  # footnoted
    head.programmes = []
    found = _t03(head)
    assert [f.severity for f in found] == [Severity.ERROR] * 4
    assert [f.found for f in found] == ["nil (—)"] * 4
    assert "$269.7 million" in [f.expected for f in found]
