"""Trial 10d item 3: Import of a changed folder replaced a keyed figure (and said
so); the clerk ran the same Import again, which changed nothing, yet it wrote an
empty revert record over the first one: Revert then said "nothing to put back"
and the first Import could no longer be undone. A revert record belongs to the
job that wrote it: a job that changes nothing keeps the record it found (its
Change log row says 0 cells changed). Both hosts (the file host's Import plan,
the ribbon's Import on the remote engine); Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import revert_file

from .hosts import import_on_file, macro_on_file
from .test_import_into_a_built_book_then_revert_leaves_it_as_before import (
    _book,
    _cells,
    _changed,
)


def _logged(book) -> list[tuple[str, int]]:
    """The Change log's rows: (action, cells changed)."""
    ws = load_book(book)[L.CHANGE_LOG]
    rows = ws.iter_rows(min_row=L.CHANGE_LOG_HEADER_ROW + 1)
    return [(r[2].value, r[8].value) for r in rows if r[0].value]


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_a_second_import_on_the_file_host_keeps_the_first_undoable(kind, tmp_path):
    book, folder = _book(kind, tmp_path)
    before = _cells(book)
    changed = _changed(folder, tmp_path)
    assert (
        len(import_on_file(book, [changed])[0].overwritten) == 1
    )  # the first programme's Estimate
    assert len(import_on_file(book, [changed])[0].overwritten) == 0  # changes nothing
    assert _logged(book)[-1] == ("import", 0)  # and says so
    assert revert_file(book) > 0
    assert _cells(book) == before


@pytest.mark.engine
@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_a_second_import_on_the_ribbon_keeps_the_first_undoable(
    kind, libreoffice, tmp_path
):
    from addin import macros

    book, folder = _book(kind, tmp_path)
    before = _cells(book)
    changed = _changed(folder, tmp_path)

    def imported(b):
        return macros.import_data([str(changed)], b)

    for n, step in enumerate((imported, imported, macros.revert)):
        done = macro_on_file(book, libreoffice, tmp_path / f"step{n}", step)
        if n < 2:
            assert len(done.overwritten) == 1 - n
    after = _cells(book)
    assert {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys()
            if before.get(k) != after.get(k)} == {}  # fmt: skip
