"""Issue 10 Left 1 (trial 10f item 2): the ribbon's Import overwrote a clerk's
input formula (Programmes!G9 =300+78.2) with the file's figure unseen: the remote
engine sends values only, so the formula showing 378.2 looked like the 378.2 the
file gives, was written over, listed nowhere and beyond Revert. Now a cell
already showing the file's figure is not written (the formula stays), on both
hosts; a cell whose value the Import changes is listed in the summary with what
it showed, is on the revert record, and Revert puts it back (the remote engine
puts back the value it saw: a formula it cannot see, CHECKLIST D31). Head 135, a
generated Head and a real Head-year; the file host is given the book as
LibreOffice saved it (each formula with its value)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from addin import macros
from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import revert_file

from .generated_heads import built_books
from .hosts import HOSTS, import_on_file, macro_on_file
from .test_import_of_one_file_replaces_only_its_tables import published

pytestmark = pytest.mark.engine
SAME, OTHER = (L.TABLES[t] for t in ("tblProgrammes", "tblSubheads"))


def _formulas(book: Path) -> dict[str, tuple[str, Decimal]]:
    """The first programme's Estimate keyed as a formula showing its figure, the
    first subhead line's as one showing 7 more: {Sheet!Cell: (formula, shown)}."""
    wb = load_book(book)
    keyed = {}
    for spec, more in ((SAME, 0), (OTHER, 7)):
        cell = wb[spec.sheet].cell(spec.first_row, spec.col("estimate"))
        value = Decimal(str(cell.value))
        cell.value = f"={value - 1}+{1 + more}"
        keyed[f"{spec.sheet}!{cell.coordinate}"] = (cell.value, value + more)
    wb.save(book)
    return keyed


def _at(book: Path, where: str) -> object:
    sheet, cell = where.split("!")
    return load_book(book)[sheet][cell].value


def _on_record(book: Path) -> dict[str, object]:
    ws = load_book(book)[L.REVERT]
    return {f"{r[0]}!{r[1]}": r[3] for r in ws.iter_rows(min_row=2, values_only=True)}


def _import(host: str, book: Path, files: list[Path], lo, tmp: Path):
    if host == "openpyxl":
        return import_on_file(book, files)[0]
    return macro_on_file(book, lo, tmp, lambda b: macros.import_data(
        [str(f) for f in files], b))  # fmt: skip


def _revert(host: str, book: Path, lo, tmp: Path) -> None:
    if host == "openpyxl":
        revert_file(book)
    else:
        macro_on_file(book, lo, tmp, macros.revert)


@pytest.mark.parametrize("host", HOSTS)
def test_import_keeps_a_formula_showing_the_files_figure(host, libreoffice, tmp_path):
    for name, head, book in built_books(tmp_path, host, seed=41, real_at=5):
        keyed = _formulas(book)
        if host == "openpyxl":  # as Excel or LibreOffice saves it: values stored
            saved = libreoffice.recalculate(book, tmp_path / f"saved {name}")
            shutil.copy(saved, book)
        files = list(published(head, tmp_path / name))
        done = _import(host, book, files, libreoffice, tmp_path / f"i {name}")
        (same, (formula, _)), (other, (typed, shown)) = keyed.items()
        assert _at(book, same) == formula, (name, "the formula showing the figure")
        assert Decimal(str(_at(book, other))) == shown - 7, name  # the file's
        said = "\n".join(done.summary())
        assert f"{other}: " in said and same not in said, said
        old = {cell: was for cell, was, _ in done.overwritten}[other]
        if host == "openpyxl":
            assert old == typed, name  # the formula, seen
        else:  # the value the remote engine sends: no formula
            assert Decimal(str(old)) == shown, name
        record = _on_record(book)
        assert other in record and same not in record, name
        _revert(host, book, libreoffice, tmp_path / f"r {name}")
        back = _at(book, other)
        assert back == typed if host == "openpyxl" else Decimal(str(back)) == shown
        assert _at(book, same) == formula, name
