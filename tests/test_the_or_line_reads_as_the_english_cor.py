"""The line under a % line in English reads as the COR prints it (docs/DOMAIN.md
section 2): "(or +7.0% on 2024-25 Original)", not "against"; for any year."""

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
