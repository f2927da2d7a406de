"""The three percentage changes the COR prints under a provision table."""

from __future__ import annotations

from decimal import Decimal

from .money import Number, percent_change

VARIANCES: dict[str, tuple[str, str]] = {
    "revised_vs_original": ("revised", "original"),
    "estimate_vs_revised": ("estimate", "revised"),
    "estimate_vs_original": ("estimate", "original"),
}
"""Each variance: (new column, base column)."""


def variances(values: dict[str, Number | None]) -> dict[str, Decimal | None]:
    """The three changes, in points to one decimal, for one row of four columns."""
    return {
        name: percent_change(values[new], values[base])
        for name, (new, base) in VARIANCES.items()
    }
