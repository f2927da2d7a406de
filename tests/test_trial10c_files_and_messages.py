"""Trial 10c items 8, 17 and 18: a CSV saved by Excel as Windows-1252 put a
control character for ’ into the book with no word, and one saved as 'Unicode
Text' (UTF-16) was refused as "not an Estimates CSV file"; a rolled book of a
Head with no establishment asked for its ceiling, net change and directorate;
`build` of a folder of published CSV files and `import` of a workbook did not
say what to do instead. On Head 135's published files, real Head-years and a
generated Head."""

from __future__ import annotations

import codecs
import contextlib
import io
import shutil
from pathlib import Path

import pytest

from estimates.importer import import_files
from estimates.source import SourceError, write_source
from workbook.cli import run
from workbook.populate import rollforward_file
from workbook.refresh import build_file, check_file

from .conftest import head_from_published, published_heads
from .generated_heads import source_folder

DATA = Path(__file__).parent / "data" / "published"
TEXT = (
    "Head,Programme No.,Programme,Actual Expenditure 2011-12,Approved Estimate"
    " 2012-13,Revised Estimate 2012-13,Estimate 2013-14\n"
    "112,(1),Members’ Offices,1.0,2.0,3.0,4.0\n"
)


@pytest.mark.parametrize(
    "encoding, said",
    [
        ("cp1252", "Windows-1252 (Excel's 'CSV' save)"),
        ("utf-16", "UTF-16 (Excel's 'Unicode Text')"),
    ],
)
def test_a_csv_saved_by_excel_is_read_and_its_encoding_said(encoding, said,
                                                            tmp_path):  # fmt: skip
    path = tmp_path / f"檔案 {encoding}.csv"
    path.write_bytes(TEXT.encode(encoding))  # utf-16: with its byte-order mark
    assert path.read_bytes()[:2] != codecs.BOM_UTF8[:2]
    imported = import_files([path], "112", "2013-14")
    assert [row[1] for row in imported.programmes] == ["Members’ Offices"]
    assert [str(i) for i in imported.issues] == [
        f"{path}: line 1: note: read as {said}, not UTF-8; check its accented letters"
    ]


def test_utf8_and_big5_files_are_read_without_a_note(tmp_path):
    for path in (DATA / "fin_provision_zh.csv", DATA / "es_en_totals.csv"):
        imported = import_files([path], "135", "2025-26")
        assert not [i for i in imported.issues if "read as" in str(i)], path


def test_a_workbook_given_to_import_is_named_as_one(sample_book, tmp_path):
    renamed = tmp_path / "book saved as.csv"  # an .xlsx renamed: its bytes say
    shutil.copy(sample_book, renamed)
    for path in (sample_book, renamed):
        with pytest.raises(SourceError) as raised:
            import_files([path], "135", "2025-26")
        assert str(raised.value).startswith(f"{path}: a workbook, not a CSV file;")


def test_build_of_a_folder_of_published_files_points_to_import(tmp_path):
    folder = tmp_path / "下載 files"
    folder.mkdir()
    shutil.copy(DATA / "es_en_totals.csv", folder)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert run(["build", str(folder), "-o", str(tmp_path / "b.xlsx")]) == 2
    assert (
        err.getvalue()
        .strip()
        .endswith(
            "(it holds CSV files: for the Government's published Estimates CSV files,"
            " run 'estimates import' first)"
        )
    )


@pytest.mark.parametrize("kind", ["real", "generated"])
def test_no_establishment_leaves_nothing_of_it_to_key(kind, tmp_path):
    """A real Head-year (no establishment published) asks for no ceiling, net
    change or directorate; a generated Head (with one) still does."""
    if kind == "real":
        folder = tmp_path / "real"
        write_source(head_from_published(published_heads()["2013-112"]), folder)
    else:
        folder = source_folder(kind, tmp_path, "", 9)
    book, nxt = tmp_path / "book.xlsx", tmp_path / "next.xlsx"
    build_file(folder, book)
    rollforward_file(book, nxt)
    head = check_file(nxt)
    counts = {str(f.ref) for f in head.findings if f.rule == "F01"
              and f.ref.sheet == "Head"}  # fmt: skip
    if kind == "real":
        assert counts == set()
    else:
        assert {"Head!C14", "Head!C15", "Head!C16"} <= counts
