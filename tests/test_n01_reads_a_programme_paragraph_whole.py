"""Trial 11 item 7: a clerk's programme paragraph that folds in the programme's
posts sentence ("... together with a net decrease of one post", as a COR writes
it) quotes a figure the Narrative gives: no N01. A post count the Narrative does
not give for that programme is still N01. Over generated Heads, not the sample."""

import pytest

from estimates.model import Ref
from estimates.narrative import sentences
from estimates.results import compute
from estimates.rules.narrative import check
from estimates.source import load_source

from .generated_heads import write_head


def _with_posts(seed, tmp_path):
    head = load_source(write_head(tmp_path / "src", seed))
    found = {s.key: s for s in sentences(head, compute(head))}
    for key, s in found.items():
        if key.startswith("programme_posts:"):
            number = key.partition(":")[2]
            if f"programme:{number}" in found:
                return head, found[f"programme:{number}"], s
    raise AssertionError(f"generated Head {seed} has no programme posts sentence")


@pytest.mark.parametrize("seed", range(8))
def test_a_paragraph_joining_the_posts_sentence_is_not_n01(seed, tmp_path):
    head, programme, posts = _with_posts(seed, tmp_path)
    text = f"{programme.en} Together with: {posts.en}"
    head.narrative[programme.key] = (text, Ref("Narrative", "D8"))
    assert [f for f in check(head, compute(head)) if f.rule == "N01"] == []
    head.narrative[programme.key] = (text + " Also 987 posts.", Ref("Narrative", "D8"))
    (n01,) = [f for f in check(head, compute(head)) if f.rule == "N01"]
    assert "987 posts" in n01.message_en
