"""Every mismatch message says "expected X, found Y" in the unit the cell shows
($'000 cells as whole dollars, $m cells as $ million), the Chinese in Chinese units
(萬元 / 百萬元) with the difference; a finding that compares two places carries
every cell it compares."""

from decimal import Decimal
from pathlib import Path

from estimates.rules.text import mismatch, show
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import check_file


def test_each_unit_in_english_and_chinese():
    assert show(564524, "thousands") == "$564,524,000"
    assert show(564524, "thousands", "zh") == "56,452.4 萬元"
    assert show(480000, "thousands", "zh") == "48,000 萬元"
    assert show(Decimal("564.5"), "millions") == "$564.5 million"
    assert show(Decimal("564.5"), "millions", "zh") == "564.5 百萬元"
    assert show(Decimal("52021000"), "dollars") == "$52,021,000"
    assert show(Decimal("548040"), "dollars", "zh") == "54.804 萬元"
    assert show(-1200, "thousands") == "-$1,200,000"
    assert show(Decimal("15.5"), "percent") == "+15.5%"
    assert show(None, "thousands", "zh") == "無(—)"
    assert show(None, "percent") == "not a number"


def test_a_mismatch_names_both_figures_and_the_difference():
    en, zh = mismatch(("A total", "總額"), 84531, 1, "thousands")
    assert en == "A total: expected $84,531,000, found $1,000 (difference $84,530,000)."
    assert zh == "總額:應為 8,453.1 萬元,現為 0.1 萬元(相差 8,453 萬元)。"
    en, zh = mismatch(("P", "百分率"), Decimal("-14.7"), Decimal("15"), "percent")
    assert en == "P: expected -14.7%, found +15% (difference 29.7 points)."
    assert zh == "百分率:應為 -14.7%,現為 +15%(相差 29.7 個百分點)。"
    assert "difference" not in mismatch(("x", "x"), None, 5, "thousands")[0]


def test_t03_marks_the_programme_total_and_both_report_totals(sample_book: Path):
    t03 = [f for f in check_file(sample_book).findings if f.rule == "T03"]
    assert len(t03) == 3  # actual, original, revised: each explained by a footnote
    first = t03[0]
    sheets = [c.sheet for c in first.cells]
    assert sheets == ["Programmes", "Report", "Report"]
    assert first.cells[0].cell == "D4"
    assert "expected $564.5 million, found $198.8 million" in first.message_en
    assert "(difference $365.7 million)" in first.message_en
    assert "應為 564.5 百萬元,現為 198.8 百萬元(相差 365.7 百萬元)" in first.message_zh
    assert "¶" in first.message_zh and "$" not in first.message_zh


def test_t05_marks_the_breakdown_total_and_subhead_000(sample_book: Path):
    spec = L.TABLES["tblBreakdown"]
    wb = load_book(sample_book)
    sheet = wb[spec.sheet]
    item, estimate = spec.col("item_en"), spec.col("estimate")
    row = next(r for r in range(1, 60) if sheet.cell(r, item).value == "Salaries")
    sheet.cell(row, estimate).value += 100
    save_book(wb, sample_book)
    t05 = [f for f in check_file(sample_book).findings if f.rule == "T05"]
    assert len(t05) == 1
    assert [c.sheet for c in t05[0].cells] == ["Subhead000", "Subheads"]
    assert "expected $175,587,000, found $175,687,000 (difference $100,000)" in (
        t05[0].message_en
    )
    assert "應為 17,558.7 萬元,現為 17,568.7 萬元(相差 10 萬元)" in t05[0].message_zh
