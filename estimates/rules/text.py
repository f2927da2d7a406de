"""Formatting figures for findings' messages, by the kind of figure a key holds."""

from __future__ import annotations

from decimal import Decimal

from .. import figures
from ..findings import Finding
from ..model import Ref
from ..money import format_percent, round_half_up
from .catalogue import rule

COLUMN_ZH = {
    "actual": "實際",
    "original": "原來預算",
    "revised": "修訂",
    "estimate": "預算",
}


def kind_of(figure_key: str) -> str:
    """The kind of figure a key holds (``figures.Kind``), for comparing and showing."""
    return str(figures.kind_of(figure_key))


def show(value: object, kind: str, lang: str = "en") -> str:
    """A figure as a clerk reads it in a message, in the unit the cell shows:
    ``$564,524,000`` for a $'000 cell, ``$564.5 million`` for a $m cell; in Chinese
    ``56,452.4 萬元`` and ``564.5 百萬元``."""
    if value is None:
        if kind == "percent":
            return "not a number" if lang == "en" else "不是數字"
        return "nil (—)" if lang == "en" else "無(—)"
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return repr(value)
    if kind == "percent":
        return format_percent(Decimal(value)) or "—"
    if kind == "count":
        if lang == "zh":
            return f"{value:,} 個職位"
        return f"{value:,} post{'' if value == 1 else 's'}"
    dollars = Decimal(value) * (1000 if kind == "thousands" else 1)
    if kind == "millions":
        millions = round_half_up(Decimal(value), 1)
        return f"${millions:,} million" if lang == "en" else f"{millions:,} 百萬元"
    if lang == "en":
        return f"${_plain(dollars)}" if dollars >= 0 else f"-${_plain(-dollars)}"
    return f"{_plain(dollars / 10_000)} 萬元"


def printed_thousands(thousands: int | None, lang: str = "en") -> str:
    """A $'000 figure quoted beside $ million figures: "$270,731,000"; in Chinese
    as the COR prints it, "COR 印作 270,731 千元" (not "270.731 百萬元", which
    no clerk writes: trial 11d item 6; nor 萬元 beside 百萬元 in one sentence)."""
    if thousands is None or lang == "en":
        return show(thousands, "thousands", lang)
    return f"COR 印作 {thousands:,} 千元"


def _plain(number: Decimal) -> str:
    """``1,234`` or ``1,234.5``: no trailing zeros, no exponent."""
    number = number.normalize()
    if number == number.to_integral():
        return f"{number.quantize(Decimal(1)):,}"
    return f"{number:,f}"


def difference(expected: object, found: object, kind: str, lang: str) -> str:
    """`` (difference $1,000,000)`` / ``(相差 100 萬元)``; empty unless two numbers."""
    numbers = (int, Decimal)
    if not (isinstance(expected, numbers) and isinstance(found, numbers)):
        return ""
    if isinstance(expected, bool) or isinstance(found, bool) or found == expected:
        return ""
    gap = abs(Decimal(found) - Decimal(expected))
    if kind == "percent":
        text = f"{gap} points" if lang == "en" else f"{gap} 個百分點"
    else:
        text = show(gap if kind != "count" else int(gap), kind, lang)
    return f" (difference {text})" if lang == "en" else f"(相差 {text})"


Words = tuple[str, str]  # (English, Chinese)
NOTHING: Words = ("", "")


def said(what: Words, expected: Words, found: Words, then: Words = NOTHING) -> Words:
    """ "<what>: expected X, found Y. <then>" in English and in Chinese: the one
    shape of every finding's message (``mismatch`` for two figures)."""
    en = f"{what[0]}: expected {expected[0]}, found {found[0]}."
    zh = f"{what[1]}:應為 {expected[1]},現為 {found[1]}。"
    return (f"{en} {then[0]}" if then[0] else en), zh + then[1]


def mismatch(
    what: Words, expected: object, found: object, kind: str, then: Words = NOTHING
) -> Words:
    """ "<what>: expected X, found Y (difference Z)." in English and in Chinese,
    each figure in the unit its cell shows."""
    return said(
        what,
        (show(expected, kind), show(expected, kind, "zh")),
        (
            show(found, kind) + difference(expected, found, kind, "en"),
            show(found, kind, "zh") + difference(expected, found, kind, "zh"),
        ),
        then,
    )


def finding(
    rule_id: str,
    ref: Ref | None,
    en: str,
    zh: str,
    expected: str = "",
    found: str = "",
    used: tuple[Ref, ...] = (),
    severity=None,
    compared: tuple[Ref | None, ...] = (),
) -> Finding:
    """A finding with the rule's own severity unless one is given."""
    return Finding(
        rule=rule_id,
        severity=severity or rule(rule_id).severity,
        ref=ref,
        message_en=en,
        message_zh=zh,
        expected=expected,
        found=found,
        used=tuple(u for u in used if u is not None),
        compared=tuple(c for c in compared if c is not None and c != ref),
    )
