"""The narrative prints as a COR does (issue 11 items 21-23), on Head 135,
generated Heads and real Head-years: no number broken from its unit ("30 / 萬元");
every year written as the seed writes it ("2005-06", which never breaks, not
"2005–06" with a hidden word joiner: trial 11d item 17); the Head named properly
without a department name ("expenses of Head 33", "總目 33 所需"), never "the
Head 33" or "總目 33所需"; every sentence ends with its full stop (。 in
Chinese), subhead 000's included; Chinese amounts of 1億 and over written
"2億6,430 萬元"; and the N01 reader takes each amount back as the core's figure."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from estimates.money import round_half_up
from estimates.narrative import (
    HIDDEN,
    NO_BREAK,
    figures_in,
    not_keyed,
    plain,
    sentences,
)
from estimates.results import compute
from estimates.source import SAMPLE_HEAD_135, load_source

from .conftest import head_from_published, published_heads
from .generated_heads import write_head

UNIT = r"(?:萬元|億元|元|個|million|(?:non-)?(?:directorate )?posts?\b)"
_COUNT = r"(?:\d|\b(?:no|one|two|three|four|five|six|seven|eight|nine))"
_BROKEN_UNIT = re.compile(rf"{_COUNT} {UNIT}")
_BROKEN_YEAR = re.compile(r"\d{4}[–—]")  # the seed's year: "2025-26" (11d item 17)
_NOT_A_SENTENCE = {"ceiling"}  # a leader line: "..... $52.0m"


def faults(head) -> list:
    out: list = []
    for s in sentences(head, compute(head)):
        for lang, text in (("en", s.en), ("zh", s.zh)):
            where = (head.head, head.estimate_year, s.key, lang)
            if _BROKEN_UNIT.search(text):
                out.append((*where, "breakable", text))
            if _BROKEN_YEAR.search(text) or HIDDEN.search(text):
                out.append(
                    (*where, "year not as the seed, or a hidden character", text)
                )
            end = "." if lang == "en" else "。"
            if s.key not in _NOT_A_SENTENCE and not text.endswith(end):
                out.append((*where, "no full stop", text))
            said = plain(text)
            if "the Head" in said or re.search(r"總目 \d+[^\d ]", said):
                out.append((*where, "Head named badly", said))
            if re.search(r"\d{2},\d{3} 萬元", said):
                out.append((*where, "萬元 past 1億", said))
        out += _amounts_read_back(head, s)
    return out


def _amounts_read_back(head, s) -> list:
    """A programme's change, quoted in 萬元 (or 億), reads back as the core's."""
    if not s.key.startswith("programme:"):
        return []
    p = next(p for p in head.programmes if f"programme:{p.number}" == s.key)
    if not_keyed(p):  # a blank figure: no change quoted (trial 9b item 5)
        return [] if figures_in(s.en) | figures_in(s.zh) == set() else [s.key]
    diff = round_half_up(
        Decimal(p.value("estimate") or 0) - (p.value("revised") or 0), 1
    )
    if not diff:
        return []
    want = ("$", abs(diff) * 1_000_000)
    if want in figures_in(s.zh) and want in figures_in(s.en):
        return []
    return [(head.head, s.key, "amount not read back", s.zh, s.en)]


def test_head_135_sentences_print_whole():
    head = load_source(SAMPLE_HEAD_135)
    assert faults(head) == []
    said = {s.key: s for s in sentences(head, compute(head))}
    assert NO_BREAK + "萬元" in said["programme:1"].zh
    assert said["subhead_000"].en.endswith("for 2024-25.")


def test_generated_heads_sentences_print_whole(tmp_path: Path):
    for seed in range(12):
        assert faults(load_source(write_head(tmp_path / f"g{seed}", seed))) == []


def test_real_head_years_sentences_print_whole():
    heads, yi = published_heads(), 0
    for key in sorted(heads)[::5]:
        head = head_from_published(heads[key])
        assert faults(head) == []
        yi += sum("億" in s.zh for s in sentences(head, compute(head)))
    assert yi > 0  # some real change of $100 million and more was written in 億


def test_a_head_with_no_department_name_is_named_by_its_number():
    head = head_from_published(published_heads()["2006-33"])
    said = {s.key: plain(s.en) + plain(s.zh) for s in sentences(head, compute(head))}
    assert "expenses of Head 33 is $" in said["head_total"]
    assert "二零零六至零七年度總目 33 所需的薪金" in said["head_total"]
    assert "用以支付總目 33 的薪金" in said["subhead_000"]
