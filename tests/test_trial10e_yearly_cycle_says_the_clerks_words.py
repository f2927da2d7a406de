"""Trial 10e items 8, 9 and 10: what New year, Export and build say a clerk can
follow. A Chinese file of actual expenditure had its programme titles compared
with the book's English ones (a note for every line: noise); now each title is
compared with the book's in the file's language, or not at all. A Head with no
establishment rolled forward gained chart years with no posts; now none. The
ribbon's New year said '--year' of a year typed in its box; a missing sheet was
listed as 'None: ...' under "2 cells"; `build BOOK.xlsx` said only "not a folder
of source data". On Head 135, a generated Head and a real Head-year (English
only, no establishment); the CLI, and the ribbon on the remote engine."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin import macros
from estimates.model import year_labels
from estimates.years import next_year
from workbook.populate import HISTORY_COLUMNS, rollforward_file
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder
from .hosts import cli_said

KINDS = ("sample", "real", "generated")


def _book(kind: str, tmp_path: Path) -> Path:
    book = tmp_path / "本年 book.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 47), book)
    return book


@pytest.mark.parametrize("kind", KINDS)
def test_a_chinese_actual_file_is_compared_with_the_chinese_titles(kind, tmp_path):
    book = _book(kind, tmp_path)
    head = check_file(book).head
    year = year_labels(next_year(head.estimate_year))[0]
    path = tmp_path / "綱領 zh.csv"
    rows = [["總目", "綱領編號", "綱領", f"實際開支 {year}"]]
    for i, p in enumerate(head.programmes):
        title = "另一綱領" if i == 0 else (p.title_zh or "漁農")
        rows.append([head.head, p.number, title, "1.0"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    _, issues = rollforward_file(book, tmp_path / "next.xlsx", actual_files=(path,))
    notes = [i for i in issues if i.note]
    first = head.programmes[0]
    if not first.title_zh:  # English only: nothing to compare the Chinese with
        assert notes == []
        return
    assert [(n.line, first.title_zh in n.reason) for n in notes] == [(2, True)]


def _history(book: Path) -> list[list]:
    charts = load_workbook(book)["Charts"]
    return [
        [charts.cell(r, c).value for c in HISTORY_COLUMNS]
        for r in range(5, 8)
        if any(charts.cell(r, c).value is not None for c in HISTORY_COLUMNS)
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_head_with_no_establishment_rolls_on_with_no_chart_years(kind, tmp_path):
    book = _book(kind, tmp_path)
    nxt = tmp_path / "next.xlsx"
    rollforward_file(book, nxt)
    posts = check_file(book).head.establishment.posts_start.value
    if posts is None:
        assert _history(nxt) == []  # was [["2013", None]]: a year with no posts
    else:
        year = check_file(book).head.estimate_year[:4]
        assert _history(nxt)[-1] == [year, posts]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_sheets_are_listed_by_name_not_none(kind, tmp_path):
    book = _book(kind, tmp_path)
    wb = load_workbook(book)
    del wb["Subhead000"]
    wb["Programmes"].title = "Programs"
    wb.save(book)
    for command in (["rollforward", book, "-o", tmp_path / "n.xlsx"],
                    ["export", book, "-o", tmp_path / "exported"]):  # fmt: skip
        code, said = cli_said(*command)
        assert code == 2 and len(said) == 3
        assert f"{book}: 2 tables or sheets: " in said[0]
        assert [line.strip()[:25] for line in said[1:]] == [
            "The sheet 'Programmes' is",
            "The sheet 'Subhead000' is",
        ]
        assert "None" not in "\n".join(said)
        assert (
            "(the book has 'Programs', a sheet the template does not: renamed?)"
            in (said[0])
        )  # the renamed sheet is right there


@pytest.mark.parametrize("kind", KINDS)
def test_build_of_a_book_points_to_export(kind, tmp_path):
    book = _book(kind, tmp_path)
    assert cli_said("build", book, "-o", tmp_path / "b.xlsx") == (2, [
        f"estimates build: {book}: not a folder of source data (a workbook:"
        " 'estimates export' it to a folder to build from; 'estimates refresh'"
        " updates it as it is)"
    ])  # fmt: skip


def test_the_ribbons_new_year_names_the_typed_year_not_an_option(
    sample_xlsm, libreoffice, tmp_path
):
    from .hosts import remote_book

    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    for typed in ("2026/27", "2030-31"):
        assert (
            macros.new_year_check(str(tmp_path / "n.xlsm"), typed, book=book) is False
        )
    said = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert len(said) == 2 and not any("--year" in text for text in said)
    assert said[0].startswith(
        "New year 新年度: the year you typed: the Estimate year is '2026/27'"
    )
    assert "你輸入的年度" in said[0].splitlines()[1]
    assert said[1].startswith(
        "New year 新年度: the year you typed: the new year must be 2026-27"
    )
    code, err = cli_said("rollforward", sample_xlsm, "-o", tmp_path / "c.xlsm",
                     "--year", "2026/27")  # fmt: skip
    assert code == 2 and err[0].startswith("estimates rollforward: --year: ")
