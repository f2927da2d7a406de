"""A clerk's own narrative sentences, read back against the tables.

Rule id: N01 (a sentence quotes an amount, percentage or post count that the
tables do not give). Figures are compared in common units, so "140 萬元" and
"$1.4 million" are the same figure.
"""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..model import Head
from ..narrative import figures_in, sentences
from ..results import Results
from .text import finding

UNITS = {"$": "money", "%": "percentage", "posts": "post count"}


def _show(kind: str, value: Decimal) -> str:
    if kind == "$":
        return f"${value:,.0f}"
    if kind == "%":
        return f"{value}%"
    return f"{value:,.0f} post(s)"


def check(head: Head, results: Results) -> list[Finding]:
    computed = {s.key: s for s in sentences(head, results)}
    out = []
    for key, (text, ref) in head.narrative.items():
        sentence = computed.get(key)
        if sentence is None or not text.strip():
            continue
        expected = figures_in(sentence.en) | figures_in(sentence.zh)
        wrong = sorted(figures_in(text) - expected)
        if not wrong:
            continue
        kinds = {kind for kind, _ in wrong}
        right = sorted(f for f in expected if f[0] in kinds)
        quoted = ", ".join(_show(*w) for w in wrong)
        should = ", ".join(_show(*r) for r in right) or "no such figure"
        out.append(
            finding(
                "N01",
                ref,
                f"This sentence quotes {quoted}, which the tables do not give; they"
                f" give {should}. Computed: {sentence.en}",
                f"此句引用 {quoted},與表格不符;表格數字為 {should}。應為:{sentence.zh}",
                should,
                quoted,
            )
        )
    return out
