"""Issue 9, item 5: a subhead code the clerk typed as a number (0, or the text
"0" or "00"): the reader reads it as 000, and so do the book's formulas. The
Subhead000 sheet's "Subhead 000 (Subheads sheet)" row shows subhead 000's
figures and the difference is nil, on both hosts, after recalculation; no T05."""

import pytest

from estimates.model import COLUMNS
from workbook.formulas import sum_where

from .clerk_cases import HOSTS, case, outcome
from .sample_edits import sample

pytestmark = pytest.mark.engine

FORMS = {"number": 0, "text_0": "0", "text_00": "00"}


def _retype(value):
    def edit(wb):
        ws = wb["Subheads"]
        row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value == "000")
        ws.cell(row, 3).value = value

    return edit


for name, value in FORMS.items():
    case(f"subhead_000_code_{name}", _retype(value), values=True)


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("form", FORMS)
def test_a_code_typed_as_a_number_is_000_in_the_formulas_too(host_outcomes, host, form):
    got = outcome(host_outcomes, f"subhead_000_code_{form}", host)
    line = next(s for s in sample().subheads if s.code == "000")
    grid = got.values["Subhead000"]
    shown = [float(v) for v in grid[4][3:7]]  # row 5: subhead 000 (Subheads sheet)
    assert shown == [float(line.value(c) or 0) for c in COLUMNS]
    assert [float(v) for v in grid[5][3:7]] == [0.0] * 4  # difference nil
    assert not got.at("T05") and not got.at("C01")


def test_the_formula_matches_every_form_the_reader_pads():
    formula = sum_where("S!$F$5:$F$9", "S!$C$5:$C$9", "000")
    for form in ('"000"', '"00"', '"0"'):
        assert f'&"")={form})' in formula
    assert formula.count("--(") == 3  # booleans made numbers, or SUMPRODUCT adds 0
