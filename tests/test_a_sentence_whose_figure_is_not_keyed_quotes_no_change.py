"""Trial 9b item 5: a programme whose Estimate was left blank printed "Provision
for 2012-13 is $12.0 million lower than the revised estimate" in the Narrative
and on the COR, the blank read as 0; an Estimate whose formula gives an error
printed the error (#DIV/0!) as the sentence, or on the values-only host had it
rewritten on every refresh. Only F01 (info) said anything, at the blank cell.

Now a programme sentence quotes a change only when both its Revised and its
Estimate are keyed (a figure, or a nil keyed on purpose, which the sentence
names: test_a_nil_figure_is_not_zero_in_a_sentence):
otherwise it says the change is to be stated once both are keyed, in both
languages, the same in the core and in the sheet's live formula; F01 stays at
the blank cell. On both hosts, on Head 135, a generated Head and a real
Head-year, read after LibreOffice recalculates."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from estimates.narrative import change_en, change_zh, to_key_en, to_key_zh
from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

EDITS = (None, "=1/0", "-")  # Estimate blank; Revised an error; Revised nil


def _edit(book) -> list[tuple[int, object]]:
    """Each programme row in turn gets one edit; its row and the edit."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    rows = [
        r
        for r in range(spec.first_row, ws.max_row + 1)
        if isinstance(ws.cell(r, spec.col("estimate")).value, int | float)
    ]
    done = []
    for row, edit in zip(rows, EDITS, strict=False):
        column = "estimate" if edit is None else "revised"
        ws.cell(row, spec.col(column)).value = edit
        done.append((row, edit))
    save_book(wb, book)
    return done


def _sentences(libreoffice, book, tmp) -> dict[str, tuple[str, str]]:
    wb = load_workbook(libreoffice.recalculate(book, tmp / book.stem), data_only=True)
    ws = wb[L.NARRATIVE]
    return {
        str(ws.cell(r, L.NARRATIVE_KEY_COLUMN).value): (
            ws.cell(r, 2).value,
            ws.cell(r, 3).value,
        )
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_KEY_COLUMN).value
    }


@pytest.mark.parametrize("host", HOSTS)
def test_a_programme_sentence_quotes_a_change_only_from_keyed_figures(
    host, libreoffice, tmp_path
):
    for name, head, book in built_books(tmp_path, host, seed=11, real_at=5):
        year = head.estimate_year
        spec = L.TABLES["tblProgrammes"]
        edits = _edit(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        blank = f"{get_column_letter(spec.col('estimate'))}{edits[0][0]}"
        assert [f for f in findings if (f.rule, f.cell) == ("F01", blank)], name
        shown = _sentences(libreoffice, book, tmp_path)
        for row, edit in edits:
            p = head.programmes[row - spec.first_row]
            en, zh = shown[f"programme:{p.number}"]
            if edit == "-":  # a keyed nil Revised: named, not counted as zero
                new = p.value("estimate")
                assert en == change_en(new, None, year), (name, host, en)
                assert zh == change_zh(new, None, year), (name, host, zh)
            elif edit == "=1/0":  # an error value: named, no figure quoted (nine8)
                cell = f"{spec.sheet}!{get_column_letter(spec.col('revised'))}{row}"
                assert f"the error value in {cell} is corrected" in en, (name, en)
                assert cell in zh and "錯誤值" in zh, (name, host, zh)
            else:
                assert (en, zh) == (to_key_en(year), to_key_zh(year)), (name, host)
            assert "#" not in en + zh, (name, host, en)
        again = refresh_on(host, book, libreoffice, tmp_path)
        assert sorted(f.rule for f in again) == sorted(f.rule for f in findings)
