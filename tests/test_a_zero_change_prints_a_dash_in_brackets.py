"""Trial 11d item 11: a % line of no change printed "(0.0%)" (Head 149 2006-07,
programme (1), Revised 5.8 on Original 5.8), while docs/DOMAIN.md section 2 and
the tool's own rule P02 say no change prints as a dash in brackets, "(—)"."""

from __future__ import annotations

import re

from estimates.rules.catalogue import HOW
from workbook.styles import look

_QUOTED = re.compile(r'"([^"]*)"')


def _sections(style: str) -> list[str]:
    return [
        _QUOTED.sub(lambda m: m[1], s) for s in look(style)["number_format"].split(";")
    ]


def test_the_percent_line_shows_no_change_as_a_dash_in_brackets():
    positive, negative, zero = _sections("pct_line")
    assert zero == "(—)"
    assert positive == "(+#,##0.0%)" and negative == "(-#,##0.0%)"
    assert _sections("percent")[2] == "—"  # the tables' % columns: a dash
    assert "—" in HOW["P02"][1]  # the rule says the same
