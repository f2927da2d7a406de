"""Exact money and the COR's rounding rules (DOMAIN.md section 2).

Amounts in $'000 are ``int``; amounts in $ million and percentages are ``Decimal``.
Binary floats never hold money: a float that arrives from a host is converted through
its shortest ``repr``, which is the figure the clerk typed.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

Number = int | Decimal

NIL_MARKS = frozenset({"", "-", "—", "–", "_", "－", "‒", "―", "n/a", "n.a.", "nil"})
"""The one rule for nil, in a cell or a CSV: empty, a dash (as the COR prints nil)
or the word nil, n/a or n.a. in any case. Anything else is a figure or refused
(TBC, 0 is the figure zero)."""
NIL_MARK = "-"
"""What a nil keyed on purpose is written as in a CSV file (as the Government's
files write it); in a cell, ``NIL_CELL``, as the COR prints it. Unlike a blank,
neither is a figure still to key."""
NIL_CELL = "—"
NOT_YET = frozenset({"n/a", "n.a."})
"""Nil marks that say "not available yet": read as nil, but still to key (a blank)."""
KEYED_NIL_MARKS = tuple(sorted(NIL_MARKS - NOT_YET - {""}))
"""The marks of a nil keyed on purpose (``is_nil_mark``), for a formula's test."""
_FIGURE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")
"""Digits, commas only between groups of three before the point, one point."""
MAX_AMOUNT = Decimal(10) ** 15
"""No Head's figure comes near a quadrillion, in any unit: a larger one is a typo."""
_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """Round half away from zero to ``places`` decimals (the printed precision)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Convert a host value (int, float, Decimal or numeric text) to an exact Decimal.

    Raises:
        ValueError: the value is not a number, or too large to be any amount.
    """
    number = _to_decimal(value)
    if abs(number) >= MAX_AMOUNT:
        raise ValueError(f"too large to be an amount: {value!r}")
    return number


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {value!r}")
        return Decimal(repr(value))
    if isinstance(value, str):
        return parse_number(value)
    raise ValueError(f"not a number: {value!r}")


def parse_number(text: str) -> Decimal:
    """Numeric text as printed: a sign or brackets, commas only as thousands
    separators in groups of three ("1,234.5"); "212,4", "1,23,4" and "1.2e3"
    are refused, not guessed at.

    Raises:
        ValueError: the text is not a number, or too large to be any amount.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if cleaned[:1] in ("−", "–", "-", "+"):
        negative, cleaned = negative != (cleaned[0] != "+"), cleaned[1:]
    if not _FIGURE.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}{_why(cleaned)}")
    number = Decimal(cleaned.replace(",", ""))
    if abs(number) >= MAX_AMOUNT:
        raise ValueError(f"too large to be an amount: {text!r}")
    return -number if negative else number


def _why(cleaned: str) -> str:
    """Why digits were refused: a misplaced comma, or exponent notation."""
    if "," in cleaned and re.fullmatch(r"[\d,.]+", cleaned):
        return " (a comma only separates thousands, in groups of three: 1,234.5)"
    if re.fullmatch(r"[\d.]+[eE][+-]?\d+", cleaned):
        return " (key the figure in full, not in exponent notation)"
    return ""


def is_nil(value: object) -> bool:
    """True for an empty cell or a printed nil mark (a dash)."""
    if value is None:
        return True
    return isinstance(value, str) and value.strip().lower() in NIL_MARKS


def is_nil_mark(value: object) -> bool:
    """A nil keyed on purpose (``-``, ``—``, ``nil``): not a blank, not n/a."""
    if not isinstance(value, str) or not value.strip():
        return False
    return is_nil(value) and value.strip().lower() not in NOT_YET


def parse_amount(value: object) -> Decimal | None:
    """A source amount: ``None`` for nil, else an exact Decimal.

    Raises:
        ValueError: neither nil nor a number.
    """
    if is_nil(value):
        return None
    return to_decimal(value)


def parse_thousands(value: object) -> int | None:
    """An amount in $'000, which is printed in whole thousands.

    Raises:
        ValueError: not nil, not a number, or not a whole number.
    """
    amount = parse_amount(value)
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        raise ValueError(f"not a whole number of $'000: {value!r}")
    return int(amount)


def parse_millions(value: object) -> Decimal | None:
    """An amount in $ million, printed to one decimal.

    Raises:
        ValueError: not nil, not a number, or more than one decimal.
    """
    amount = parse_amount(value)
    if amount is None:
        return None
    if round_half_up(amount, 1) != amount:
        raise ValueError(f"more than one decimal in $ million: {value!r}")
    return round_half_up(amount, 1)


def thousands_to_millions(amount: int | None) -> Decimal | None:
    """$'000 to $ million, one decimal, half away from zero (587,163 -> 587.2)."""
    if amount is None:
        return None
    return round_half_up(Decimal(amount) / _THOUSAND, 1)


def percent_change(new: Number | None, base: Number | None) -> Decimal | None:
    """``new / base - 1`` in percentage points, one decimal, half away from zero.

    A nil or zero base gives ``None`` (not a number), and so does a nil ``new``:
    a figure not yet keyed (a rolled draft's Revised and Estimate) has no change,
    and the COR prints none for a nil figure (a zero ``new`` is -100%).
    """
    if new is None or base is None or base == 0:
        return None
    ratio = Decimal(new) / Decimal(base) - 1
    return round_half_up(ratio * _HUNDRED, 1)


def sum_amounts(values: list[Number | None]) -> Number | None:
    """Sum of the non-nil amounts; ``None`` when every amount is nil."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, start=type(present[0])(0))


def format_thousands(amount: Number | None) -> str:
    """``419,593``; nil prints as a dash."""
    if amount is None or amount == 0:
        return "—"
    return f"{int(amount):,}" if amount == int(amount) else f"{amount:,}"


def format_millions(amount: Number | None) -> str:
    """``269.7``; nil prints as a dash."""
    if amount is None or amount == 0:
        return "—"
    return f"{round_half_up(Decimal(amount), 1):,}"


def format_percent(points: Decimal | None) -> str:
    """``+6.1%``; zero change prints ``—``; not a number prints empty."""
    if points is None:
        return ""
    if points == 0:
        return "—"
    return f"{points:+}%"


__all__ = [
    "KEYED_NIL_MARKS",
    "NIL_CELL",
    "NIL_MARK",
    "NIL_MARKS",
    "Number",
    "format_millions",
    "format_percent",
    "format_thousands",
    "is_nil",
    "is_nil_mark",
    "parse_amount",
    "parse_millions",
    "parse_number",
    "parse_thousands",
    "percent_change",
    "round_half_up",
    "sum_amounts",
    "thousands_to_millions",
    "to_decimal",
]
