"""New year given the wrong file of actual expenditure (--actual, or the ribbon's
picker) refuses before writing anything: exit 2, one line naming the file and
what to do, no book. Each wrong file has its own message: another Head's, another
year's, a folder, a workbook, a file with no Actual column (naming its columns),
a source folder's CSV of the book's own year (head.toml says whose Actual it
holds); a source folder's CSV of the right year is read. Off the sample: a real
Head-year and a generated Head as well as Head 135."""

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from estimates.model import COLUMNS, year_labels
from estimates.source import load_source, write_source
from estimates.years import next_year
from workbook.cli import run
from workbook.refresh import build_file, check_file

from .conftest import head_from_published, published_heads

REAL = "2012-112"  # Head 112, 2012-13, from the 556 published Head-years


def _book(kind: str, sample_book: Path, tmp_path: Path) -> Path:
    if kind == "sample":
        return sample_book
    if kind == "real":
        head = head_from_published(published_heads()[REAL])
        folder = tmp_path / "real"
        write_source(head, folder)
    else:
        from .generated_heads import write_head

        folder = write_head(tmp_path / "gen", 11)
    book = tmp_path / f"{kind}.xlsx"
    build_file(folder, book)
    return book


def _csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _subhead_file(path: Path, head, number: str, heading: str) -> Path:
    rows = [[number, s.code, s.title_en, 100] for s in head.subheads]
    return _csv(path, [["Head", "Subhead", "Subhead Name", heading], *rows])


def _wrong_files(book: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each wrong file a careless clerk can pick, and what its refusal must say."""
    head = check_file(book).head
    actual_year = year_labels(next_year(head.estimate_year))[0]
    other = str(int(head.head) + 1)
    folder = tmp_path / "a folder"
    folder.mkdir()
    _subhead_file(folder / "actual.csv", head, head.head, f"Actual {actual_year}")
    export = tmp_path / "export"
    assert run(["export", str(book), "-o", str(export)]) == 0
    stale = year_labels(head.estimate_year)[0]
    return {
        "another Head's": (
            _subhead_file(tmp_path / "o.csv", head, other, f"Actual {actual_year}"),
            f"holds Head {other}'s actual expenditure, not Head {head.head}'s;"
            f" give Head {head.head}'s file",
        ),
        "another year's": (
            _subhead_file(tmp_path / "y.csv", head, head.head, f"Actual {stale}"),
            f"the Actual column 'actual {stale}' is for {stale}; the new year's"
            f" Actual is for {actual_year}: give the {actual_year} file",
        ),
        "a folder": (
            folder,
            "is a folder; give the CSV file(s) of actual"
            " expenditure in it (it has actual.csv)",
        ),
        "a workbook": (book, "is a workbook, not a CSV file; save its sheet"),
        "no Actual column": (
            _subhead_file(tmp_path / "n.csv", head, head.head, "Original"),
            "no one Actual column (its columns: head, subhead, subhead name,"
            " original); give a CSV with one column of actual expenditure",
        ),
        "no line column": (
            _csv(tmp_path / "x.csv", [["Name", "Amount"], ["a", "1"]]),
            "no programme, subhead or item column (its columns: name, amount)",
        ),
        "a source folder's CSV of the book's year": (
            export / "subheads.csv",
            f"its Actual column is for {stale} ({export / 'head.toml'}: Estimate"
            f" year {head.estimate_year}); the new year's Actual is for {actual_year}",
        ),
    }


CASES = (
    "another Head's", "another year's", "a folder", "a workbook", "no Actual column",
    "no line column", "a source folder's CSV of the book's year",
)  # fmt: skip


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_rollforward_refuses_each_wrong_actual_file_in_one_line(
    kind, sample_book, tmp_path, capsys
):
    book = _book(kind, sample_book, tmp_path)
    wrong = _wrong_files(book, tmp_path)
    assert sorted(wrong) == sorted(CASES)
    capsys.readouterr()
    for case, (path, said) in wrong.items():
        out = tmp_path / f"next {case}.xlsx"
        argv = ["rollforward", str(book), "-o", str(out), "--actual", str(path)]
        assert run(argv) == 2, case
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1, (case, err)
        assert err[0].startswith(f"estimates rollforward: {path}: "), (case, err)
        assert said in err[0], (case, err)
        assert not out.exists(), case  # refused before anything was written
    assert sorted(p.name for p in tmp_path.glob("next*")) == []


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_a_source_folders_csv_of_the_right_year_fills_actual(
    kind, sample_book, tmp_path, capsys
):
    """An export of the book, as if of the next year's folder (head.toml says so):
    its Actual column is the new year's Actual, read line by line."""
    book = _book(kind, sample_book, tmp_path)
    export = tmp_path / "export"
    assert run(["export", str(book), "-o", str(export)]) == 0
    later = tmp_path / "next year's folder"
    shutil.copytree(export, later)
    toml = (later / "head.toml").read_text(encoding="utf-8")
    old_year = check_file(book).head.estimate_year
    (later / "head.toml").write_text(
        toml.replace(old_year, next_year(old_year)), encoding="utf-8"
    )
    out = tmp_path / "rolled.xlsx"
    argv = ["rollforward", str(book), "-o", str(out), "--actual"]
    assert run([*argv, str(later / "subheads.csv")]) in (0, 1)
    said = capsys.readouterr().out
    want = {s.code: s.value("actual") for s in load_source(later).subheads
            if not s.is_deduction}  # fmt: skip
    got = {s.code: s.value("actual") for s in check_file(out).head.subheads
           if not s.is_deduction}  # fmt: skip
    assert got == want and any(v is not None for v in got.values())
    actual = COLUMNS.index("actual")  # a nil keyed in the file ("-") is filled too
    filled = sum(s.amounts[actual].keyed for s in load_source(later).subheads
                 if not s.is_deduction)  # fmt: skip
    assert f"Actual filled for 0 programme(s), {filled} subhead line(s)" in said


@pytest.mark.parametrize("kind", ["sample", "real"])
def test_a_programme_retitled_between_the_years_is_applied_with_a_note(
    kind, sample_book, tmp_path, capsys
):
    book = _book(kind, sample_book, tmp_path)
    head = check_file(book).head
    year = year_labels(next_year(head.estimate_year))[0]
    rows = [[head.head, f"({p.number})", p.title_en, "1.5"] for p in head.programmes]
    header = ["Head", "Programme No.", "Programme", f"Actual {year}"]
    same = _csv(tmp_path / "same.csv", [header, *rows])
    rows[-1][2] = "A title of the new year"
    path = _csv(tmp_path / "programmes.csv", [header, *rows])
    argv = ["rollforward", str(book), "--actual"]
    plain = run([*argv, str(same), "-o", str(tmp_path / "plain.xlsx")])
    out = tmp_path / "next.xlsx"
    capsys.readouterr()
    assert run([*argv, str(path), "-o", str(out)]) == plain  # a note, not a failure
    last = head.programmes[-1]
    assert capsys.readouterr().err.splitlines() == [
        f"estimates rollforward: {path}: line {len(rows) + 1}: note: programme"
        f" ({last.number}) is"
        f" 'A title of the new year' here but {last.title_en!r} in the book: applied"
        " by its number; check that it is the same programme"
    ]
    got = [p.value("actual") for p in check_file(out).head.programmes]
    assert got == [Decimal("1.5")] * len(rows)
