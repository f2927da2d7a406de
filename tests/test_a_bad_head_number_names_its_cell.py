"""Head!C3 keyed as 'Head 135' or '135.0' (text) is named, book, sheet and cell,
wherever it is read: D05 on Check/Refresh (kept as keyed), Import (a folder or
the published CSV files), Export and New year with actual expenditure each refuse
in one line naming the cell; a whole number typed as 135.0 is the Head 135.
Off the sample: a real Head-year and a generated Head as well as Head 135."""

import csv
from pathlib import Path

import pytest

from estimates.source import SourceError
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.populate import source_head
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

PUBLISHED = Path(__file__).parent / "data" / "published"


def _book(kind: str, tmp_path: Path) -> tuple[Path, Path]:
    """A book of the kind and the source folder it was built from."""
    folder = source_folder(kind, tmp_path, real="2010-80", seed=5)
    book = tmp_path / f"{kind}.xlsx"
    build_file(folder, book)
    return book, folder


def _keyed(book: Path, value) -> str:
    wb = load_book(book)
    number = str(wb["Head"]["C3"].value)
    wb["Head"]["C3"] = value.replace("N", number) if isinstance(value, str) else value
    wb.save(book)
    return number


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
@pytest.mark.parametrize("typed", ["Head N", "N.0", "H N"])
def test_a_head_number_that_is_not_one_is_named_at_its_cell(
    kind, typed, tmp_path, capsys
):
    book, folder = _book(kind, tmp_path)
    number = _keyed(book, typed)
    shown = typed.replace("N", number)
    cell = f"{book}: Head!C3: {shown!r} is not a Head number such as 135"
    d05 = [f for f in check_file(book).findings if f.rule == "D05"]
    assert [(str(f.ref), f.found) for f in d05] == [("Head!C3", repr(shown))]
    assert f"Key it as {number}." in d05[0].message_en
    assert f"請輸入 {number}。" in d05[0].message_zh

    snap = snapshot_of(load_book(book), str(book))
    with pytest.raises(SourceError) as raised:
        source_head([folder], snap)
    assert str(raised.value) == f"{cell}; key it as {number}"

    capsys.readouterr()
    assert run(["export", str(book), "-o", str(tmp_path / "exported")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"{book}: Head!C3: Export would lose" in err[0]

    actual = tmp_path / "actual.csv"
    with actual.open("w", newline="") as f:
        csv.writer(f).writerows([["Head", "Subhead", "Actual"], [number, "000", 1]])
    out = tmp_path / "next.xlsx"
    argv = ["rollforward", str(book), "-o", str(out), "--actual", str(actual)]
    assert run(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"estimates rollforward: {cell}; key it as {number}"]
    assert not out.exists()


def test_import_of_the_published_files_names_the_cell(tmp_path):
    book, _ = _book("sample", tmp_path)
    _keyed(book, "Head N")
    snap = snapshot_of(load_book(book), str(book))
    files = [PUBLISHED / "des_en.csv", PUBLISHED / "es_en_totals.csv"]
    with pytest.raises(SourceError, match=r"Head!C3: 'Head 135' is not a Head"):
        source_head(files, snap)


def test_a_whole_number_typed_as_a_decimal_is_the_head(tmp_path):
    book, folder = _book("sample", tmp_path)
    _keyed(book, 135.0)
    outcome = check_file(book)
    assert outcome.head.head == "135"
    assert not [f for f in outcome.findings if str(f.ref) == "Head!C3"]
    head, tables, _ = source_head([folder], snapshot_of(load_book(book), str(book)))
    assert head.head == "135" and "tblProgrammes" in tables
