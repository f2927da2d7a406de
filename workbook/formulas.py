"""The template's formulas: native Excel functions only, so a book reads right on a
PC without Python and in LibreOffice.

Percentages are rounded twice: to ten decimals first, which removes binary noise
(``24.3/22.9`` is not exact in floating point), then half away from zero to one
decimal, which is the COR's rule and Excel's ``ROUND``.
"""

from __future__ import annotations

import re

from estimates.money import KEYED_NIL_MARKS

from .snapshot import address

NOT_A_FIGURE = "?"
"""Printed before text in a figure cell that is not a nil keyed on purpose (a
number stored as text, D01; a word, D05): the totals leave it out, so it must not
print as a figure ("?22.9", never "22.9" above a total that does not count it)."""
_NIL_MARKS = ",".join(f'"{m}"' for m in KEYED_NIL_MARKS)


def percent(new: str, base: str, keyed: str = "") -> str:
    """Change of ``new`` on ``base`` in points; blank for a nil or zero base, and
    for a nil ``new`` (as ``estimates.money.percent_change``). ``keyed``: the input
    cell(s) ``new`` comes from (itself by default), nil when none holds a number:
    a reference to an empty cell or a sum over empty cells shows 0, not nil."""
    nil_new = f"COUNT({keyed or new})=0"
    return (
        f'=IF(OR(N({base})=0,{nil_new}),"",ROUND(ROUND((N({new})/{base}-1)*100,10),1))'
    )


def column_sum(col: str, first: int, last: int) -> str:
    return f"=SUM({col}{first}:{col}{last})"


def sum_of(cells: list[str]) -> str:
    return f"=SUM({','.join(cells)})" if cells else "=0"


def abs_range(sheet: str, col: str, first: int, last: int) -> str:
    return f"{sheet}!${col}${first}:${col}${last}"


def sum_where(sum_range: str, criteria_range: str, code: str) -> str:
    """Sum where a code column holds ``code`` as the reader reads it: the text
    exactly, or a digit code without its leading zeros ("0", "00" or the number 0
    for "000"; ``estimates.tables`` pads them). SUMIFS would read "000" as 0 and
    match an empty cell too; an empty cell matches none of these."""
    forms = [code]
    if code.isdigit():
        short = code.lstrip("0") or "0"
        forms += [short.zfill(n) for n in range(len(short), len(code))]
    tests = "+".join(f'--(({criteria_range}&"")="{form}")' for form in forms)
    return f"=SUMPRODUCT({tests},{sum_range})"


def figure(sheet: str, row: int, col: int) -> str:
    """An input figure as the Report prints it: a number as it is, a nil keyed on
    purpose as keyed ("—"), a blank cell as blank (a figure still to key, F01:
    never printed as the keyed nil's "—"), any other text with ``NOT_A_FIGURE``
    before it. The cell's value stays what the book's totals see: SUM leaves
    "" and text out, so only what prints changes."""
    x = f"{sheet}!{address(row, col)}"
    nil = f"ISNUMBER(MATCH(LOWER(TRIM({x})),{{{_NIL_MARKS}}},0))"
    text = f'IF({nil},{x},"{NOT_A_FIGURE}"&{x})'
    return f'=IF(ISBLANK({x}),"",IF(ISTEXT({x}),{text},{x}))'


_FIGURE = re.compile(r'=IF\(ISBLANK\(([^()]+)\),"",IF\(ISTEXT\(')


def figure_source(formula: object) -> str | None:
    """The input cell (``Sheet!F8``) a ``figure`` formula shows, else None."""
    match = _FIGURE.match(formula) if isinstance(formula, str) else None
    return match[1] if match else None


def mid_point_salary(
    row: int,
    directorate: str,
    scale: str,
    low: str,
    high: str,
    pay: tuple[str, str, str],
) -> str:
    """Mean of the salaries at the middle point(s) of ``low``..``high`` on ``scale``."""
    scales, points, salaries = pay

    def at(point: str) -> str:
        return f"SUMPRODUCT(--({scales}={scale}{row}),--({points}={point}),{salaries})"

    lo = f"INT(({low}{row}+{high}{row})/2)"
    hi = f"INT(({low}{row}+{high}{row}+1)/2)"
    return (
        f'=IF(OR(UPPER({directorate}{row})="Y",{low}{row}="",{high}{row}=""),"",'
        f"({at(lo)}+{at(hi)})/2)"
    )
