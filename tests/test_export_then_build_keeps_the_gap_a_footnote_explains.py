"""Trial 10g item 1: a programme's Actual mistyped (1022.9 for 22.9) was a T03
error, since the gap differs from the one the footnote was accepted as
explaining (recorded in the book); Export wrote no record, and build of the
folder recorded whatever gap it found: 0 errors, the mistake cleared without a
word. Now Export writes the recorded gaps to head.toml ([footnote_gaps]) and
build records them again, so the T03 error survives the round trip. Head 135, a
generated Head and a real Head-year, each given a footnote on the programme
total's Actual and a gap for it to explain."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from estimates.model import Footnote
from estimates.source import load_source, write_source
from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import build_file, check_file, refresh_file

from .generated_heads import three_heads
from .hosts import cli_said

ACTUAL = L.TABLES["tblProgrammes"].col("actual")


def _t03_actual(findings) -> list[str]:
    return [f.severity.value for f in findings
            if f.rule == "T03" and "(actual)" in f.message_en]  # fmt: skip


def _explained(head):
    """The Head with a reviewed footnote on the programme total's Actual and a
    gap of $5.0 million there for it to explain."""
    first = head.programmes[0]
    actual, *rest = first.amounts
    more = replace(actual, value=(actual.value or Decimal(0)) + 5)
    head.programmes[0] = replace(first, amounts=(more, *rest))
    head.footnotes = [f for f in head.footnotes if f.target != "programme_total"]
    head.footnotes.append(Footnote("‡", "programme_total", ("actual",),
                                   "A transfer.", "一項轉撥。"))  # fmt: skip
    return head


def test_export_then_build_keeps_the_gap_a_footnote_explains(tmp_path):
    for name, head in three_heads(tmp_path, seed=79, real_at=15).items():
        folder, book = tmp_path / f"{name} src", tmp_path / f"{name}.xlsx"
        write_source(_explained(head), folder)
        build_file(folder, book)
        assert _t03_actual(refresh_file(book).findings) == ["info"], name
        wb = load_book(book)
        sheet, row, col = L.footnote_gap_cells()["actual"]
        record = Decimal(str(wb[sheet].cell(row, col).value))  # refresh recorded it
        cell = wb[L.PROGRAMMES].cell(L.TABLES["tblProgrammes"].first_row, ACTUAL)
        cell.value = float(cell.value) + 1000  # the clerk's slip
        wb.save(book)
        assert _t03_actual(refresh_file(book).findings) == ["error"], name
        exported, rebuilt = tmp_path / f"{name} exp", tmp_path / f"{name} 2.xlsx"
        assert cli_said("export", book, "-o", exported)[0] == 0, name
        gaps = load_source(exported).footnote_gaps
        assert gaps[0].value == record, (name, gaps, record)
        assert cli_said("build", exported, "-o", rebuilt)[0] == 1, name
        assert _t03_actual(check_file(rebuilt).findings) == ["error"], name
