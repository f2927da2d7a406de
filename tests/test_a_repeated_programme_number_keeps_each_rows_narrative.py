"""Trial 9 item 5: a programme number keyed twice (D14). The Report told the two
rows apart (``programme:1`` and ``programme:1#2``), but the Narrative keyed both
lines ``programme:1`` and both sentence formulas pointed at the first row, so the
second programme's line quoted the first one's change.

Now every Narrative line is keyed by its row's identity, as the Report's: each
sentence, after LibreOffice recalculates, is the core's sentence for that row's
own figures; on both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from estimates.narrative import change_en
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address, table_bounds

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _repeat_first_number(book) -> tuple[str, int]:
    """The last programme keyed with the first one's number (and a change of
    its own, +12.3): that number, and the repeated row."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    last = table_bounds(ws.tables[spec.name].ref)[3]
    col = spec.col("programme")
    number = str(ws.cell(spec.first_row, col).value)
    assert last > spec.first_row, "a Head with two programmes"
    ws.cell(last, col).value = number
    revised = ws.cell(last, spec.col("revised")).value or 0
    ws.cell(last, spec.col("estimate")).value = round(revised + 12.3, 1)  # its own
    save_book(wb, book)
    return number, last


def _sentences(book) -> dict[str, str]:
    ws = load_workbook(book, data_only=True)[L.NARRATIVE]
    return {
        ws.cell(r, L.NARRATIVE_KEY_COLUMN).value: ws.cell(r, 2).value
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_KEY_COLUMN).value
    }


@pytest.mark.parametrize("host", HOSTS)
def test_the_second_programme_of_a_number_speaks_of_its_own_row(
    host, libreoffice, tmp_path
):
    for name, head, book in built_books(tmp_path, host, seed=5, real_at=5):
        number, row = _repeat_first_number(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        spec = L.TABLES["tblProgrammes"]
        where = address(row, spec.col("programme"))
        assert [f for f in findings if f.rule == "D14" and f.ref.cell == where]
        shown = _sentences(libreoffice.recalculate(book, tmp_path / book.stem))
        keys = [k for k in shown if k.startswith("programme:")]
        assert len(keys) == len(set(keys)) == len(head.programmes), (name, keys)
        wb = load_book(book)
        ws = wb[spec.sheet]
        keys = (f"programme:{number}", f"programme:{number}#2")
        for key, r in zip(keys, (spec.first_row, row), strict=True):
            new, base = (ws.cell(r, spec.col(c)).value for c in ("estimate", "revised"))
            want = change_en(_dec(new), _dec(base), head.estimate_year)
            assert shown[key] == want, (name, host, key, shown[key], want)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))
