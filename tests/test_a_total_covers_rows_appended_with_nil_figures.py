"""Trial 9c item 3: a programme appended just below its table with its figures
keyed nil (``-``), and a subhead appended the same way, leave every total showing
what it showed. The ribbon's Refresh on the values-only host (xlwings' remote
engine) took the same value for the same formula and kept ``=SUM(F8:F14)`` where
the table now ends at row 15 (Programmes E4:G4, Subhead000's SUMPRODUCT over the
subhead codes): once the clerk keyed the appended row, the book showed 542.5
where ``check`` quoted 544.5, and no finding said so.

Now Refresh on either host leaves every computed cell of the input sheets with
the formula this layout gives (the table's rows record tells the values-only host
the rows grew); and Check, which writes nothing, judges a total whose formula
covers fewer rows than its table by what it shows (T02, quoting that figure). On
Head 135, a generated Head and a real Head-year; values after LibreOffice
recalculates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from addin import macros
from workbook import layout as L
from workbook.generated import computed_cells
from workbook.io import load_book, save_book, snapshot_of
from workbook.reader import read_book
from workbook.refresh import check_file
from workbook.snapshot import address

from .clerk import FIELDS, Table
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on, remote_book

pytestmark = pytest.mark.engine

KEYED = 2.0


def _append_nil_rows(book) -> None:
    """A programme and a subhead typed just below their tables, figures nil."""
    wb = load_book(book)
    programmes = Table(wb, "tblProgrammes")
    numbers = [int(str(r[0])) for r in programmes.rows() if str(r[0]).isdigit()]
    row = dict.fromkeys(FIELDS["tblProgrammes"], "-")
    row |= {"programme": str(max(numbers) + 1), "title_en": "Appended"}
    row |= {"title_zh": "新綱領"}
    row |= {"policy_area": "Appended area", "policy_area_zh": "新範疇"}
    programmes.append_below(list(row.values()))
    subheads = Table(wb, "tblSubheads")
    last = subheads.rows()[-1]
    codes = {str(r[2]) for r in subheads.rows()}
    code = next(c for c in (f"{n:03d}" for n in range(990, 100, -1)) if c not in codes)
    subheads.append_below([*last[:2], code, "Appended line", "新項目", *"----"])
    save_book(wb, book)


def _stale(book) -> list[str]:
    """The computed cells whose formula is not the one this layout gives."""
    wb = load_book(book)
    snap = snapshot_of(wb, str(book))
    reading = read_book(snap)
    out = []
    for c in computed_cells(snap, reading.head, reading.extents, reading.usable):
        found = str(wb[c.sheet][c.cell].value or "").replace("$", "").replace(" ", "")
        if found != c.formula.replace("$", "").replace(" ", ""):
            out.append(f"{c.sheet}!{c.cell} {found} (expected {c.formula})")
    return out


def _revised(values, spec, last: int) -> tuple[Decimal, Decimal]:
    """(the Revised total the book shows, the sum of the programmes' Revised
    down to row ``last``)."""
    ws, col = values[spec.sheet], spec.col("revised")
    cells = [ws.cell(r, col).value for r in range(spec.first_row, last + 1)]
    total = sum(Decimal(str(v)) for v in cells if isinstance(v, int | float))
    return Decimal(str(ws.cell(L.PROGRAMME_TOTAL_ROW, col).value)), total


def _check_on(host: str, path, libreoffice, tmp_path) -> list:
    if host == "openpyxl":
        return check_file(path).findings
    book = remote_book(path, libreoffice, tmp_path / f"check-{path.stem}")
    return macros.check(book)


@pytest.mark.parametrize("host", HOSTS)
def test_refresh_writes_totals_over_appended_nil_rows(host, libreoffice, tmp_path):
    spec = L.TABLES["tblProgrammes"]
    for name, _, book in built_books(tmp_path, host, seed=9, real_at=4):
        _append_nil_rows(book)
        refresh_on(host, book, libreoffice, tmp_path)
        assert _stale(book) == [], (name, host)
        wb = load_book(book)
        t = Table(wb, "tblProgrammes")
        wb[spec.sheet].cell(t.last, spec.col("revised")).value = KEYED
        save_book(wb, book)
        values = load_workbook(
            libreoffice.recalculate(book, tmp_path / book.stem), data_only=True
        )
        shown, total = _revised(values, spec, t.last)
        assert shown == total, (name, host, shown, total)


@pytest.mark.parametrize("host", HOSTS)
def test_check_says_a_total_short_of_its_table(host, libreoffice, tmp_path):
    """Rows keyed below a table and never refreshed: the totals show less."""
    spec = L.TABLES["tblProgrammes"]
    cell = address(L.PROGRAMME_TOTAL_ROW, spec.col("revised"))
    for name, _, book in built_books(tmp_path, host, seed=9, real_at=4):
        _append_nil_rows(book)
        wb = load_book(book)
        t = Table(wb, "tblProgrammes")
        row = t.last + 1  # the appended programme, below the table
        wb[spec.sheet].cell(row, spec.col("revised")).value = KEYED
        save_book(wb, book)
        saved = libreoffice.recalculate(book, tmp_path / book.stem)  # cached values
        shown, total = _revised(load_workbook(saved, data_only=True), spec, row)
        assert total - shown == Decimal(str(KEYED)), name
        findings = _check_on(host, saved, libreoffice, tmp_path)
        t02 = [f for f in findings if f.rule == "T02" and f.ref.cell == cell]
        assert t02, (name, host, sorted({f.rule for f in findings}))
        assert f"{shown:,}" in t02[0].message_en, t02[0].message_en
