"""The UDFs. Each converts Excel's arguments and makes one call into the core.

Excel passes numbers as floats and empty cells as None; ``to_decimal`` reads a
float through its shortest repr, which is the figure the clerk typed.
"""

from __future__ import annotations

from decimal import Decimal

import xlwings as xw

from estimates.ceiling import PayScaleError, nams
from estimates.model import COLUMNS, Post
from estimates.money import format_percent, is_nil, percent_change, to_decimal
from estimates.narrative import change_en, change_zh
from estimates.rules.check_block import check_block


def _number(value: object) -> Decimal | None:
    return None if is_nil(value) else to_decimal(value)


def _float(value: Decimal | None) -> float | str:
    return "" if value is None else float(value)


@xw.func
def EST_PCT(new_value, base_value):
    """Change of new on base in percentage points, one decimal, half away from
    zero, as the COR prints it; blank when the base is nil or zero."""
    return _float(percent_change(_number(new_value), _number(base_value)))


@xw.func
def EST_PCT_TEXT(new_value, base_value):
    """The change in COR form: "+6.1%", "—" for no change, blank for a nil base."""
    return format_percent(percent_change(_number(new_value), _number(base_value)))


@xw.func
def EST_CHANGE_EN(estimate, revised, estimate_year):
    """The English change sentence: "Provision for 2025-26 is $1.4 million (6.1%)
    higher than the revised estimate for 2024-25."."""
    return change_en(_number(estimate) or 0, _number(revised) or 0, str(estimate_year))


@xw.func
def EST_CHANGE_ZH(estimate, revised, estimate_year):
    """The Chinese change sentence, in 萬元: "...修訂預算增加 140 萬元(6.1%)"."""
    return change_zh(_number(estimate) or 0, _number(revised) or 0, str(estimate_year))


@xw.func
@xw.arg("pay_scale", ndim=2)
def EST_NAMS(scale, min_point, max_point, pay_scale):
    """Notional annual mid-point salary of one post of a rank: 12 times the monthly
    salary at the mid-point of its range, from a pay-scale range of three columns
    (scale, point, monthly salary)."""
    salaries = {}
    for row in pay_scale or []:
        if row and len(row) >= 3 and not is_nil(row[1]) and not is_nil(row[2]):
            salaries[(str(row[0]).strip(), int(to_decimal(row[1])))] = int(
                to_decimal(row[2])
            )
    post = Post(
        "",
        "",
        False,
        str(scale).strip(),
        int(to_decimal(min_point)),
        int(to_decimal(max_point)),
        "",
        0,
        0,
    )
    try:
        return _float(nams(post, salaries))
    except PayScaleError as exc:
        return f"#N/A {exc}"


@xw.func
@xw.arg("block", ndim=2)
@xw.ret(expand="table")
def EST_CHECK(block, has_total_row=True):
    """Findings for a block of lines with four money columns (Actual, Original,
    Revised, Estimate) whose last row is their total: one row per finding, or
    "OK"."""
    rows = [[_number(v) for v in row[-len(COLUMNS) :]] for row in block or []]
    findings = check_block(rows, bool(has_total_row))
    return [[f] for f in findings] or [["OK"]]
