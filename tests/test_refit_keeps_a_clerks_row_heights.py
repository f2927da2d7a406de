"""A refresh refits the rows it lays out (a programme title made long grows its
rows) and keeps a height the clerk chose on a generated sheet (Report, Narrative,
the COR sheets), where the layout used to reset it; a second refresh changes no
height."""

from __future__ import annotations

from workbook import cli
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.printing import clerks_height

LONG = (
    "Office of the Secretary for Innovation, Technology and Industry, with a much"
    " longer title than before that must wrap on every printed page of the Report"
)


def _heights(path) -> dict:
    wb = load_book(path)
    return {
        (ws.title, r): d.height
        for ws in wb.worksheets
        for r, d in ws.row_dimensions.items()
        if d.height is not None
    }


def _row_of(ws, text: str) -> int:
    return next(c.row for row in ws.iter_rows() for c in row if c.value == text)


def test_a_clerks_row_height_stays_and_ours_refit(sample_book, tmp_path):
    wb = load_book(sample_book)
    spec = L.TABLES["tblProgrammes"]
    title = wb[spec.sheet].cell(spec.first_row, spec.col("title_en"))
    programme_row = title.value
    chosen = {
        ("Report", _row_of(wb["Report"], programme_row)): 40.5,
        ("Narrative", 6): 33.0,
        ("COR English", 2): 24.75,
    }
    for (sheet, row), height in chosen.items():
        wb[sheet].row_dimensions[row].height = height
    title.value = LONG
    save_book(wb, sample_book)
    assert cli.run(["refresh", str(sample_book)]) in (0, 1)
    heights = _heights(sample_book)
    for place, height in chosen.items():
        assert heights.get(place) == height, place
    cor = load_book(sample_book)["COR English"]
    grown = heights.get(("COR English", _row_of(cor, LONG)))
    assert grown is not None and grown > 20 and not clerks_height(grown)
    assert cli.run(["refresh", str(sample_book)]) in (0, 1)
    assert _heights(sample_book) == heights
