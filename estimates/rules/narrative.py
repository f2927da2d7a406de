"""A clerk's own narrative sentences, read back against the tables.

Rule ids: N01 (a sentence quotes an amount, percentage or post count that the
tables do not give); N02 (a sentence whose line is gone, kept for the clerk);
N03 (a sentence holding characters no reader sees: Find misses it).
Figures are compared in common units, so "140 萬元" and "$1.4 million" are the
same figure.
"""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..model import Head
from ..narrative import (
    HIDDEN,
    figures_in,
    narrative_keys,
    plain,
    sentences,
    sources,
)
from ..results import Results
from ..rollforward import DRAFT
from .text import finding, show


def _show(kind: str, value: Decimal, lang: str = "en") -> str:
    if kind == "$":
        if lang == "zh":
            return f"{show(value / 1000, 'thousands', 'zh')}"
        if value and value % 100_000 == 0:  # as the sentences quote $ million
            return show(value / 1_000_000, "millions")
        return f"${value:,.0f}"
    if kind == "%":
        return f"{value}%"
    if lang == "zh":
        return f"{value:,.0f} 個職位"
    return f"{value:,.0f} post{'' if value == 1 else 's'}"


def _gap(wrong: list, right: list, lang: str) -> str:
    """The difference, when one figure of a kind is wrong and one is right."""
    if len(wrong) != 1 or len(right) != 1:
        return ""
    (kind, found), (_, expected) = wrong[0], right[0]
    gap = abs(found - expected)
    text = f"{gap} points" if kind == "%" else _show(kind, gap, lang)
    if kind == "%" and lang == "zh":
        text = f"{gap} 個百分點"
    return f" (difference {text})" if lang == "en" else f"(相差 {text})"


def _kept(head: Head) -> list[Finding]:
    """N02: a clerk's sentence whose line the Head no longer has (kept, never
    dropped: a later refresh must not remove it without a word)."""
    lines = {key for key, _ in narrative_keys(head)}
    return [
        finding(
            "N02",
            ref,
            f"Your sentence for the narrative line {key!r} is kept, but that line"
            " is no longer in the Report: expected the line, found none. Move the"
            " text to another line or delete it.",
            f"說明句子 {key!r} 的文字已保留,但該行已不在報告內:應為 該行,現為 沒有。"
            "請把文字移往另一行或刪除。",
            "the line",
            "none",
        )
        for key, (text, ref) in head.narrative.items()
        if key not in lines and text.strip()
    ]


def _one_programme(computed: dict, key: str) -> list:
    """The sentences a clerk's text on row ``key`` may quote: its own, and for a
    programme its posts sentence too (a COR paragraph joins them: "... together
    with a net decrease of one post"), and the other way round."""
    kind, _, number = key.partition(":")
    if kind not in ("programme", "programme_posts"):
        return [computed[key]]
    keys = (key, f"programme:{number}", f"programme_posts:{number}")
    return [computed[k] for k in dict.fromkeys(keys) if k in computed]


def _hidden(head: Head) -> list[Finding]:
    """N03: a clerk's sentence holding characters no reader sees (pasted from a
    web page, Word, or an older book's sentence): Excel's Find misses the words
    holding them and a paste into Word carries them (trial 11d item 17)."""
    out = []
    for text, ref in head.narrative.values():
        found = sorted({f"U+{ord(c):04X}" for c in HIDDEN.findall(text)})
        if not found:
            continue
        count = len(HIDDEN.findall(text))
        out.append(finding(
            "N03", ref,
            f"This sentence holds {count} character(s) no reader sees"
            f" ({', '.join(found)}): expected plain text, found hidden characters."
            " Excel's Find misses the words holding them: retype the sentence or"
            " paste it as plain text.",
            f"此句含有 {count} 個看不見的字元({'、'.join(found)}):應為 純文字,"
            "現為 隱藏字元。Excel 的「尋找」會找不到含有這些字元的字詞:請重新輸入,"
            "或以純文字貼上。",
            "plain text", f"hidden characters ({', '.join(found)})",
        ))  # fmt: skip
    return out


def check(head: Head, results: Results) -> list[Finding]:
    computed = {s.key: s for s in sentences(head, results)}
    out = _kept(head) + _hidden(head)
    for key, (text, ref) in head.narrative.items():
        sentence = computed.get(key)
        if sentence is None or not text.strip() or text.startswith(DRAFT):
            continue  # a draft carried from last year is F02's, until reviewed
        expected = set()
        for same in _one_programme(computed, key):
            expected |= figures_in(same.en) | figures_in(same.zh)
        wrong = sorted(figures_in(text) - expected)
        if not wrong:
            continue
        kinds = {kind for kind, _ in wrong}
        right = sorted(f for f in expected if f[0] in kinds)
        found_en = ", ".join(_show(*w) for w in wrong)
        found_zh = "、".join(_show(*w, "zh") for w in wrong)
        should_en = ", ".join(_show(*r) for r in right) or "no such figure"
        should_zh = "、".join(_show(*r, "zh") for r in right) or "沒有此數字"
        out.append(
            finding(
                "N01",
                ref,
                f"This sentence quotes a figure the tables do not give: expected"
                f" {should_en}, found {found_en}{_gap(wrong, right, 'en')}."
                f" Computed: {plain(sentence.en)}",
                f"此句引用的數字與表格不符:應為 {should_zh},現為 {found_zh}"
                f"{_gap(wrong, right, 'zh')}。應為:{plain(sentence.zh)}",
                should_en,
                found_en,
                compared=sources(head, key),
            )
        )
    return out
