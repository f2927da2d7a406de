"""Trial 11 item 6: a footnote explained a T03 gap of any size (95.9 became 85.9
after a programme was added, and T03 stayed "explained by footnote ¶ Φ"). The
refresh now records, under the programme total (Programmes row 5), the gap the
footnotes explain when they first do; a different gap is an error again that
says which gap the footnote explained; clearing the record accepts the new gap.
Proved on Head 135, a generated Head and a published Head-year, each restated so
that a footnote explains a gap in the Actual column."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pytest

from estimates.rules.totals import TOLERANCE_MILLIONS
from workbook import layout as L
from workbook.refresh import build_file, refresh_file

from .generated_heads import source_folder

NOTE = (
    '\n[[footnotes]]\nmark = "#"\ntarget = "programme_total"\n'
    'columns = ["actual"]\ntext_en = "Restated for comparison."\n'
    'text_zh = "為作比較,數字經調整。"\n'
)


def _restated(kind: str, tmp_path):
    """The source folder with programme (1)'s Actual 50.0 off Total Expenditure
    and a footnote that says so (Head 135 has its own ¶ and Δ already)."""
    folder = tmp_path / "src"
    shutil.copytree(source_folder(kind, tmp_path / "made", "2010-80", 41), folder)
    if kind == "sample":
        return folder
    path = folder / "programmes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][3] = f"{float(rows[1][3]) + 50:.1f}"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with (folder / "head.toml").open("a", encoding="utf-8") as f:
        f.write(NOTE)
    return folder


def _said(gap: float, unit: str = " million") -> str:
    """A signed gap as the message gives it: ``-$50.0 million``."""
    return ("-" if gap < 0 else "") + f"${abs(gap):,.1f}{unit}"


def _t03_actual(outcome):
    return next(
        f for f in outcome.findings if f.rule == "T03" and f.ref.cell.startswith("D")
    )


def _cell(book, column: str):
    sheet, row, col = L.footnote_gap_cells()[column]
    wb = openpyxl.load_workbook(book)
    return wb[sheet], wb[sheet].cell(row, col)


@pytest.mark.parametrize("kind", ["sample", "gen", "real"])
def test_a_changed_gap_is_raised_again_until_the_clerk_accepts_it(kind, tmp_path):
    book = tmp_path / "book.xlsx"
    first = _t03_actual(build_file(_restated(kind, tmp_path), book))
    assert first.severity.value == "info"
    _, record = _cell(book, "actual")
    gap = record.value
    assert gap is not None and abs(gap) > float(TOLERANCE_MILLIONS)
    assert f"the gap it explains, {_said(gap)}," in first.message_en
    again = _t03_actual(refresh_file(book))
    assert (again.severity.value, again.message_en) == ("info", first.message_en)
    assert _cell(book, "actual")[1].value == gap  # a 2nd refresh records nothing new

    ws, _ = _cell(book, "actual")  # the clerk adds 10.0 to programme (1)'s Actual
    wb = ws.parent
    spec = L.TABLES["tblProgrammes"]
    cell = wb[spec.sheet].cell(spec.first_row, spec.col("actual"))
    cell.value = float(cell.value) + 10
    wb.save(book)
    changed = _t03_actual(refresh_file(book))
    now = gap - 10
    assert changed.severity.value == "error"
    assert f"explained a gap of {_said(gap)}, " in changed.message_en
    assert f"not this one of {_said(now)}:" in changed.message_en
    zh = ("-" if gap < 0 else "") + f"{abs(gap):,.1f} 百萬元"
    assert f"所說明的差額為 {zh}" in changed.message_zh
    sheet, row, col = L.footnote_gap_cells()["actual"]
    assert f"{sheet}!{openpyxl.utils.get_column_letter(col)}{row}" in {
        f"{r.sheet}!{r.cell}" for r in changed.used
    }  # the record is named with the totals
    assert _cell(book, "actual")[1].value == gap  # kept until the clerk accepts

    ws, record = _cell(book, "actual")  # the clerk accepts: clears the record
    record.value = None
    ws.parent.save(book)
    accepted = _t03_actual(refresh_file(book))
    assert accepted.severity.value == "info"
    assert _cell(book, "actual")[1].value == pytest.approx(now)
