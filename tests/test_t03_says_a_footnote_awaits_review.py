"""Trial 10g (smalls): in a rolled-forward book, while the footnotes were still
marked for review, T03 on the Actual said "No footnote explains it", though the
footnote covers that column; only once the mark was deleted did it say
"Explained by footnote". Now, while a footnote on the column awaits review, T03
says so and what to do. Head 135, a generated Head and a real Head-year, each
given a gap on the programme total's Actual and a footnote there, drafted."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from estimates.model import Footnote
from estimates.results import compute
from estimates.rollforward import draft
from estimates.rules import totals

from .generated_heads import three_heads


def _gapped(head, text: str):
    first = head.programmes[0]
    actual, *rest = first.amounts
    more = replace(actual, value=(actual.value or Decimal(0)) + 5)
    head.programmes[0] = replace(first, amounts=(more, *rest))
    head.footnotes = [Footnote("‡", "programme_total", ("actual",), text, text)]
    return head


def _actual_t03(head) -> list:
    return [f for f in totals.check(head, compute(head))
            if f.rule == "T03" and "(actual)" in f.message_en]  # fmt: skip


def test_t03_says_the_footnote_awaits_review(tmp_path):
    for name, head in three_heads(tmp_path, seed=83, real_at=16).items():
        [t03] = _actual_t03(_gapped(head, draft("A transfer.")))
        assert "No footnote explains it" not in t03.message_en, name
        assert "Footnote ‡ covers this column but awaits review" in t03.message_en
        assert "尚待覆核" in t03.message_zh, name
        assert t03.severity.value == "error", name
        [t03] = _actual_t03(_gapped(head, "A transfer."))  # reviewed: explains it
        assert t03.severity.value == "info" and "Explained by" in t03.message_en
