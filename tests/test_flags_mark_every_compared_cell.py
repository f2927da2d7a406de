"""A finding that compares two places marks every cell it compares (T03: the
programme total, the Report's programme total and Total Expenditure), the Checks
sheet lists each with its own link, and Revert puts back the Checks sheet and the
flags it lists, together."""

from pathlib import Path

from estimates.source import SAMPLE_HEAD_135
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file


def _checks(book: Path) -> list[tuple]:
    ws = load_book(book)[L.CHECKS]
    return [
        (r[0].value, r[1].value, r[2].value, str(r[3].value))
        for r in ws.iter_rows(min_row=L.CHECKS_HEADER_ROW + 1)
        if r[0].value in ("error", "warning", "info")
    ]


def _flags(book: Path) -> dict[tuple[str, str], str]:
    wb = load_book(book)
    out = {}
    for row in wb[L.FLAGS].iter_rows(min_row=2):
        sheet, cell = row[0].value, row[1].value
        if sheet and cell:
            out[(sheet, cell)] = wb[sheet][cell].comment.text
    return out


def test_t03_flags_both_sides_and_checks_links_each(sample_book: Path):
    flags = _flags(sample_book)
    report = load_book(sample_book)[L.REPORT]
    keys = {report.cell(r, L.REPORT_KEY_COLUMN).value: r for r in range(1, 80)}
    total = keys["total:Total Expenditure"]
    for col in "DEF":  # actual, original, revised: each explained by a footnote
        for where in (("Programmes", f"{col}4"), ("Report", f"{col}{total}")):
            assert "T03 info" in flags[where], where
    rows = [r for r in _checks(sample_book) if r[1] == "T03"]
    assert len(rows) == 9  # three findings, three cells each
    assert (
        "info",
        "T03",
        "Report",
        f'=HYPERLINK("#\'Report\'!D{total}","D{total}")',
    ) in rows
    ws = load_book(sample_book)[L.CHECKS]
    used = [r[8].value for r in ws.iter_rows(min_row=6) if r[1].value == "T03"]
    assert used[0].startswith("Compared with 比較 Report!D")


def test_revert_restores_the_checks_sheet_and_its_flags(tmp_path: Path):
    book = tmp_path / "b.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    before_checks, before_flags = _checks(book), _flags(book)
    wb = load_book(book)
    wb["Programmes"]["G8"] = 30.0  # moves totals, percentages, the Report
    wb.save(book)
    run(["refresh", str(book)])
    assert _checks(book) != before_checks and _flags(book) != before_flags
    assert run(["revert", str(book)]) == 0
    assert _checks(book) == before_checks
    assert _flags(book) == before_flags  # the flags the restored sheet lists
