"""`estimates check DIR` checks every book in a folder in parallel processes, shows
progress, and writes one consolidated findings table (CSV and xlsx)."""

import csv
import shutil

from openpyxl import load_workbook

from workbook.cli import run
from workbook.io import load_book


def _folder(sample_book, tmp_path):
    folder = tmp_path / "heads"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(sample_book, folder / "a.xlsx")
    shutil.copy(sample_book, folder / "sub" / "b.xlsx")
    wb = load_book(sample_book)
    wb["Head"]["C10"] = 1.0  # T04 error
    wb.save(folder / "c.xlsx")
    (folder / "d.xlsx").write_text("not a workbook", encoding="utf-8")
    (folder / "~$a.xlsx").write_text("Excel's lock file", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    return folder


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_book_is_checked_into_one_table(sample_book, tmp_path, capsys):
    folder = _folder(sample_book, tmp_path)
    base = tmp_path / "out" / "findings"
    code = run(["check", str(folder), "-o", str(base), "--workers", "2"])
    captured = capsys.readouterr()
    assert code == 2  # a book could not be read
    assert "[##############################] 4/4" in captured.err
    rows = _rows(base.with_suffix(".csv"))
    by_book = {}
    for r in rows:
        by_book.setdefault(r["book"], []).append((r["rule"], r["severity"]))
    assert sorted(by_book) == ["a.xlsx", "c.xlsx", "d.xlsx", "sub/b.xlsx"]
    assert by_book["a.xlsx"] == [("T03", "info")] * 3
    assert ("T04", "error") in by_book["c.xlsx"]
    assert by_book["d.xlsx"] == [("READ", "error")]
    assert (
        "not an Excel workbook"
        in next(r for r in rows if r["book"] == "d.xlsx")["message"]
    )
    assert {r["head"] for r in rows if r["book"] != "d.xlsx"} == {"135"}
    table = load_workbook(base.with_suffix(".xlsx"))["Findings"]
    assert table.tables["tblFindings"].ref == f"A1:J{len(rows) + 1}"
    assert [c.value for c in table[2]][:4] == ["a.xlsx", "135", "T03", "info"]
    assert "1 error finding(s) in 1 book(s), 1 unreadable" in captured.out


def test_one_process_gives_the_same_table(sample_book, tmp_path, capsys):
    folder = _folder(sample_book, tmp_path)
    run(["check", str(folder), "-o", str(tmp_path / "two"), "--workers", "2"])
    run(["check", str(folder), "-o", str(tmp_path / "one"), "--workers", "1"])
    capsys.readouterr()
    assert _rows(tmp_path / "one.csv") == _rows(tmp_path / "two.csv")


def test_a_folder_of_clean_books_exits_0_and_an_empty_one_2(
    sample_book, tmp_path, capsys
):
    folder = tmp_path / "clean"
    folder.mkdir()
    shutil.copy(sample_book, folder / "a.xlsx")
    assert run(["check", str(folder), "-o", str(tmp_path / "f")]) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(["check", str(empty)]) == 2
    assert "no workbooks" in capsys.readouterr().err


def test_formula_like_text_stays_text_in_the_table(tmp_path):
    from workbook.batch import write_table

    csv_path, xlsx_path = write_table(
        [{"book": "=cmd|'/c calc'!A0", "rule": "D05", "severity": "error"}],
        tmp_path / "f")  # fmt: skip
    assert _rows(csv_path)[0]["book"] == "'=cmd|'/c calc'!A0"
    cell = load_workbook(xlsx_path)["Findings"]["A2"]
    assert cell.value == "=cmd|'/c calc'!A0" and cell.data_type == "s"
