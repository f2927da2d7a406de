"""The yearly cycle refuses what a new user can get wrong, with one line naming the
file, heading or cell, instead of building a wrong book: CSV files of another
year or Head, two files of one table, a folder among the files, a target year
that is not the next one, an output that already exists, actual expenditure rows
the book has no line for."""

import csv
from pathlib import Path

import pytest

from addin import macros
from estimates.importer import import_files
from estimates.rollforward import YearError, roll_forward
from estimates.source import SAMPLE_HEAD_135, SourceError, load_source, write_source
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.populate import source_head
from workbook.refresh import build_file, check_file

DATA = Path(__file__).parent / "data" / "published"
FILES = [str(DATA / "des_en.csv"), str(DATA / "es_en_totals.csv")]


def _import(tmp_path, *extra, files=FILES):
    return run(["import", *files, "--head", "135", "-o", str(tmp_path / "w"), *extra])


@pytest.mark.parametrize("year", ["2019-20", "2024-25", "2026-27"])
def test_import_refuses_csv_headings_of_another_year(tmp_path, capsys, year):
    assert _import(tmp_path, "--year", year) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "des_en.csv" in err and "'actual (2023-24)'" in err and year in err
    assert not (tmp_path / "w").exists()  # nothing written


def test_import_of_the_headings_year_still_works(tmp_path):
    assert _import(tmp_path, "--year", "2025-26") == 0
    assert (tmp_path / "w" / "head.toml").read_text().count("2025-26") == 1


def test_year_only_headings_are_checked_too(tmp_path, capsys):
    files = [str(DATA / "fin_provision_zh.csv")]
    assert _import(tmp_path, "--year", "2024-25", files=files) == 2
    assert "'2023-24' is for 2023-24" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("head", "said"),
    [("136", f"estimates import: {FILES[0]}: no rows for Head 136; the file holds"
             f" Head 135; {FILES[1]} holds Head 135: give Head 136's files"),
     ("H135", "estimates import: argument --head: not a Head number such as 135:"
              " 'H135'; key it as 135")],
)  # fmt: skip
def test_import_refuses_a_head_the_files_do_not_hold(tmp_path, capsys, head, said):
    argv = ["import", *FILES, "--head", head, "--year", "2025-26", "-o"]
    assert run([*argv, str(tmp_path / "w")]) == 2
    assert capsys.readouterr().err.strip() == said


def test_two_files_of_one_table_are_refused(tmp_path, capsys):
    files = [
        str(DATA / n) for n in ("fin_provision_en_total.csv", "fin_provision_zh.csv")
    ]
    assert _import(tmp_path, "--year", "2025-26", files=files) == 2
    err = capsys.readouterr().err
    assert "two files give the programmes: " in err
    assert "fin_provision_en_total.csv and " in err and err.rstrip().endswith(
        "give one (English or Chinese)"
    )


def test_a_folder_among_the_files_is_one_clerk_line(tmp_path, capsys):
    files = [str(DATA), FILES[0]]
    assert _import(tmp_path, "--year", "2025-26", files=files) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"estimates import: {DATA}: a folder; give the published CSV files"
    with pytest.raises(SourceError, match="a folder"):
        import_files([DATA, Path(FILES[0])], "135", "2025-26")


def test_import_into_an_existing_folder_needs_force(tmp_path, capsys):
    assert _import(tmp_path, "--year", "2025-26") == 0
    before = (tmp_path / "w" / "head.toml").read_text()
    files = [str(DATA / "fin_provision_en_total.csv")]
    assert _import(tmp_path, "--year", "2025-26", files=files) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "w" / "head.toml").read_text() == before
    assert _import(tmp_path, "--year", "2025-26", "--force", files=files) == 0


def _book(sample_book, c3, c8):
    wb = load_book(sample_book)
    wb["Head"]["C3"], wb["Head"]["C8"] = c3, c8
    wb.save(sample_book)
    return snapshot_of(load_book(sample_book), str(sample_book))


@pytest.mark.parametrize(
    ("c3", "c8", "said"),
    [(136, "2025-26", f"{FILES[0]}: no rows for Head 136; the file holds Head 135"),
     ("Head 135", "2025-26",
      "Head!C3: 'Head 135' is not a Head number such as 135; key it as 135"),
     ("135", "2019-20", "'actual (2023-24)' is for 2023-24"),
     ("135", "2025/26",
      "Head!C8: the Estimate year is '2025/26', not a year such as 2025-26")],
)  # fmt: skip
def test_the_ribbons_import_refuses_the_same(sample_book, c3, c8, said):
    snap = _book(sample_book, c3, c8)
    with pytest.raises((SourceError, YearError)) as raised:
        source_head([Path(f) for f in FILES], snap)
    assert said in str(raised.value)


