"""Trial 9d item 10 (note6 Issue 9 Left 5): a figure still to key on a row with
no programme number (or subhead code) was said as "Original of programme  is
blank", a double space where the number goes, naming nothing. Now the finding
names the row's cell ("the programme with no number at Programmes!A8"), in both
languages. On Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file

from .generated_heads import built_books


def test_a_figure_to_key_on_a_row_with_no_number_names_its_row(tmp_path):
    for table, field, word in (("tblProgrammes", "programme", "programme"),
                               ("tblSubheads", "code", "subhead")):  # fmt: skip
        spec = L.TABLES[table]
        row = spec.first_row
        for name, _, book in built_books(tmp_path / table, "cli", seed=31, real_at=9):
            wb = load_book(book)
            ws = wb[spec.sheet]
            ws.cell(row, spec.col(field)).value = None
            ws.cell(row, spec.col("original")).value = None
            save_book(wb, book)
            findings = check_file(book).findings
            where = f"{spec.sheet}!{ws.cell(row, spec.col(field)).coordinate}"
            blank = f"{spec.sheet}!{ws.cell(row, spec.col('original')).coordinate}"
            f01 = [f for f in findings if f.rule == "F01" and str(f.ref) == blank]
            assert len(f01) == 1, (name, table, [str(f.ref) for f in findings])
            assert f"the {word} with no number at {where}" in f01[0].message_en
            assert f"{where} 未編號的" in f01[0].message_zh, f01[0].message_zh
            assert f"{word}  " not in f01[0].message_en
