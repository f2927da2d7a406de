"""What the ribbon's Import, New year and Export tell the clerk: the tables by the
titles their sheets show, the Head inputs by their labels (no table or defined
name such as tblProgrammes or HeadTitleEn), in English and Chinese, no table that
is empty before and after, and for Import each keyed value it replaced (cell:
old -> new) and that Revert puts every one back; a refusal in both languages.
Off the sample: a generated Head and a real Head-year; on xlwings' remote engine."""

import re
import shutil

import pytest

from addin import macros
from estimates.source import SAMPLE_HEAD_135, load_source, write_source
from estimates.tables import HEAD_LISTS
from workbook import layout as L
from workbook.io import load_book
from workbook.populate import REVERT_VALUES, SHOWN, exported
from workbook.refresh import build_file, revert_file

from .conftest import head_from_published, published_heads
from .generated_heads import write_head
from .hosts import import_on_file, remote_book

INTERNAL = re.compile(
    r"\btbl[A-Z]|"
    + "|".join(rf"\b{re.escape(f.name)}\b" for f in L.HEAD_INPUTS if f.name.isalnum())
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _speaks_to_the_clerk(lines: list[str]) -> None:
    assert lines
    for line in lines:
        assert not INTERNAL.search(line), line
        if not re.match(r"\S+!\$?[A-Z]+\d+: ", line):  # a cell: old -> new
            assert CJK.search(line), line  # both languages on every other line


def test_import_names_each_keyed_value_it_replaced(sample_book, tmp_path):
    wb = load_book(sample_book)
    wb["Programmes"]["G8"] = 30.0
    wb["Head"]["C4"] = "The clerk's title"
    wb.save(sample_book)
    done = import_on_file(sample_book, [SAMPLE_HEAD_135])[0]
    lines = done.summary()
    _speaks_to_the_clerk(lines)
    assert lines[-4:] == [
        "Keyed values replaced 已取代的輸入值 (2):",
        "Head!C4: \"The clerk's title\" -> 'Government Secretariat: Innovation,"
        " Technology and Industry Bureau'",
        "Programmes!G8: 30 -> 24.3",
        "Revert puts every one back. 按「還原」可全部復原。",
    ]
    assert "Title (English) 名稱(英文) (C4)" in lines[-5]
    revert_file(sample_book)
    wb = load_book(sample_book)
    assert (wb["Programmes"]["G8"].value, wb["Head"]["C4"].value) == (
        30, "The clerk's title")  # fmt: skip


def test_import_of_another_head_counts_what_it_replaced(sample_book, tmp_path):
    """A generated Head into the sample book (cleared of its Head and year):
    every replaced value is counted; the first ones are listed."""
    wb = load_book(sample_book)
    wb["Head"]["C3"] = wb["Head"]["C8"] = None
    wb.save(sample_book)
    done = import_on_file(sample_book, [write_head(tmp_path / "gen", 31)])[0]
    lines = done.summary()
    _speaks_to_the_clerk(lines)
    count = int(re.search(r"\((\d+)\):$", lines[-SHOWN - 3]).group(1))
    assert count == len(done.overwritten) > SHOWN
    assert lines[-2] == f"... and {count - SHOWN} more 其餘 {count - SHOWN} 項"


@pytest.mark.parametrize("kind", ["real", "generated"])
def test_export_lists_the_tables_it_wrote_and_no_empty_one(kind, tmp_path):
    folder = tmp_path / "src"
    if kind == "real":
        write_source(head_from_published(published_heads()["2013-44"]), folder)
    else:
        write_head(folder, 3)
    head = load_source(folder)
    lines = exported(head)
    _speaks_to_the_clerk(lines)
    titles = dict(L.SHEETS)
    for name, spec in L.TABLES.items():
        rows = len(getattr(head, HEAD_LISTS[name]))
        shown = [line for line in lines if line.startswith(titles.get(spec.sheet, "-"))]
        assert bool(shown) == bool(rows and spec.table.csv), (name, lines)
        if shown:
            assert shown[0] == (
                f"{titles[spec.sheet]}: {rows} row(s) 行 -> {spec.table.csv}"
            )


def test_the_ribbons_import_and_new_year_say_it_on_the_remote_engine(
    libreoffice, sample_xlsm, tmp_path
):
    wb = load_book(sample_xlsm)
    wb["Programmes"]["G8"] = 30.0
    wb.save(sample_xlsm)
    book = remote_book(sample_xlsm, libreoffice, tmp_path / "import")
    macros.import_data([str(SAMPLE_HEAD_135)], book)
    said = book.json()["actions"][-1]["args"][0].splitlines()
    assert said[0] == "Imported 已匯入:"
    assert "Programmes!G8: 30 -> 24.3" in said
    assert REVERT_VALUES in said  # the remote engine sees no formula to put back
    _speaks_to_the_clerk(said[1:-1])  # the last: the findings, in both languages

    copy = tmp_path / "copy.xlsm"
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path / "new year")
    macros.new_year(book=book)
    said = book.json()["actions"][-1]["args"][0].splitlines()
    assert said[0] == "New year 新年度 2026-27:"
    _speaks_to_the_clerk(said[1:])


def test_a_build_then_import_of_the_same_folder_replaces_no_keyed_value(tmp_path):
    folder = write_head(tmp_path / "gen", 8)
    book = tmp_path / "b.xlsx"
    build_file(folder, book)
    done = import_on_file(book, [folder])[0]
    assert done.overwritten == []
    assert not [line for line in done.summary() if "Keyed values" in line]
