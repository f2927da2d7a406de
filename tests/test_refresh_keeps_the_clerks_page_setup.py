"""A refresh leaves page setup to the clerk: a sheet the clerk added keeps its own
paper, orientation and header, and a clerk's A3 and print titles on one of ours stay."""

from openpyxl import load_workbook

from workbook.cli import run


def _edit(book):
    wb = load_workbook(book)
    mine = wb.create_sheet("文員 Notes")
    mine["A1"] = "my working"
    mine.page_setup.paperSize = mine.PAPERSIZE_A3
    mine.page_setup.orientation = "portrait"
    mine.oddHeader.left.text = "Clerk's header"
    subheads = wb["Subheads"]
    subheads.page_setup.paperSize = subheads.PAPERSIZE_A3
    subheads.page_setup.orientation = "landscape"
    subheads.print_title_rows = "1:4"
    wb.save(book)


def test_a_refresh_keeps_the_clerks_page_setup(sample_book):
    book = sample_book
    before = load_workbook(book)["Report"]
    assert before.page_setup.paperSize == int(before.PAPERSIZE_A4)  # the build set ours
    assert before.oddHeader.left.text  # Head and year
    _edit(book)
    for _ in range(2):
        run(["refresh", str(book)])
    wb = load_workbook(book)
    mine, subheads = wb["文員 Notes"], wb["Subheads"]
    assert mine.page_setup.paperSize == int(mine.PAPERSIZE_A3)
    assert mine.page_setup.orientation == "portrait"
    assert mine.oddHeader.left.text == "Clerk's header"
    assert subheads.page_setup.paperSize == int(subheads.PAPERSIZE_A3)
    assert subheads.page_setup.orientation == "landscape"
    assert subheads.print_title_rows == "$1:$4"


def test_a_new_years_book_prints_its_own_year_in_the_header(sample_book, tmp_path):
    nxt = tmp_path / "next.xlsx"
    assert run(["rollforward", str(sample_book), "-o", str(nxt)]) in (0, 1)
    report = load_workbook(nxt)["Report"]
    assert report.oddHeader.right.text == "Estimates 2026-27 預算"
    assert report.oddHeader.left.text == "Head 135 總目 135"
