"""The Chinese messages read as Chinese (issue 11 item 24): one unit of money in
one sentence (T03 gave "開支總額(26,973.1 萬元):應為 269.7 百萬元"), and C01 says
"應為 269.7 百萬元(公式結果)", not "應為 公式所得的 …"; Total Expenditure is
quoted as the COR prints it, "COR 印作 564,524 千元", not "564.524 百萬元"
(trial 11d item 6), and no "$" in the Chinese. On Head 135 with a
typed-over total, generated Heads and real Head-years whose totals differ."""

from __future__ import annotations

import re
from pathlib import Path

from estimates.results import compute
from estimates.rules import run_rules
from estimates.source import load_source
from workbook.io import load_book
from workbook.refresh import refresh_file

from .conftest import head_from_published, published_heads
from .generated_heads import write_head

_WAN = re.compile(r"(?<!百)萬元")
_ODD = re.compile(r"\d\.\d\d+ 百萬元")


def faults(findings) -> list:
    out = []
    for f in findings:
        zh = f.message_zh
        if _ODD.search(zh):  # "564.524 百萬元": no clerk writes it (11d item 6)
            out.append((f.rule, "百萬元 to three places", zh))
        if "$" in zh:  # the Chinese keeps no "$198.8m"
            out.append((f.rule, "$ in Chinese", zh))
        if _WAN.search(zh) and "百萬元" in zh:
            out.append((f.rule, "萬元 and 百萬元", zh))
        if "應為 公式所得" in zh:
            out.append((f.rule, "awkward", zh))
    return out


def test_head_135_with_a_typed_over_total(sample_book):
    wb = load_book(sample_book)
    wb["Programmes"]["G4"] = 300.0
    wb.save(sample_book)
    findings = refresh_file(sample_book).findings
    assert {"C01", "T03"} <= {f.rule for f in findings}
    assert faults(findings) == []
    c01 = next(f for f in findings if f.rule == "C01")
    assert "應為 269.7 百萬元(公式結果),現為 300.0 百萬元" in c01.message_zh
    t03 = [f for f in findings if f.rule == "T03"]
    said = " ".join(f.message_zh for f in t03)  # as the COR prints it (11d item 6)
    assert "綱領總額不等於開支總額(COR 印作 564,524 千元):應為 564.5 百萬元" in said


def test_generated_and_real_heads(tmp_path: Path):
    heads = [load_source(write_head(tmp_path / f"g{i}", i)) for i in range(6)]
    published = published_heads()
    heads += [head_from_published(published[k]) for k in sorted(published)[::7]]
    t03 = 0
    for head in heads:
        findings = run_rules(head, compute(head))
        t03 += sum(f.rule == "T03" for f in findings)
        assert faults(findings) == [], head.head
    assert t03 > 0  # some real Head-year's totals differ
