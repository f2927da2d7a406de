"""Trial 11c item 3: a footnote on ONE programme's line (``programme:3``, Estimate)
"explained" the Estimate-column gap between the programme total and Total
Expenditure (T03 info, gap recorded), whatever its size. T03 compares the
programme total with Total Expenditure: only a footnote on one of those (or on
a subhead line, the seed's Φ) explains its gap; one on a single programme does
not. Head 135, a generated Head and the real gap Head-years."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from estimates.model import Footnote, amounts
from estimates.results import compute
from estimates.rules import run_rules
from estimates.source import SAMPLE_HEAD_135, load_source

from .conftest import head_from_published, published_heads
from .generated_heads import synthetic_head

COLUMNS = ("actual", "original", "revised", "estimate")


def _t03(head) -> set[str]:
    return {f.severity.value for f in run_rules(head, compute(head)) if f.rule == "T03"}


def _retarget(head, target: str):
    notes = [dataclasses.replace(f, target=target) for f in head.footnotes]
    return dataclasses.replace(head, footnotes=notes)


def _noted(head, target: str):
    note = Footnote("#", target, COLUMNS, "Restated for comparison.", "數字經調整。")
    return dataclasses.replace(head, footnotes=[note])


def test_head_135_footnotes_moved_onto_one_programme_explain_nothing():
    head = load_source(SAMPLE_HEAD_135)
    assert _t03(head) == {"info"}
    assert _t03(_retarget(head, "programme:2")) == {"error"}


def test_a_generated_gap_is_explained_only_by_a_total_footnote():
    head = synthetic_head(211, 4, 9, 40, seed=5)
    first = head.programmes[0]
    shifted = tuple((a.value or Decimal(0)) + Decimal(50) for a in first.amounts)
    head = dataclasses.replace(
        head,
        programmes=[
            dataclasses.replace(first, amounts=amounts(shifted)),
            *head.programmes[1:],
        ],
    )
    assert _t03(head) == {"error"}
    assert _t03(_noted(head, "programme:1")) == {"error"}
    assert _t03(_noted(head, "programme_total")) == {"info"}


def test_real_gap_head_years_are_not_excused_by_a_programme_footnote():
    real = published_heads()
    gaps = [k for k in sorted(real) if real[k]["programme_vs_subhead_gap"]]
    assert len(gaps) >= 5
    for key in gaps[:: max(1, len(gaps) // 10)]:
        head = head_from_published(real[key])
        assert _t03(_noted(head, "programme:1")) == {"error"}, key
        assert _t03(_noted(head, "programme_total")) == {"info"}, key
