"""Trial 11b A1: a programme added, Refresh, then Revert: Revert put back cell
values over the new layout and left a broken book (the programme total formulas
empty, "(+210.7%)" in figure columns, ###, a Checks sheet linking to rows that
no longer exist). Revert puts back cell values only, so after a refresh that
laid the Report and Narrative out anew (a line added or removed) it now refuses
in one line and changes nothing; after a refresh that kept the layout it puts
back as before. On both hosts, on Head 135, a generated Head and a real
Head-year, with a programme appended and with the last one deleted."""

from __future__ import annotations

import contextlib
import io

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook import cli
from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

WRITES = ("setValues", "clearContents", "setFormulas")


def _append(ws, spec, last: int) -> None:
    row = [str(90 + last), "Added", "新增", 1.0, 2.0, 3.0, 4.5, ""]
    for col, value in enumerate(row, start=1):
        ws.cell(last + 1, col).value = value


def _delete(ws, spec, last: int) -> None:
    for col in range(1, len(spec.columns) + 1):
        ws.cell(last, col).value = None


def _edit(book, how) -> None:
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    last = spec.first_row
    while ws.cell(last + 1, 1).value not in (None, ""):
        last += 1
    how(ws, spec, last)
    save_book(wb, book)


def _revert_remote(book, libreoffice, tmp) -> list[dict]:
    values = load_workbook(libreoffice.recalculate(book, tmp / "rv"), data_only=True)
    remote = xw.Book(json=payload(load_book(book), values, book.name))
    macros.revert(remote)
    return remote.json()["actions"]


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("how", [_append, _delete], ids=["appended", "deleted"])
def test_revert_after_lines_were_added_or_removed_refuses(
    host, how, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=8, real_at=10):
        _edit(book, how)
        refresh_on(host, book, libreoffice, tmp_path)
        before = book.read_bytes()
        if host == "openpyxl":
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = cli.run(["revert", str(book)], out=io.StringIO())
            assert code == 2, (name, err.getvalue())
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 1 and "laid the Report and Narrative out" in lines[0]
        else:
            actions = _revert_remote(book, libreoffice, tmp_path)
            assert not [a for a in actions if a["func"] in WRITES], (name, actions)
        assert book.read_bytes() == before, (name, host)