class _App:
    def __init__(self):
        self.said = []

    def alert(self, text, title=""):
        self.said.append(text)


class _Book:
    def __init__(self):
        self.app = _App()


@pytest.mark.parametrize("error, zh", [
    (SourceError("a.csv: bad", "a.csv: 壞了"), "a.csv: 壞了"),  # the raiser's Chinese
    (YearError("bad year"), "未能處理:原因見英文說明。"),  # none: a pointer to it
])  # fmt: skip
def test_the_ribbon_says_a_clerk_mistake_in_one_line_not_as_a_crash(error, zh):
    book = _Book()
    with macros._guard(book, "Import"):
        raise error
    assert book.app.said == [f"Import 匯入: {error}\n{zh}\n{macros.REFUSED}"]


@pytest.mark.parametrize("year", ["2025-26", "2024-25", "2027-28"])
def test_rollforward_refuses_a_year_that_is_not_the_next(sample_book, tmp_path,
                                                          capsys, year):  # fmt: skip
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(sample_book), "-o", str(out), "--year", year]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "estimates rollforward: --year: the new year must be 2026-27, the year after"
        f" the book's 2025-26; {year} was given"
    )
    assert not out.exists()
    with pytest.raises(YearError):
        roll_forward(load_source(SAMPLE_HEAD_135), year)
    assert roll_forward(load_source(SAMPLE_HEAD_135), "2026-27").estimate_year == (
        "2026-27"
    )


def test_rollforward_refuses_an_existing_book_unless_forced(sample_book, tmp_path,
                                                             capsys):  # fmt: skip
    out = tmp_path / "next.xlsx"
    out.write_bytes(b"a clerk's keyed book")
    assert run(["rollforward", str(sample_book), "-o", str(out)]) == 2
    assert "already exists; give a new name, or --force" in capsys.readouterr().err
    assert out.read_bytes() == b"a clerk's keyed book"
    assert run(["rollforward", str(sample_book), "-o", str(out), "--force"]) == 0
    assert load_book(out)["Head"]["C8"].value == "2026-27"


def test_actual_rows_not_applied_are_named(sample_book, tmp_path, capsys):
    actual = tmp_path / "actual.csv"
    with actual.open("w", newline="") as f:
        csv.writer(f).writerows([
            ["Head", "Subhead", "Subhead Name", "Actual 2024-25"],
            ["135", "000", "Operational expenses", "100"],
            ["135", "999", "Unknown", "5"],
            ["136", "000", "Operational expenses", "7"],
        ])  # fmt: skip
    out = tmp_path / "next.xlsx"
    argv = ["rollforward", str(sample_book), "-o", str(out), "--actual", str(actual)]
    assert run(argv) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"estimates rollforward: {actual}: line 3: subhead '999' is not in the book:"
        " not applied",
        f"estimates rollforward: {actual}: line 4: a row of Head 136, not Head 135:"
        " not applied",
    ]
    new = check_file(out).head
    assert next(s.value("actual") for s in new.subheads if s.code == "000") == 100


def test_export_into_an_old_export_folder_leaves_no_stale_file(sample_book, tmp_path):
    folder = tmp_path / "export"
    assert run(["export", str(sample_book), "-o", str(folder)]) == 0
    assert load_source(folder).posts  # the sample has an establishment
    head = load_source(SAMPLE_HEAD_135)
    head.posts, head.pay_scale, head.breakdown = [], [], []
    bare = tmp_path / "bare"
    write_source(head, bare)
    assert not (bare / "establishment.csv").exists()
    book = tmp_path / "bare.xlsx"
    build_file(bare, book)
    assert run(["export", str(book), "-o", str(folder), "--force"]) == 0
    again = load_source(folder)
    assert (again.posts, again.pay_scale, again.breakdown) == ([], [], [])
    for name in ("establishment.csv", "pay_scale.csv", "subhead_000.csv"):
        assert len((folder / name).read_text().splitlines()) == 1  # header only


def test_report_of_a_book_with_no_establishment_says_nil(tmp_path, capsys):
    head = load_source(SAMPLE_HEAD_135)
    head.posts, head.pay_scale = [], []
    head.establishment = type(head.establishment)()
    write_source(head, tmp_path / "src")
    build_file(tmp_path / "src", tmp_path / "b.xlsx")
    run(["report", str(tmp_path / "b.xlsx")])
    out = capsys.readouterr().out
    assert "None" not in out
    assert "Establishment: nil posts at start, net change nil, nil at end" in out
