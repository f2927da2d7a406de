"""One year parser (estimates/years.py) reads every year: Head!C8 on refresh, check,
export and New year, head.toml, the published CSV files' headings, --year of
import and rollforward; each refusal names the cell, file or option, in one line.
No other module reads a year its own way."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimates.importer import import_files
from estimates.source import SAMPLE_HEAD_135, SourceError, load_source, write_source
from estimates.years import (
    YearError,
    column_years,
    next_year,
    parse_year,
    previous_year,
    year_in,
)
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.populate import source_head
from workbook.refresh import check_file

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "published"


@given(st.integers(1950, 2098))
def test_every_year_reads_and_moves_on(first):
    year = f"{first}-{(first + 1) % 100:02d}"
    assert parse_year(f" {year.replace('-', '–')} ") == year
    assert previous_year(next_year(year)) == year
    assert column_years(year)[3] == year and column_years(year)[0] == (
        previous_year(previous_year(year))
    )
    assert year_in(f"Actual {first}-{str(first + 1)[2:]} 實際") == year
    assert year_in(f"Original Estimate {first}/{str(first + 1)[2:]}") == year


@pytest.mark.parametrize(
    "text", ["2025/26", "2025", "2025-27", "25-26", "2025-2026", "", "二零二五至二六"]
)
def test_what_is_no_year_is_refused_naming_where(text):
    with pytest.raises(YearError) as raised:
        parse_year(text, "Head!C8")
    said = str(raised.value)
    assert said.startswith("Head!C8: the Estimate year is ")
    assert (repr(text) if text else "blank") in said and "2025-26" in said
    assert year_in(f"Estimate {text}") is None or text == "2025/26"
    assert column_years(text) == ("", "", "", text)


def _book_with_year(sample_book, year, tmp_path):
    wb = load_book(sample_book)
    wb["Head"]["C8"] = year
    path = tmp_path / "y.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("year", ["2025/26", 2025, "2025-27"])
def test_a_book_whose_year_is_no_year(sample_book, tmp_path, capsys, year):
    """check flags Head!C8 (D05); New year and Export refuse naming the cell."""
    book = _book_with_year(sample_book, year, tmp_path)
    flagged = [f for f in check_file(book).findings if f.ref and f.ref.cell == "C8"]
    assert [(f.rule, str(f.ref)) for f in flagged] == [("D05", "Head!C8")]
    assert flagged[0].message_en.startswith(
        "The Estimate year (Head!C8): expected a year such as 2025-26, found"
        f" {str(year)!r}."
    )
    capsys.readouterr()
    assert run(["rollforward", str(book), "-o", str(tmp_path / "n.xlsx")]) == 2
    assert run(["export", str(book), "-o", str(tmp_path / "dir")]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 2 and all(f"{book}: Head!C8: " in line for line in said)
    assert not (tmp_path / "n.xlsx").exists() and not (tmp_path / "dir").exists()


def test_an_en_dash_year_is_the_same_year(sample_book, tmp_path):
    book = _book_with_year(sample_book, "2025–26", tmp_path)
    outcome = check_file(book)
    assert outcome.head.estimate_year == "2025-26"
    assert not [f for f in outcome.findings if f.rule == "D05"]


def test_head_toml_names_itself(tmp_path):
    folder = tmp_path / "src"
    write_source(load_source(SAMPLE_HEAD_135), folder)
    toml = folder / "head.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('estimate_year = "2025-26"', 'estimate_year = "2025/26"')
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_source(folder)
    assert str(raised.value) == (
        f"{toml}: estimate_year: the Estimate year is '2025/26', not a year such as"
        " 2025-26"
    )


def test_import_year_option_and_headings(tmp_path, capsys):
    files = [str(DATA / "des_en.csv"), str(DATA / "es_en_totals.csv")]
    argv = ["import", *files, "--head", "135", "-o"]
    assert run([*argv, str(tmp_path / "a"), "--year", "2025/26"]) == 2
    assert capsys.readouterr().err.strip() == (
        "estimates import: --year: the Estimate year is '2025/26', not a year such"
        " as 2025-26"
    )
    assert run([*argv, str(tmp_path / "b"), "--year", "2025–26"]) == 0
    assert 'estimate_year = "2025-26"' in (tmp_path / "b" / "head.toml").read_text()
    with pytest.raises(SourceError, match="is for 2023-24, but the Estimate year"):
        import_files([DATA / "des_en.csv"], "135", "2024-25")


def test_the_ribbons_import_names_the_cell(sample_book):
    wb = load_book(sample_book)
    wb["Head"]["C8"] = "2025/26"
    snap = snapshot_of(wb, str(sample_book))
    with pytest.raises(YearError) as raised:
        source_head([DATA / "des_en.csv"], snap)
    assert str(raised.value).startswith(f"{sample_book}: Head!C8: the Estimate year")


def test_no_module_reads_a_year_its_own_way():
    """A year read elsewhere (a regex of four digits, int(year[:4])) would be a
    second parser with its own idea of a year."""
    own = re.compile(r"\\d\{4\}|\[:4\]|\(\\d\)\{4\}")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("estimates", "workbook", "addin", "udfs")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "years.py" and own.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("year", "hint"),
    [("2013/14", "Key it as 2013-14."), (2013, "Key it as 2013-14."),
     ("FY13", "Key the Estimate year, such as 2025-26.")],
)  # fmt: skip
def test_the_year_hint_names_the_year_the_clerk_meant(
    sample_book, tmp_path, year, hint
):
    book = _book_with_year(sample_book, year, tmp_path)
    (d05,) = [f for f in check_file(book).findings if f.ref and f.ref.cell == "C8"]
    assert d05.message_en.endswith(hint)
