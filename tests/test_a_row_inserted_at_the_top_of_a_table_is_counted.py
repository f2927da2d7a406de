"""Trial 9d item 1: a row inserted at the top of a table (the spreadsheet moves
``=SUM(G8:G15)`` to ``=SUM(G9:G16)``, and the table's rows record with it). The
command line wrote the totals over the whole table again; the ribbon, which
sees only values, kept the moved totals, called them constants the clerk typed
(C01) and raised T01/T02/T04 on cells nobody touched, so the book's totals left
the new row out for good. Now both hosts rewrite them and say nothing: the
total shows the sum of every row. On Head 135, a generated Head and a real
Head-year, rows inserted by LibreOffice as a clerk inserts them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbook import layout as L
from workbook.io import load_book

from .clerk import Table
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

TOTALS = ("actual", "original", "revised", "estimate")


def _insert_at_top(book, libreoffice, tmp_path):
    """Programme 99 keyed in a row inserted at the table's first row."""
    t = Table(load_book(book), "tblProgrammes")
    first = t.first
    typed = [("programme", "99"), ("title_en", "Inserted"), ("title_zh", "插入")]
    typed += [(f, 5.5) for f in TOTALS]
    cells = [("Programmes", first, t.col(f), v) for f, v in typed]
    out = tmp_path / f"inserted-{book.name}"
    return libreoffice.edit(book, out, [("Programmes", first, 1)], cells)


def _edited_and_refreshed(host, edit, seed, real_at, libreoffice, tmp_path):
    """Each of the three books edited by ``edit`` and refreshed on ``host``, once
    no total was taken for a clerk's constant nor said to disagree: (name, book)."""
    for name, _, book in built_books(tmp_path, host, seed=seed, real_at=real_at):
        edited = edit(book, libreoffice, tmp_path)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        wrong = [f"{f.rule} {ref}" for f in findings for ref in f.cells
                 if f.rule in ("C01", "T01", "T02", "T04")]  # fmt: skip
        assert wrong == [], (name, host)
        yield name, edited


@pytest.mark.parametrize("host", HOSTS)
def test_a_row_inserted_at_the_top_is_in_every_total(host, libreoffice, tmp_path):
    for name, edited in _edited_and_refreshed(
        host, _insert_at_top, 23, 7, libreoffice, tmp_path
    ):
        values = libreoffice.values(edited, ["Programmes", "Head"])
        t = Table(load_book(edited), "tblProgrammes")
        grid = values["Programmes"]
        for field in TOTALS:
            col = t.col(field)
            rows = range(t.first, t.last + 1)
            keyed = sum(Decimal(grid[r - 1][col - 1] or 0) for r in rows)
            shown = Decimal(grid[L.PROGRAMME_TOTAL_ROW - 1][col - 1])
            assert shown == keyed, (name, host, field)
        assert any(r[t.col("programme") - 1] == "99" for r in grid), (name, host)


def _rank_at_top(book, libreoffice, tmp_path):
    """A non-directorate rank keyed in a row inserted at Establishment's top (its
    posts change the counts the Head keys: S01 there is the clerk's to settle)."""
    t = Table(load_book(book), "tblEstablishment")
    typed = [("rank_en", "Clerk"), ("rank_zh", "文員"), ("directorate", "N")]
    typed += [("scale", "MPS"), ("min_point", 3), ("max_point", 15)]
    typed += [("programme", "1"), ("posts_start", 2), ("posts_end", 3)]
    cells = [("Establishment", t.first, t.col(f), v) for f, v in typed]
    out = tmp_path / f"rank-{book.name}"
    return libreoffice.edit(book, out, [("Establishment", t.first, 1)], cells)


@pytest.mark.parametrize("host", HOSTS)
def test_a_rank_inserted_at_the_top_is_in_every_count(host, libreoffice, tmp_path):
    done = _edited_and_refreshed(host, _rank_at_top, 29, 9, libreoffice, tmp_path)
    assert len(list(done)) == 3
