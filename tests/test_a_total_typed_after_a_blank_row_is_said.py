"""Trial 10g item 4: a "Total" row typed below Programmes after one blank row,
with a figure (Total / 999), was ignored without a word, while one typed just
below the table is D16. Now it is D16 at its label too, and counts nothing. On
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file

from .generated_heads import built_books


def test_a_total_after_a_blank_row_below_a_table_is_d16(tmp_path):
    for table in ("tblProgrammes", "tblSubheads"):
        spec = L.TABLES[table]
        label = "programme" if table == "tblProgrammes" else "code"
        for name, head, book in built_books(tmp_path / table, "cli", 43, 14):
            count = len(head.programmes if table == "tblProgrammes" else head.subheads)
            row = spec.first_row + count + 1  # one blank row between
            before = check_file(book).results.total_expenditure
            wb = load_book(book)
            wb[spec.sheet].cell(row, spec.col(label)).value = "Total"
            wb[spec.sheet].cell(row, spec.col("estimate")).value = 999
            save_book(wb, book)
            outcome = check_file(book)
            cell = (
                f"{spec.sheet}!{wb[spec.sheet].cell(row, spec.col(label)).coordinate}"
            )
            said = [str(f.ref) for f in outcome.findings if f.rule == "D16"]
            assert said == [cell], (name, table, said)
            assert outcome.results.total_expenditure == before, (name, table)
