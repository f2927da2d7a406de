"""Sentences the COR prints about a change, in English and Traditional Chinese.

"Provision for 2025–26 is $1.4 million (6.1%) higher than the revised estimate for
2024–25." and
"二零二五至二六年度的撥款較二零二四至二五年度的修訂預算增加 140 萬元(6.1%)".
"""

from __future__ import annotations

from decimal import Decimal

from .money import percent_change, round_half_up

_DIGITS = "零一二三四五六七八九"


def year_en(year: str) -> str:
    """``2025-26`` as the English text prints it, with an en dash: ``2025–26``."""
    return year.replace("-", "–")


def year_zh(year: str) -> str:
    """``2025-26`` as ``二零二五至二六年度``."""
    first, _, second = year.partition("-")
    spell = "".join(_DIGITS[int(d)] for d in first if d.isdigit())
    return f"{spell}至{''.join(_DIGITS[int(d)] for d in second if d.isdigit())}年度"


def previous_year(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def change_en(new: Decimal, base: Decimal, year: str) -> str:
    """The English change sentence for a programme's Estimate against its Revised."""
    prior = year_en(previous_year(year))
    diff = round_half_up(Decimal(new) - Decimal(base), 1)
    if diff == 0:
        return (
            f"Provision for {year_en(year)} is the same as the revised estimate"
            f" for {prior}."
        )
    pct = percent_change(new, base)
    pct_text = "" if pct is None else f" ({abs(pct)}%)"
    way = "higher" if diff > 0 else "lower"
    return (
        f"Provision for {year_en(year)} is ${abs(diff):,} million{pct_text} {way}"
        f" than the revised estimate for {prior}."
    )


def change_zh(new: Decimal, base: Decimal, year: str) -> str:
    """The Chinese change sentence; $ million changes are quoted in 萬元."""
    prior = year_zh(previous_year(year))
    diff = round_half_up(Decimal(new) - Decimal(base), 1)
    if diff == 0:
        return f"{year_zh(year)}的撥款與{prior}的修訂預算相同"
    pct = percent_change(new, base)
    pct_text = "" if pct is None else f"({abs(pct)}%)"
    way = "增加" if diff > 0 else "減少"
    return (
        f"{year_zh(year)}的撥款較{prior}的修訂預算{way}"
        f" {int(abs(diff) * 100):,} 萬元{pct_text}"
    )
