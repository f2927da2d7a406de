"""A refresh of a book whose hidden _Flags record names no real cell (a number, an
address beyond Excel's grid) passes that row over instead of crashing: found by
the ci profile's property test over books."""

import pytest
from openpyxl import load_workbook

from workbook.cli import run


@pytest.mark.parametrize("garbled", [1.0, 2.931867952435849e16, "XFE1", "A1048577"])
def test_a_garbled_flag_record_is_passed_over(sample_book, garbled):
    wb = load_workbook(sample_book)
    wb["_Flags"].cell(7, 2).value = garbled
    wb.save(sample_book)
    assert run(["refresh", str(sample_book)]) == 0
    assert load_workbook(sample_book)["Programmes"]["G4"].value.startswith("=")
