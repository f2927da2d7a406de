"""Issue 11 trial item 5: after Revert the Checks sheet said "Errors 0" while the
book still held T01 and T05 errors (Revert put back the Checks sheet of the
refresh before). Now Revert judges the book it leaves: its Checks sheet, its flags
and the Change log's revert row give that book's findings, what `estimates check`
gives, on both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file, revert_file

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .remote_actions import apply_actions

pytestmark = pytest.mark.engine


def _break(book) -> None:
    """The first subhead line's Estimate changed: Total Expenditure moves off the
    programme total (T03, an error for the Estimate, which no footnote covers)."""
    wb = load_book(book)
    spec = L.TABLES["tblSubheads"]
    cell = wb[spec.sheet].cell(spec.header_row + 1, spec.col("estimate"))
    cell.value = (cell.value or 0) + 12_345
    save_book(wb, book)


def _listed(book) -> list[tuple]:
    ws = load_book(book)[L.CHECKS]
    return sorted(
        (r[0].value, r[1].value, r[2].value, str(r[3].value))
        for r in ws.iter_rows(min_row=L.CHECKS_HEADER_ROW + 1)
        if r[0].value in ("error", "warning", "info")
    )


def _cell(link: str) -> str:
    """The cell a Checks row's link names: =HYPERLINK("#'S'!D4","D4") -> D4."""
    return link.split('","')[-1].rstrip('")')


def _revert_on(host: str, book, libreoffice, tmp) -> None:
    if host == "openpyxl":
        revert_file(book)
        return
    values = load_workbook(libreoffice.recalculate(book, tmp / "rv"), data_only=True)
    xl = xw.Book(json=payload(load_book(book), values, book.name))
    macros.revert(xl)
    wb = load_book(book)
    apply_actions(wb, xl.json()["actions"])
    wb.save(book)


@pytest.mark.parametrize("host", HOSTS)
def test_checks_after_revert_list_the_findings_of_the_book_revert_leaves(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=3, real_at=6):
        built = _listed(book)
        _break(book)
        refresh_on(host, book, libreoffice, tmp_path)
        _revert_on(host, book, libreoffice, tmp_path)
        judged = check_file(book).findings
        assert _listed(book) != built, name  # not the sheet of before
        want = sorted(
            (f.severity.value, f.rule, f.ref.sheet, f.ref.cell) for f in judged
        )
        got = [
            (s, r, sh, c.split('","')[-1].rstrip('")')) for s, r, sh, c in _listed(book)
        ]
        assert sorted(got) == want, name
        errors = sum(f.severity.value == "error" for f in judged)
        assert errors >= 1, name
        log = load_book(book)[L.CHANGE_LOG]
        last = [
            [c.value for c in r]
            for r in log.iter_rows(min_row=L.CHANGE_LOG_HEADER_ROW + 1)
            if r[0].value
        ][-1]
        assert last[2] == "revert" and last[5] == errors, (name, last)
