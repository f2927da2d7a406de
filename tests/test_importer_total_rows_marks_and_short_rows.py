"""The published-CSV importer's holes, each with its fixture: a total row in any
file is recognised, left out and checked against its lines; a footnote mark on a
figure keeps the number and becomes a footnote on that figure (shown on the
Report); a short row is an error naming the file and line."""

import csv
from pathlib import Path

from estimates.importer import import_files, split_mark
from estimates.source import load_source
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import check_file

DATA = Path(__file__).parent / "data" / "published"
PROGRAMMES = DATA / "fin_provision_en_total.csv"
SUBHEADS = DATA / "es_en_totals.csv"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_figure_keeps_its_number_and_its_mark():
    assert split_mark("243,500 Φ") == ("243,500", "Φ")
    assert split_mark("419,593Δ") == ("419,593", "Δ")
    assert split_mark("198.8 ¶") == ("198.8", "¶")
    assert split_mark("#1,000") == ("1,000", "#")
    assert split_mark("- Φ") == ("-", "Φ")
    assert split_mark("60,400") == ("60,400", "")


def test_total_rows_are_left_out_and_agree_with_their_lines():
    imported = import_files([PROGRAMMES, SUBHEADS], "135")
    assert imported.issues == []
    assert [p[0] for p in imported.programmes] == ["1", "2"]
    assert [s[2] for s in imported.subheads] == ["000", "700", "697"]
    assert [t.label for t in imported.totals] == [
        "Total",
        "Total, Recurrent",
        "Total, Non-Recurrent",
        "Total, Operating Account",
        "Total, Plant, Equipment and Works",
        "Total, Capital Account",
        "Total Expenditure",
    ]
    assert imported.subheads[0][5:] == ["419593", "480593", "243500", "175587"]
    assert imported.programmes[1][3] == "178.4"


def test_marks_become_footnotes_on_the_figures_they_sit_on():
    imported = import_files([PROGRAMMES, SUBHEADS], "135")
    assert imported.footnotes() == [
        {"mark": "Δ", "target": "programme:2", "columns": ["actual"]},
        {"mark": "¶", "target": "programme_total",
         "columns": ["actual", "original", "revised"]},
        {"mark": "Δ", "target": "subhead:000", "columns": ["actual"]},
        {"mark": "Φ", "target": "subhead:000", "columns": ["revised"]},
        {"mark": "Δ", "target": "total_expenditure", "columns": ["actual", "original"]},
    ]  # fmt: skip


def test_a_total_that_disagrees_with_its_lines_is_named():
    imported = import_files([DATA / "des_zh_total_mismatch.csv"], "135")
    assert [str(i) for i in imported.issues] == [
        f"{DATA / 'des_zh_total_mismatch.csv'}: line 4: total row '總計', estimate:"
        " expected 75,389 (the sum of its lines), found 75,400"
    ]
    assert [b[2] for b in imported.breakdown] == ["薪金", "津貼"]  # not an item


def test_a_short_row_is_an_error_naming_file_and_line(tmp_path, capsys):
    short = DATA / "des_en_short.csv"
    code = run(["import", str(short), "--head", "135", "--year", "2025-26",
                "-o", str(tmp_path / "out")])  # fmt: skip
    assert code == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"estimates import: {short}: line 3: a short row: 6 of 7 cells; a missing"
        " cell is not taken as nil, so the row is not read"
    ]
    items = [r["item_en"] for r in _rows(tmp_path / "out" / "subhead_000.csv")]
    assert items == ["Salaries", "Job-related allowances"]


def test_marked_figures_build_a_book_whose_report_shows_the_marks(tmp_path):
    out = tmp_path / "h135"
    code = run(["import", str(PROGRAMMES), str(SUBHEADS), "--head", "135",
                "--year", "2025-26", "-o", str(out)])  # fmt: skip
    assert code == 0
    head = load_source(out)
    assert [(f.mark, f.target, f.columns) for f in head.footnotes][1] == (
        "¶", "programme_total", ("actual", "original", "revised")
    )  # fmt: skip
    book = tmp_path / "b.xlsx"
    # The files give the marks but not the footnotes' text: a mark with no text
    # explains no gap, so T03 stays an error until the clerk keys the footnote.
    assert run(["build", str(out), "-o", str(book)]) == 1
    errors = {(f.rule, f.cell) for f in check_file(book).findings
              if f.severity.value == "error" and f.rule != "D06"}  # fmt: skip
    assert errors == {("T03", "D4"), ("T03", "E4"), ("T03", "F4")}
    # published CSVs give English titles only: each Chinese title and the Head's
    # titles are D06 (the COR 中文 would print them blank)
    blank = {f.cell for f in check_file(book).findings if f.rule == "D06"}
    assert {"C4", "C5"} <= blank
    report = load_book(book)["Report"]
    marked = [  # the marks print on their figures (the number format)
        "".join(m for m in "¶ΔΦ" if m in c.number_format)
        for row in report.iter_rows()
        for c in row
        if "#,##0" in c.number_format
    ]
    assert marked.count("¶") == 3  # the analysis' Total: actual, original, revised
    assert "Δ" in marked and "Φ" in marked  # subhead 000's line, Total Expenditure
