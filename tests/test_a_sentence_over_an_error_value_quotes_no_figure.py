"""Trial 9d item 4 (note6 Issue 9 Left 1): with `=NA()` in a subhead's Estimate
the Report's Total Expenditure shows #N/A, yet the Narrative's "Details of
expenditure" sentence quoted $175,587,000 (697 taken as nil), in both languages,
and nothing was said at the sentence. Now a sentence one of whose input figures
shows an error value quotes no figure: it is to be stated once the error in the
named cell is corrected (English and Chinese), the programme's live formula
alike. On both hosts, on Head 135, a generated Head and a real Head-year, the
values read after LibreOffice recalculates the refreshed book."""

from __future__ import annotations

import pytest
from openpyxl.utils.cell import get_column_letter

from estimates.narrative import figures_in, plain
from workbook import layout as L

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .libreoffice import cell_text

pytestmark = pytest.mark.engine


def _first(table: str, column: str) -> tuple[str, int, int]:
    spec = L.TABLES[table]
    return spec.sheet, spec.first_row, spec.col(column)


def _errors(head) -> dict[str, tuple[str, int, int]]:
    """The cells given `=NA()`, by the key of the sentence that quotes them."""
    out = {
        "head_total": _first("tblSubheads", "estimate"),
        "programme": _first("tblProgrammes", "revised"),
    }
    if head.establishment.ceiling.value is not None:
        fixed = next(f for f in L.HEAD_INPUTS if f.attr == "establishment.ceiling")
        row, col = int(fixed.cell[1:]), ord(fixed.cell[0]) - 64
        out["ceiling"] = (fixed.sheet, row, col)
    return out


def _sentences(libreoffice, book) -> dict[str, tuple[str, str]]:
    """The Narrative's lines as LibreOffice computes them, by key (a
    programme's key cut to "programme" for the first programme)."""
    grid = libreoffice.values(book, [L.NARRATIVE])[L.NARRATIVE]
    out: dict[str, tuple[str, str]] = {}
    for row in range(L.NARRATIVE_FIRST_ROW, len(grid) + 1):
        key = cell_text(grid, row, L.NARRATIVE_KEY_COLUMN)
        family = key.partition(":")[0]
        if family in out or not key:
            continue
        out[family] = (cell_text(grid, row, 2), cell_text(grid, row, 3))
    return out


@pytest.mark.parametrize("host", HOSTS)
def test_a_sentence_names_the_error_it_waits_for(host, libreoffice, tmp_path):
    for name, head, book in built_books(tmp_path, host, seed=83, real_at=5):
        errors = _errors(head)
        edited = tmp_path / f"na-{book.name}"
        cells = [(*where, "=NA()") for where in errors.values()]
        libreoffice.edit(book, edited, cells=cells)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        said = {str(f.ref) for f in findings if f.rule == "D02"}
        lines = _sentences(libreoffice, edited)
        for key, (sheet, row, col) in errors.items():
            cell = f"{sheet}!{get_column_letter(col)}{row}"
            assert cell in said, (name, host, cell)
            en, zh = lines[key]
            assert f"error value in {cell} is corrected" in en, (name, host, en)
            assert f"須待 {cell} 的錯誤值更正後列明" in zh, (name, host, zh)
            assert not figures_in(plain(en)) | figures_in(plain(zh)), (en, zh)
