"""`estimates import` reads the Government's published CSV files for one Head,
surviving each trap of DOMAIN.md section 6, and names every row it cannot read."""

import csv
from pathlib import Path

import pytest

from estimates.importer import decode, import_files, norm
from estimates.source import SourceError, load_source
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import refresh_file

DATA = Path(__file__).parent / "data" / "published"
FILES = [DATA / "es_en_traps.csv", DATA / "fin_provision_zh.csv", DATA / "des_en.csv"]


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_trap_survives_and_bad_rows_are_named(tmp_path, capsys):
    out = tmp_path / "h135"
    code = run(["import", *map(str, FILES), "--head", "135", "--year", "2025-26",
                "-o", str(out)])  # fmt: skip
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1  # rows were left out: say so
    assert err == [
        f"estimates import: {DATA / 'es_en_traps.csv'}: line 15: not a number: '1’000'",
        f"estimates import: {DATA / 'fin_provision_zh.csv'}: line 5:"
        " not a number: 'abc'",
    ]
    subheads = rows(out / "subheads.csv")
    assert [(s["code"], s["title_en"]) for s in subheads] == [
        ("000", "Operational expenses"),
        ("700", "General non–recurrent"),  # Big5 en dash, read as ¡V, mended
        ("697", "TechConnect (block vote)"),
        ("697", "Deduct reimbursements"),
        ("88B", "=1+2 +cmd|'/c calc'!A1"),
    ]
    assert [s["actual"] for s in subheads][:3] == ["419593", "60400", "84531"]
    assert subheads[1]["revised"] == "-"  # "-" is a nil keyed, not a blank to key
    assert [s["estimate"] for s in subheads][3] == "-400"  # a deduction is negative
    programmes = rows(out / "programmes.csv")
    assert [(p["programme"], p["title_zh"], p["estimate"]) for p in programmes] == [
        ("1", "局長辦公室", "24.3"),
        ("2", "創新科技及工業", "245.4"),
    ]
    assert len(rows(out / "subhead_000.csv")) == 6
    head = load_source(out)
    assert head.title_en.startswith("Government Secretariat: Innovation")


def test_the_imported_folder_builds_and_formula_text_stays_text(tmp_path):
    out = tmp_path / "h135"
    imported = import_files(FILES, "135")
    assert len(imported.issues) == 2
    from estimates.importer import write_source

    write_source(imported, out, "135", "2025-26")
    book = tmp_path / "b.xlsx"
    # No footnotes were imported, so the restated comparatives are errors (T03).
    assert run(["build", str(out), "-o", str(book)]) == 1
    cell = load_book(book)["Subheads"]["D9"]
    assert cell.value == "=1+2 +cmd|'/c calc'!A1"
    assert cell.data_type == "s"  # text, never a formula
    outcome = refresh_file(book)
    te = next(
        t for t in outcome.results.total_lines if t.label_en == "Total Expenditure"
    )
    assert te.amounts == (564524 - 100 + 5, 660263 - 200 + 6, 329505 - 300 + 7,
                          269731 - 400 + 8)  # fmt: skip
    errors = {f.rule for f in outcome.findings if f.severity.value == "error"}
    # D06: the Chinese provision file titles the programmes in Chinese, so the book
    # prints Chinese, and the English subhead lines have no Chinese title
    assert errors == {"T03", "D06"}
    d06 = {f.cell[0] for f in outcome.findings if f.rule == "D06"}
    assert d06 <= {"B", "C", "D", "E"}  # title cells only
    assert not [f for f in outcome.findings if f.rule in ("D03", "D04", "D08")]


def test_headings_with_line_breaks_and_big5_punctuation():
    assert norm("Sub-\nhead") == "sub-head"
    assert norm("Actual\r\nExpenditure  2023-24") == "actual expenditure 2023-24"
    assert decode("Chief Executive\xa1\xa6s Office".encode("latin-1")) == (
        "Chief Executive’s Office"
    )
    assert decode("總目".encode("cp950")) == "總目"


def test_a_file_that_is_not_an_estimates_csv_is_named(tmp_path, capsys):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    imported = import_files([other, DATA / "des_en.csv"], "135")
    assert [str(i) for i in imported.issues] == [
        f"{other}: line 1: no programme, subhead or item column: not an Estimates"
        " CSV file"
    ]
    with pytest.raises(SourceError) as refused:
        import_files([other], "135")
    assert str(refused.value).startswith(
        f"{other}: not an Estimates CSV file: line 1: no programme, subhead or item"
    )
    assert refused.value.zh.startswith(f"{other}: 不是預算 CSV 檔案")
