"""Issue 10 Left 2 (trial 10f item 10): the ribbon's Revert said what it put back
on the status bar only, and xlwings' remote engine has none: the clerk saw
nothing. Now a message box says it, in the CLI's words (and when there is
nothing to put back, that the book is unchanged), in both languages. Head 135 and
a real Head-year: an Import that replaces keyed values, then Revert twice, on the
remote engine (the words are the CLI's: workbook.changelog.revert_said)."""

from __future__ import annotations

import pytest

from addin import macros
from workbook import layout as L
from workbook.io import load_book

from .generated_heads import built_books
from .hosts import macro_on_file, remote_book
from .test_import_of_one_file_replaces_only_its_tables import published

pytestmark = pytest.mark.engine


def _alerts(book) -> list[str]:
    return [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]


def test_the_ribbons_revert_says_what_it_put_back(libreoffice, tmp_path):
    books = built_books(tmp_path, "remote", seed=61, real_at=11)
    for name, head, book in (b for b in books if b[0] != "generated61"):
        files = [str(p) for p in published(head, tmp_path / name)]
        wb = load_book(book)
        spec = L.TABLES["tblProgrammes"]
        cell = wb[spec.sheet].cell(spec.first_row, spec.col("estimate"))
        cell.value = float(cell.value) + 1  # the clerk's figure, not the file's
        wb.save(book)
        done = macro_on_file(book, libreoffice, tmp_path / f"i {name}",
                             lambda b, f=files: macros.import_data(f, b))  # fmt: skip
        assert done.overwritten, name  # keyed values replaced: something to revert
        both = lambda b: (macros.revert(b), _alerts(b))  # noqa: E731
        restored, [said] = macro_on_file(
            book, libreoffice, tmp_path / f"r {name}", both
        )
        assert restored > 0, name
        assert said == (
            f"Revert 還原: reverted {book.name}: {restored} cell(s) put back"
            f" 已還原 {restored} 個儲存格"
        ), (name, said)
        remote = remote_book(book, libreoffice, tmp_path / f"n {name}")
        assert macros.revert(remote) == 0, name
        [said] = _alerts(remote)
        assert said.startswith(f"Revert 還原: {book.name}: nothing to put back"), said
        assert "工作簿未有更改" in said, said
