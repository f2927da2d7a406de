"""The Estimate year, read one way wherever a year is read: the Head sheet's cell,
a source folder's head.toml, a published CSV file's column headings, the command
line's --year and the year a book rolls forward to.

An Estimate year is a financial year written ``2025-26``: four digits, a hyphen
(or the en dash of the printed Estimates, ``2025–26``), and the next year's last
two digits. Every reader gives it back as ``2025-26``; one that is not a year
raises ``YearError`` whose message names where it was read (a cell, a file, an
option), so the clerk can find it.
"""

from __future__ import annotations

import re

_YEAR = r"(\d{4})\s*[-–]\s*(\d{2})"
WHOLE = re.compile(_YEAR)
IN_TEXT = re.compile(r"(?<!\d)(\d{4})\s*[-–/]\s*(\d{2})(?!\d)")
"""A year inside a column heading (``Actual 2023-24``, ``2023–24 實際``,
``Original Estimate 2024/25``): the published files write it more ways."""
EXAMPLE = "a year such as 2025-26"
EXAMPLE_ZH = "如 2025-26 的年度"


class YearError(ValueError):
    """A year that is no Estimate year, or not the one wanted; the message names
    where it was read. ``zh``: the same in Chinese (the ribbon shows both)."""

    def __init__(self, message: str = "", zh: str = ""):
        super().__init__(message)
        self.zh = zh


def _label(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def _valid(match: re.Match | None) -> str | None:
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return _label(first) if (first + 1) % 100 == second else None


def parse_year(value: object, where: str = "") -> str:
    """An Estimate year as keyed or written (``2025-26``, ``" 2025–26 "``) as
    ``2025-26``.

    Raises:
        YearError: not an Estimate year, naming ``where`` (a cell, file or option).
    """
    text = "" if value is None else str(value).strip()
    year = _valid(WHOLE.fullmatch(text))
    if year is None:
        found, found_zh = (repr(text),) * 2 if text else ("blank", "空白")
        prefix = f"{where}: " if where else ""
        raise YearError(
            f"{prefix}the Estimate year is {found}, not {EXAMPLE}",
            f"{prefix}預算年度應為 {EXAMPLE_ZH},現為 {found_zh}。",
        )
    return year


def is_year(value: object) -> bool:
    """Whether ``value`` reads as an Estimate year."""
    try:
        parse_year(value)
    except YearError:
        return False
    return True


def year_in(text: str) -> str | None:
    """The first year written inside ``text`` (a column heading), as ``2025-26``;
    None when it names none. Digits that are no financial year (``2023-25``) are
    not one."""
    return _valid(IN_TEXT.search(text))


def likely_year(text: str) -> str | None:
    """The Estimate year a clerk most likely meant by ``text`` (``2013/14``,
    ``2013``, ``FY2013-14`` -> ``2013-14``); None when it holds no such year."""
    found = year_in(text)
    if found:
        return found
    match = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", text)
    return _label(int(match.group(0))) if match else None


def first_year(year: str) -> int:
    """``2025-26`` -> 2025 (the year must be a parsed one)."""
    return int(parse_year(year)[:4])


def next_year(year: str, where: str = "") -> str:
    """``2025-26`` -> ``2026-27``.

    Raises:
        YearError: ``year`` is not an Estimate year.
    """
    return _label(int(parse_year(year, where)[:4]) + 1)


def previous_year(year: str) -> str:
    """``2025-26`` -> ``2024-25``.

    Raises:
        YearError: ``year`` is not an Estimate year.
    """
    return _label(first_year(year) - 1)


def column_years(year: str) -> tuple[str, str, str, str]:
    """The years of the four money columns (Actual, Original, Revised, Estimate)
    of an Estimate year; ``("", "", "", year)`` for one that is no year."""
    if not is_year(year):
        return ("", "", "", year)
    first = first_year(year)
    return (_label(first - 2), _label(first - 1), _label(first - 1), _label(first))
