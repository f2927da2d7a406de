"""Trial 10e item 3: `build` read a short row of a source folder's CSV (its last
cells cut off: `...,600,Works,,153,1798`) as nil with no word (Revised of 600
silently nil, a T03 elsewhere), while `import` refused a short row of a published
file naming file and line. One reader rule now (estimates.source.row_fault) for
every CSV read: a source folder's (build, the ribbon's Import of a folder), a
published file's (import), a file of actual expenditure (New year): a row with
fewer (or more) cells than headings is named with its file and line, not read.
Build refuses with exit 2 and that one line. A source folder's row short only of
trailing text that may be blank (a programme's policy areas) is read, those cells
blank: Excel saves a CSV so, leaving out the commas of empty cells at a row's end.
On Head 135, a generated Head and a real Head-year; the CLI and the ribbon's Import
on the remote engine."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest

from addin import macros
from estimates.importer import import_files, read_actuals
from workbook.cli import run

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")
REASON = "a short row: {} of {} cells; a missing cell is not taken as nil, so the row is not read"  # noqa: E501


def _folder(kind: str, tmp_path: Path) -> Path:
    return source_folder(kind, tmp_path / "src folder", "2012-95", 37, editable=True)


def _cut(path: Path, cells: int = 2) -> str:
    """The file's last row with its last ``cells`` cells cut off (as a clerk's
    editor may save it): the line the reader must name."""
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    width = len(rows[0])
    rows[-1] = rows[-1][: width - cells]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return f"{path}: line {len(rows)}: " + REASON.format(width - cells, width)


@pytest.mark.parametrize(
    ("table", "cells"), [("subheads.csv", 2), ("programmes.csv", 3)]
)
@pytest.mark.parametrize("kind", KINDS)
def test_build_refuses_a_short_row_naming_file_and_line(kind, table, cells, tmp_path):
    """Short of a figure (a programme's Estimate, its policy areas after it)."""
    folder = _folder(kind, tmp_path)
    said = _cut(folder / table, cells)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(["build", str(folder), "-o", str(tmp_path / "b.xlsx")])
    assert code == 2
    assert err.getvalue().splitlines() == [f"estimates build: {said}"]
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_short_of_its_blank_policy_areas_reads_as_excel_saved_it(kind, tmp_path):
    """Excel leaves out the commas of empty cells at the end of a row: a
    programme's row without its blank policy areas builds as the whole row does."""
    from estimates.source import load_source

    folder = _folder(kind, tmp_path)
    path = folder / "programmes.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    rows[-1][-2:] = ["", ""]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    whole = load_source(folder)
    rows[-1] = rows[-1][:-2]  # as Excel saves it: no trailing commas
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert len(rows[-1]) == len(rows[0]) - 2
    assert load_source(folder) == whole
    assert whole.programmes[-1].policy_area == ""


def test_import_and_the_actual_files_say_the_same_of_a_short_row(tmp_path):
    """The published file (import) and a file of actual expenditure (New year)
    name a short row in the same words as build: one rule."""
    published = tmp_path / "es.csv"
    published.write_text(
        "Head,Account,Section,Subhead,Subhead Name,Actual 2023-24,"
        "Original 2024-25,Revised 2024-25,Estimate 2025-26\n"
        "135,Operating,Recurrent,000,Operational expenses,1,2,3,4\n"
        "135,Operating,Non-Recurrent,700,General,1,2\n",
        encoding="utf-8",
    )
    issues = import_files([published], "135", "2025-26").issues
    assert [str(i) for i in issues] == [f"{published}: line 3: " + REASON.format(7, 9)]
    actual = tmp_path / "accounts.csv"
    actual.write_text(
        "Head,Subhead,Subhead Name,Actual 2024-25\n135,000,Operational expenses,5\n"
        "135,700\n",
        encoding="utf-8",
    )
    got, issues = read_actuals([actual], "135", "2024-25")
    assert list(got.values()) == [5]  # the full row only
    assert [str(i) for i in issues] == [f"{actual}: line 3: " + REASON.format(2, 4)]


@pytest.mark.parametrize("kind", KINDS)
def test_the_ribbons_import_of_a_folder_refuses_a_short_row(
    kind, sample_xlsm, libreoffice, tmp_path
):
    from .hosts import remote_book

    folder = _folder(kind, tmp_path)
    said = _cut(folder / "subheads.csv")
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.import_data([str(folder)], book) is None
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]  # nothing written
    assert actions[0]["args"][0].splitlines()[0] == f"Import 匯入: {said}"
