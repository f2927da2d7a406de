"""Trial 10g (smalls): New year on a book with a blank net change (Head!C15,
posts at start keyed) and a year keyed `2027/28` (Head!C8) named C15 only; the
clerk mended it and was then refused for C8: one cell a try, though the README
says each refusal names every such cell at once. Now New year names both: a line
that counts them, then one line each (CLI), in both languages (ribbon). Head
135, a generated Head and a real Head-year; the ribbon's check on the remote
engine."""

from __future__ import annotations

import pytest

from addin import macros
from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import cli_said, remote_book

pytestmark = pytest.mark.engine
CELL = {f.attr: (f.sheet, f.cell) for f in L.HEAD_INPUTS}


def _careless(book) -> tuple[str, str]:
    wb = load_book(book)
    for attr, value in (("establishment.posts_start", 40),
                        ("establishment.net_change", None),
                        ("estimate_year", "2027/28")):  # fmt: skip
        sheet, cell = CELL[attr]
        wb[sheet][cell] = value
    save_book(wb, book)
    return "!".join(CELL["establishment.net_change"]), "!".join(CELL["estimate_year"])


def test_new_year_names_every_cell_to_mend_at_once(tmp_path):
    for name, _head, book in built_books(tmp_path, "cli", seed=97, real_at=18):
        net, year = _careless(book)
        code, said = cli_said("rollforward", book, "-o", tmp_path / f"{name} n.xlsx")
        assert code == 2, (name, said)
        assert "New year cannot start: 2 things to mend" in said[0], (name, said)
        assert len(said) == 3, (name, said)
        assert net in said[1] and year in said[2], (name, said)


def test_the_ribbons_new_year_names_them_too(libreoffice, tmp_path):
    _name, _head, book = next(built_books(tmp_path, "remote", seed=97, real_at=18))
    net, year = _careless(book)
    remote = remote_book(book, libreoffice, tmp_path / "v")
    assert macros.new_year_check(str(tmp_path / "next.xlsx"), book=remote) is False
    [alert] = [a for a in remote.json()["actions"] if a["func"] == "alert"]
    text = alert["args"][0]
    assert "2 things to mend" in text and "有 2 項須更正" in text, text
    assert text.count(net) >= 2 and text.count(year) >= 2, text  # each language
