"""Trial 11b item 5 (A5): the README says the printed pages carry no fills, but
the flag fills of the Report (T03's blue on the programme total and Total
Expenditure, a typed-over total's red) printed. The copy `estimates pdf` prints
puts back each flagged cell's fill from before its flag (the _Flags record):
Head 135 (T03 info) and a generated Head with a typed-over total (T02 error)."""

from __future__ import annotations

from estimates.source import SAMPLE_HEAD_135
from workbook import layout as L
from workbook.io import load_book
from workbook.pdf import printable_copy
from workbook.refresh import build_file, refresh_file

from .generated_heads import write_head

FLAG_FILLS = {c[-6:].upper() for c in L.FILLS.values()}


def _flagged(path) -> list[tuple[str, str, str]]:
    wb = load_book(path)
    out = []
    for sheet, cell, *_ in wb[L.FLAGS].iter_rows(min_row=2, values_only=True):
        if sheet in (L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.PROGRAMMES):
            fill = wb[sheet][cell].fill
            colour = fill.fgColor.rgb if fill.fill_type == "solid" else ""
            out.append((sheet, cell, str(colour)[-6:].upper()))
    return out


def test_the_printed_copy_has_no_flag_fill(tmp_path):
    gen = write_head(tmp_path / "g", 6)
    for name, source in (("head135", SAMPLE_HEAD_135), ("generated", gen)):
        book = tmp_path / f"{name}.xlsx"
        build_file(source, book)
        if name == "generated":  # a total typed over: T02, flagged red
            wb = load_book(book)
            wb[L.PROGRAMMES]["G4"] = 1.0
            wb.save(book)
            refresh_file(book)
        flagged = _flagged(book)
        assert any(colour in FLAG_FILLS for *_, colour in flagged), name
        copy = printable_copy(book, tmp_path / f"{name}-p.xlsx", "en")
        assert [f for f in _flagged(copy) if f[2] in FLAG_FILLS] == [], name
