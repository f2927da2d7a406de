"""Trial 11c item 5: `estimates pdf` of a book edited since its last refresh
printed it as it was, silently: LibreOffice recomputes the formulas, but not what
a refresh writes (the Narrative's sentences, the Checks, so the DRAFT mark; a
new programme's Report rows). Now the PDF is of the book as a refresh leaves it,
the book itself unchanged, and one line says so; a refreshed book prints as it
is, with no line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.pdf import changed_by_refresh
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .generated_heads import write_head


def _book(tmp_path, which: str):
    if which == "head135":
        head = load_source(SAMPLE_HEAD_135)
    elif which == "generated":
        head = load_source(write_head(tmp_path / "g", 31))
    else:
        real = published_heads()
        head = head_from_published(real[sorted(real)[len(real) // 3]])
    book = tmp_path / f"{which}.xlsx"
    save_book(build_workbook(head)[0], book)
    return book


def _edit(book) -> None:
    """Programme (1)'s Estimate keyed ten times over: the programme total no
    longer matches Total Expenditure (T03 error) and its sentence is stale."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    cell = wb[spec.sheet].cell(spec.header_row + 1, spec.col("estimate"))
    cell.value = float(cell.value) * 10 + 1
    save_book(wb, book)


@pytest.mark.parametrize("which", ["head135", "generated", "published"])
def test_an_edited_book_is_seen_as_changed_by_a_refresh(which, tmp_path):
    book = _book(tmp_path, which)
    assert changed_by_refresh(book) is False
    _edit(book)
    assert changed_by_refresh(book) is True


@pytest.mark.engine
def test_the_pdf_is_of_the_refreshed_book_and_says_so(tmp_path, libreoffice):
    book = _book(tmp_path, "head135")
    _edit(book)
    before = book.read_bytes()
    out = tmp_path / "h.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "pdf", str(book), "-o", str(out),
         "--lang", "en"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 2 and "edited since its last refresh" in lines[0], lines
    assert book.read_bytes() == before
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    assert "DRAFT - 1 error" in text  # the Checks of the refreshed copy
