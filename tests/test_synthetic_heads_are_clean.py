"""The benchmark's synthetic Heads are consistent (no error finding), so the work it
measures is what a clean Head costs; and they span the published sizes."""

from estimates.results import compute
from estimates.rules import run_rules

from .generated_heads import large_head, realistic_head


def test_realistic_heads_are_clean_and_of_realistic_size():
    heads = [realistic_head(n) for n in range(1, 81)]
    for head in heads:
        assert [f.rule for f in run_rules(head, compute(head))] == []
    assert {len(h.programmes) for h in heads} <= set(range(1, 9))
    assert min(len(h.subheads) for h in heads) >= 5
    assert max(len(h.subheads) for h in heads) <= 30


def test_the_large_head():
    head = large_head()
    assert (len(head.subheads), len(head.posts)) == (300, 2000)
    assert run_rules(head, compute(head)) == []
