"""Trial 9c item 6: a note the clerk typed beside a sentence (Narrative column E,
"about programme 5: ask DoF") stayed on its row when a programme above was
deleted, so it sat beside programme 6's sentence, with no finding. Now a note in
column E follows its row's key, as the clerk's sentence in column D does; it is
still never rewritten. On both hosts, on Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book

from .clerk import delete
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .remote_actions import stored_values

pytestmark = pytest.mark.engine

NOTE = "note about this programme: ask DoF"


def _row_of(book, key: str) -> int:
    ws = load_book(book)[L.NARRATIVE]
    col = L.NARRATIVE_KEY_COLUMN
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == key)


def _notes(book) -> list:
    """The cells of the note on the sheets the clerk reads (not the records)."""
    cells = stored_values(book).items()
    return [k for k, v in cells if v == NOTE and k[0] != L.REVERT]


@pytest.mark.parametrize("host", HOSTS)
def test_a_note_in_column_e_moves_with_its_sentence(host, libreoffice, tmp_path):
    tried = 0
    for name, head, book in built_books(tmp_path, host, seed=5, real_at=3):
        if len(head.programmes) < 2:
            continue
        tried += 1
        key = f"programme:{head.programmes[-1].number}"
        before = _row_of(book, key)
        wb = load_book(book)
        wb[L.NARRATIVE].cell(before, L.NARRATIVE_NOTE_COLUMN).value = NOTE
        delete(wb, "tblProgrammes", 0)
        save_book(wb, book)
        refresh_on(host, book, libreoffice, tmp_path)
        after = _row_of(book, key)
        assert after != before, name  # the sentence moved up a row
        where = _notes(book)
        assert where == [(L.NARRATIVE, f"E{after}")], (name, host, where)
        left = stored_values(book)
        refresh_on(host, book, libreoffice, tmp_path)
        assert _notes(book) == where
        assert stored_values(book).keys() == left.keys(), (name, host)
    assert tried >= 2
