"""The ribbon's New year and Export on xlwings' remote engine, from a book whose
clerk keyed cells the reader cannot read as keyed: New year carries them verbatim
exactly as 'estimates rollforward' does (the same book); Export refuses in one
alert naming the cell and writes no folder; a year that is no year is named by
its cell in both."""

import shutil
from pathlib import Path

import pytest

from addin import macros
from workbook.cli import run
from workbook.io import load_book

from .hosts import remote_book
from .remote_actions import apply_actions, cells_of
from .test_data_macros_on_remote_engine import _same, _unmerged

pytestmark = pytest.mark.engine
KEYED = (("Programmes", "G9", "245.4Δ"), ("Subheads", "I5", "175,587"),
         ("Subheads", "I7", 94144.5), ("Subheads", "H5", "#REF!"))  # fmt: skip
"""Estimates (carried to the new Original) and a Revised (not carried)."""


def _keyed(book: Path, cells=KEYED) -> Path:
    wb = load_book(book)
    for sheet, cell, value in cells:
        wb[sheet][cell] = value
    wb.save(book)
    return book


def test_remote_new_year_carries_them_as_the_cli_does(sample_xlsm, libreoffice,
                                                      tmp_path):  # fmt: skip
    _keyed(sample_xlsm)
    cli = tmp_path / "cli_2026-27.xlsm"
    assert run(["rollforward", str(sample_xlsm), "-o", str(cli)]) == 1  # D01/D05
    new = load_book(cli)
    assert [new["Programmes"]["E9"].value, new["Subheads"]["G5"].value,
            new["Subheads"]["G7"].value] == ["245.4Δ", "175,587", 94144.5]  # fmt: skip
    copy = tmp_path / "Head135 下年 2026-27.xlsm"
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path)
    done = macros.new_year(book=book)
    assert done.head.estimate_year == "2026-27"
    remote = _unmerged(copy)
    leftover = apply_actions(remote, book.json()["actions"])
    assert [a["func"] for a in leftover] == ["save", "alert"]
    differ = _same(cells_of(load_book(cli)), cells_of(remote))
    # Checks' "found" column shows text as '245.4Δ' (quoted); written through a
    # host like Excel a leading apostrophe is the text prefix and is dropped.
    quoted = {k for k, (want, got) in differ.items() if k[0] == "Checks"
              and str(want[0]).startswith("'") and want[0][1:] == got[0]}  # fmt: skip
    assert {k: v for k, v in differ.items() if k not in quoted} == {}


def test_remote_export_refuses_naming_the_cell(sample_xlsm, libreoffice, tmp_path):
    _keyed(sample_xlsm, KEYED[:1])
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    folder = tmp_path / "匯出 資料"
    assert macros.export_data([ord(c) for c in str(folder)], book) is None
    said = [a for a in book.json()["actions"] if a["func"] == "alert"]
    assert len(said) == 1 and said[0]["args"][0].count("\n") == 2  # en, zh, refused
    assert said[0]["args"][0].startswith(
        f"Export 匯出: {sample_xlsm.name}: Programmes!G9: Export would lose or change"
    )
    assert said[0]["args"][0].endswith("未有作出任何更改:請按上述說明更正後再試。")
    assert not folder.exists()


def test_remote_new_year_names_a_year_cell(sample_xlsm, libreoffice, tmp_path):
    _keyed(sample_xlsm, (("Head", "C8", "2025/26"),))
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.new_year(book=book) is None
    said = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert said == [
        f"New year 新年度: {sample_xlsm.name}: Head!C8: the Estimate year is '2025/26',"
        " not a year such as 2025-26\n"
        f"{sample_xlsm.name}: Head!C8: 預算年度應為 如 2025-26 的年度,"
        "現為 '2025/26'。\n" + macros.REFUSED
    ]  # wholly Chinese on its line (trial 10d)


def test_remote_refresh_of_a_wrong_year_says_d05_at_its_cell(
    sample_xlsm, libreoffice, tmp_path
):
    """The ribbon's Refresh of a book whose year is keyed '2025/26' stopped with
    a YearError naming no cell (a programme's 'to be keyed' sentence asked the
    year before it): it is D05 at Head!C8, as on the CLI."""
    _keyed(sample_xlsm, (("Head", "C8", "2025/26"),))
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    findings = macros.refresh(book)
    assert [(f.rule, str(f.ref)) for f in findings if f.rule == "D05"] == [
        ("D05", "Head!C8")
    ]
