"""A finding that compares two places marks every cell it compares (T03: the
programme total, the Report's programme total and Total Expenditure), the Checks
sheet lists the finding once, worst first, with a link to each cell, and Revert puts
back the Checks sheet and the flags it lists, together."""

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
    assert len(rows) == 3  # three findings (actual, original, revised), once each
    ws = load_book(sample_book)[L.CHECKS]
    first = next(r for r in ws.iter_rows(min_row=6) if r[1].value == "T03")
    assert first[3].value == '=HYPERLINK("#\'Programmes\'!D4","D4")'
    links = [
        c.value
        for c in first[len(L.CHECKS_COLUMNS) - 1 : L.CHECKS_RECORD_COLUMN - 1]
        if c.value
    ]
    assert links == [
        f'=HYPERLINK("#\'Report\'!D{total}","Report!D{total}")',
        f"=HYPERLINK(\"#'Report'!D{keys['programme_total']}\","
        f'"Report!D{keys["programme_total"]}")',
    ]
    assert first[8].value.startswith(f"Compared with 比較 Report!D{total}, Report!D")
    severities = [
        r[0].value
        for r in ws.iter_rows(min_row=L.CHECKS_HEADER_ROW + 1)
        if r[0].value in ("error", "warning", "info")
    ]
    ranks = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=ranks.get)  # worst first


def test_revert_lists_and_flags_the_findings_of_the_book_it_leaves(tmp_path: Path):
    book = tmp_path / "b.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    built = _checks(book), _flags(book)
    wb = load_book(book)
    wb["Programmes"]["G8"] = 30.0  # moves totals, percentages, the Report: T03
    wb.save(book)
    run(["refresh", str(book)])
    assert run(["revert", str(book)]) == 0
    reverted = _checks(book), _flags(book)
    judged = tmp_path / "judged.xlsx"  # the reverted book, checked afresh
    judged.write_bytes(book.read_bytes())
    run(["check", str(judged)])
    assert reverted == (_checks(judged), _flags(judged)) != built
    assert ("error", "T03") in {r[:2] for r in reverted[0]}


def test_a_generated_head_lists_each_finding_once_with_every_cell(tmp_path: Path):
    from estimates.source import load_source
    from workbook.checks import findings_listed
    from workbook.io import save_book
    from workbook.refresh import build_workbook, refresh_file

    from .generated_heads import write_head

    wb, _ = build_workbook(load_source(write_head(tmp_path / "g", 11)))
    spec = L.TABLES["tblProgrammes"]
    for col in ("actual", "estimate"):  # programme 1 off Total Expenditure: T03
        cell = wb[spec.sheet].cell(spec.first_row, spec.col(col))
        cell.value = (cell.value or 0) + 75
    book = tmp_path / "g.xlsx"
    save_book(wb, book)
    findings = refresh_file(book).findings
    assert [f.rule for f in findings].count("T03") == 2
    ws = load_book(book)[L.CHECKS]
    cells = {
        (c.row, c.column): c.value
        for row in ws.iter_rows(min_row=L.CHECKS_HEADER_ROW + 1)
        for c in row
        if c.value is not None
    }
    listed = findings_listed(cells)
    assert len(listed) == len(findings)  # one row per finding
    assert sorted((f.rule, f.cells) for f in listed) == sorted(
        (f.rule, f.cells) for f in findings
    )  # every cell each compares, linked
