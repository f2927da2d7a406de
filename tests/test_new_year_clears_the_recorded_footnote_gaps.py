"""Trial 10d item 1: New year carried last year's recorded footnote gaps
(Programmes row 5: 365.7 / 386.5 / 95.9 for Head 135) into the new book, where
the years have moved on a column; once the clerk reviewed the carried footnotes,
Refresh said they "explained a gap of $365.7 million" that no longer exists.
The new year's book starts with no gap recorded: the next refresh records the
gaps its reviewed footnotes explain."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book
from workbook.populate import rollforward_file
from workbook.refresh import refresh_file

from .generated_heads import built_books


def test_new_year_starts_with_no_footnote_gap_recorded(tmp_path):
    recorded = {}
    for name, _head, book in built_books(tmp_path, "cli", seed=3, real_at=4):
        refresh_file(book)
        cells = L.footnote_gap_cells().values()
        before = load_book(book)
        recorded[name] = [before[s].cell(r, c).value for s, r, c in cells]
        nxt = tmp_path / f"{name}-next.xlsx"
        rollforward_file(book, nxt)
        after = load_book(nxt)
        assert [after[s].cell(r, c).value for s, r, c in cells] == [None] * 4, name
    assert any(v is not None for v in recorded["head135"])  # there was a record
