"""Checks on a bare block of figures, for the EST_CHECK worksheet function.

Rule ids as elsewhere: T01 (the last row is the sum of the lines above it, per
column), D03 (a negative amount). A block has no cell addresses of its own, so
findings name the block's row and column.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import COLUMNS
from ..money import sum_amounts


def check_block(rows: list[list[Decimal | None]], has_total_row: bool) -> list[str]:
    """Messages, one per finding, naming row and column within the block."""
    out: list[str] = []
    lines = rows[:-1] if has_total_row else rows
    for r, row in enumerate(lines, start=1):
        for column, value in zip(COLUMNS, row, strict=False):
            if value is not None and value < 0:
                out.append(f"D03 warning: row {r}, {column}: negative amount {value}")
    if has_total_row and rows:
        total = rows[-1]
        for k, column in enumerate(COLUMNS[: len(total)]):
            expected = sum_amounts([row[k] for row in lines if k < len(row)]) or 0
            found = total[k] or 0
            if expected != found:
                out.append(
                    f"T01 error: {column} total is {found}"
                    f" but its lines sum to {expected}"
                )
    return out
