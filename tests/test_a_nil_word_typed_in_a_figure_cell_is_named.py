"""Trial 11b A2: 'n/a' typed over a programme's Revised figure was read as nil
with no finding at the cell, so the totals changed (by $210.7m) and the only
trace was an info T03. Now 'n/a' typed in a figure cell is an error at that
cell (D05), read as nil as the book's totals leave it out, while a dash or 'nil'
is a nil keyed on purpose (the COR prints nil as a dash): no finding there. 'n/a'
stays a figure still to key, and since any blank figure the COR prints is F01
(info: it prints blank, not as a nil), F01 stands beside the D05, saying what it
found (it said "found a blank cell" beside the D05's 'n/a': note6 Issue 9 Left
5). On both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("n/a", [("D05", "error"), ("F01", "info")]),
        ("N.A.", [("D05", "error"), ("F01", "info")]),
        ("-", []),
        ("nil", []),
    ],
)
def test_a_nil_word_in_a_figure_cell_is_an_error_there(
    host, word, expected, libreoffice, tmp_path
):
    spec = L.TABLES["tblProgrammes"]
    row, col = spec.first_row, spec.col("revised")
    for name, _head, book in built_books(tmp_path, host, seed=1, real_at=5):
        wb = load_book(book)
        wb[spec.sheet].cell(row, col).value = word
        save_book(wb, book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        at = [f for f in findings if f.ref and f.ref.cell == address(row, col)]
        assert [
            (f.rule, f.severity.value) for f in at if f.ref.sheet == spec.sheet
        ] == expected, (name, host, [(f.rule, f.ref) for f in at])
        for f in (f for f in at if f.rule == "F01"):  # says what it found there
            assert f.found == f"the text {word!r}", (name, host, f.found)
            assert f"found the text {word!r}" in f.message_en, f.message_en
            assert f"現為 文字 {word!r}" in f.message_zh, f.message_zh
        assert load_book(book)[spec.sheet].cell(row, col).value == word  # kept
