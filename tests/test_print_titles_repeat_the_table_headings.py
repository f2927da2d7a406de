"""Trial 11d item 3: the rows a printed page repeats at its top (print titles)
were found as "the first filled row", so a total band's fill won: the Programmes
sheet repeated its "Total 總計" row (row 4) on pages 2 and 3 instead of the
column headings (row 7), and the bilingual Report its Total Expenditure row
instead of the subhead table's heading. Now each sheet repeats a header row: the
input sheets their table's declared header row, the Report the heading of its
subhead table; on Head 135, generated Heads and a published Head-year."""

from __future__ import annotations

from openpyxl.utils.cell import range_boundaries

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook
from workbook.styles import is_header_fill

from .generated_heads import three_heads


def _title_row(ws) -> int | None:
    rows = ws.print_title_rows
    if not rows:
        return None
    first, last = (int(r.lstrip("$")) for r in rows.split(":"))
    assert first == last, rows
    return first


def test_each_sheet_repeats_its_table_heading(tmp_path):
    for seed in (3, 11):
        for name, head in three_heads(tmp_path / str(seed), seed, 4).items():
            book = tmp_path / f"{name}{seed}.xlsx"
            save_book(build_workbook(head)[0], book)
            wb = load_book(book)
            for spec in L.TABLES.values():
                if spec.sheet == L.HEAD:
                    continue  # its footnotes table: the sheet's first header row
                ws = wb[spec.sheet]
                top = range_boundaries(ws.tables[spec.name].ref)[1]
                assert _title_row(ws) == top == spec.header_row, (name, spec.name)
            for sheet in (L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.NARRATIVE, L.CHECKS):
                ws, row = wb[sheet], _title_row(wb[sheet])
                assert row is not None, (name, sheet)
                headed = [c for c in ws[row] if c.value and is_header_fill(c.fill)]
                assert len(headed) >= 3, (name, sheet, row)  # a table's headings
            report = wb[L.REPORT]
            said = " ".join(str(c.value) for c in report[_title_row(report)])
            assert "Subhead" in said and "分目" in said, (name, said)
