"""Trial 11d item 12: a Head with English titles only (every published
Head-year) printed a hollow Chinese COR: "總目 149 —" with nothing after the
dash, bare "綱領(1)" lines, "綱領(1):" with its colon dangling, blank subhead
names.

Now where a Chinese title is missing the Chinese COR prints the English one
(the block title "綱領(1):Title", the analysis and subhead tables, the title
line above the policy area), and a Head with no title prints "總目 149" with no
dash. On Head 135 and a generated Head with one programme's and one subhead's
Chinese title cleared, and a real Head-year, printed by LibreOffice."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from .generated_heads import three_heads
from .printed_pages import printed_pages

pytestmark = pytest.mark.engine

DANGLING = re.compile(r"(綱領\(\d+\):|總目 \S+ —)\s*$", re.MULTILINE)


def _without_chinese(head):
    """The Head with its first programme's and first subhead's Chinese titles
    cleared (a published Head-year has none at all)."""
    head.programmes[0] = replace(head.programmes[0], title_zh="")
    head.subheads[0] = replace(head.subheads[0], title_zh="")
    return head


def _words(title: str) -> str:
    return " ".join(title.split()[:2])  # a line may wrap after them


def test_a_title_missing_in_chinese_prints_in_english(tmp_path):
    heads = three_heads(tmp_path, seed=23, real_at=4)
    heads = {
        name: head if name == "real" else _without_chinese(head)
        for name, head in heads.items()
    }
    assert not any(p.title_zh for p in heads["real"].programmes)
    pages = printed_pages(heads, tmp_path, ("zh",))
    for name, head in heads.items():
        text = "\n".join(pages[(name, "zh")])
        assert not DANGLING.findall(text), (name, DANGLING.findall(text))
        p, s = head.programmes[0], head.subheads[0]
        block = f"綱領({p.number}):{_words(p.title_en)}"
        assert block in text, (name, block)
        line = f"綱領({p.number}) {_words(p.title_en)}"  # above its policy area
        assert line in text, (name, line)
        assert re.search(rf"{s.code}\s+{re.escape(_words(s.title_en))}", text), (
            name,
            s.code,
            s.title_en,
        )
        if name != "real":  # the others keep their Chinese
            other = head.programmes[1]
            assert f"綱領({other.number}):{other.title_zh[:4]}" in text, name
