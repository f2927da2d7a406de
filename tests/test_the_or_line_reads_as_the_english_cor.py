"""The line under a % line in English reads as the COR prints it (docs/DOMAIN.md
section 2): "(or +7.0% on 2024-25 Original)", not "against"; for any year; and no
change reads "(or the same as 2024-25 Original)", as the Chinese reads 相同."""

from __future__ import annotations

import re

from workbook.styles import look

_QUOTED = re.compile(r'"([^"]*)"')


def _shown(number_format: str, section: int, value: str) -> str:
    text = number_format.split(";")[section]
    return _QUOTED.sub(lambda m: m[1], text).replace("#,##0.0", value, 1)


def test_the_english_or_line_reads_on_the_original():
    for year in ("2024-25", "2006-07", "2031-32"):
        fmt = look(f"or_en:{year}")["number_format"]
        assert _shown(fmt, 0, "7.0") == f"(or +7.0% on {year} Original)"
        assert _shown(fmt, 1, "2.3") == f"(or -2.3% on {year} Original)"
        assert "against" not in fmt


def test_no_change_reads_the_same_in_both_languages():
    """Zero change: the Chinese says 相同, so the English says "the same as", not
    "(or 0.0% on ...)" (trial 11c item 7: Head 53 2006-07, programmes 1, 3, 5)."""
    for year in ("2024-25", "2006-07"):
        en = look(f"or_en:{year}")["number_format"].split(";")[2]
        zh = look(f"or_zh:{year}")["number_format"].split(";")[2]
        assert _QUOTED.sub(lambda m: m[1], en) == f"(or the same as {year} Original)"
        assert _QUOTED.sub(lambda m: m[1], zh) == f"(或較 {year} 原來預算相同)"
