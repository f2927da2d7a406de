"""Trial 9 item 17: the English subhead 000 sentence ended in a fragment ("The
increase of $57,268,000 (797.5%) against the revised estimate for 2024-25.")
and named the line "Operational expenses" whatever its title. Now its second
sentence has a verb, as the Chinese one does, and both name the line by its own
title: on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import re
from dataclasses import replace

from estimates.narrative import plain, sentences
from estimates.results import compute

from .generated_heads import three_heads

WHOLE = re.compile(
    r"Provision is (?:\$[\d,]+(?: \([\d.]+%\))? (?:higher|lower) than|the same as)"
    r" the revised estimate for \d{4}-\d{2}\.$"  # the seed\'s year form
)


def test_the_subhead_000_sentence_has_a_verb_and_the_lines_own_title(tmp_path):
    for name, head in three_heads(tmp_path, seed=3, real_at=8).items():
        index = next(i for i, s in enumerate(head.subheads) if s.code == "000")
        line = head.subheads[index]
        head.subheads[index] = replace(
            line, title_en="Running costs", title_zh="營運開支"
        )
        got = {s.key: s for s in sentences(head, compute(head))}["subhead_000"]
        en, zh = plain(got.en), plain(got.zh)
        assert "Subhead 000 Running costs is for" in en, (name, en)
        assert "Operational expenses" not in en, (name, en)
        assert WHOLE.search(en), (name, en)
        assert "分目 000 營運開支項下" in zh and "運作開支項下" not in zh, (name, zh)
