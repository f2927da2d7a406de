"""Trial 10d item 2: a clerk typed 999 over last year's Original programme total
(Programmes!E4, flagged C01). New year carried the 999 into the new book, whose
Original column is now last year's Estimate: T02 and C01 there in a column where
999 never meant anything. A constant typed over a formula belongs to last year's
columns: the new book has the formula again, and New year names what was typed.
Both hosts: the CLI's rollforward and the ribbon's New year on the remote engine;
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import shutil

import pytest

from addin import macros
from workbook import layout as L
from workbook.io import load_book
from workbook.populate import rollforward_file

from .generated_heads import built_books
from .remote_actions import apply_actions

TYPED = 999
TOTAL = f"E{L.PROGRAMME_TOTAL_ROW}"  # the Original programme total


def _typed_over(book):
    wb = load_book(book)
    formula = wb[L.PROGRAMMES][TOTAL].value
    assert str(formula).startswith("=SUM(")
    wb[L.PROGRAMMES][TOTAL] = TYPED
    wb.save(book)


def _roll(host, book, out, libreoffice, tmp) -> tuple[object, str]:
    """New year on ``host``: what it did, and what it told the clerk (the
    ribbon's message; the CLI's summary lines)."""
    if host == "cli":
        done = rollforward_file(book, out)[0]
        return done, "\n".join(done.summary())
    from .hosts import remote_book

    shutil.copy(book, out)  # what the ribbon's SaveCopyAs makes
    xw_book = remote_book(out, libreoffice, tmp)
    done = macros.new_year(book=xw_book)
    wb = load_book(out)
    left = apply_actions(wb, xw_book.json()["actions"])
    assert [a["func"] for a in left] == ["save", "alert"]
    wb.save(out)
    return done, left[1]["args"][0]


REMOTE = pytest.param("remote", marks=pytest.mark.engine)


@pytest.mark.parametrize("host", ["cli", REMOTE])
def test_the_new_book_has_the_total_formula_again(host, tmp_path, request):
    libreoffice = request.getfixturevalue("libreoffice") if host == "remote" else None
    for name, _head, book in built_books(tmp_path, "cli", seed=11, real_at=5):
        _typed_over(book)
        out = tmp_path / f"{name}-next.xlsx"
        done, said = _roll(host, book, out, libreoffice, tmp_path / name)
        cell = load_book(out)[L.PROGRAMMES][TOTAL].value
        assert str(cell).startswith("=SUM("), (name, cell)
        here = [f for f in done.findings if f.ref and str(f.ref).endswith(TOTAL)]
        assert [f.rule for f in here if f.rule in ("C01", "T02")] == [], name
        assert done.typed_over == [(f"{L.PROGRAMMES}!{TOTAL}", "$999.0 million")]
        assert f"{L.PROGRAMMES}!{TOTAL}: $999.0 million" in said, name
