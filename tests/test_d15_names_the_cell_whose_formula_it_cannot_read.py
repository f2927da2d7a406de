"""Trial 9c item 7: ``Subheads!H9 = =H10+H11`` with ``H11 = =ROUND(100.4,0)``, in
a file that stores no values (written by a script), gave at H9 "holds a formula
the file stores no value for (not a simple formula at 'ROUND(100.4,0)')": the
formula it quoted was H11's, and H11 was not named. Now the message names the
cell whose formula cannot be read, and that formula. On Head 135, a generated
Head and a real Head-year (the values-only host receives values, never a
formula: D15 is the file host's)."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file
from workbook.snapshot import address

from .generated_heads import built_books


def test_d15_names_the_referred_cell_and_its_formula(tmp_path):
    spec = L.TABLES["tblSubheads"]
    col = spec.col("estimate")
    for name, _, book in built_books(tmp_path, "cli", seed=2, real_at=3):
        wb = load_book(book)
        ws = wb[spec.sheet]
        first = spec.first_row
        inner = f"{spec.sheet}!{address(first + 1, col)}"
        ws.cell(first, col).value = f"={address(first + 1, col)}+1"
        ws.cell(first + 1, col).value = "=ROUND(100.4,0)"
        save_book(wb, book)
        d15 = {
            f.cell: f.message_en
            for f in check_file(book).findings
            if f.rule == "D15" and f.sheet == spec.sheet
        }
        outer = d15.get(address(first, col), "")
        assert f"{inner} holds =ROUND(100.4,0)" in outer, (name, outer)
        assert address(first + 1, col) in d15, name  # its own D15 too
