"""`estimates check DIR` checks every book in a folder in parallel processes, shows
progress on a terminal (and nothing in a log), and writes one consolidated findings
table (CSV and xlsx) with a pivot of books x rules by severity."""

import csv
import io
import json
import shutil
import tomllib
from pathlib import Path

from openpyxl import load_workbook

from workbook.batch import COLUMNS, SEVERITIES
from workbook.cli import run
from workbook.io import load_book

README = Path(__file__).parent.parent / "README.md"


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
    base.parent.mkdir()
    code = run(["check", str(folder), "-o", str(base), "--workers", "2"])
    captured = capsys.readouterr()
    assert code == 2  # a book could not be read
    assert captured.err == ""  # stderr is not a terminal here: no bar, no \r
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
    assert table.tables["tblFindings"].ref == f"A1:K{len(rows) + 1}"
    assert [c.value for c in table[2]][:5] == ["a.xlsx", "135", "2025-26", "T03",
                                               "info"]  # fmt: skip
    assert "1 error finding(s) in 1 book(s), 1 unreadable" in captured.out


def test_the_pivot_counts_books_by_rule_and_severity(sample_book, tmp_path, capsys):
    folder = _folder(sample_book, tmp_path)
    shutil.copy(sample_book, folder / "e.xlsx")  # another clean book
    base = tmp_path / "f"
    run(["check", str(folder), "-o", str(base), "--workers", "1"])
    capsys.readouterr()
    sheet = load_workbook(base.with_suffix(".xlsx"))["By book"]
    header, *body = [[c.value for c in row] for row in sheet.iter_rows()]
    by_book = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert list(by_book) == ["a.xlsx", "c.xlsx", "d.xlsx", "e.xlsx", "sub/b.xlsx",
                             "all books"]  # fmt: skip
    found = _rows(base.with_suffix(".csv"))
    rules = sorted({(r["severity"], r["rule"]) for r in found})
    assert [h for h in header if h.startswith(("error ", "warning ", "info "))] == [
        f"{s} {r}" for s, r in sorted(rules, key=lambda x: SEVERITIES.index(x[0]))
    ]  # rules grouped by severity
    assert by_book["c.xlsx"]["error T04"] == 1
    assert by_book["a.xlsx"]["error T04"] == 0
    assert by_book["d.xlsx"]["error READ"] == 1
    assert by_book["a.xlsx"]["info T03"] == 3
    assert (by_book["a.xlsx"]["head"], by_book["a.xlsx"]["year"]) == ("135", "2025-26")
    for book, row in by_book.items():
        mine = [r for r in found if book in (r["book"], "all books")]
        assert row["all findings"] == len(mine), book
        assert row["all errors"] == sum(1 for r in mine if r["severity"] == "error")
        for severity, rule in rules:
            assert row[f"{severity} {rule}"] == sum(
                1 for r in mine if (r["severity"], r["rule"]) == (severity, rule)
            )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_rate_and_time_left(sample_book, tmp_path):
    from workbook.batch import check_folder

    folder = _folder(sample_book, tmp_path)
    terminal = _Terminal()
    check_folder(folder, workers=1, stream=terminal)
    bar = terminal.getvalue()
    final = bar.rsplit("\r", 1)[-1]
    assert "checking: 100%" in final and "4/4" in final
    assert "book/s" in final or "s/book" in final  # the rate
    assert "<00:00" in final  # elapsed<left


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
        tmp_path / "f.csv", tmp_path / "f.xlsx")  # fmt: skip
    assert _rows(csv_path)[0]["book"] == "'=cmd|'/c calc'!A0"
    cell = load_workbook(xlsx_path)["Findings"]["A2"]
    assert cell.value == "=cmd|'/c calc'!A0" and cell.data_type == "s"


def test_without_the_batch_extra_a_folder_check_says_what_to_install(
    sample_book, tmp_path, capsys, monkeypatch
):
    import workbook.cli

    folder = _folder(sample_book, tmp_path)
    monkeypatch.setattr(workbook.cli, "_have", lambda *modules: False)
    number = tomllib.loads((README.parent / "pyproject.toml").read_text())["project"]
    wheel = f"estimates_addin-{number['version']}-py3-none-any.whl"
    assert run(["check", str(folder)]) == 2
    assert capsys.readouterr().err.strip() == (
        "estimates check: checking a folder needs pandas and tqdm (the batch"
        f' extra): pip install "{wheel}[batch]" (the'
        ' wheel, see the README), or pip install -e ".[batch]" in a source checkout'
    )
    assert wheel in README.read_text()  # the name the README tells IT to build


def test_a_spreadsheet_of_another_format_is_a_row_saying_why(
    sample_book, tmp_path, capsys
):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sample_book, folder / "a.xlsx")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    shutil.copy(sample_book, folder / "saved as.ods")
    (folder / "notes.txt").write_text("not a spreadsheet: passed over")
    (folder / "a folder.xlsx").mkdir()
    base = tmp_path / "f"
    assert run(["check", str(folder), "-o", str(base), "--workers", "1"]) == 2
    rows = _rows(base.with_suffix(".csv"))
    read = {r["book"]: r["message"] for r in rows if r["rule"] == "READ"}
    assert read == {
        "old.xls": f"{folder / 'old.xls'}: not an Excel workbook (an old-format .xls"
        " file): save it as an Excel workbook (.xlsx or .xlsm) and run this again",
        "saved as.ods": f"{folder / 'saved as.ods'}: not an Excel workbook (a workbook"
        " named .ods): save it as an Excel workbook (.xlsx or .xlsm) and run this"
        " again",
    }
    assert "checked 3 book(s)" in capsys.readouterr().out


def test_json_rows_have_the_same_keys_an_unreadable_book_too(
    sample_book, tmp_path, capsys
):
    folder = _folder(sample_book, tmp_path)
    assert run(["check", str(folder), "--json", "--workers", "1"]) == 2
    rows = json.loads(capsys.readouterr().out)
    assert {frozenset(r) for r in rows} == {frozenset((*COLUMNS, "cells"))}
    read = next(r for r in rows if r["book"] == "d.xlsx")
    assert (read["rule"], read["sheet"], read["cell"]) == ("READ", None, None)
    assert {r["year"] for r in rows if r["book"] != "d.xlsx"} == {"2025-26"}


def test_the_read_rule_is_in_the_readme_rules_table():
    assert "| READ |" in README.read_text(encoding="utf-8")


def test_workers_for_one_book_is_refused(sample_book, capsys):
    assert run(["check", str(sample_book), "--workers", "3"]) == 2
    assert "--workers checks the books of a folder" in capsys.readouterr().err


def test_a_terminal_that_tells_no_width_still_gets_a_bar():
    from workbook.batch import _width

    class NoWidth(io.StringIO):
        def fileno(self) -> int:
            raise OSError("no terminal size")

    assert _width(NoWidth()) == {"ncols": 80}
