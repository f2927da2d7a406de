"""Trial 9e item G: D03 said "Correct it unless it is a deduction" and nothing
told the clerk how to key a deduction so that the warning goes. Now D03 says it
(an English title starting 'Deduct', or a Chinese title naming 發還款額, with
its subhead's code), in both languages, and a line keyed so raises no D03. On
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file

from .generated_heads import built_books


def _d03(book, cell: str) -> list:
    return [f for f in check_file(book).findings if f.rule == "D03" and f.cell == cell]


def test_d03_says_how_to_key_a_deduction_and_one_so_keyed_is_quiet(tmp_path):
    spec = L.TABLES["tblSubheads"]
    row, col = spec.first_row, spec.col("estimate")
    for name, _, book in built_books(tmp_path, "cli", seed=29, real_at=10):
        wb = load_book(book)
        ws = wb[spec.sheet]
        ws.cell(row, col).value = -5
        save_book(wb, book)
        cell = ws.cell(row, col).coordinate
        said = _d03(book, cell)
        assert len(said) == 1, name
        assert "English title starts with 'Deduct'" in said[0].message_en
        assert "發還款額" in said[0].message_zh
        ws.cell(row, spec.col("title_en")).value = "Deduct reimbursements"
        save_book(wb, book)
        assert _d03(book, cell) == [], name
